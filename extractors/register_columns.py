"""Header fields a register prints as columns: exports from payroll systems carry the company, the pay date and the
period on every employee's line instead of once above the table ('Company | Pay Date | Period Start | ... | Net').

A column whose header names such a field and that holds one and the same value on every row gives that field; a
column whose rows disagree (two pay dates in one register) gives nothing, and the document goes to review without it.
"""

from __future__ import annotations

import re

from collections.abc import Callable

from backoffice.document import Field, Word
from extractors import values
from extractors.classify import fold
from extractors.layout import Layout, Phrase
from extractors.tables import TableResult
from extractors.values import DateHit

# Folded header texts, matched whole: a column header is a short label, never a sentence holding one.
HEADERS = {
    "employer_name": r"(employer|company|firma|arbeitgeber|client|entity|legal\s*entity|unternehmen|mandant|employeur"
                     r"|entreprise|societe|empresa|azienda|werkgever|bedrijf)(\s*name)?",
    "pay_date": r"(pay|payment|check|cheque|deposit|value)\s*date|paid\s*on|date\s*paid|payday|zahltag|auszahlung(sdatum)?"
                r"|zahlungsdatum|valuta|wertstellung|date\s*de\s*(paiement|paie)|fecha\s*de\s*pago|data\s*pagamento"
                r"|betaaldatum",
    "pay_period_start": r"(pay\s*)?period\s*(start|begin\w*|beg\.?|from)(\s*date)?|start\s*date|from|von|beginn|periodenbeginn"
                        r"|debut\s*(de\s*)?periode|inicio(\s*periodo)?|van",
    "pay_period_end": r"(pay\s*)?period\s*(end\w*|to|thru|through)(\s*date)?|end\s*date|to|thru|through|bis|ende|periodenende"
                      r"|fin\s*(de\s*)?periode|fin(\s*periodo)?|tot",
    "pay_period": r"(pay\s*)?period|zeitraum|abrechnungszeitraum|periode(\s*de\s*paie)?|periodo",
}
SURE_ROWS = 3  # the same value on this many rows is as sure as a labelled value above the table


def column_fields(layout: Layout, table: TableResult, day_first: bool | None,
                  find_dates: Callable[..., list[DateHit]] = values.find_dates) -> dict[str, Field]:
    """Fields read from columns of one value under a header that names them, by field name; `find_dates` reads the
    dates as the register's kind prints them (exports: '20260301', 'Mar-01-2026')."""
    found: dict[str, Field] = {}
    lines = sorted(table.lines)
    for n, index in enumerate(lines):
        line = layout.lines[index]
        if any(re.search(r"\d", w.text) for w in line.words):
            continue  # a row, not a header
        titles = [part for phrase in line.phrases for part in _titles(phrase)]
        for k, (name, words) in enumerate(titles):
            if name is None or name in found:
                continue
            right = titles[k + 1][1][0].box[0] if k + 1 < len(titles) else 1.0
            cells = _cells(layout, lines[n + 1:], line.page, words[0].box[0], right)
            found.update(_one_value(name, cells, day_first, find_dates))
    return found


def _header_name(words: list[Word]) -> str | None:
    folded = fold(" ".join(w.text for w in words))
    return next((name for name, pattern in HEADERS.items() if re.fullmatch(rf"\s*(?:{pattern})\s*[:.]?\s*", folded)), None)


def _titles(phrase: Phrase) -> list[tuple[str | None, list[Word]]]:
    """The column titles in a header phrase, each with the field it names (None: a column of the table's own or
    another): tight columns run their titles into one phrase ('Period Begin Period End Name'), read from the left,
    the longest title first."""
    words, out, i = phrase.words, [], 0
    while i < len(words):
        j = next((j for j in range(min(len(words), i + 4), i, -1) if _header_name(words[i:j])), None)
        if j is None:
            if out and out[-1][0] is None:
                out[-1][1].append(words[i])
            else:
                out.append((None, [words[i]]))
            i += 1
            continue
        out.append((_header_name(words[i:j]), words[i:j]))
        i = j
    return out


def _cells(layout: Layout, indices: list[int], page: int, left: float, right: float) -> list[Phrase]:
    """What stands between `left` and `right` on each table line under the header, one phrase a line."""
    cells = []
    for index in indices:
        line = layout.lines[index]
        if line.page != page:
            break
        words: list[Word] = [w for w in line.words if left - 0.005 <= (w.box[0] + w.box[2]) / 2 < right]
        if words:
            cells.append(Phrase(page=page, words=words, line=index))
    return cells


def _one_value(name: str, cells: list[Phrase], day_first: bool | None, find_dates) -> dict[str, Field]:
    if len(cells) < 2:
        return {}
    certainty = 0.95 if len(cells) >= SURE_ROWS else 0.85
    confidence = certainty * min(c.confidence for c in cells)
    if name == "employer_name":
        texts = {" ".join(c.text.split()) for c in cells}
        if len(texts) != 1 or not re.search(r"[^\W\d_]{2}", cells[0].text):
            return {}
        return {name: cells[0].field(texts.pop(), confidence)}
    readings = [tuple(h.value for h in find_dates(c.text, day_first)) for c in cells]
    if len(set(readings)) != 1:
        return {}
    dates = readings[0]
    if name == "pay_period":
        if len(dates) != 2 or dates[0] > dates[1]:
            return {}
        return {"pay_period_start": cells[0].field(dates[0], confidence),
                "pay_period_end": cells[0].field(dates[1], confidence)}
    if len(dates) != 1:
        return {}
    return {name: cells[0].field(dates[0], confidence)}
