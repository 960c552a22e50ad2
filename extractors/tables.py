"""Tables found by their header row: columns from the header words, rows until a totals line, across pages.

Works for any column order and wording the caller's vocabulary covers; descriptions that wrap
onto further lines join their row; a header repeated on a continuation page continues the table.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz.distance import Levenshtein

from backoffice.document import Box, Field, Word
from extractors.layout import Layout, Line, Phrase, union
from extractors.classify import fold
from extractors.values import CURRENCY_CODES, CURRENCY_SYMBOLS, parse_money


@dataclass
class Column:
    name: str  # "" for a column the vocabulary does not name (its words are left out)
    x0: float
    x1: float
    numeric: bool
    set_apart: bool = False  # a column the spec leaves out on purpose ('YTD Gross')
    header: str = ""  # the header's folded words, for a column the vocabulary does not name
    guessed: bool = False  # named by elimination, its header lost: its cells are held for a person unless confirmed
    # named by the order such columns usually stand in, the rows' arithmetic holding either way round (gross =
    # deductions + net): its cells stay under review even where their row's arithmetic holds
    ordered: bool = False
    confidence: float = 1.0  # how surely the header's words were read

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class TableSpec:
    columns: dict[str, str]  # column name -> header regex over folded text, in priority order
    numeric: set[str]
    text_column: str  # the column continuation lines add to (description, name)
    stop: str  # a line matching this ends the table (totals)
    text_holds_numbers: bool = True  # descriptions do ('box of 100'); names in a payroll table do not
    skip: str = (r"carried forward|brought forward|ubertrag|uebertrag|page total|seitensumme|continued|fortsetzung"
                 r"|(from|to) (the )?(previous|next) page|vortrag|a reporter|report de la page|suma anterior|suma y sigue")
    min_columns: int = 3
    # A header the vocabulary does not know ('Dept', 'SSN') still heads a column: what stands under it is left out
    # instead of running on into the text column to its left (a name is no 'Grace Holloway Sales').
    unnamed_columns: bool = False
    # Headers of columns not to read although they hold a known header's words ('YTD Gross', 'Check No.'): matched
    # over a header phrase's folded text, the words matched head an unnamed column.
    set_apart: str = ""
    # What a row's figures satisfy (quantity x price = amount; gross - deductions = net), each over {column: value}:
    # names figure columns whose header a scan lost or garbled.
    relations: tuple[Equation, ...] = ()
    # The figure columns in the order tables usually print them, left to right: settles two names the relations
    # cannot tell apart.
    order: tuple[str, ...] = ()


# 'Page 2', 'Page 2 of 3', 'Seite 2 von 3' ending a phrase: a page's header or footer line, never a row (its number
# would stand under a column).
PAGE_MARK = r"\b(page|seite|pagina|pag|blatt)\.?\s*\d{1,3}(\s*(of|von|de|/)\s*\d{1,3})?$|^\d{1,3}\s*/\s*\d{1,3}$"


@dataclass
class RawRow:
    cells: dict[str, list[Word]] = field(default_factory=dict)
    page: int = 0


@dataclass
class TableResult:
    rows: list[RawRow]
    stop_line: Line | None  # the totals line that ended the table, if any
    columns: list[Column]
    lines: set[int] = field(default_factory=set)  # header and body lines, for label searches to leave alone


def _column_of(text: str, spec: TableSpec, taken: dict[str, Column]) -> tuple[str, float] | None:
    """The first column whose header pattern the text matches, and how much of the text the match covers."""
    for name, pattern in spec.columns.items():
        if name in taken:
            continue
        m = re.search(pattern, text)
        if m:  # how much of the header the match covers, punctuation aside ('staff no.' is wholly a staff number)
            return name, _letters(m.group(0)) / max(_letters(text), 1)
    return None


def _letters(text: str) -> int:
    return sum(c.isalnum() or c == "#" for c in text)  # '#' heads a column of its own ('# Details')


def _best_split(words: list[Word], spec: TableSpec, taken: dict[str, Column]) -> list[tuple[str, list[Word]]]:
    """Cut a header phrase into runs of words that each name a different column, naming as many as possible."""
    best: list[tuple[str, list[Word]]] = []
    n = len(words)
    for mask in range(1 << max(n - 1, 0)):
        parts, start = [], 0
        for i in range(1, n):
            if mask >> (i - 1) & 1:
                parts.append(words[start:i])
                start = i
        parts.append(words[start:])
        named: list[tuple[str, list[Word]]] = []
        used = dict(taken)
        for part in parts:
            match = _column_of(fold(" ".join(w.text for w in part)), spec, used)
            if match:
                named.append((match[0], part))
                used[match[0]] = Column(match[0], 0, 0, False)
        if len(named) > len(best):
            best = named
    return best


def header_columns(line: Line, spec: TableSpec) -> list[Column]:
    """Columns named on a header line; a phrase holding several headers ('Pos. Description') is cut apart.
    With `spec.unnamed_columns`, the other header phrases of the line become unnamed columns (name "").
    On a line that names two columns or more and holds no amount, header words a scan misread are read as the
    header word they are one letter off ('Stundeniohn', 'Bruteolaohn', 'Gros', 'aty' for 'Qty'), and headers run
    together are read apart ('PayRate') or spaced apart joined ('Ext.' 'Price')."""
    columns = _header_columns(line, spec)
    if len(_named(columns)) >= 2 and not any(_an_amount(w) for w in line.words):
        again = _header_columns(_mended(line, spec) or line, spec, rejoin=True)
        if len(_named(again)) > len(_named(columns)):
            return again
    return columns


# Letters a scan reads one for another, for header words too short to mend by any one letter ('aty' for 'qty').
_CONFUSED = ["aqgo", "il1t|!f", "ec", "uvy", "hb", "nm", "sz5"]


@functools.cache
def _vocabulary(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a spec's header patterns, longest first."""
    words = {w for p in patterns for w in re.findall(r"[a-z]{2,}", re.sub(r"\\[a-zA-Z]", " ", p))}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def _mended(line: Line, spec: TableSpec) -> Line | None:
    """The line with header words the vocabulary does not know spelt as the header word they are one letter off
    (at its start or its end), read apart or with figures read as letters, where that spelling names a column alone
    or with the rest of its phrase ('Ernp ID'); None when no word changed."""
    vocabulary = _vocabulary(tuple(spec.columns.values()))
    changed = False
    phrases = []
    for phrase in line.phrases:
        words = list(phrase.words)
        for k in [*range(len(words)), *range(len(words) - 1)]:  # (twice: 'Ernp' names a column once 'lD' is 'id')
            w = words[k]
            if any(re.search(p, fold(w.text)) for p in spec.columns.values()) or _set_aside(fold(w.text), spec):
                continue
            before = _column_of(fold(" ".join(x.text for x in words)), spec, {})
            named: dict[str, str] = {}
            for spelt in _spellings(w.text, vocabulary):
                trial = " ".join(spelt if i == k else x.text for i, x in enumerate(words))
                match = _column_of(fold(spelt), spec, {}) or _column_of(fold(trial), spec, {})
                if match and (before is None or match[0] != before[0]):
                    named.setdefault(match[0], spelt)
            if len(named) == 1:  # (a word as near two headers is neither)
                words[k] = Word(named.popitem()[1], w.box, w.confidence, w.source)
                changed = True
        phrases.append(Phrase(phrase.page, words, phrase.line))
    return Line(line.page, [w for p in phrases for w in p.words], phrases) if changed else None


def _set_aside(word: str, spec: TableSpec) -> bool:
    """Whether a header word is one the vocabulary leaves out on purpose ('Employer' beside 'Employee',
    'Auszahlungsdatum' beside 'Auszahlung'): a pattern would name it but for a look-around. Never mended."""
    return any(re.search(p, word) for p in _without_lookarounds(tuple(spec.columns.values())))


@functools.cache
def _without_lookarounds(patterns: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for p in patterns:
        while (m := re.search(r"\(\?<?[!=]", p)) is not None:
            depth, end = 0, m.start()
            for end in range(m.start(), len(p)):
                depth += {"(": 1, ")": -1}.get(p[end], 0) if p[end - 1] != "\\" else 0
                if depth == 0:
                    break
            p = p[:m.start()] + p[end + 1:]
        out.append(p)
    return tuple(out)


# Figures a scan reads for letters in a header word ('1D', 'Tota1', 'Am0unt').
_LOOKALIKES = {"1": "il", "0": "o", "5": "s", "8": "b", "6": "b"}


@functools.lru_cache(maxsize=4096)
def _spellings(text: str, vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    """What a header word a scan misread may have been, likeliest first."""
    digits = re.findall(r"\d", text)
    if digits:
        if not re.search(r"[^\W\d_]", text) or len(digits) > 2 or any(d not in _LOOKALIKES for d in digits):
            return ()
        return tuple("".join(spelt) for spelt in itertools.product(*(_LOOKALIKES.get(c, c) for c in text)))
    out = []
    apart = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2})", " ", text.strip("-_.,:;'\"|~"))
    if apart != text:
        out.append(apart)  # 'PayRate', '-Std.'
    word = fold(text).strip("-_.,:;'\"|~")
    if not re.fullmatch(r"[a-z]{2,}", word):
        return tuple(out)
    for spelt in dict.fromkeys([word, word.replace("rn", "m").replace("cl", "d").replace("vv", "w")]):  # ('Arnount')
        if spelt != word:
            out.append(spelt)
        for v in vocabulary:
            if len(v) >= 5:
                for n in {len(v) - 1, len(v), len(v) + 1}:
                    if 4 <= n <= len(spelt):
                        if Levenshtein.distance(spelt[:n], v, score_cutoff=1) <= 1:
                            out.append(v + spelt[n:])
                        if Levenshtein.distance(spelt[-n:], v, score_cutoff=1) <= 1:
                            out.append(spelt[:-n] + v)
            elif len(v) == len(spelt) and sum(a != b for a, b in zip(v, spelt)) == 1 \
                    and all(a == b or any(a in group and b in group for group in _CONFUSED) for a, b in zip(v, spelt)):
                out.append(v)
    return tuple(dict.fromkeys(out))


def _header_columns(line: Line, spec: TableSpec, rejoin: bool = False) -> list[Column]:
    found: dict[str, Column] = {}
    unnamed: list[Column] = []
    phrases = [part for whole_phrase in line.phrases for part in _set_apart(whole_phrase, spec, unnamed)]
    for phrase in _rejoined(phrases, spec) if rejoin else phrases:
        whole = _column_of(phrase.folded, spec, found)
        parts = [(whole[0], phrase.words)] if whole else []
        if 1 < len(phrase.words) <= 6 and not (whole and whole[1] >= 0.95) and (whole or _names_a_column(phrase, spec)):
            # Several headers in one phrase: 'Pos. Description', or 'Std. Einheit' where neither names the whole
            # (but 'Employee #' names one column as a whole).
            split = _best_split(phrase.words, spec, found)
            if len(split) > 1 or (split and not parts):
                parts = split
        if not parts:
            # A second word of a known header ('Employee' 'Name' printed apart) is no column of its own; a header
            # printed a second time is ('Employee' over the names and over the ids).
            if spec.unnamed_columns and re.search(r"[a-z]{2}", phrase.folded) \
                    and (not any(re.search(p, phrase.folded) for p in spec.columns.values())
                         or any(c.header == phrase.folded for c in found.values())):
                unnamed.append(Column("", phrase.box[0], phrase.box[2], False, header=phrase.folded,
                                      confidence=phrase.confidence))
            continue
        for name, words in parts:
            box = union([w.box for w in words])
            found[name] = Column(name, box[0], box[2], name in spec.numeric, header=fold(" ".join(w.text for w in words)))
    if len(found) < spec.min_columns:
        return sorted(found.values(), key=lambda c: c.x0)
    first_figure = min((c.x0 for c in found.values() if c.numeric), default=0.0)
    before = [c for c in unnamed if c.x1 <= first_figure]
    if spec.text_column not in found and len(before) == 1:
        # The one header we cannot read before the figures heads the text: a scan's 'Nane' over the names.
        found[spec.text_column] = Column(spec.text_column, before[0].x0, before[0].x1, False)
        unnamed.remove(before[0])
    return sorted([*found.values(), *unnamed], key=lambda c: c.x0)


def _rejoined(phrases: list[Phrase], spec: TableSpec) -> list[Phrase]:
    """Header phrases with a phrase that names nothing joined to the next when the two name a column as a whole: a
    scan spaces 'Ext.' from 'Price' (which alone is a unit price) or 'Take' from 'Home'."""
    out: list[Phrase] = []
    for phrase in phrases:
        if out and _column_of(out[-1].folded, spec, {}) is None and re.search(r"[a-z]{2}", out[-1].folded):
            joined = Phrase(phrase.page, out[-1].words + phrase.words, phrase.line)
            match = _column_of(joined.folded, spec, {})
            if match and match[1] >= 0.95:
                out[-1] = joined
                continue
        out.append(phrase)
    return out


def _set_apart(phrase: Phrase, spec: TableSpec, unnamed: list[Column]) -> list[Phrase]:
    """The parts of a header phrase left to name columns; words the spec sets apart head unnamed columns."""
    if not spec.set_apart:
        return [phrase]
    m = re.search(spec.set_apart, phrase.folded)
    if not m:
        return [phrase]
    before, apart, after, pos = [], [], [], 0
    for w in phrase.words:
        stop = pos + len(fold(w.text))
        (before if stop <= m.start() else after if pos >= m.end() else apart).append(w)
        pos = stop + 1
    unnamed.append(Column("", union([w.box for w in apart])[0], union([w.box for w in apart])[2], False, set_apart=True))
    return [Phrase(phrase.page, part, phrase.line) for part in (before, after) if part]


def stacked_header(layout: Layout, index: int, spec: TableSpec) -> tuple[Line, int]:
    """A header printed over several lines ('Employee' over '#', 'Gross' over 'Earnings'), as one line whose
    phrases hold each column's words from every line, and the index of its last line. A line belongs to the
    header when it follows at the spacing of wrapped text (a scan's tight boxes round capitals leave 0.7 of their height
    between lines) and holds no amount."""
    lines = layout.lines
    first = lines[index]
    cells = [list(p.words) for p in first.phrases]
    height = _median_height(first)
    bottom, last = first.box[3], index
    for j in range(index + 1, min(index + 3, len(lines))):
        line = lines[j]
        if line.page != first.page or line.box[1] - bottom > 0.8 * height or any(_an_amount(w) for w in line.words) \
                or re.search(spec.stop, line.text.lower()) and not any(_names_a_column(p, spec) for p in line.phrases):
            break  # ('Deductions' under 'Statutory' names a column: a header line, though it reads like a total)
        for phrase in line.phrases:
            x0, x1 = phrase.box[0], phrase.box[2]
            overlaps = [(min(x1, union([w.box for w in c])[2]) - max(x0, union([w.box for w in c])[0]), k)
                        for k, c in enumerate(cells)]
            overlap, k = max(overlaps)
            if overlap <= 0:
                cells.append(list(phrase.words))
                continue
            under = [i for i, w in enumerate(cells[k]) if min(x1, w.box[2]) > max(x0, w.box[0])]
            rest = [w for i, w in enumerate(cells[k]) if i not in under]
            if under and rest and re.search(r"[^\W\d_]{2}", phrase.text) and not _a_mark(phrase.text) \
                    and not any(w.box[1] > first.box[3] for w in cells[k]) \
                    and _column_of(fold(" ".join(w.text for w in rest)), spec, {}):
                # Under some words of a phrase holding several headers ('Gesetzl. Nettolohn' over 'Abzüge'): those
                # words head a column of their own.
                before, over, after = cells[k][: under[0]], cells[k][under[0]: under[-1] + 1], cells[k][under[-1] + 1:]
                cells[k: k + 1] = [part for part in (before, over + list(phrase.words), after) if part]
            else:
                cells[k] = cells[k] + list(phrase.words)
        bottom, last = line.box[3], j
    if last == index:
        return first, index
    cells.sort(key=lambda c: union([w.box for w in c])[0])
    words = [w for c in cells for w in c]
    return Line(first.page, words, [Phrase(first.page, c, index) for c in cells]), last


def _a_mark(text: str) -> bool:
    """A unit or currency printed under a header ('(USD)', 'EUR', '(h)', 'in €'): part of that header, no header."""
    text = text.strip()
    return bool(re.fullmatch(r"\(\s*[^()]{1,6}\s*\)", text)) or _is_currency(re.sub(r"^in\s+", "", text, flags=re.I))


def _an_amount(word: Word) -> bool:
    """Whether a word is an amount. One character in brackets is a unit or a footnote over a column ('(€)',
    '(%)', '(1)'), not an amount: a scan reads a header's '(€)' as '(6)', which ended the table at its header."""
    return parse_money(word.text) is not None and not re.fullmatch(r"\(.\)", word.text)


def _names_a_column(phrase: Phrase, spec: TableSpec) -> bool:
    """Whether any one word of the phrase is a header on its own (a cheap test before trying every cut)."""
    return any(re.search(p, fold(w.text)) for w in phrase.words for p in spec.columns.values())


def _named(columns: list[Column]) -> list[Column]:
    return [c for c in columns if c.name]


def _join_currency(words: list[Word]) -> list[Word]:
    """'EUR' '4,26' -> 'EUR 4,26': a currency code joins the nearer of the amounts beside it, once."""
    def is_amount(i: int) -> bool:
        return 0 <= i < len(words) and parse_money(words[i].text) is not None and not _is_currency(words[i].text)

    partner: dict[int, int] = {}
    for i, w in enumerate(words):
        if not _is_currency(w.text):
            continue
        sides = [j for j in (i - 1, i + 1) if is_amount(j) and j not in partner]
        if sides:
            j = min(sides, key=lambda k: abs((words[k].box[0] + words[k].box[2]) / 2 - (w.box[0] + w.box[2]) / 2))
            partner[i], partner[j] = j, i
    out: list[Word] = []
    for i, w in enumerate(words):
        j = partner.get(i)
        if j is None:
            out.append(w)
        elif j > i:
            other = words[j]
            out.append(Word(f"{w.text} {other.text}", union([w.box, other.box]), min(w.confidence, other.confidence), w.source))
    return out


def _spaced_thousands(words: list[Word], aspect: float) -> list[Word]:
    """An amount whose thousands stand a wide space apart ('76,57 EUR  1 837,68 EUR'), joined when the group before
    it follows another amount or a currency code: otherwise a figure column would take its leading group."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and out and re.fullmatch(r"\d{1,3}", w.text) and re.fullmatch(r"\d{3}[.,]\d{2}", nxt.text) \
                and (_is_currency(out[-1].text) or re.search(r"\d[.,]\d{2}$", out[-1].text)) \
                and 0 <= nxt.box[0] - w.box[2] < max(w.box[3] - w.box[1], nxt.box[3] - nxt.box[1]) * aspect:
            out.append(Word(f"{w.text} {nxt.text}", union([w.box, nxt.box]), min(w.confidence, nxt.confidence), w.source))
            i += 2
            continue
        out.append(w)
        i += 1
    return out


def _joined_numbers(words: list[Word]) -> list[Word]:
    """A number OCR split at its decimal mark ('3,714.' '40', '1' '.50', '3' '„25'), joined again when its parts
    stand closer than a space."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if prev is not None and w.box[0] - prev.box[2] < 0.008 * max(1.0, (w.box[3] - w.box[1]) / 0.012):
            if re.fullmatch(r"\d[\d.,]*\d?[.,]", prev.text) and re.fullmatch(r"\d{2}", w.text) \
                    or re.fullmatch(r"\d[\d.,]*", prev.text) and re.fullmatch(r"[.,„‚]\d{2}", w.text):
                text = prev.text + ("." if w.text[0] in "„‚" else "") + w.text.lstrip("„‚")
                out[-1] = Word(text, union([prev.box, w.box]), min(prev.confidence, w.confidence) * 0.9, prev.source)
                continue
        out.append(w)
    return out


_SPECKS = "‚„\"'“”|.,;:_`´~*"
SPECK = re.compile(r"[|¦:;_~`´^\"'“”‚„.,]+")  # a word of these alone in a text cell: dust or a rule, no text


def _despeckled(word: Word) -> Word:
    """An amount a scan printed a speck beside ('"26.63', '‚40.00', '3,786.81.', '§2.58' for 52.58), as the amount,
    a little less sure; any other word as it is."""
    if parse_money(word.text) is not None:
        return word
    text = word.text.strip(_SPECKS)
    text = re.sub(r"^§(?=[\d,.]*\d[.,]\d{2}$)", "5", text)
    if text != word.text and re.search(r"\d[.,]\d{2}$", text) and parse_money(text) is not None:
        return Word(text, word.box, word.confidence * 0.9, word.source)
    return word


def _is_currency(text: str) -> bool:
    return text.upper() in CURRENCY_CODES or text in CURRENCY_SYMBOLS


# Units of measure printed beside a quantity, in the languages of the invoices we read.
UNIT_OF_MEASURE = (r"(h|hrs?|hours?|std\.?|stunden?|stk\.?|st\.?|stuck|pcs?\.?|pce|pieces?|ea|each|units?|kg|g|t|m|m2|m²|m³|lfm"
                   r"|l|ltr|box(es)?|pack|pkt\.?|pz|ud|uds|un|u|set|lot|days?|tage?|months?|monate?|mese|mesi|ore|heures?"
                   r"|jours?|horas?|dias?|pauschal|psch\.?|flat)")


@functools.lru_cache(maxsize=1024)
def _a_unit(text: str) -> bool:
    """Whether a word is a unit of measure, or one a scan misread by a letter it confuses ('pes' for 'pcs')."""
    folded = fold(text)
    if re.fullmatch(UNIT_OF_MEASURE, folded):
        return True
    return 2 <= len(folded) <= 4 and any(
        re.fullmatch(UNIT_OF_MEASURE, folded[:i] + other + folded[i + 1:])
        for i, c in enumerate(folded) for group in _CONFUSED if c in group for other in group if other != c)


def _assign(word: Word, columns: list[Column], text_holds_numbers: bool = True) -> Column | None:
    """The column a body word stands in, or None for a mark left of the table (a row number).

    A number belongs to a numeric column only when it reaches under that column's header (numbers
    align right and may be wider than their header); any other word, numbers in a description
    included, belongs to the column whose header starts left of it.
    """
    x0, x1 = word.box[0], word.box[2]
    if x1 < columns[0].x0 - 0.005:
        return None
    if parse_money(word.text) is not None:
        numeric = [c for c in columns if c.numeric and x1 >= c.x0 - 0.005 and x0 <= c.x1 + 0.02]
        if numeric:
            best = min(numeric, key=lambda c: abs(c.x1 - x1))
            other = max(columns, key=lambda c: min(x1, c.x1) - max(x0, c.x0))
            if not other.numeric and min(x1, other.x1) > max(x0, other.x0) and min(x1, best.x1) <= max(x0, best.x0):
                return other  # under another column's header, only near this one's
            return best
        # A short header printed at the left of a wide column ('OT' over '12.50' set flush right): the number
        # stands in the room between that header and the next one, under no other header.
        clear = not any(min(x1, c.x1) > max(x0, c.x0) for c in columns)
        # (the last column's room ends within its header's width: further right is a panel beside the rows)
        spans = [c for c, after in zip(columns, columns[1:] + [None])
                 if c.numeric and c.x0 <= x0 and (x0 - c.x1 <= max(0.03, c.x1 - c.x0) if after is None else x1 <= after.x0)]
        if clear and spans:
            return spans[-1]
        if not text_holds_numbers and re.search(r"\d[.,]\d{1,2}$", word.text):
            return None  # a number under no numeric header: a column we cannot name, not part of a name
    if not text_holds_numbers and any(c.numeric and min(x1, c.x1) - max(x0, c.x0) >= 0.5 * (x1 - x0) for c in columns):
        return None  # a figure the scan garbled ('sat' under 'Rate'), not the rest of a name
    overlaps = [(min(x1, c.x1) - max(x0, c.x0), c) for c in columns if not c.numeric]
    if overlaps:
        best_overlap, best = max(overlaps, key=lambda t: t[0])
        if best_overlap > 0:
            return best
    left = [c for c in columns if c.x0 <= x0 + 0.01]
    if left:
        owner = max(left, key=lambda c: c.x0)  # text runs on to the right of its header
        if not owner.numeric:
            return owner
        if _a_unit(word.text):
            return None  # the unit beside a quantity ('12,00 h') under a header we cannot name ('U.M.'): no text
        text_columns = [c for c in left if not c.numeric]
        return max(text_columns, key=lambda c: c.x0) if text_columns else owner
    return min(columns, key=lambda c: abs(c.center - (x0 + x1) / 2))


# A column the table's vocabulary does not name belongs to the table when the gap to the nearest one it does is at
# most this many times the table's usual gap between columns; farther off, it is a panel printed beside the rows.
NEIGHBOUR_GAP = 1.5


def table_span(columns: list[Column]) -> tuple[float, float] | None:
    """How far across the page a table reaches: its named columns and the unnamed ones next to them."""
    named = sorted((c for c in columns if c.name), key=lambda c: c.x0)
    if not named:
        return None
    gaps = sorted(b.x0 - a.x1 for a, b in zip(named, named[1:]))
    reach = NEIGHBOUR_GAP * gaps[len(gaps) // 2] if gaps else 0.0
    x0, x1 = named[0].x0, max(c.x1 for c in named)
    unnamed = sorted((c for c in columns if not c.name), key=lambda c: c.x0)
    for c in reversed([c for c in unnamed if c.x1 <= x0]):  # leftwards, while each is near the last
        if x0 - c.x1 <= reach:
            x0 = c.x0
    for c in (c for c in unnamed if c.x0 >= x1):  # rightwards
        if c.x0 - x1 <= reach:
            x1 = c.x1
    return x0, x1


def read_table(layout: Layout, spec: TableSpec) -> TableResult:
    rows: list[RawRow] = []
    columns: list[Column] = []
    table_lines: set[int] = set()
    stop_line = None
    i = page = 0
    tried_until = -1  # rows of figures whose arithmetic named no columns: a line among them is tried no more
    lines = layout.lines
    while i < len(lines):
        header = header_columns(lines[i], spec)
        unread = not columns and bool(spec.relations) and len(_named(header)) < spec.min_columns \
            and i > tried_until and _figures_follow(lines, i)
        labels_above = False  # (the line over rows of figures is labels of the page, no header: it is no table line)
        if unread:  # (a header band a scan made unreadable over rows of figures)
            header, labels_above = _headless(lines, i, header, spec)
        if len(_named(header)) < spec.min_columns or not any(c.numeric for c in header) \
                or columns and not _repeats(columns, header, spec) \
                and not (lines[i].page != page and _continued(columns, header)):
            if unread:  # (each name line of two-line rows would try the same rows again: 0.1-5 s a register)
                tried_until = max(_body_indices(lines, i, spec), default=i)
            i += 1
            continue
        stacked, last = stacked_header(layout, i, spec) if not unread else (lines[i], i)
        if last > i:
            header = header_columns(stacked, spec)
            table_lines.update(range(i, last))
            i = last
        if columns:
            columns = _continued(columns, header) or header
        else:
            columns = header if unread else _named_by_arithmetic(lines, i, header, spec)
            columns = _repeated_header(lines, i, _lost_header(lines, i, columns, spec), spec)
        page = lines[i].page
        shown = next(p for p in layout.doc.pages if p.number == page)
        aspect = shown.height / max(shown.width, 1e-6)  # (a gap across the page weighed against a height)
        if not labels_above:
            table_lines.add(i)
        pending: list[Word] = []  # text seen before the row it belongs to
        last_row_line = -1
        row_height = _median_height(lines[i])
        last_y = header_bottom = lines[i].box[3]
        header_height = lines[i].box[3] - lines[i].box[1]
        i += 1
        while i < len(lines) and lines[i].page == page:
            line = lines[i]
            folded = " ".join(p.folded for p in line.phrases)
            if re.search(spec.stop, folded) and (rows or any(_an_amount(w) for w in line.words)):
                if rows and _rows_go_on(layout, i + 1, columns, spec):
                    table_lines.add(i)
                    i += 1
                    continue  # a subtotal (of a department, of a page) with more rows under it
                if rows and _header_next_page(layout, i, columns, spec):
                    table_lines.add(i)
                    break  # a page's subtotal ('Zwischensumme Seite'): the next page's header carries the table on
                stop_line = _with_its_figures(line, lines[i + 1] if i + 1 < len(lines) else None)
                break  # (a line of words alone before any row is the header's second line)
            if not any(_an_amount(w) for w in line.words) and len(_named(header_columns(line, spec))) >= spec.min_columns:
                break  # another header: a new table starts here (a row holds amounts: 'Freight charge - Ref. | 1 pcs')
            gap = line.box[1] - last_y
            if rows and gap > 0.08:
                break  # a wide gap: the table is over, what follows is footer text
            last_y = line.box[3]
            table_lines.add(i)
            i += 1
            if re.search(spec.skip, folded) or any(re.search(PAGE_MARK, p.folded) for p in line.phrases):
                if rows and rows[-1].page == page:
                    break  # carried forward under this page's rows: what follows is the page's footer
                continue  # brought forward above them
            cells: dict[str, list[Word]] = {}
            # Where text holds no numbers, a number split in two is joined before its parts are placed; in a
            # description ('600 x 600, 40 W') only parts placed in one numeric column are.
            words = line.words if spec.text_holds_numbers else _joined_numbers(line.words)
            for w in _join_currency(_spaced_thousands([_despeckled(w) for w in words], aspect)):
                column = _assign(w, columns, spec.text_holds_numbers)
                if column is not None and column.name and not (not column.numeric and SPECK.fullmatch(w.text)):
                    if column.guessed:
                        w = Word(w.text, w.box, min(w.confidence, TIED if column.ordered else GUESSED), w.source)
                    cells.setdefault(column.name, []).append(w)
            for name in cells.keys() & spec.numeric:
                cells[name] = _joined_numbers(cells[name])
            has_number = any(name in spec.numeric and any(parse_money(w.text) for w in ws) for name, ws in cells.items())
            read = {name for name, ws in cells.items() if any(re.search(r"\w", w.text) for w in ws)}  # (no specks)
            if has_number and rows and last_row_line == i - 2 and gap < -0.2 * _median_height(line) \
                    and not read & rows[-1].cells.keys():
                # The rest of the last row, a little lower: a slanted photo's baseline drifts, and the row's cells
                # right of the drift were read as a line of their own.
                rows[-1].cells.update({name: cells[name] for name in read})
            elif has_number:
                row_height = _median_height(line)
                last_row_line = i - 1
                row = RawRow(cells=cells, page=page)
                if pending:
                    row.cells[spec.text_column] = pending + row.cells.get(spec.text_column, [])
                    pending = []
                rows.append(row)
            elif rows and rows[-1].page == page and set(cells) <= {spec.text_column} | (set(spec.columns) - spec.numeric):
                if gap > 1.5 * row_height and (_smaller_print(line, row_height) or gap > 2.5 * row_height):
                    continue  # a footer further down, not the rest of the last row's description
                for name, ws in cells.items():
                    rows[-1].cells.setdefault(name, []).extend(ws)
            elif not rows and line.box[1] - header_bottom < 2.5 * header_height:
                continue  # the second line of a two-line header ('Gross' over 'Earnings')
            else:
                pending.extend(w for ws in cells.values() for w in ws)
        if stop_line is not None:
            break
    return TableResult(rows=rows, stop_line=stop_line, columns=columns, lines=table_lines)


def _with_its_figures(line: Line, after: Line | None) -> Line:
    """A totals line whose figures a slanted photo's drifting baseline put on a line of their own right under its
    label ('Summen' over '60.396,78  15.354,73  45.042,05'), joined to them; any other line as it is."""
    if after is None or after.page != line.page or any(_an_amount(w) for w in line.words) \
            or not any(_an_amount(w) for w in after.words) or any(re.search(r"[^\W\d_]{2}", w.text) for w in after.words) \
            or after.box[1] - line.box[3] > 0.5 * _median_height(after):
        return line
    return Line(line.page, [*line.words, *after.words], [*line.phrases, *after.phrases])


def _repeats(columns: list[Column], header: list[Column], spec: TableSpec) -> bool:
    """Whether a later header line repeats the table's header (a continuation page), rather than being a row of
    captions over totals ('Total hours  Total gross  Total net') or another table."""
    before, now = {c.name for c in _named(columns)}, {c.name for c in _named(header)}
    return (spec.text_column not in before or spec.text_column in now) and len(before & now) >= 0.6 * len(before)


GUESSED = 0.6  # the most a cell of a column named by elimination is sure of, before arithmetic confirms it
TIED = 0.25  # and of a column named by the usual order alone: a row's arithmetic confirming it (x 0.3) stays under 0.8
FIGURE = re.compile(r"\d[.,]\d{2}$")


# Of the rows whose arithmetic a column's name decides, how many must hold under it before it is named so.
AGREE = 0.6


@dataclass
class _Band:
    """Figures standing one under another on the rows under a header: a column, named or not."""
    x0: float
    x1: float
    cells: dict[int, Word] = field(default_factory=dict)  # row -> its figure


def _body_indices(lines: list[Line], start: int, spec: TableSpec) -> list[int]:
    """Where the lines under the header line at `start` that hold two figures or more stand, up to the totals line."""
    body = []
    for k in range(start + 1, min(start + 41, len(lines))):
        line = lines[k]
        if line.page != lines[start].page or re.search(spec.stop, " ".join(p.folded for p in line.phrases)):
            break
        if sum(_a_figure(w.text) for w in line.words) >= 2:
            body.append(k)
    return body


def _body(lines: list[Line], start: int, spec: TableSpec) -> list[Line]:
    """The lines under the header line at `start` that hold two figures or more, up to the totals line."""
    return [lines[k] for k in _body_indices(lines, start, spec)]


def _figure_rows(lines: list[Line], start: int, spec: TableSpec) -> list[list[Word]]:
    """The figures of each row under the header line at `start`."""
    rows = [[w for w in _joined_numbers([_despeckled(w) for w in line.words]) if _a_figure(w.text)]
            for line in _body(lines, start, spec)]
    return [figures for figures in rows if len(figures) >= 2]


def _a_figure(text: str) -> bool:
    """Whether a word is a figure a table's arithmetic may use: an amount with cents, or a count or measure ('4',
    '10.5', '2,25 '), never an identifier or a year."""
    return (bool(FIGURE.search(text)) or bool(re.fullmatch(r"\d{1,3}([.,]\d{1,3})?", text))) \
        and parse_money(text) is not None


def _bands(rows: list[list[Word]]) -> list[_Band]:
    """The figures of the rows grouped into columns by where they stand: a figure joins the column it overlaps
    (one figure of a row per column), or starts one. Columns on fewer than half the rows are left out."""
    bands: list[_Band] = []
    for r, figures in enumerate(rows):
        for w in figures:
            over = [(min(b.x1, w.box[2]) - max(b.x0, w.box[0]), b) for b in bands if r not in b.cells]
            overlap, band = max(over, key=lambda t: t[0], default=(0.0, None))
            if band is None or overlap <= 0:
                bands.append(_Band(w.box[0], w.box[2], {r: w}))
            else:
                band.x0, band.x1 = min(band.x0, w.box[0]), max(band.x1, w.box[2])
                band.cells[r] = w
    return sorted((b for b in bands if len(b.cells) >= max(2, len(rows) / 2)), key=lambda b: b.x0)


def _named_by_arithmetic(lines: list[Line], start: int, columns: list[Column], spec: TableSpec,
                         headless: bool = False, above: list[Column] | None = None) -> list[Column]:
    """The columns, with figure columns whose header a scan lost or garbled ('Mr"', '..n' over the overtime and
    the rate) named by the arithmetic their figures satisfy with the others' row by row (hours x rate = gross,
    gross - deductions = net): of every way to give the names the header lacks to the columns of figures it names
    none, the one under which the rows' arithmetic holds most often. A name is given when most rows its arithmetic
    can check hold under it, two of them at least, and no other way fits as well; the column's cells stay under
    review unless their row's arithmetic confirms them (`guessed`). `above`: the header line's phrases, when it names
    too few columns to give them (`headless`)."""
    missing = [name for name in spec.columns if name in spec.numeric and not any(c.name == name for c in columns)]
    if not spec.relations or not missing or not (headless or any(c.numeric for c in columns)):
        return columns
    rows = _figure_rows(lines, start, spec)
    if len(rows) < 2:
        return columns
    claimed: dict[str, list[_Band]] = {}
    free: list[_Band] = []
    for band in _bands(rows):
        owners = [_assign(w, columns, spec.text_holds_numbers) if columns else None for w in band.cells.values()]
        near = min([*columns, *(above or [])], key=lambda c: _gap(c, band), default=None)
        if near is not None and _gap(near, band) <= 0.03 and not near.name and not _unreadable(near):
            continue  # under a header read surely that is none of ours ('Bonus'): a column of its own
        if all(c is None or not c.name and not c.set_apart and _unreadable(c) for c in owners):
            free.append(band)  # under no header, or under one a scan garbled
        elif all(c is owners[0] for c in owners) and owners[0].name in spec.numeric:
            claimed.setdefault(owners[0].name, []).append(band)
    known: dict[str, _Band] = {}
    for name, bands in claimed.items():
        # a header's own figures stand under it; others it reaches only as the room right of a short header does
        header = next(c for c in columns if c.name == name)
        known[name] = min(bands, key=lambda b: abs(b.x1 - header.x1))
        free += [b for b in bands if b is not known[name]]
    if not free:
        return columns
    values = [{name: parse_money(band.cells[r].text).amount for name, band in known.items() if r in band.cells}
              for r in range(len(rows))]
    free_values = [{k: parse_money(band.cells[r].text).amount for k, band in enumerate(free) if r in band.cells}
                   for r in range(len(rows))]

    def outcomes(names: dict[str, int], relations: tuple[Equation, ...] = spec.relations,
                 limit: int | None = None) -> list[list[bool | None]]:
        return [[eq(dict(row, **{name: extra[k] for name, k in names.items() if k in extra})) for eq in relations]
                for row, extra in zip(values[:limit], free_values)]

    def score(names: dict[str, int], relations: tuple[Equation, ...]) -> int:
        results = [r for row in outcomes(names, relations, limit=12) for r in row]  # (12 rows tell the ways apart)
        return results.count(True) - results.count(False)

    def in_order(names: dict[str, int]) -> int:
        where = {name: band.x0 for name, band in known.items()} | {name: free[k].x0 for name, k in names.items()}
        placed = [name for name in spec.order if name in where]
        return sum(1 if where[a] < where[b] else -1 for a, b in itertools.combinations(placed, 2))

    # Each relation reads a few of the names: the ways are tried relation by relation, and the likeliest ways of
    # each joined where they agree (a way's score is the sum of its relations' scores).
    bands = list(range(len(free)))
    ways = []
    for eq in spec.relations:
        names = [name for name in missing if name in _reads(eq, tuple(spec.numeric))]
        ranked = sorted(((score(n, (eq,)), n) for n in _namings(names, bands)), key=lambda t: -t[0])
        ways.append(ranked[:24])
    scored: list[tuple[int, dict[str, int]]] = []
    for combination in itertools.product(*ways):
        joined: dict[str, int] = {}
        if all(joined.setdefault(name, k) == k for _, names in combination for name, k in names.items()) \
                and len(set(joined.values())) == len(joined):
            scored.append((sum(s for s, _ in combination), joined))
    if not scored:
        return columns
    best = max(s for s, _ in scored)
    tied = [names for s, names in scored if s == best]
    usual = max(in_order(names) for names in tied)
    ordered = [names for names in tied if in_order(names) == usual]
    sure = {name: k for name, k in ordered[0].items() if all(t.get(name) == k for t in ordered)}
    by_order = {name for name, k in sure.items() if not all(t.get(name) == k for t in tied)}
    chosen = ordered[0]
    named: dict[str, int] = {}
    for name, k in sure.items():
        without = {n: j for n, j in chosen.items() if n != name}
        decided = [(a, b) for a, b in zip(outcomes(chosen), outcomes(without)) if a != b]
        held = sum(all(r is not False for r in a) and any(a) for a, _ in decided)
        if held >= max(2, AGREE * len(decided)):
            named[name] = k
    if not named:
        return columns
    out = list(columns)
    for k, band in enumerate(free):
        over = [c for c in out if min(c.x1, band.x1) > max(c.x0, band.x0)]
        name = next((n for n, j in named.items() if j == k), None)
        if name is not None and not any(c.name or c.set_apart for c in over):
            out = [c for c in out if c not in over] + [Column(name, band.x0, band.x1, True, guessed=True,
                                                              ordered=name in by_order)]
        elif not over:  # figures no arithmetic names stand apart, not in the room of the column left of them
            out.append(Column("", band.x0, band.x1, False))
    return sorted(out, key=lambda c: c.x0)


def _gap(column: Column, band: _Band) -> float:
    return max(0.0, max(column.x0, band.x0) - min(column.x1, band.x1))


def _unreadable(column: Column) -> bool:
    """Whether a header we cannot name is a scan's garbling ('Mr"', '..n', 'A5t€'): read unsurely, without three
    letters in a row, or with figures. Words read surely ('Bonus', 'Dept', a language we do not know: 'Kpl', 'Hinta')
    head a column of their own."""
    return not column.set_apart and (column.confidence < 0.8 or not re.search(r"[^\W\d_]{3}", column.header)
                                     or bool(re.search(r"\d", column.header)))


def _figures_follow(lines: list[Line], index: int) -> bool:
    """Whether a row of three figures or more follows the line at `index`, and that line holds words but no row of
    figures: what a scan left of a header band right over the table's rows."""
    line = lines[index]
    if index + 1 >= len(lines) or lines[index + 1].page != line.page or not line.words:
        return False
    words = lines[index + 1].words
    return any(FIGURE.search(w.text) for w in words) and sum(_a_figure(w.text) for w in words) >= 3 \
        and not any(FIGURE.search(w.text) for w in line.words) and sum(_a_figure(w.text) for w in line.words) < 2


def _headless(lines: list[Line], start: int, header: list[Column], spec: TableSpec) -> tuple[list[Column], bool]:
    """Columns for rows of figures under a header line that names too few of them (a dark band a scan garbled:
    'Feen', 'a5 pay', 'xpay'): the figure columns named by the rows' arithmetic; the text column where the rows'
    first words stand left of the figures (words standing further right, a department, head columns of their own,
    left out); and, where the spec knows one other column only (an employee's id), that column where each row holds
    a word with digits beside the text. Nothing confirms the text and the id: they are held for review (`guessed`).
    And whether the line over the rows stands too far above them to be their header (labels of the page, whose
    values the extractors still read)."""
    body = _body(lines, start, spec)
    if not body:
        return header, False
    # The line right over the rows is where their header was: what it names stands, and words read surely there head
    # columns of their own. A block of labels further up ('Invoice No.') is no header.
    close = body[0].box[1] - lines[start].box[3] <= 2.5 * _median_height(body[0])
    above = [Column("", p.box[0], p.box[2], False, header=p.folded, confidence=p.confidence)
             for p in lines[start].phrases] if close else []
    header = header if close else []
    columns = _named_by_arithmetic(lines, start, header, spec, headless=True, above=above)
    figures = [c for c in columns if c.guessed and c.numeric]
    if len(figures) < 2 or any(c.name == spec.text_column for c in columns):
        return columns, not close
    left = min(c.x0 for c in figures)
    texts = _bands([[Word(p.text, p.box, p.confidence, p.words[0].source) for p in line.phrases
                     if re.search(r"[^\W\d_]{2}", p.text) and p.box[2] < left] for line in body])
    if not texts or len(texts[0].cells) < 0.6 * len(body):
        return columns, not close
    found = [Column(spec.text_column, texts[0].x0, texts[0].x1, False, guessed=True)]
    found += [Column("", band.x0, band.x1, False) for band in texts[1:]]
    others = [name for name in spec.columns if name not in spec.numeric and name != spec.text_column]
    if len(others) == 1:
        marks = [[w for w in line.words if re.search(r"\d", w.text) and not _a_figure(w.text) and w.box[2] < left
                  and not any(min(w.box[2], t.x1) > max(w.box[0], t.x0) for t in texts)] for line in body]
        bands = _bands([ws for ws in marks if ws])
        if len(bands) == 1 and len(bands[0].cells) >= 0.6 * len(body):
            found.append(Column(others[0], bands[0].x0, bands[0].x1, False, guessed=True))
    kept = [c for c in columns if c.name or not any(min(c.x1, f.x1) > max(c.x0, f.x0) for f in found)]
    return sorted(kept + found, key=lambda c: c.x0), not close


class _Asked(dict):
    """A row that notes which names an equation reads of it, by name or as a set ('{...} <= row.keys()')."""

    def __init__(self, values, asked: set[str]):
        super().__init__(values)
        self.asked = asked

    def __getitem__(self, name):
        self.asked.add(name)
        return super().__getitem__(name)

    def get(self, name, default=None):
        self.asked.add(name)
        return super().get(name, default)

    def __contains__(self, name):
        self.asked.add(name)
        return super().__contains__(name)

    def keys(self):
        return _AskedKeys(self)


class _AskedKeys(set):
    def __init__(self, row: _Asked):
        super().__init__(dict.keys(row))
        self.row = row

    def __ge__(self, other):  # (a set compared with a subclass of set asks the subclass first)
        self.row.asked.update(other)
        return super().__ge__(other)


@functools.cache
def _reads(equation: Equation, names: tuple[str, ...]) -> frozenset[str]:
    """The names an equation reads of a row holding every one of them."""
    asked: set[str] = set()
    equation(_Asked({name: Decimal(1) for name in names}, asked))
    return frozenset(asked)


def _namings(names: list[str], bands: list[int]):
    """Every way to give some of the names to distinct bands, each name to one band at most."""
    if not names:
        yield {}
        return
    first, rest = names[0], names[1:]
    yield from _namings(rest, bands)
    for k in bands:
        for more in _namings(rest, [j for j in bands if j != k]):
            yield {first: k, **more}


def _lost_header(lines: list[Line], start: int, columns: list[Column], spec: TableSpec) -> list[Column]:
    """The columns, and one more when the header lacks exactly one of the spec's figure columns and, on most rows,
    figures stand where no header could be read: under none (a scan lost its word in a dark band) or under one
    that reads as nothing ('Ösed.' for 'ÜStd.'). Those figures are that column's, named by elimination."""
    missing = [name for name in spec.columns if name in spec.numeric and not any(c.name == name for c in columns)]
    named = [c for c in columns if c.numeric]
    if len(missing) != 1 or len(named) < 2:
        return columns
    text = next((c for c in columns if c.name == spec.text_column), None)
    left, right = (text.x1 if text else min(c.x0 for c in named)), max(c.x1 for c in named)
    bands: list[list[float]] = []  # x0, x1, rows
    own: dict[str, float] = {}  # where each column's own figures start
    rows = 0
    for line in lines[start + 1: start + 41]:
        if line.page != lines[start].page or re.search(spec.stop, " ".join(p.folded for p in line.phrases)):
            break
        placed: dict[str, list[Word]] = {}
        loose = []
        for w in line.words:
            if FIGURE.search(w.text) and parse_money(w.text) is not None and left < w.box[0] and w.box[2] <= right:
                column = _assign(w, columns, spec.text_holds_numbers)
                if column is not None and column.numeric:
                    placed.setdefault(column.name, []).append(w)
                elif column is None or not column.name and not column.set_apart:
                    loose.append(w)
        for name, ws in placed.items():  # two figures in one column's room: the one farther from its header is loose
            header = next(c for c in columns if c.name == name)
            nearest, *farther = sorted(ws, key=lambda w: abs(w.box[2] - header.x1))
            loose += farther
            own[name] = min(own.get(name, 1.0), nearest.box[0])
        rows += any(FIGURE.search(w.text) for w in line.words)
        for w in loose:
            band = next((b for b in bands if min(b[1], w.box[2]) > max(b[0], w.box[0])), None)
            if band is None:
                bands.append([w.box[0], w.box[2], 1])
            else:
                band[0], band[1], band[2] = min(band[0], w.box[0]), max(band[1], w.box[2]), band[2] + 1
    found = [b for b in bands if b[2] >= max(3, 0.6 * rows)]
    if len(found) != 1:
        return columns
    x0, x1, _ = found[0]
    over = [c for c in columns if min(c.x1, x1) > max(c.x0, x0)]
    if any(c.set_apart or not c.name and not _misread(c.header, spec.columns[missing[0]]) for c in over):
        return columns  # (a header that reads as another word, 'Bonus', heads a column of its own)
    kept = [c for c in columns if c not in over]
    for c in (c for c in over if c.name):
        if not (c.numeric and x1 < own.get(c.name, x0)):
            return columns
        # The figures stand under the left of a header whose words at the right name another column ('tstd.
        # Stundenlohn', the overtime's header misread), left of that column's own figures: it starts right of them.
        kept.append(Column(c.name, x1 + 0.001, c.x1, c.numeric))
    column = Column(missing[0], x0, x1, True, guessed=True)
    return sorted(kept + [column], key=lambda c: c.x0)


def _repeated_header(lines: list[Line], start: int, columns: list[Column], spec: TableSpec) -> list[Column]:
    """The columns, with a header printed twice ('Employee' over the names and again over the ids, a scan having
    lost the second one's '#') naming the one column the header lacks that is neither a figure nor the text, when
    what stands under it on most rows holds digits."""
    missing = [name for name in spec.columns if name not in spec.numeric and name != spec.text_column
               and not any(c.name == name for c in columns)]
    named = {re.sub(r"\W", "", c.header) for c in columns if c.name}
    twice = [c for c in columns if not c.name and not c.set_apart and re.sub(r"\W", "", c.header) in named]
    if len(missing) != 1 or len(twice) != 1:
        return columns
    column = twice[0]
    rows = held = 0
    for line in lines[start + 1: start + 41]:
        if line.page != lines[start].page or re.search(spec.stop, " ".join(p.folded for p in line.phrases)):
            break
        if any(FIGURE.search(w.text) for w in line.words):
            rows += 1
            held += any(re.search(r"\d", w.text) and min(w.box[2], column.x1) > max(w.box[0], column.x0)
                        for w in line.words)
    if rows < 2 or held < 0.6 * rows:
        return columns
    return [Column(missing[0], column.x0, column.x1, False, guessed=True) if c is column else c for c in columns]


def _misread(header: str, pattern: str) -> bool:
    """Whether a header we cannot name may be a scan's misreading of a word of this pattern: at most two letters
    off it ('osed' for 'ustd', 'tstd'), or nothing of it read at all."""
    letters = re.sub(r"[^a-z]", "", header)
    return not letters or any(Levenshtein.distance(letters, w, score_cutoff=2) <= min(2, len(w) - 1)
                              for w in _vocabulary((pattern,)) + tuple(re.findall(r"[a-z]+", pattern)))


def _continued(columns: list[Column], header: list[Column]) -> list[Column] | None:
    """The table's columns under a continuation page's header: the header's own, and the columns it lost (a scan
    misread its 'Gross') where the first page's header put them, moved as far as the headers both read are; None
    when the headers both read do not stand where they stood (another table)."""
    before = {c.name: c for c in _named(columns)}
    shared = [c for c in _named(header) if c.name in before]
    if len(shared) < 2:
        return None
    shifts = sorted(c.center - before[c.name].center for c in shared)
    shift = shifts[len(shifts) // 2]
    if any(abs(c.center - before[c.name].center - shift) > 0.03 for c in shared):
        return None
    out = list(header)
    for c in before.values():
        if any(h.name == c.name for h in out):
            continue
        moved = Column(c.name, c.x0 + shift, c.x1 + shift, c.numeric, guessed=c.guessed, ordered=c.ordered)
        under = [h for h in out if min(h.x1, moved.x1) > max(h.x0, moved.x0)]
        if not any(h.name for h in under):  # (where the header read only a speck, the column it lost stands)
            out = [h for h in out if h not in under] + [moved]
    return sorted(out, key=lambda c: c.x0)


def _header_next_page(layout: Layout, index: int, columns: list[Column], spec: TableSpec) -> bool:
    """Whether nothing but words follow the line at `index` on its page and the next page starts with the table's
    header again (within its first lines)."""
    lines = layout.lines
    page = lines[index].page
    later = [line for line in lines[index + 1:] if line.page == page]
    if any(sum(bool(FIGURE.search(w.text)) and _an_amount(w) for w in line.words) >= 2 for line in later):
        return False
    following = [line for line in lines[index + 1 + len(later):][:12] if line.page == page + 1]
    return any(len(_named(h := header_columns(line, spec))) >= spec.min_columns and _repeats(columns, h, spec)
               for line in following)


def _rows_go_on(layout: Layout, index: int, columns: list[Column], spec: TableSpec) -> bool:
    """Whether the line at `index` is another row of the table: on the same page, with text in the text column and
    amounts in at least three numeric columns, and no totals wording."""
    if index >= len(layout.lines) or layout.lines[index].page != layout.lines[index - 1].page:
        return False
    line = layout.lines[index]
    if re.search(spec.stop, " ".join(p.folded for p in line.phrases)):
        return False
    named: dict[str, list[Word]] = {}
    for w in _join_currency(line.words):
        column = _assign(w, columns, spec.text_holds_numbers)
        if column is not None and column.name:
            named.setdefault(column.name, []).append(w)
    amounts = sum(1 for name, ws in named.items() if name in spec.numeric and any(parse_money(w.text) for w in ws))
    return amounts >= 3 and any(re.search(r"[^\W\d_]{2}", w.text) for w in named.get(spec.text_column, []))


def _median_height(line: Line) -> float:
    heights = sorted(w.box[3] - w.box[1] for w in line.words)
    return heights[len(heights) // 2] if heights else 0.0


def _smaller_print(line: Line, row_height: float) -> bool:
    return row_height > 0 and _median_height(line) < 0.8 * row_height


def cell_field(words: list[Word], value, page: int, certainty: float = 1.0) -> Field:
    box: Box = union([w.box for w in words])
    return Field(value=value, confidence=min(w.confidence for w in words) * certainty, page=page, box=box,
                 raw=" ".join(w.text for w in words))


def stop_line_amounts(result: TableResult, decimal_comma: bool | None) -> dict[str, tuple[Phrase, object]]:
    """The totals line's amounts, by the column they stand under."""
    if result.stop_line is None or not result.columns:
        return {}
    out: dict[str, tuple[Phrase, object]] = {}
    line = result.stop_line
    for phrase in line.phrases:
        for w in _joined_numbers([_despeckled(w) for w in phrase.words]):
            money = parse_money(w.text, decimal_comma)
            if money is None:
                continue
            column = _assign(w, result.columns)
            if column is not None and column.numeric:
                out[column.name] = (Phrase(line.page, [w], phrase.line), money)
    return out


def repair_lost_decimal_points(rows: list[dict[str, Field]], columns: set[str]) -> None:
    """OCR drops decimal points ('6757' for '67.57'): where a column prints two decimals everywhere
    else, a whole number in it is read as cents, and held with low confidence for review."""
    for column in columns:
        cells = [row[column] for row in rows if column in row]
        with_cents = [c for c in cells if c.raw and re.search(r"\d[.,]\d{2}$", c.raw.strip())]
        if len(cells) < 3 or len(with_cents) < 0.8 * len(cells):
            continue
        for cell in cells:
            raw = (cell.raw or "").strip()
            if re.fullmatch(r"\d{3,}", raw):
                cell.value = (cell.value / 100).quantize(Decimal("0.01"))
                cell.confidence = min(cell.confidence, 0.6)


Equation = Callable[[dict[str, Decimal]], bool | None]  # None: a value it needs is not in the row


def ocr_alternatives(value: Decimal, raw: str | None = None) -> dict[Decimal, float]:
    """What a number OCR misread may really have been, with how unlikely each misreading is: a decimal point
    lost (0.5), a speck read as a minus sign (0.5), one digit swapped, dropped or doubled (1), a lost point and a
    swapped digit together (1.5), a point moved (2)."""
    out: dict[Decimal, float] = {}

    def add(candidate: Decimal, cost: float) -> None:
        if candidate != value and cost < out.get(candidate, 99):
            out[candidate] = cost

    text = format(abs(value), "f")
    had_point = raw is None or bool(re.search(r"\d[.,]\d", raw))
    one_edit: list[str] = []
    for i, c in enumerate(text):
        if c.isdigit():
            one_edit += [text[:i] + d + text[i + 1:] for d in "0123456789" if d != c]
            dropped = text[:i] + text[i + 1:]
            if any(ch.isdigit() for ch in dropped) and not dropped.startswith(".") and not dropped.endswith("."):
                one_edit.append(dropped)
        one_edit += [text[:i] + d + text[i:] for d in "0123456789" if i or d != "0"]
    for t in one_edit:
        add(Decimal(t), 1.0)
    for shift in (-2, -1, 1, 2):
        cost = 0.5 if not had_point and shift < 0 else 2.0
        add(abs(value).scaleb(shift), cost)
        if not had_point and shift < 0:
            for t in one_edit:
                add(Decimal(t).scaleb(shift), 1.5)
    if value < 0:
        add(-value, 0.5)
    return out


def repair_by_arithmetic(rows: list[dict[str, Field]], columns: set[str], equations: list[Equation],
                         ocr_pages: set[int], column_totals: dict[str, Decimal] | None = None) -> None:
    """Rows on scanned pages whose arithmetic fails (qty x price != amount): when one OCR misreading of one cell,
    likelier than any other, makes every equation of the row hold, read that (held for review, with low
    confidence); when none or several equally likely ones do, leave the printed values (a real mismatch stays a
    mismatch) and say the row is unsure. A column that adds up to its printed total is read right and is not
    touched; a fix that makes its column add up is the likelier one."""
    totals = column_totals or {}

    def column_sum(name: str) -> Decimal | None:
        values = [r[name].value for r in rows if name in r and isinstance(r[name].value, Decimal)]
        return sum(values, Decimal(0)) if values else None

    settled = {name for name, total in totals.items() if column_sum(name) is not None
               and abs(column_sum(name) - total) <= Decimal("0.01") * max(len(rows), 1)}
    for row in rows:
        cells = {name: f for name, f in row.items() if name in columns and isinstance(f.value, Decimal)}
        if not cells or all(f.page not in ocr_pages for f in cells.values()):
            continue
        values = {name: f.value for name, f in cells.items()}
        if not any(eq(values) is False for eq in equations):
            continue
        fixes: list[tuple[float, str, Decimal]] = []
        for name in cells.keys() - settled:
            for alternative, cost in ocr_alternatives(values[name], cells[name].raw).items():
                trial = dict(values, **{name: alternative})
                results = [eq(trial) for eq in equations]
                if all(r is not False for r in results) and any(results):
                    if name in totals and column_sum(name) is not None and \
                            abs(column_sum(name) - values[name] + alternative - totals[name]) <= Decimal("0.01"):
                        cost -= 1.0  # the column now adds up to its printed total too
                    fixes.append((cost, name, alternative))
        fixes.sort(key=lambda f: f[0])
        if fixes and (len(fixes) == 1 or fixes[1][0] > fixes[0][0]):
            _, name, alternative = fixes[0]
            cells[name].value = alternative
            cells[name].confidence = min(cells[name].confidence, 0.7)
        else:
            for f in cells.values():
                f.confidence = min(f.confidence, 0.6)
