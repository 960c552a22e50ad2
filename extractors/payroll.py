"""Payroll registers: employer, pay period, pay date, the employees table and its totals row."""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace
from typing import Any
from datetime import date, timedelta
from decimal import Decimal

from backoffice.document import Document, Field, Word
from extractors.common import Candidate, choose, conventions, labelled, money_parser, put, sub_phrase
from extractors.invoice import (
    COMPANY_SUFFIX, SUFFIX_ONLY, clean_text, has_legal_form, issuer_name, name_key, name_value,
)
from extractors.layout import Layout, Phrase
from extractors.tables import (
    TIED, TableSpec, cell_field, read_table, repair_by_arithmetic, repair_lost_decimal_points, stop_line_amounts,
    table_span,
)
from extractors.classify import fold
from extractors import values
from extractors.register_columns import column_fields
from extractors.values import DateHit, find_months, parse_identifier, parse_money

def _net_adds_up(row: dict[str, Decimal]) -> bool | None:
    if not {"gross_pay", "deductions", "net_pay"} <= row.keys():
        return None
    return abs(row["gross_pay"] - row["deductions"] - row["net_pay"]) <= Decimal("0.01")


def _gross_holds(row: dict[str, Decimal]) -> bool | None:
    """hours x rate = gross, overtime at the usual premium."""
    expected = _gross(row)
    return None if expected is None else abs(expected - row["gross_pay"]) <= Decimal("0.02")


EMPLOYEES = TableSpec(
    columns={
        "employee_id": r"emp(loyee)?\.?\s*(id|#|no|nr|number)|personal-?\s*(nr|nummer)|pers\.?\s*-?\s*nr|^id$|^#$|^no\.?$"
                       r"|^nr\.?$|badge|staff\s*(id|no)|ma-?\s*nr|^code$|matricule|^mat\.?$|n[°o]\s*(d'?)?(employe|salarie)"
                       r"|^n[°o]\.?$|num(ero)?\.?\s*(de\s*)?(empleado|trabajador)|^legajo$|matricola|personeelsnr|^pers\.?$",
        "overtime_hours": r"\bot\b|overtime|o/t|uberstunden|ueberstunden|^u\.?\s*-?std|u(e)?berstd|mehrstunden|mehrarbeit|extra\s*hours"
                          r"|\bot\s*(hrs|hours)|heures?\s*sup|h\.?\s*sup|horas?\s*extra|h\.?\s*extra|straordinar|overuren",
        "regular_hours": r"reg(ular)?\.?\s*(hrs|hours|std|h)\b|^hours$|^hrs\.?$|^h$|\bstunden\b|^std\.?$|hours\s*worked"
                         r"|normal\s*(hrs|hours|std)|arbeitsstunden|^reg\.?$|regular|^heures$|heures\s*(normales|travaillees)"
                         r"|^horas$|horas\s*(normales|ordinarias|trabajadas)|^ore$|ore\s*ordinarie|^uren$|gewerkte\s*uren",
        "hourly_rate": r"\brate\b|stundenlohn|lohnsatz|\bsatz\b|per\s*hour|/\s*h(ou)?r\b|hourly|/\s*h$|std\.?-?satz|stundensatz"
                       r"|taux(\s*horaire)?|tarif\s*horaire|salaire\s*horaire|tarifa|precio\s*(por\s*)?hora|valor\s*hora"
                       r"|paga\s*oraria|tariffa|uurloon|uurtarief",
        "gross_pay": r"gross|brutto|earnings|total\s*pay|\bbrut\b|salaire\s*brut|\bbruto\b|devengado|lordo|loon\s*bruto",
        "deductions": r"deduct|\bded\b|abzuge|abzug|withholding|\btaxes\b|abz\.|retenues?|cotisations?|deducciones|retenciones"
                      r"|trattenute|inhoudingen",
        "net_pay": r"\bnet\b|netto|take\s*home|auszahlung(?!s?(datum|tag|termin))|payout(?!\s*date)|net\s*a\s*payer|\bneto\b|liquido|a\s*percibir",
        "employee_name": r"\bname\b|employee|mitarbeiter|arbeitnehmer|\bstaff\b|worker|beschaftigte|\bnom\b|salarie|employe(?!r)"
                         r"|\bnombre\b|empleado|trabajador|\bnome\b|dipendente|\bnaam\b|medewerker|werknemer",
    },
    numeric={"regular_hours", "overtime_hours", "hourly_rate", "gross_pay", "deductions", "net_pay"},
    text_column="employee_name",
    stop=r"\b(grand\s*)?totals?\b|\bsummen?\b|\bgesamt\b|\btotaux\b|\btotales\b|\btotali\b|\btotaal\b",
    text_holds_numbers=False,
    unnamed_columns=True,
    # Year-to-date figures and check numbers are no part of this period's pay.
    set_apart=r"\bytd\s+\S+|\S+\s+ytd$|\bytd\b|year\s*to\s*date|\bjahres\w*|\S+\s+kum\b\.?|kumuliert|cumulative"
              r"|\b(check|chk|cheque|scheck|beleg)\s*-?\s*(#|no\b\.?|nr\b\.?|number|nummer)?",
    # What a row's figures satisfy names the figure columns a scan left without a readable header; the net stands
    # right of the deductions (gross = deductions + net holds either way round).
    relations=(_gross_holds, _net_adds_up),
    order=("gross_pay", "deductions", "net_pay"),
)

EMPLOYER = [(r"^\s*(employer|company|firma|arbeitgeber|client|unternehmen|employeur|entreprise|societe|empresa|empleador"
             r"|datore\s*di\s*lavoro|azienda|werkgever|bedrijf|(legal\s*)?entity|organi[sz]ation|business|prepared\s*for"
             r"|payroll\s*for|betrieb|gesellschaft|firmenname|erstellt\s*fur|mandant(en)?|firmen(?=\s*-?\s*nr)|raison\s*sociale|razon\s*social"
             r"|ragione\s*sociale|bedrijfsnaam|denomination(\s*sociale)?|nom\s*de\s*l\W?employeur|ditta|empregador"
             r"|legal\s*name|name\s*des\s*arbeitgebers|firmenbezeichnung|employer\s*of\s*record|buchungskreis|firm|co)\b\.?\s*(name|code|id|no\.?|nr\.?|-?nr\.?|#)?\s*:?", 1.0)]
# The payroll provider's own name ('Prepared by PayServ Inc.'), printed beside the employer's: never the employer.
PROVIDER = re.compile(r"\b(prepared|processed|produced|powered|generated|printed|compiled|provided|run)\s*by\b|\bprovider\b"
                      r"|\bprocessor\b|payroll\s*(services?|bureau|agent)\s*(by|:)|\berstellt\s*(durch|von)\b"
                      r"|\babrechnung\s*durch\b|abrechnungsstelle|dienstleister|\blohnburo\b|\bsteuerberater\b"
                      r"|\betabli\s*par\b|\bprepare\s*par\b|\belaborado\s*por\b|\bgenerato\s*da\b|\bopgesteld\s*door\b")
PERIOD = [(r"\bpay\s*period\b|\bperiod\b|zeitraum\b|\babrechnungsmonat\b|\b(?!vor)\w*periode\b|\bperiodo\b"
           r"|\bperiode\s*de\s*paie\b|\bperiodo\s*de\s*(pago|liquidacion)\b|\bloonperiode\b|\bcovering\b|\bdates\b", 1.0)]
# A period named by its month alone ('Abrechnungsmonat: März 2026', 'Pay month 03/2026').
MONTH_LABEL = [(r"\b(payroll\s*|pay\s*)?month\b|\b(abrechnungs|lohn|gehalts|entgelt)?monat\b|\bmois\b|\bmes\b|\bmese\b"
                r"|\bmaand\b", 1.0)]
PERIOD_START = [(r"\b(period\s*(start|beg|from|commenc)\w*|start(\s*date)?|beg(in\w*)?|commenc\w*|from|von|vom|ab"
                 r"|p\s*/\s*b|pp\s*beg\w*"
                 r"|(abrechnungs|perioden|zeitraum\s*)?beginn|du|debut|desde|del|dal|van)\b", 1.0)]
PERIOD_END = [(r"\b(period\s*end\w*|end(\s*date)?|ending|ended|endet\w*|to|through|thru|until|bis|(abrechnungs|perioden)?ende|au"
               r"|p\s*/\s*e|ppe"
               r"|fin|hasta|al|tot)\b", 1.0)]
PAY_DATE = [(r"\bpay\s*date\b|\bpayment\s*(date|on|day)\b|\b(check|cheque)\s*date\b|\bpaid\s*on\b|\bdate\s*paid\b"
             r"|\bpay\s*(day|on)\b|\bpayday\b|\b(deposit|value|disbursement|transfer|payout)\s*date\b|\bpayable\s*on\b"
             r"|\bzahltag\b|\bauszahlung(sdatum|stag)?\b|\bzahlung(sdatum|stermin|\s*am)\b|\bwertstellung\b|\buberweisung\b"
             r"|\bvaluta(datum)?\b|\bdate\s*de\s*(paiement|paie|versement|valeur)\b|\bpaye\s*le\b|\bverse\s*le\b"
             r"|\bfecha\s*(de\s*)?(pago|abono)\b|\bdata\s*(di\s*|de\s*)?pagamento\b|\bbetaaldatum\b|\buitbetaling\b"
             r"|\buitbetaal(datum|d\s*op)\b|\bbetaaldag\b", 1.0)]
TOTAL_COLUMNS = {"gross_pay": "total_gross", "deductions": "total_deductions", "net_pay": "total_net"}
TOTAL_LABELS = {
    "total_gross": [(r"(total|summe|gesamt)\w*\s*(gross|brutto)|(gross|brutto)\w*\s*(pay\s*)?(total|gesamt|summe)|gesamtbrutto"
                     r"|total\s*earnings|total\s*brut|salaires?\s*bruts?\s*total|total\s*(salario\s*)?bruto|total\s*devengado", 1.0),
                    (r"^\s*(gross\s*(wages|earnings|pay|payroll|salar\w*)?|brutto\w*|bruttol(o|oe)hne?|salaires? bruts?|salario bruto)\b", 0.9)],
    "total_deductions": [(r"(total|summe|gesamt)\w*\s*(deduct|abz|withhold|retenue|deduccion)|(deduct\w*|abzuge|abz\.)\s*(total|gesamt|summe)"
                          r"|gesamtabzuge", 1.0),
                         (r"^\s*(deductions?|abzuge|withholdings?|retenues|deducciones|cotisations)\b", 0.9)],
    "total_net": [(r"(total|summe|gesamt)\w*\s*(net|netto|auszahlung|payout|liquido)|(net|netto|auszahlung\w*|payout)\s*(pay\s*)?"
                   r"(total|gesamt|summe)|gesamtnetto", 1.0),
                  (r"^\s*(net\s*(wages|pay|payroll|salar\w*|amount)?|netto\w*|nettol(o|oe)hne?|auszahlungs?betrag|salaires? nets?"
                   r"|salario neto|liquido a percibir)\b", 0.9)],
}
# A summary line under the table ('Gross wages  $6,848.56') ends it, as a totals row does.
EMPLOYEES = replace(EMPLOYEES, stop="|".join([EMPLOYEES.stop, *(p for labels in TOTAL_LABELS.values() for p, _ in labels)]))
SEPARATORS = {"·", "|", "•", "–", "—", "/", "-", "»", "«", "*"}  # and how a scan reads the dot
NOT_A_NAME = re.compile(r"payroll|register|lohn|gehalt|journal|entgelt|period|pay\b|beginn|ende\b|zeitraum|zahltag|total"
                        r"|summe|gesamt|datum|\bdate\b|abrechnung|seite|page|\bvon\b|\bbis\b|\bfrom\b|\bto\b"
                        # summary and header labels of a register, never its employer
                        r"|gross|\bnet\b|wages|deduction|\bhours\b|headcount|employees|anzahl|mitarbeiter|erstellt|gedruckt"
                        r"|printed|created|brutto|netto|abzug|stunden|valuta|\bday\b|\bvom\b|weekly|monthly|\bevery\b"
                        r"|woechentlich|wochentlich|monatlich|taglich|frequency|rhythmus|\bwertstellung\b|generated"
                        r"|\bweek\b|\bwoche\b|\bending\b|\bended\b"
                        # a run date's caption in a row of captions ('Co  Run on  Deposit date')
                        r"|\brun\s*(on|date)\b|\bprocess(ed|ing)?\s*(on|date)\b|\b(report|print)\s*date\b|\bdruckdatum\b"
                        r"|\blauf\b"
                        # the rest of a label over a block ('Employer Name and Address:')
                        r"|\baddress\b|\banschrift\b|^(and|und)\b"
                        # the payroll's bank account's label
                        r"|\b(funding\s+)?account\s*(:|no\b|number|ending)|\bkonto\s*:|bankverbindung|\bfunding\s+(bank|account)\b"
                        # a date whose day a scan or an ordinal kept apart from its year ('November 10th')
                        r"|^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?"
                        r"|nov(ember)?|dec(ember)?)\.?\s+\d")


def extract_payroll(doc: Document) -> None:
    layout = Layout(doc)
    conv = conventions(layout)
    result = read_table(layout, EMPLOYEES)
    layout.table_lines = result.lines
    layout.table_span = _without_header_panel(layout, result, table_span(result.columns))

    put(doc, "employer_name", _employer(layout))
    frequency = _frequency(layout)
    if conv.day_first is None:
        conv = replace(conv, day_first=_order_by_the_period(layout, frequency))
    start, end = _period(layout, conv.day_first, frequency)
    if start and end and _a_period(start.value, end.value) and start.confidence > UNLABELLED \
            and end.confidence > UNLABELLED and not (start.box == end.box and _one_reading(start.raw or "")):
        # two ends a week, two weeks, half or a whole month apart confirm each other
        for f in (start, end):
            f.confidence = 1 - (1 - f.confidence) * 0.5
    start, end = _period_elsewhere(layout, conv.day_first, frequency, start, end)
    dates = {"pay_period_start": start, "pay_period_end": end,
             "pay_date": choose(_labelled_dates(layout, PAY_DATE, conv.day_first))}
    if not all(dates.values()):
        _unlabelled_dates(layout, conv.day_first, dates, frequency)
    _pay_date_read_by_the_period(dates)
    if not (dates["pay_period_start"] or dates["pay_period_end"]) and dates["pay_date"]:
        dates["pay_period_start"], dates["pay_period_end"] = _yearless_period(layout, dates["pay_date"].value, conv.day_first)
    for name, field in dates.items():
        put(doc, name, field)
    for name, field in column_fields(layout, result, conv.day_first, find_dates).items():
        if name not in doc.fields or doc.fields[name].confidence < field.confidence:
            doc.fields[name] = field  # printed on every row of the table instead of above it

    rows = []
    for raw in result.rows:
        row: dict[str, Field] = {}
        for name in sorted(EMPLOYEES.numeric):  # (a set: its order changes from run to run)
            words = raw.cells.get(name)
            if words:
                money = parse_money(" ".join(w.text for w in words), conv.decimal_comma)
                if money is not None:
                    row[name] = cell_field(words, money.amount, raw.page, 1.0 if money.clean else 0.8)
        for name in ("employee_id", "employee_name"):
            words = raw.cells.get(name)
            certainty = 1.0
            if words and name == "employee_name":
                kept = _name_words(words)
                if any(re.search(r"\d", w.text) for w in words):
                    certainty = DOUBT  # a figure ran into the name: what else of the row is where it should be?
                elif [w.text for w in kept] != [w.text for w in words]:
                    certainty = 0.9
                words = kept
            if words:
                text = clean_text(" ".join(w.text for w in words))
                row[name] = cell_field(words, parse_identifier(text) if name == "employee_id" else text, raw.page,
                                       certainty)
        if len(row) >= 3:
            _check_row(row)
            rows.append(row)
    rows, closing = _without_subtotals(rows)
    repair_lost_decimal_points(rows, EMPLOYEES.numeric)
    _hours_by_arithmetic(rows)
    _doubt_unlikely_cells(rows)
    ocr_pages = {p.number for p in doc.pages if p.text_source == "ocr"}
    totals_row = stop_line_amounts(result, conv.decimal_comma) if not _counts_only(result.stop_line) else {}
    for later in _later_totals_rows(layout, result, conv.decimal_comma):
        totals_row = later  # a department's subtotal ended the table; the register's total comes last
    repair_by_arithmetic(rows, EMPLOYEES.numeric, [_gross_adds_up(rows), _net_adds_up], ocr_pages,
                         {column: money.amount for column, (_, money) in totals_row.items()})
    if rows:
        doc.tables["employees"] = rows
    # Columns only their usual order named (gross = deductions + net either way round): their totals are no surer.
    ordered = {c.name for c in result.columns if c.name and c.ordered}
    _totals(doc, layout, rows, totals_row, money_parser(conv.decimal_comma), closing, ordered)
    if frequency is None:
        _other_end_by_hours(doc, layout, rows)


def _order_by_the_period(layout: Layout, frequency: str | None) -> bool | None:
    """Whether this register's numeric dates put the day first, when its period says so: of the two readings of a
    period whose ends read either way ('06/01/2026 - 06/07/2026'), the one whose ends lie a period apart (a week, two
    weeks, half or a whole month, and as long as the pay frequency says, when it says) is how the page writes dates."""
    fitting = set()
    for day_first in (True, False):
        start, end = _period(layout, day_first, frequency)
        if start is None and end is None:
            start, end = _header_period(layout, day_first, frequency) or (None, None)
        if start is None or end is None:
            continue  # read this way the page's dates make no period ('06/11/2026 - 05/12/2026' month first)
        if not any(h.ambiguous for f in (start, end) for h in find_dates(f.raw or "")):
            return None  # a period that reads one way only: nothing to learn from it
        if _a_period(start.value, end.value) and _other_end(end.value, frequency, known_is_end=True) in (None, start.value):
            fitting.add(day_first)
    return fitting.pop() if len(fitting) == 1 else None


def _one_reading(raw: str) -> bool:
    """Whether a period's two ends come from one figure, not two dates or a month's name: a week's number, or a month
    only its label makes one of ('Mar-26', '202603')."""
    return bool(WEEK.search(fold(raw))) or not find_months(raw) and len(find_dates(_spelled_out(fold(raw)))) < 2


def _without_header_panel(layout: Layout, result, span: tuple[float, float] | None) -> tuple[float, float] | None:
    """How far the employees table reaches, short of a panel beside it that holds the register's header (employer,
    period, pay date) on the lines of its rows: a panel is no part of the table (however close it stands), and the
    first unnamed column right of the named ones whose text reads as a header label starts it."""
    named = [c for c in result.columns if c.name]
    if span is None or not named:
        return span
    right = max(c.x1 for c in named)
    labels = EMPLOYER + PERIOD + PERIOD_START + PERIOD_END + PAY_DATE + MONTH_LABEL + [(RUN_DATE, 1.0), (BANK_LABEL, 1.0)]
    for column in sorted((c for c in result.columns if not c.name and c.x0 >= right - 1e-4), key=lambda c: c.x0):
        phrases = [p for i in result.lines for p in layout.lines[i].phrases
                   if p.page == layout.lines[i].page and column.x0 - 0.01 <= p.box[0] <= column.x1]
        if any(re.search(r"[^\W\d_]{2}", p.text) and _labels_phrase(p, labels) for p in phrases):
            return span[0], min(span[1], max(right, column.x0 - 0.012))  # (a cell reaches 0.01 past the span)
    return span


# A cell of a column named by the usual order alone, once its row's arithmetic confirms it (the most it reaches).
ORDERED_CONFIRMED = 1 - (1 - TIED) * 0.3


def _totals(doc: Document, layout: Layout, rows: list[dict[str, Field]], totals_row: dict, amount_parser,
            closing: dict[str, Field] | None = None, ordered: frozenset[str] | set[str] = frozenset()) -> None:
    """Each total from the totals row (labelled, or the closing row that adds up the rows) or a labelled summary,
    preferring the one that equals its column's sum. The total of a column in `ordered` (named by the usual order of
    columns alone) is held below any threshold, as that column's cells are: it adds up whichever column it is."""
    consistent = all(_net_adds_up({k: f.value for k, f in r.items()}) for r in rows)  # every row's arithmetic holds
    for column, name in TOTAL_COLUMNS.items():
        candidates: list[tuple[Any, Decimal, float]] = []
        if column in totals_row:
            phrase, money = totals_row[column]
            candidates.append((phrase, money.amount, 0.95 * phrase.confidence))
        if closing is not None and column in closing:
            cell = closing[column]
            where = SimpleNamespace(page=cell.page, box=cell.box, text=cell.raw or str(cell.value))
            candidates.append((where, cell.value, 0.9 * cell.confidence))
        candidates += [(c.phrase, c.value.amount, c.score) for c in labelled(layout, TOTAL_LABELS[name], amount_parser)]
        if not candidates:
            if any(column in r for r in rows):
                # The rows print this column but no total of it was found: a person should look.
                doc.evidence.setdefault("labels_without_value", []).append(name)
            continue
        values = [r[column].value for r in rows if column in r]
        column_sum = sum(values, Decimal(0)) if values and len(values) == len(rows) else None
        agreeing = [c for c in candidates if column_sum is not None and abs(c[1] - column_sum) <= Decimal("0.01") * len(rows)]
        if agreeing:
            phrase, amount, score = max(agreeing, key=lambda c: c[2])
            confidence = 1 - (1 - score) * 0.3
        else:
            phrase, amount, score = max(candidates, key=lambda c: c[2])
            # Rows that all print the column and add up to something else: the total or a row is misread; a total
            # under what the rows read so far add up to cannot be right.
            below_rows = amount < sum(values, Decimal(0)) - Decimal("0.01") * len(values)
            confidence = score * (0.5 if below_rows else 0.6 if column_sum is not None else 0.8)
            if column_sum is not None and _misread_total(amount, column_sum, one_figure=consistent):
                amount = column_sum  # a scan garbled the total ('5,009.23', '4203118' for '15,009.23', '42,031.18'): the rows say it
        if column in ordered:
            confidence = min(confidence, ORDERED_CONFIRMED)
        doc.fields[name] = Field(amount, confidence, phrase.page, phrase.box, phrase.text)


def _misread_total(read: Decimal, column_sum: Decimal, one_figure: bool = True) -> bool:
    """Whether a total as read is the rows' sum as a scan garbles figures: without its first figures ('5,009.23' for
    15,009.23), without its decimal point ('4203118' for 42,031.18), or with one figure misread ('57.548,76' for
    57.543,76)."""
    if read == column_sum:
        return False
    digits, whole = f"{abs(column_sum):.2f}".replace(".", ""), f"{abs(read):.2f}".replace(".", "")
    if len(whole) >= 3 and len(digits) > len(whole) and digits.endswith(whole):
        return True
    if read == column_sum * 100:
        return True
    # (one figure only where every row adds up: else a row's figure is as likely the misread one)
    return one_figure and len(whole) == len(digits) >= 4 and sum(a != b for a, b in zip(whole, digits)) == 1


def _later_totals_rows(layout: Layout, result, decimal_comma: bool | None) -> list[dict]:
    """Totals rows right under the one that ended the table ('Vertrieb Summe ...' over 'Gesamt ...', 'Sales total' over
    'Grand total'), with two amounts or more under the table's columns."""
    index = next((i for i, line in enumerate(layout.lines) if line is result.stop_line), None)
    if index is None:
        return []
    out = []
    for line in layout.lines[index + 1: index + 4]:
        if line.page != result.stop_line.page or not re.search(EMPLOYEES.stop, fold(line.text)) or _counts_only(line):
            break
        amounts = stop_line_amounts(replace(result, stop_line=line), decimal_comma)
        if len(amounts) < 2:
            break
        out.append(amounts)
    return out


def _counts_only(line) -> bool:
    """A line under the table that totals hours or heads, not pay ('Total hours paid: 1921.00', 'Anzahl Mitarbeiter: 5'):
    its figure is no money total, whatever column it stands under."""
    if line is None:
        return False
    words = fold(" ".join(w.text for w in line.words if re.search(r"[^\W\d_]{2}", w.text)))
    return bool(re.search(r"\bhours\b|\bhrs\b|stunden|\bstd\b|headcount|employees|mitarbeiter|anzahl", words)) \
        and not re.search(r"gross|brutto|\bnet|deduct|abz|pay\b|lohn|gehalt|auszahl|wages|earnings", words)


def _name_words(words: list[Word]) -> list[Word]:
    """The words of a name cell that can be part of a name: a scan leaves specks and a neighbour's figure beside it
    ('Koch, Anke 28,76', 'Yuki Kim .', 'Lena Williams i'); names hold no digits and end on a word of two letters."""
    kept = [w for w in words if not re.search(r"\d", w.text) and re.search(r"[^\W\d_]", w.text)]
    while kept and not re.search(r"[^\W\d_]{2}|^[A-Z]\.?$", kept[-1].text):
        kept.pop()  # a trailing speck read as 'i' or 'a'
    while kept and not re.search(r"[^\W\d_]{2}", kept[0].text):
        kept.pop(0)
    if kept and kept[0].text[0] in "\"'“”„‚«»|":
        kept[0] = replace(kept[0], text=kept[0].text.lstrip("\"'“”„‚«»|"))
    if kept and re.search(r"[^\W\d_]{2}\.$", kept[-1].text) and not re.fullmatch(r"(jr|sr|dr|st)\.", kept[-1].text.lower()):
        kept[-1] = replace(kept[-1], text=kept[-1].text[:-1])  # 'Kim.': a speck after the name, not an initial
    return kept


def _without_subtotals(rows: list[dict[str, Field]]) -> tuple[list[dict[str, Field]], dict[str, Field] | None]:
    """Rows that add up rows just above them (a department's subtotal, however it is labelled) are no employees:
    at least two of gross, deductions and net equal the sums of the rows since some row above.

    The last row, when it adds up every employee row above, is the register's totals row whatever its label says
    ('Company-wide', 'All employees (3)', none at all): it is returned apart, for the totals."""
    kept: list[dict[str, Field]] = []
    since: list[dict[str, Field]] = []
    closing = None
    for i, row in enumerate(rows):
        if "employee_id" not in row:
            if i == len(rows) - 1 and len(kept) >= 2 and _adds_up(row, kept):
                closing = row
                continue
            if any(_adds_up(row, since[start:]) for start in range(len(since))):
                since = []
                continue
        kept.append(row)
        since.append(row)
    return kept, closing


def _adds_up(row: dict[str, Field], group: list[dict[str, Field]]) -> bool:
    sums = 0
    for column in ("gross_pay", "deductions", "net_pay"):
        if column in row and all(column in r for r in group):
            total = sum((r[column].value for r in group), Decimal(0))
            sums += abs(total - row[column].value) <= Decimal("0.01") * len(group)
    return sums >= 2


OVERTIME = Decimal("1.5")  # the usual overtime premium; a register that pays another is left to the validators


def _gross(row: dict[str, Decimal]) -> Decimal | None:
    if not {"regular_hours", "hourly_rate", "gross_pay"} <= row.keys():
        return None
    return (row["regular_hours"] + OVERTIME * row.get("overtime_hours", Decimal(0))) * row["hourly_rate"]


def _gross_adds_up(rows: list[dict[str, Field]]):
    """hours x rate = gross, when the register's own rows show it pays overtime at the usual premium."""
    values = [{k: f.value for k, f in r.items() if isinstance(f.value, Decimal)} for r in rows]
    with_overtime = [v for v in values if v.get("overtime_hours") and _gross(v) is not None]
    usual = not with_overtime or any(abs(_gross(v) - v["gross_pay"]) <= Decimal("0.02") for v in with_overtime)

    def holds(row: dict[str, Decimal]) -> bool | None:
        expected = _gross(row)
        if expected is None or (row.get("overtime_hours") and not usual):
            return None
        return abs(expected - row["gross_pay"]) <= Decimal("0.02")
    return holds


def _hours_by_arithmetic(rows: list[dict[str, Field]]) -> None:
    """Regular and overtime hours the other way round when the rows say so.

    A scan can lose or garble the two hours headers, and the hours columns then land under each other's names:
    every row's hours x rate misses its gross pay, and swapped it meets it. Swap only when the swapped columns make
    the sum hold on at least two rows and on most rows that can be checked, and the columns as read on none; the cells
    keep a confidence below any threshold, since their headers were not read."""
    def holds(row: dict[str, Field], swap: bool) -> bool:
        values = {k: f.value for k, f in row.items() if isinstance(f.value, Decimal)}
        if swap:
            values["regular_hours"], values["overtime_hours"] = values["overtime_hours"], values["regular_hours"]
        expected = _gross(values)
        return expected is not None and abs(expected - values["gross_pay"]) <= Decimal("0.02")

    checkable = [r for r in rows if "regular_hours" in r and "overtime_hours" in r]
    as_read = [holds(r, swap=False) for r in checkable]
    swapped = [holds(r, swap=True) for r in checkable]
    if any(as_read) or sum(bool(s) for s in swapped) < max(2, (len(checkable) + 1) // 2 + 1):
        return
    for row in checkable:
        row["regular_hours"], row["overtime_hours"] = row["overtime_hours"], row["regular_hours"]
        for name in ("regular_hours", "overtime_hours"):
            row[name].confidence = min(row[name].confidence, 0.7)


def _check_row(row: dict[str, Field]) -> None:
    """A row whose gross - deductions = net is surely read: say so in its confidence."""
    g, d, n = row.get("gross_pay"), row.get("deductions"), row.get("net_pay")
    if g and d and n and abs(g.value - d.value - n.value) <= Decimal("0.01"):
        for f in (g, d, n):
            f.confidence = 1 - (1 - f.confidence) * 0.3


DOUBT = 0.6  # under every column threshold: the row goes to a person


def _shape(text: str) -> str:
    """'E-1041' -> 'A-9': what kinds of characters an identifier is made of, in which order (not how many)."""
    return re.sub(r"[^\W\d_]+", "A", re.sub(r"\d+", "9", text))


def _doubt_unlikely_cells(rows: list[dict[str, Field]]) -> None:
    """Names and ids have no arithmetic to confirm them, and a text layer reads them at full confidence even when
    the table was cut wrong (a department run into a name, two rows merged, a cell lost). Judge them by their type
    and by the other rows: a name with digits, an id unlike the column's other ids, a row without a cell its
    neighbours have are held for a person."""
    ids = [str(r["employee_id"].value) for r in rows if "employee_id" in r]
    shapes = [_shape(i) for i in ids]
    usual_shape = max(set(shapes), key=shapes.count) if shapes else None
    shape_settled = usual_shape is not None and len(shapes) >= 3 and shapes.count(usual_shape) >= 0.6 * len(shapes)
    names = [str(r["employee_name"].value) for r in rows if "employee_name" in r]
    word_counts = sorted(len(n.split()) for n in names)
    usual_words = word_counts[len(word_counts) // 2] if word_counts else 2
    present = {column: sum(column in r for r in rows) for column in {c for r in rows for c in r}}
    for row in rows:
        doubts = []
        if "employee_id" in row:
            text = str(row["employee_id"].value)
            if re.search(r"\s", text) or (shape_settled and _shape(text) != usual_shape):
                doubts.append("employee_id")
            elif ids.count(text) > 1:
                doubts.append("employee_id")  # two employees cannot share an id
        if "employee_name" in row:
            name = str(row["employee_name"].value)
            if re.search(r"\d|[$%@#/=*_|]", name) or not re.search(r"[^\W\d_]{2}", name) \
                    or len(name.split()) > max(usual_words + 1, 4) or len(name.split()) < min(usual_words, 2):
                doubts.append("employee_name")
        lost = [c for c, n in present.items() if c not in row and n >= 0.7 * len(rows) and len(rows) >= 3
                and not (c == "overtime_hours" and _gross_holds_without_overtime(row))]
        if lost:
            doubts += list(row)  # a cell of this row was not read: nothing else in it is sure either
        for name in doubts:
            row[name].confidence = min(row[name].confidence, DOUBT)


def _gross_holds_without_overtime(row: dict[str, Field]) -> bool:
    """A blank overtime cell is no lost cell when hours x rate = gross without it."""
    values = {k: f.value for k, f in row.items() if isinstance(f.value, Decimal)}
    expected = _gross(values)
    return expected is not None and abs(expected - values["gross_pay"]) <= Decimal("0.02")


def _employer_value(phrase: Phrase):
    """A name in a phrase, or in one of its parts when the header runs into one line ('Acme Ltd | Period 03/01/2026 -
    03/15/2026 | Check date 03/20/2026', 'Acme Ltd   Pay period: ...'), or in a title ('Payroll Register for Acme Ltd',
    'ACME LTD - PAYROLL SUMMARY')."""
    if PROVIDER.search(phrase.folded):
        return None  # the payroll provider's name
    first = bank = None
    for part in _header_parts(phrase):
        if _labels_phrase(part, PAY_DATE + PERIOD + MONTH_LABEL) or re.match(r"\s*" + BANK_LABEL, part.folded) \
                or re.match(r"\s*" + DEPARTMENT.pattern + r"\s*(name|code|no\.?|nr\.?)?\s*:", part.folded):
            continue  # another field's label and value ('Pay period: March 1–15, 2026', 'Bank: ...', 'Department: ...')
        part = _without_title(_without_label_head(_without_employer_label(part)))
        if part is None or NOT_A_NAME.search(part.folded) or re.search(EMPLOYER[0][0], part.folded) \
                or _labels_phrase(part, PAY_DATE + PERIOD + MONTH_LABEL):
            continue  # the next label down a list of labels, not a value
        found = name_value(_without_code(part))
        if not found and len(part.words) >= 3 and re.fullmatch(r"\d{1,3}", part.words[0].text):
            # ('Company: 123 ACME LLC'): a short key before the name, at one space, where the two read as no name
            found = name_value(Phrase(part.page, part.words[1:], part.line))
        if found and (re.fullmatch(r"[A-Z]{2,5}", found[0]) or CODE.match(found[0])) and not has_legal_form(found[0]):
            first = first or found  # 'NGL - Northgate Logistics LLC': a company's key before its name
            continue
        if found and first and not has_legal_form(found[0]):
            return first  # ('ACME | Springfield Plant': the key was the name)
        if found and BANK_NAME.search(fold(found[0])):
            bank = bank or found  # a bank's name beside the employer's ('Bodensee Privatbank AG  Acme GmbH'), or alone
            continue
        if found:
            return found
    return first or bank


# The label of the bank a payroll is paid from, whose name is no employer's ('Funding account: Cedar Valley Bank ****8353',
# 'Bankverbindung'); 'Bank' alone before a colon or a bank's name.
BANK_NAME = re.compile(r"\b(privat|volks|landes|spar|handels|kredit|hypo|post|genossenschafts)?bank(haus)?\b|\bbancorp|sparkasse|volksbank|raiffeisen|credit\s*union|\bsavings\b|building\s*society"
                       r"|\bbanque\b|\bbanco\b|\bcaja\b|\bcaisse\b")
BANK_LABEL = (r"(funding\s*(bank|account)|bank\s*(name|account|details)|bankverbindung|auszahlungskonto|paid\s*from"
              r"|bank(?=\s*:)|bank\s+(?=.*(" + BANK_NAME.pattern + r")))\b")
# Where the next field of a header run into one line starts: its label, then a colon or a figure ('Period 03/01/2026',
# 'Check date: ...', 'Pay group: BW', 'Page 1 of 2').
NEXT_LABEL = re.compile("(?:" + "|".join(p for p, _ in PERIOD + MONTH_LABEL + PAY_DATE + PERIOD_START + PERIOD_END)
                        + r"|\b(run|print|report|process|creat)\w*\s*(date|on)\b|\bdate\s*(printed|run|created|generated)\b|\bpay\s*(group|frequency|cycle)\b|\bfrequency\b"
                        r"|\bpage\b|\bseite\b|\b(f?ein|tin|tax\s*id|vat(\s*(no|reg\w*))?|ust\W*id\w*|st\W*nr|steuer\w*|cif|nif|siret|siren|tva"
                        r"|p\.?\s*iva|abn|btw|kvk|rcs|paye\s*ref\w*)\b\.?"
                        r"|\b(company|co|client|employer|firma|mandant|betrieb)\s*(id|code|no|nr|number)\b\.?)"
                        r"\s*[:#]?\s*(?=[:#\d]|[a-z]{2}\d|(?:[a-z]+\s+){0,2}[a-z]+\s*:)"
                        r"|(dba|d/b/a|t/a|trading\s+as)\b"  # a trade name after the legal one ('Acme LLC dba Acme Tools')
                        r"|" + BANK_LABEL)  # the bank the payroll is paid from ('Acme GmbH  Bank Volksbank Mittelland eG')


# A postcode in a city line: a US ZIP, a five- or four-figure code, a British outward code.
POSTCODE = re.compile(r"\d{5}(-\d{4})?|\d{4}|[A-Z]{1,2}\d[A-Z\d]?")


def _header_parts(phrase: Phrase) -> list[Phrase]:
    """A phrase cut where a separator stands, another field's label starts or a date starts (a tight header table runs
    'Acme Ltd' and 'September 4, 2026' into one phrase)."""
    if len(phrase.words) < 2:
        return [phrase]
    starts, pos = [], 0
    for w in phrase.words:
        starts.append(pos)
        pos += len(w.text) + 1
    dated = {h.start for h in find_dates(phrase.text)} | {h.start for h in find_months(phrase.text)}
    # where a date ends and the next field's text starts ('03.10.2026 Client: Cedar Ridge Software')
    dated |= {h.end + 1 for h in find_dates(phrase.text)}
    parts: list[list[Word]] = [[]]
    for i, w in enumerate(phrase.words):
        if w.text in SEPARATORS | {";", "||", ":"} or re.fullmatch(r"\(cid:\d+\)", w.text):
            # a colon alone: how a scan may read a separator dot; '(cid:127)': a bullet the text layer has no letter for
            parts.append([])
            continue
        street = phrase.words[i - 1].text.endswith(",") and re.fullmatch(r"\d{1,5}[A-Za-z]?", w.text) \
            and not re.fullmatch(r"(19|20)\d\d", w.text) and i + 1 < len(phrase.words) \
            and phrase.words[i + 1].text[:1].isalpha()  # 'Acme LLC, 120 Main Street'
        street = street or phrase.words[i - 1].text.endswith(",") and w.text[:1].isalpha() \
            and not SUFFIX_ONLY.match(fold(w.text)) and any(re.fullmatch(r"\d{1,5}[A-Za-z]?,?", x.text)
                                                           for x in phrase.words[i + 1: i + 3])  # ', Hauptstraße 80'
        street = street or phrase.words[i - 1].text.endswith(",") and w.text[:1].isalpha() \
            and not SUFFIX_ONLY.match(fold(w.text)) and any(POSTCODE.fullmatch(x.text.strip(",")) for x in phrase.words[i: i + 4]) \
            and (i + 4 >= len(phrase.words))  # ', Des Moines, IA 50377', ', Leeds LS1 4AB': a city line ends the phrase
        # a name after a name ('Bodensee Privatbank AG Acme Haustechnik e.K.', two cells run into one phrase): after a
        # legal form, a capitalised word that is none, with another legal form further on
        street = street or SUFFIX_ONLY.match(fold(phrase.words[i - 1].text)) and w.text[:1].isupper() \
            and not SUFFIX_ONLY.match(fold(w.text)) and w.text[:1].isalpha() \
            and (any(SUFFIX_ONLY.match(fold(x.text)) for x in phrase.words[i + 1:])
                 or bool(BANK_NAME.search(fold(" ".join(x.text for x in phrase.words[i:])))))
        # the street after the name's legal form ('Acme LLC 120 Main Street Springfield, IL 62701')
        street = street or SUFFIX_ONLY.match(fold(phrase.words[i - 1].text)) and re.fullmatch(r"\d{1,5}[A-Za-z]?", w.text) \
            and i + 1 < len(phrase.words) and phrase.words[i + 1].text[:1].isalpha()
        # who printed it after whom for: a name complete with its legal form, then 'by' ('Acme LLC by PayServ Inc.');
        # a name's own 'by' stays ('Floors by Design LLC')
        printer = fold(w.text) in {"by", "durch"} and i + 1 < len(phrase.words) \
            and bool(SUFFIX_ONLY.match(fold(phrase.words[i - 1].text)))
        if i and parts[-1] and (starts[i] in dated or street or printer or w.text[:1].isalpha()
                                and NEXT_LABEL.match(fold(" ".join(x.text for x in phrase.words[i:])))):
            parts.append([])
        parts[-1].append(w)
    kept = [words for words in parts if words]
    if len(kept) == 1 and len(kept[0]) == len(phrase.words):
        return [phrase]
    return [Phrase(phrase.page, words, phrase.line) for words in kept]


def _without_employer_label(phrase: Phrase) -> Phrase | None:
    """A part that opens with the employer's label and its colon ('Client: Cedar Ridge Software', run into a line of
    other fields), without the label."""
    m = re.match(EMPLOYER[0][0], phrase.folded)
    if not m or not phrase.folded[: m.end()].rstrip().endswith(":") or m.end() >= len(phrase.folded.rstrip()):
        return phrase
    return sub_phrase(phrase, m.end(), len(phrase.folded))


def _without_label_head(phrase: Phrase) -> Phrase:
    """A value without a label of one to three words before its colon that no list here knows ('Legal name: Acme
    Ltd')."""
    words = phrase.words
    for k, w in enumerate(words[:3]):
        if w.text.endswith(":") and k + 1 < len(words) and not re.search(r"\d", " ".join(x.text for x in words[: k + 1])) \
                and not re.search(EMPLOYER[0][0], phrase.folded):
            if k and SUFFIX_ONLY.match(fold(w.text.rstrip(":"))):
                return Phrase(phrase.page, words[: k + 1], phrase.line)  # a name before a title's colon ('Acme LLC: Payroll')
            return Phrase(phrase.page, words[k + 1:], phrase.line)
    return phrase


# What a footer prints after the employer's name, when a scan lost the dot between them ('Acme GmbH vertraulich').
FOOTER_WORDS = re.compile(r"(strictly\s+)?(confidential|internal|private|vertraulich|intern|streng\s+vertraulich|confidentiel"
                          r"|confidencial|riservato|vertrouwelijk)\.?")
CONNECTORS = r"for|fur|of|de|du|des|di|del|van|voor|per"  # 'Payroll Register for', 'Lohnjournal für'
REPORT_WORDS = re.compile(r"^(payroll|pay|register|journal|summary|report|listing|list|details?|wages?|earnings|salar\w*"
                          r"|run|lohn\w*|gehalt\w*|entgelt\w*|abrechnung\w*|liste|ubersicht|paie|nominas?|loon\w*"
                          # other languages' words for a register and its summary ('RESUMEN DE NÓMINAS', 'Livre de paie')
                          r"|resumen|libro|registre|livre|recapitulatif|riepilogo|cedolini|overzicht|salarissen|"
                          + CONNECTORS + r"|[-–—:,])$")


def _without_title(phrase: Phrase | None) -> Phrase | None:
    """A name printed as the register's title, without the title's words ('Payroll Register for Acme Ltd', 'Lohn- und
    Gehaltsliste für Acme GmbH', 'Acme Ltd Payroll', 'PAYROLL REGISTER - ACME LTD'); what is left must still read as a
    company's name."""
    if phrase is None:
        return None
    words = list(phrase.words)
    folded = [fold(w.text).rstrip(":") for w in words]  # "Übersicht:" before the period
    if all(REPORT_WORDS.match(f) for f in folded):
        return None  # 'Übersicht', 'Summary': a title's part, no name
    joined = next((k for k, f in enumerate(folded[:6]) if k and re.fullmatch(CONNECTORS, f)), None)
    if joined is not None and TITLE_WORDS.search(" ".join(folded[:joined])):
        words, folded = words[joined + 1:], folded[joined + 1:]  # '... Register for' Acme Ltd
    lead = 0
    while lead < len(words) and REPORT_WORDS.match(folded[lead]):
        lead += 1
    if lead and TITLE_WORDS.search(" ".join(folded[:lead])) and (lead >= 2 or re.search(r"[-–—:,]$", folded[lead - 1])):
        words, folded = words[lead:], folded[lead:]
    forms = [k for k, f in enumerate(folded) if SUFFIX_ONLY.match(f)]
    after = " ".join(folded[forms[-1] + 1:]) if forms else ""
    if forms and forms[-1] < len(words) - 1 and (TITLE_WORDS.search(after) or FOOTER_WORDS.fullmatch(after)) \
            and not re.search(r"\d", after):
        words = words[: forms[-1] + 1]  # a name ends at its legal form: 'Acme GmbH' Lohn- und Gehaltsliste
    else:
        tail = len(words)
        while tail > 0 and REPORT_WORDS.match(folded[tail - 1]):
            tail -= 1
        rest = words[:tail]
        if tail < len(words) and TITLE_WORDS.search(" ".join(folded[tail:])) \
                and (len(rest) >= 2 or rest and COMPANY_SUFFIX.search(fold(rest[-1].text))):
            words = rest
    if not words:
        return None
    return phrase if len(words) == len(phrase.words) else Phrase(phrase.page, words, phrase.line)


# (and a key of capitals and figures mixed, as US payroll services key their clients: 'K7X', 'AB12'; a client number in
# groups of figures: '0012-3456', '42-133203')
CODE = re.compile(r"^[A-Z]{0,3}-?\d{2,}[A-Z]?$|^[A-Z]{0,3}\d{2,}[-:]?$|^(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z\d]{3,6}[-:]?$"
                  r"|^\d{2,}(-\d{2,})+[-:]?$")


def _without_code(phrase: Phrase) -> Phrase:
    """A name without the company code a payroll system prints beside it ('0042  Acme Ltd', 'K76 - Acme Co.',
    'Acme GmbH (Mandant 13656)', 'Acme GmbH [X61]'): a code holds digits, a name does not start or end with one."""
    words = list(phrase.words)
    if len(words) >= 2 and CODE.match(words[0].text.strip(":")) and _set_apart(words[0], words[1]):
        words.pop(0)
        while words and words[0].text in SEPARATORS | {":", "–"}:
            words.pop(0)
    opening = [i for i, w in enumerate(words) if i and w.text[:1] in "(["]
    code = " ".join(w.text for w in words[opening[-1]:]) if opening else ""
    keyed = re.match(r"[(\[]\s*(co\.?|company|client|mandant\w*|firmen|kunden)?\s*(code|id|no\.?|nr\.?|#|key)\b", fold(code))
    if opening and words[-1].text.endswith((")", "]")) and (re.search(r"\d{2,}", code) or keyed and re.search(r"\d", code)
                                                             or re.fullmatch(r"[(\[][A-Z0-9-]{2,6}[)\]]", code)
                                                             and SUFFIX_ONLY.match(fold(words[opening[-1] - 1].text))):
        words = words[: opening[-1]]  # '(13656)', '[X61]', '(Mandant 13656)', '(Co. code 0042)', 'Acme LLC (NGL)'
    return phrase if len(words) == len(phrase.words) or not words else Phrase(phrase.page, words, phrase.line)


def _set_apart(code: Word, after: Word) -> bool:
    """A code stands apart from the name after it: by a dash or colon, or by more than one space ('0042  Acme'); a
    name that starts with a figure ('360 Solutions Ltd') runs on at one space; a number led by zeros or of four figures
    or more ('0042 Acme Ltd', '10042 Berger GmbH') is a key, not a name's start, however close ('1999 Holdings' is a
    year)."""
    if code.text.endswith((":", "-")) or after.text in SEPARATORS | {":", "–"}:
        return True
    if re.fullmatch(r"0\d+|\d{4,}|\d{2,}(-\d{2,})+", code.text) and not re.fullmatch(r"(19|20)\d\d", code.text):
        return True
    char = (code.box[2] - code.box[0]) / max(len(code.text), 1)
    return after.box[0] - code.box[2] > 0.75 * char


def _employer(layout: Layout) -> Field | None:
    """The employer: labelled ('Company', 'Firma') or the letterhead, by the cues that corroborate it; never the
    payroll provider named beside a 'Prepared by' of its own. A name that reads as a payroll or accounting service's
    ('Müller Steuerberatung', a letterhead over 'Payroll Services') is the bureau that printed the register when any
    other name is on the page; alone, it is the employer held for a look."""
    named: list[tuple[str, Phrase]] = []  # every name the search read, to tell whether the chosen one stands alone

    def value(phrase: Phrase, bureaus: bool = False):
        found = _value(phrase, bureaus)
        if found:
            named.append(found[:2])
        return found

    def _value(phrase: Phrase, bureaus: bool = False):
        line = layout.lines[phrase.line]
        before = [p for p in line.phrases if p.box[2] <= phrase.box[0] + 1e-4]
        if before and any(m.end() >= len(before[-1].folded.rstrip(" :")) for m in PROVIDER.finditer(before[-1].folded)):
            return None  # 'Prepared by' | 'PayServ Inc.'; not a bureau's name beside the employer's ('Lohnbüro Kessler')
        found = _employer_value(phrase)
        if found and not bureaus and (SERVICE.search(fold(found[0])) or BANK_NAME.search(fold(found[0]))
                                      or _service_tagline(layout, phrase) or _under_bank_label(layout, found[1])):
            return None
        rest = phrase.words[len(found[1].words):] if found and found[1].words[0] is phrase.words[0] else []
        if rest and (rest[0].text in SEPARATORS or found[1].words[-1].text.endswith(",")) \
                and REGISTRATION.search(fold(" ".join(w.text for w in rest))):
            return None  # 'Acme Ltd · Registered in England No. ... · VAT ...': read as the footer's first part
        return found
    found = _without_caption_form(layout, issuer_name(layout, EMPLOYER, value, skip=set()))
    if found is None:
        found = issuer_name(layout, EMPLOYER, lambda phrase: value(phrase, bureaus=True), skip=set())
        if found is not None:
            found.confidence *= 0.6
        return _with_spaced_head(layout, found)
    labelled_names = labelled(layout, EMPLOYER, value)
    named_for = _named_as_employer(layout, found, named, labelled_names)
    if named_for is not None:
        # A name the register gives as its employer ('Client: Acme Ltd', 'Payroll Register for Acme Ltd') over one
        # only placed like a letterhead: that is the bureau that printed the register for its client.
        key = name_key(named_for)
        chosen = issuer_name(layout, EMPLOYER, lambda phrase: (v if (v := value(phrase)) and _same_name(name_key(v[0]), key)
                                                               else None), skip=set())
        return _with_spaced_head(layout, _without_caption_form(layout, chosen)) if chosen else found
    return _with_register_evidence(layout, _without_open_bracket(_with_spaced_head(layout, found)), named, labelled_names)


def _under_bank_label(layout: Layout, phrase: Phrase) -> bool:
    """Whether a bank's label stands right before a phrase on its line or right over it ('Funding account' over
    'Bayfront Community ****8353')."""
    line = layout.lines[phrase.line]
    before = [p for p in line.phrases if p.box[2] <= phrase.box[0] + 1e-4]
    over = [p for p in layout.lines[phrase.line - 1].phrases if p.box[0] < phrase.box[2] and phrase.box[0] < p.box[2]
            and p.page == phrase.page] if phrase.line else []
    label = r"\s*" + BANK_LABEL + r"\s*:?\s*$"
    return bool(before and re.match(label, before[-1].folded) or any(re.match(label, p.folded) for p in over))


def _without_open_bracket(found: Field | None) -> Field | None:
    """A name without the opening of a bracket whose rest was cut off ('Acme Ltd (Company' of 'Acme Ltd (Company No.
    04123456)'): a name holds whole brackets only."""
    if found is None or not isinstance(found.value, str):
        return found
    words = found.value.split()
    opened = [k for k, w in enumerate(words) if k and w[:1] in "([" and not any(c in ")]" for c in " ".join(words[k:]))]
    if opened:
        found.value = " ".join(words[: opened[0]])
    return found


DEPARTMENT = re.compile(r"\b(department|dept|division|abteilung|kostenstelle|cost\s*cent(er|re)|plant|site|branch|werk"
                        r"|standort|niederlassung|location)\b")


def _named_as_employer(layout: Layout, found: Field, named: list[tuple[str, Phrase]], labelled_names) -> str | None:
    """The one name the register itself gives as its employer, under an employer's label or in its title, when the
    name chosen is another one that nothing but its place names (a letterhead); else None."""
    def how_named(name: str, phrase: Phrase) -> int:
        if any(c.phrase.box == phrase.box and c.score >= 0.7 for c in labelled_names) or _labelled_inside(layout, name, phrase):
            return 2
        return 1 if _titled(layout, name, phrase) else 0

    key = name_key(found.value)
    ranks: dict[str, tuple[int, str]] = {}
    for name, phrase in named:
        k = name_key(name)
        if not k or DEPARTMENT.search(fold(name)) or len(name.split()) < 2 and not has_legal_form(name):
            continue
        group = next((g for g in ranks if _same_name(g, k)), k)
        ranks[group] = max(ranks.get(group, (0, name)), (how_named(name, phrase), name))
    own = max((r for g, r in ranks.items() if _same_name(g, key)), default=(0, found.value))
    best = max((r[0] for r in ranks.values()), default=0)
    others = [r[1] for g, r in ranks.items() if r[0] == best and not _same_name(g, key)]
    if best > own[0] and len(others) == 1:
        return others[0]
    return None


# An employer's label after a separator inside a header run into one line ('Bank: ... / Client: Acme Ltd / ...').
LABEL_INSIDE = re.compile(r"(?:^|[|/·•;]\s*)" + EMPLOYER[0][0].removeprefix(r"^\s*") + r"\s*$")


def _labelled_inside(layout: Layout, name: str, phrase: Phrase) -> bool:
    """Whether a name follows an employer's label and its colon on its line, after a separator or at the line's start."""
    text = fold(" ".join(w.text for w in layout.lines[phrase.line].words if w.box[0] < phrase.box[2] - 1e-4))
    at = text.rfind(fold(phrase.text))
    return at > 0 and text[:at].rstrip().endswith(":") and bool(LABEL_INSIDE.search(text[:at]))


def _titled(layout: Layout, name: str, where: Phrase) -> bool:
    """Whether a name stands in the register's title ('Payroll Register for Acme Ltd') or beside it on its line, on
    the first page over the table."""
    line = layout.lines[where.line]
    if line.page != 1 or layout.table_lines and where.line > min(layout.table_lines):
        return False
    text = fold(where.text or "")
    rest = text.replace(fold(name), " ", 1) if fold(name) in text else ""
    if TITLE_WORDS.search(rest):
        return True
    before = _next_words(list(reversed([w for w in line.words if w.box[2] <= where.box[0] + 1e-4])))[::-1]
    after = _next_words([w for w in line.words if w.box[0] >= where.box[2] - 1e-4])
    return any(words and _a_title(Phrase(line.page, words, where.line)) for words in (before, after)) \
        or any(_a_title(p) for p in line.phrases if p.box[2] <= where.box[0] + 1e-4 or p.box[0] >= where.box[2] - 1e-4)


def _next_words(words: list[Word]) -> list[Word]:
    """The words next to a name up to the next separator ('Acme Ltd — Payroll Register — Period 5')."""
    while words and words[0].text in SEPARATORS:
        words = words[1:]
    end = next((k for k, w in enumerate(words) if w.text in SEPARATORS), len(words))
    return words[:end]


# What ties a name to a register as its employer, each cue alone and how much of the doubt it takes away, when no
# other name stands on the page: a register is printed for one company, so where it prints only one name, where the
# name stands says whose register it is.
REGISTER_CUES = {"labelled": 0.9,  # under an employer's label ('Company:', 'Mandant', 'Prepared for')
                 "titled": 0.8,  # in the register's title or beside it on its line ('Acme Ltd   PAYROLL REGISTER')
                 "letterhead": 0.8,  # at the head of the first page, its address under it
                 "over_title": 0.5,  # right over or under the title (its address between), nothing else beside it
                 "legal_form": 0.5,  # 'GmbH', 'LLC': a company's name, not a department's or a place's
                 "repeated": 0.6,  # printed again (a footer, a running header on later pages)
                 "footer": 0.4,  # at the foot of the page, under the table ('Acme Ltd · confidential')
                 "page_head": 0.6}  # the page's first line, beside its number ('Acme Ltd   Page 1 of 2'): a running header
STREET = re.compile(r"^\d+\w?\s+\w|\b\d{4,5}\s+[A-ZÄÖÜ][a-zäöüß]|\b[A-Z]{2}\s+\d{5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
                    r"|\b(street|st\.|road|rd\.|avenue|ave\.?|lane|blvd|strasse|straße|str\.|weg|platz|allee|gasse)\b", re.IGNORECASE)


def _with_register_evidence(layout: Layout, found: Field | None, named: list[tuple[str, Phrase]],
                            labelled_names) -> Field | None:
    """The employer's confidence from what ties it to the register (REGISTER_CUES), when it is the only company name
    on the page: the cues that make a letterhead an invoice's issuer say less on a register, whose label, title, first
    line and footer all belong to its employer. A name beside another that could be the employer keeps the confidence
    the rivalry gave it; a name read off a scan keeps the confidence it had."""
    if found is None or found.box is None:
        return found
    key = name_key(found.value)
    own = [(n, p) for n, p in named if _same_name(name_key(n), key)]
    where = next((p for n, p in own if p.box == found.box), None) or next(
        (p for n, p in own if n == found.value and p.page == found.page and _inside(p.box, found.box)), None)
    if where is None:
        return found
    if where.box != found.box:  # the name read out of a longer phrase ('PENNINE HAULAGE | Generated on: ...'): its own box
        found.box, found.raw = where.box, where.text
    block = {where.line + k for k in range(4)}  # the name's own address block under it
    # (a name without a legal form counts as a rival over the first page's table only: under it, and on later pages,
    # stand employees' names beside the rows, a title 'continued', a footer's words)
    rivals = [n for n, p in named if (n, p) not in own and p.line not in block and not layout.in_table(p)
              and not re.search(r"\d", n)
              and (has_legal_form(n) or len(n.split()) >= 2 and p.page == 1 and _over_table(layout, p))]
    if rivals or any(w.source == "ocr" for w in where.words):
        return found  # (a scan's letters may be misread wherever the name stands: its reading keeps the doubt it has)
    cues = _register_cues(layout, found, where, own, labelled_names)
    doubt = 1.0
    for cue in cues:
        doubt *= 1 - REGISTER_CUES[cue]
    if not cues & {"legal_form", "repeated"}:
        # A label or a place says where the name stands, not where it ends ('Client: Acme Tooling Payroll Dept'): only a
        # legal form or a second printing of the same spelling confirms that; without either, a person looks.
        doubt = max(doubt, 1 - UNCONFIRMED_EXTENT)
    found.confidence = max(found.confidence, (1 - doubt) * where.confidence)
    return found


UNCONFIRMED_EXTENT = 0.85  # under every name threshold (0.9 at the least)


def _over_table(layout: Layout, phrase: Phrase) -> bool:
    top = min((i for i in layout.table_lines if layout.lines[i].page == phrase.page), default=len(layout.lines))
    return phrase.line < top


def _inside(inner: tuple, outer: tuple) -> bool:
    return all(inner[k] >= outer[k] - 1e-4 for k in (0, 1)) and all(inner[k] <= outer[k] + 1e-4 for k in (2, 3))


def _same_name(a: str, b: str) -> bool:
    return a == b or bool(a) and bool(b) and (a.startswith(b + " ") or b.startswith(a + " "))


def _register_cues(layout: Layout, found: Field, where: Phrase, own: list[tuple[str, Phrase]], labelled_names) -> set[str]:
    cues = set()
    if has_legal_form(found.value):
        cues.add("legal_form")
    if len({p.line for _, p in own}) >= 2:
        cues.add("repeated")
    if any(c.score >= 0.7 and any(c.phrase.box == p.box for _, p in own) for c in labelled_names):
        cues.add("labelled")
    line = layout.lines[where.line]
    table = [i for i in layout.table_lines if layout.lines[i].page == line.page]
    if table and where.line > max(table) and len(line.phrases) <= 2:
        cues.add("footer")
    if line.page != 1 or table and where.line > min(table):
        return cues
    if _titled(layout, found.value, where):
        cues.add("titled")
    page = [i for i, other in enumerate(layout.lines) if other.page == 1]
    address = [i for i in range(where.line + 1, min(where.line + 3, len(layout.lines)))
               if any(STREET.search(p.text) and _aligned(p.box, where.box) for p in layout.lines[i].phrases)]
    if where.line in page[:3] and line.box[1] < 0.2 and address:
        cues.add("letterhead")
    if where.line == page[0] and any(PAGE_NUMBER.search(p.folded) for p in line.phrases if p.box[0] >= where.box[2]):
        cues.add("page_head")
    below = max(address, default=where.line) + 1
    for other in (layout.lines[i] for i in (where.line - 1, below) if 0 <= i < len(layout.lines)):
        if other.page == 1 and _a_title(Phrase(other.page, _next_words(other.phrases[0].words), other.phrases[0].line)) \
                and len(line.phrases) <= 2:
            cues.add("over_title")
    return cues


PAGE_NUMBER = re.compile(r"^(page|seite|p\.|pg\.?)\s*\d+(\s*(of|von|/)\s*\d+)?$|^\d+\s*/\s*\d+$")


def _aligned(a: tuple, b: tuple) -> bool:
    """Two boxes set flush left, flush right or centred on each other."""
    return abs(a[0] - b[0]) < 0.03 or abs(a[2] - b[2]) < 0.03 or abs(a[0] + a[2] - b[0] - b[2]) < 0.06


def _a_title(phrase: Phrase) -> bool:
    """A register's title and nothing else ('PAYROLL REGISTER', 'Lohn- und Gehaltsliste')."""
    words = [fold(w.text).rstrip(":") for w in phrase.words]
    return bool(words) and all(REPORT_WORDS.match(w) for w in words) and bool(TITLE_WORDS.search(" ".join(words)))


def _with_spaced_head(layout: Layout, found: Field | None) -> Field | None:
    """A name set letter-spaced, whose words a scan read as phrases of their own ('Alpenblick' 'Software' 'GmbH' '&'
    'Co.' 'KG'), with its first word: the word before the name's first, as near as its words are to each other, one
    capitalised word that is no report word."""
    if found is None or found.box is None:
        return found
    for line in layout.lines:
        if line.page != found.page:
            continue
        inside = [p for p in line.phrases if _inside(p.box, found.box)]
        if len(inside) < 3:
            continue
        gaps = [b.box[0] - a.box[2] for a, b in zip(inside, inside[1:])]
        before = [p for p in line.phrases if p.box[2] <= inside[0].box[0] + 1e-4]
        if not before:
            return found
        head = before[-1]
        if inside[0].box[0] - head.box[2] <= 1.5 * max(gaps) and len(head.words) == 1 \
                and re.fullmatch(r"[A-ZÄÖÜ][^\W\d_]+", head.text) and not REPORT_WORDS.match(head.folded) \
                and not TITLE_WORDS.search(head.folded) and not NOT_A_NAME.search(head.folded) \
                and not re.match(EMPLOYER[0][0], head.folded) and not PROVIDER.search(head.folded):
            found.value = f"{head.text} {found.value}"
            found.box = (head.box[0], found.box[1], found.box[2], found.box[3])
            found.raw = f"{head.text} {found.raw}" if found.raw else found.raw
        return found
    return found


def _without_caption_form(layout: Layout, found: Field | None) -> Field | None:
    """A name without a legal form taken from the line under it that is that line's caption ('Co.' over 'Co.  Acme
    Group (Co. code 21806)', 'Acme LLC' over its caption 'Company'): the caption labels a name, it ends no name."""
    words = found.value.split() if found is not None else []
    if len(words) < 2:
        return found
    for line in layout.lines:
        first = line.phrases[0]
        if line.page != found.page or first.box[1] < found.box[1] or fold(first.text) != fold(words[-1]) \
                or not re.fullmatch(EMPLOYER[0][0] + r"\s*", first.folded):
            continue
        if len(line.phrases) > 1 and SUFFIX_ONLY.match(first.folded.strip()) or first.box[1] >= found.box[1] + 0.5 * first.height \
                and found.box[3] >= first.box[3] - 1e-4:  # (the name's box reaches down over the caption: it took it in)
            found.value = " ".join(words[:-1])
            break
    return found


# What a footer prints after the company's name: its registration and tax numbers.
REGISTRATION = re.compile(r"\bregist(ered|ration)\b|\bvat\b|\bcompany\s*(no|number|reg)|\breg\.?\s*no\b|\bhrb?\b|amtsgericht"
                          r"|handelsregister|\bsitz\b|ust\W*id|steuer\w*|\bkvk\b|\bsiret\b|\brcs\b|\bcif\b|\bp\.?\s*iva\b")


# What a payroll bureau, an accountant or a payroll service calls itself: the one who printed a register, not whose it is.
SERVICE = re.compile(r"payroll\s*(&\s*hr\s*)?(services?|solutions?|bureau|processing|outsourcing|provider)|\bhr\s*(services|solutions)"
                     r"|steuerberat|lohnbur|buchhaltung|buchfuhrung|accounting|accountants?\b|bookkeeping|tax\s*(advis|consult)"
                     r"|lohn-?\s*und\s*gehaltsabrechnung|abrechnungs(zentrum|service|dienst)|lohnservice|personaldienstleist"
                     r"|cabinet\s*comptable|expert\w*[-\s]comptable|gestoria|asesoria|elaborazione\s*paghe|salarisadministratie")


def _service_tagline(layout: Layout, phrase: Phrase) -> bool:
    """Whether the line right under a name, aligned with it left, right or centred, says it is a payroll or accounting
    service ('Payroll Services')."""
    for line in layout.lines[phrase.line + 1: phrase.line + 3]:
        if line.page != phrase.page or line.box[1] - phrase.box[3] > 2 * max(phrase.height, 0.008):
            break
        for other in line.phrases:
            aligned = min(abs(other.box[0] - phrase.box[0]), abs(other.box[2] - phrase.box[2]),  # left, right, centred
                          abs(other.box[0] + other.box[2] - phrase.box[0] - phrase.box[2]) / 2) < 0.02
            if aligned and len(other.words) <= 6 and SERVICE.search(other.folded) and not PROVIDER.search(other.folded):
                # ('Processed by Ledgerline Payroll Services LLC' under the name names another company: no tagline)
                return True
    return False


def _period(layout: Layout, day_first: bool | None, frequency: str | None) -> tuple[Field | None, Field | None]:
    """A pay period printed as one range ('03/01/2026 - 03/15/2026', 'March 1–15, 2026'), as a month ('Abrechnungsmonat
    März 2026') or as two labelled dates."""
    lone: Field | None = None  # the one date a period label holds
    for hit in layout.labels(PERIOD + MONTH_LABEL):
        if any(m.start() < hit.end and hit.start < m.end() for m in re.finditer(r"pay\s*date|zahltag", hit.phrase.folded)):
            continue  # a word of the pay date's label
        for phrase, place in _nearest_first(layout, hit):
            phrase = _in_column(layout, hit, phrase)
            if phrase is None:
                continue
            after = sub_phrase(phrase, hit.end, len(phrase.folded)) if phrase is hit.phrase else phrase
            # 'Pay period: Wk 22 2026 | Pay day: ...'; a scan may set the week's words apart ('Wk' '33' '2026')
            week = _week_period(_extended(layout, after) if re.fullmatch(r"\W*(kw|wk|week|woche)\.?", after.folded) else after,
                                place * 0.95, opening=True)
            if week:
                return week
            # the month before the next field of a header run into one line ('Lohnmonat 202610 · Gedruckt am 05.11.26')
            first = _header_parts(after)[0] if find_dates(phrase.text) else phrase
            month = _month_period(first, frequency, place * 0.95, labelled=True) if not find_dates(first.text) else None
            if month:
                return month  # 'Sep 2026', 'KW 12/2026', before a next value can run into it
            if not find_dates(_spelled_out(phrase.folded)) and _with_year(_spelled_out(phrase.folded), 2000, day_first):
                break  # the label's range prints no year ('Jun 1 – Jun 14'): the next date out is another label's
            if phrase.line == hit.phrase.line or not find_dates(phrase.text):
                # a range a scan split ('01.09.2026' '30.09.2026'); under a row of labels the next date is the next
                # label's value ('05.04.2026  11.04.2026')
                phrase = _extended(layout, phrase)
            spelled = _spelled_out(phrase.folded)
            hits = find_dates(spelled, day_first)
            if len(hits) >= 2 and _families_in(spelled[hits[0].end: hits[1].start]) & {"pay", "run"}:
                hits = hits[:1]  # 'Pay period start: 05/25 ; Deposit date: 06/12': the second date is another label's
            if len(hits) >= 2 and hits[0].value <= hits[1].value:
                if _spelled_out(phrase.folded) != phrase.folded:  # one range for both dates: its box is theirs
                    return tuple(phrase.field(h.value, place * phrase.confidence * 0.95) for h in hits[:2])
                return (_date_field(phrase, hits[0], place, day_first), _date_field(phrase, hits[1], place, day_first))
            wrapped = _wrapped_end(layout, phrase, spelled, hits, place, day_first) \
                if len(hits) == 1 and not _names_an_end(hit) else None
            if wrapped is not None:
                return _date_field(phrase, hits[0], place, day_first), wrapped
            if len(hits) == 1:
                if lone is None and not _names_an_end(hit):
                    lone = _date_field(phrase, hits[0], place, day_first) if spelled == phrase.folded else None
                break
    start = choose(_labelled_dates(layout, PERIOD_START, day_first))
    end = choose(_labelled_dates(layout, PERIOD_END, day_first))
    return _with_lone_end(lone, start, end)


def _wrapped_end(layout: Layout, phrase: Phrase, spelled: str, hits: list, place: float,
                 day_first: bool | None) -> Field | None:
    """The end of a range whose cell wrapped it onto the next line ('11/01/2026 -' over '11/15/2026', as a narrow header
    grid prints it): the phrase right under the first end, set flush left with it, alone on its line and holding one
    date, after it and a period after it when nothing but the line break joins the two."""
    joined = re.fullmatch(r"\s*([-–—~]|to|through|thru|until|till|bis(\s*zum)?|au|al|hasta|tot)?\s*", spelled[hits[0].end:])
    index = phrase.line + 1
    if not joined or index >= len(layout.lines) or layout.lines[index].page != phrase.page:
        return None
    line = layout.lines[index]
    if len(line.phrases) != 1 or line.box[1] - phrase.box[3] > 1.5 * max(phrase.height, 0.008):
        return None  # (another phrase on the line: the next label's line of a list, or a row of values)
    under = line.phrases[0]
    if abs(under.box[0] - phrase.box[0]) > 0.01 and not (joined.group(1) is None and CONNECTOR.match(under.folded.split()[0])):
        return None
    text = _spelled_out(under.folded)
    found = find_dates(re.sub(r"^\s*([-–—~]|to|through|thru|until|till|bis|au|al|hasta|tot)\s+", lambda m: " " * len(m.group()),
                              text), day_first)
    if len(found) != 1 or text[found[0].end:].strip(" .,;") or not hits[0].value < found[0].value \
            or joined.group(1) is None and not _a_period(hits[0].value, found[0].value) \
            or (found[0].value - hits[0].value).days > 31:
        return None
    return _date_field(under, found[0], place * (1.0 if joined.group(1) else 0.9), day_first)


def _names_an_end(hit) -> bool:
    """Whether a period label says which end its date is ('Period ending', 'Period start'): its words up to its value
    or the next field's label."""
    own = re.split(r"\d", hit.phrase.folded[hit.start:], maxsplit=1)[0]
    for pattern in (PAY_DATE[0][0], RUN_DATE):
        own = re.split(pattern, own, maxsplit=1)[0]
    return any(re.search(pattern, own) for pattern, _ in PERIOD_START + PERIOD_END)


def _with_lone_end(lone: Field | None, start: Field | None, end: Field | None) -> tuple[Field | None, Field | None]:
    """A period label over one date ('Pay period: 03/01/2026') with the other end under a label of its own ('Through:
    03/15/2026', 'to' in a cell of its own): the lone date is the end the other is not, when the two span a period."""
    if lone is None or bool(start) == bool(end):
        return start, end
    if end is not None and lone.value < end.value and _a_period(lone.value, end.value):
        return lone, end
    if start is not None and start.value < lone.value and _a_period(start.value, lone.value):
        return start, lone
    return start, end


def _month_period(phrase: Phrase, frequency: str | None, certainty: float,
                  labelled: bool = False) -> tuple[Field, Field] | None:
    """A month alone as the period: its first to its last day, unless the register says it pays by the week. Under a
    period's label also a month with a two-digit year or run into its year ('Mar-26', '202603'), held for a look:
    such a figure reads as a month only because of where it stands."""
    # ('noviembre de 2026', 'novembro de 2026': the month and its year joined by 'de', as Spanish and Portuguese write it)
    months = find_months(re.sub(r"(?<=[^\W\d_])\s+de\s+(?=(?:19|20)\d\d\b)", lambda m: " " * len(m.group()), phrase.text))
    if not months and labelled:
        folded = phrase.folded
        # ('Payroll period 03 2026', 'Abrechnungsperiode 03 2026': a month's number and its year, as SAP prints it)
        spaced = re.sub(r"^(\s*(?:0?[1-9]|1[0-2]))\s(?=(?:19|20)\d\d\s*$)", r"\1/", phrase.text)
        months = [m for m in find_months(spaced, labelled=True)
                  if not re.search(r"\d", folded[: m.start] + folded[m.end:])]  # 'Mar 26 - Apr 8': days, no month
        certainty *= 0.9
    if len(months) != 1 or frequency not in (None, "monthly"):
        return None
    m = months[0]
    folded = phrase.folded
    if re.search(r"\d[-./\s]?$", folded[: m.start]) or re.match(r"\s*([-–—]|to|bis|au|al|through|thru)\s+\S", folded[m.end:]):
        return None  # a date a scan garbled, or the first end of a range ('O4-May 2026 to ...'): no month alone
    where = sub_phrase(phrase, m.start, m.end)
    first = date(m.year, m.month, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    confidence = certainty * where.confidence
    return where.field(first, confidence), where.field(last, confidence)


# A calendar week by its number, as German and European payrolls name weekly periods ('KW 12 2026', 'Week 12, 2026',
# '2026-W12'): Monday to Sunday.
WEEK = re.compile(r"\b(?:kw|week|wk|woche|kalenderwoche|semaine|semana|settimana|sem)\.?\s*(?:no\.?|nr\.?|#)?\s*(?P<w>\d{1,2})"
                  r"\s*(?:[,/.-]|of\b|von\b|de\b|del\b)?\s*(?P<y>(?:19|20)\d\d)\b|\b(?P<y2>(?:19|20)\d\d)-?w(?P<w2>\d{2})\b")


def _week_period(phrase: Phrase, certainty: float, opening: bool = False) -> tuple[Field, Field] | None:
    """The week a phrase names, once (with `opening`, only a week the phrase opens with, after a colon)."""
    weeks = {(int(m["y"] or m["y2"]), int(m["w"] or m["w2"])): m for m in WEEK.finditer(phrase.folded)
             if not opening or not phrase.folded[: m.start()].strip(" :#-")}
    if len(weeks) != 1:
        return None
    ((year, week), m), = weeks.items()
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None  # 'KW 54'
    where = sub_phrase(phrase, m.start(), m.end())
    # 'KW' and '2026-W12' are ISO weeks; a 'Week 12' may count a payroll's own weeks or start on a Sunday: a look.
    iso = m["y2"] or re.match(r"kw|kalenderwoche", m.group())
    confidence = certainty * where.confidence * (1.0 if iso else 0.85)
    return where.field(monday, confidence), where.field(monday + timedelta(days=6), confidence)


FREQUENCIES = {  # the period's length as a payroll system names it, in the order to test them
    "four_weekly": r"\b(4|four)\s*-?\s*weekly\b|every\s*(4|four)\s*weeks|\b4\s*-?\s*wekelijks|vierwekelijks|vierwochentlich",
    "biweekly": r"\bbi\s*-?\s*w(ee)?kly\b|fortnightly|every\s*(two|2|other)\s*weeks?|\b14\s*-?\s*tag(l|ig)|zweiwochentlich"
                r"|vierzehntag|tweewekelijks|\bquinzaine\b|\bcatorcenal\b|bisettimanale|quindicinale"
                r"|\b(two|2)\s*weeks?\s*(ending|ended|ends)\b|\bfortnight\s*(ending|ended|ends)\b",
    "semimonthly": r"semi\s*-?\s*m(o|on|n)?th?ly|twice\s*a\s*month|halbmonatlich|bimensuel|\bquincenal\b",
    "weekly": r"\bw(ee)?kly\b|every\s*week\b|\bwochentlich\b|\bwoechentlich\b|hebdomadaire|\bsemanal\b|settimanale"
              r"|\bwekelijks\b|week\s*(ending|ended|ends)\b|woche\s*(endend|bis)",
    "monthly": r"\bm(o|on|n)?th?ly\b|once\s*a\s*month|\bmonatlich\b|monatsabrechnung|\bmensuel|\bmensual\b|\bmensile\b"
               r"|\bmaandelijks\b|\bmonth\s*(ending|ended|ends)\b",
}


def _frequency(layout: Layout) -> str | None:
    """How often this register pays, when its header says it once ('Pay frequency: Bi-weekly', 'Week ending')."""
    table_top = min(layout.table_lines, default=len(layout.lines))
    text = "\n".join(line.text for line in layout.lines[:table_top] if line.page == 1)
    found = set()
    folded = fold(text)
    for name, pattern in FREQUENCIES.items():
        if re.search(pattern, folded):
            found.add(name)
            folded = re.sub(pattern, " ", folded)  # 'bi-weekly' is no 'weekly' as well
    if not found:
        # under its label anywhere on the first page: a panel beside the table's rows ('Abrechnungsart' over 'monatlich')
        for hit in layout.labels(FREQUENCY_LABEL, {1}):
            for phrase, _ in layout.candidates(hit)[:2]:
                named = [name for name, pattern in FREQUENCIES.items() if re.search(pattern, phrase.folded)]
                if len(named) == 1:
                    found.add(named[0])
                    break
    return found.pop() if len(found) == 1 else None


FREQUENCY_LABEL = [(r"\b(pay\s*)?(frequency|cycle|schedule)\b|\babrechnungs(art|rhythmus)\b|\bzahlungsrhythmus\b"
                    r"|\bperiodicit[ey]\b|\bfrecuencia\b|\bfrequenza\b|\bbetaalfrequentie\b", 1.0)]


def _other_end(known: date, frequency: str | None, known_is_end: bool) -> date | None:
    """The period's other end from one end and how often the register pays."""
    days = {"weekly": 7, "biweekly": 14, "four_weekly": 28}.get(frequency or "")
    if days:
        return known - timedelta(days=days - 1) if known_is_end else known + timedelta(days=days - 1)
    month_end = lambda d: (d.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)  # noqa: E731
    if frequency == "monthly":
        if known_is_end:
            return known.replace(day=1) if known == month_end(known) else None
        return month_end(known) if known.day == 1 else None
    if frequency == "semimonthly":
        if known_is_end:
            return known.replace(day=1) if known.day == 15 else known.replace(day=16) if known == month_end(known) else None
        return known.replace(day=15) if known.day == 1 else month_end(known) if known.day == 16 else None
    return None


DERIVED = 0.85  # a period end worked out from the other end and the pay frequency: printed nowhere, so a person looks
BY_HOURS = 0.6  # ... and from a frequency the hours worked suggest: a guess for a person to confirm
# A full-time employee's regular hours in a period of each length: a week, two weeks, half a month, a month.
FULL_TIME_HOURS = {"weekly": (Decimal("37.5"), Decimal("40")), "biweekly": (Decimal("75"), Decimal("80")),
                   "semimonthly": (Decimal("86.67"), Decimal("86.66")),
                   "monthly": (Decimal("160"), Decimal("162.5"), Decimal("168"), Decimal("173.33"), Decimal("173.34"))}


def _other_end_by_hours(doc: Document, layout: Layout, rows: list[dict[str, Field]]) -> None:
    """A period that printed one end only and no pay frequency ('Period End  03/14/2026   Check Date  03/20/2026'): the
    other end from how often the register pays as the full-timers' regular hours say it (40 a week, 80 two weeks,
    160-173.33 a month), when most rows show one such figure; held for a person to confirm. Not where the other end's
    label stands on the page ('Period start:' whose date was lost): the page printed it, and no guess replaces it."""
    start, end = doc.fields.get("pay_period_start"), doc.fields.get("pay_period_end")
    if bool(start) == bool(end):
        return
    if any(not _word_inside_text(hit) and not PAGE_NUMBER.search(hit.phrase.folded)  # ('Seite 1 von 2': no 'von' label)
           for hit in layout.labels(PERIOD_END if start else PERIOD_START, {1})):
        return
    hours = [r["regular_hours"].value for r in rows if "regular_hours" in r]
    counts = {name: sum(h in usual for h in hours) for name, usual in FULL_TIME_HOURS.items()}
    name, count = max(counts.items(), key=lambda item: item[1])
    if count < max(2, 0.4 * len(rows)) or sorted(counts.values())[-2] > 0:
        return
    known = start or end
    other = _other_end(known.value, name, known_is_end=end is not None)
    if other is not None:
        doc.fields["pay_period_start" if end else "pay_period_end"] = Field(
            other, min(known.confidence, BY_HOURS), known.page, known.box, known.raw)
TITLE_WORDS = re.compile(r"payroll|register|journal|\blohn|gehalt|entgelt|abrechnung|\bpaie\b|nomina|salari|\bloon"
                         r"|\bwages?\b|earnings|\bpay\b|period|zeitraum|periode|periodo")
CONNECTOR = re.compile(r"^\s*(t?\d\d:\d\d(:\d\d)?\s*)?([-–—]|to|through|thru|until|till|bis(\s*zum)?|au|al|hasta|tot|a)\s*$")
NOT_THE_PERIOD = re.compile(r"\bytd\b|year\s*to\s*date|\bjahr|quarter|quartal|fiscal|\bkum")


def _period_elsewhere(layout: Layout, day_first: bool | None, frequency: str | None,
                      start: Field | None, end: Field | None) -> tuple[Field | None, Field | None]:
    """A period no label gives whole: one end and the pay frequency ('Week ending 03/14/2026'; 'Period ended 31.03.2026'
    beside 'Monthly'), or a range or month in the register's title ('Payroll Register – March 1–15, 2026',
    'Lohnjournal März 2026')."""
    if bool(start) != bool(end):
        known = start or end
        other = _other_end(known.value, frequency, known_is_end=end is not None)
        if other is not None:
            derived = Field(other, min(known.confidence, DERIVED), known.page, known.box, known.raw)
            return (start, derived) if start else (derived, end)
    if start and end:
        return start, end
    found = _header_period(layout, day_first, frequency)
    if found and (not (start or end) or (start or end).value in (found[0].value, found[1].value)):
        return found  # a range whose one end a 'to' or 'from' inside it labelled
    return start, end


def _header_period(layout: Layout, day_first: bool | None, frequency: str | None) -> tuple[Field, Field] | None:
    """A range or a month standing unlabelled over the table, most surely in the register's title."""
    table_top = min(layout.table_lines, default=len(layout.lines))
    ranges: list[tuple[Field, Field]] = []
    months: list[tuple[Field, Field]] = []
    for line in layout.lines[:table_top]:
        if line.page != 1 or NOT_THE_PERIOD.search(fold(line.text)):
            continue
        titled = bool(TITLE_WORDS.search(fold(line.text)))
        for phrase in line.phrases:
            if re.search(NOT_PAY_DATE, phrase.folded) or _labels_phrase(phrase, PAY_DATE):
                continue
            spelled = _spelled_out(phrase.folded)
            hits = find_dates(spelled, day_first)
            if len(hits) == 2 and hits[0].value < hits[1].value and CONNECTOR.match(spelled[hits[0].end:hits[1].start]):
                a, b = hits[0].value, hits[1].value
                if not (titled or _a_period(a, b)):
                    continue
                # (in the title and a period apart, the two ends confirm each other as a labelled pair's do)
                certainty = (0.95 if titled and _a_period(a, b) else 0.8 if _a_period(a, b) else 0.7) * phrase.confidence
                if spelled == phrase.folded:
                    ranges.append((_date_field(phrase, hits[0], certainty, day_first),
                                   _date_field(phrase, hits[1], certainty, day_first)))
                else:
                    ranges.append((phrase.field(a, certainty), phrase.field(b, certainty)))
            elif not hits and titled:
                month = _week_period(phrase, 0.8) or _month_period(phrase, frequency, 0.9 if frequency == "monthly" else 0.8)
                if month:
                    months.append(month)
    for found in (ranges, months):
        if len({(a.value, b.value) for a, b in found}) == 1:
            return found[0]
    # A calendar week printed over the table without a label the lists know ('Week: Wk 29 2026', '• Week 44, 2025 •'):
    # a payroll names no other week, yet no label says so: held for a look.
    weeks = [w for line in layout.lines[:table_top] if line.page == 1 and not NOT_THE_PERIOD.search(fold(line.text))
             for phrase in line.phrases for w in [_week_period(phrase, 0.8)] if w]
    if len({(a.value, b.value) for a, b in weeks}) == 1:
        return weeks[0]
    return None


def _labels_phrase(phrase: Phrase, labels) -> bool:
    return any(re.search(pattern, phrase.folded) for pattern, _ in labels)


def _labelled_dates(layout: Layout, labels, day_first: bool | None) -> list[Candidate]:
    """Dates next to their labels. Of the places a label's date may stand, the nearest that holds a date is its
    value, even when a scan read it less surely than a farther one (the next label's date)."""
    parse = _date_parser(layout, day_first)
    out: list[Candidate] = []
    for hit in layout.labels(labels):
        if any(m.start() < hit.end and hit.start < m.end() for m in PROVIDER.finditer(hit.phrase.folded)):
            continue  # 'Erstellt von', 'Prepared by': who printed the register, no end of its period
        if _word_inside_text(hit):
            continue  # 'Software AB', 'Ende der Periode': a word of a name or of another label, not 'ab' or 'to' alone
        if re.search(r"\b(acct|account|a/c|card|konto|iban)\b\.?\s*(no\.?|number|nr\.?)?\s*$", hit.phrase.folded[: hit.start]):
            continue  # 'Account ending 4821': a bank account's last figures, no period's end
        run_label = re.search(RUN_DATE + r"\s*$", hit.phrase.folded[: hit.end])
        if re.search(RUN_DATE, hit.phrase.folded[hit.start: hit.end]) or run_label and run_label.start() < hit.start:
            continue  # 'Lauf vom', 'Printed on': when the register was run, not its period or pay date
        # A run date's label just before ('Gedruckt am Zahlung am'): in a row of captions each has its own value under
        # it; on one line the date after them is the run date's.
        run_before = bool(re.search(RUN_DATE + r"[\s:]*$", hit.phrase.folded[: hit.start]))
        for phrase, place in _nearest_first(layout, hit):
            if run_before and phrase.line == hit.phrase.line:
                continue
            if _another_label_between(layout, hit.phrase, phrase):
                continue  # 'Start: [date lost]   Pay date: June 5, 2026': that date is the next label's
            phrase = _in_column(layout, hit, phrase)
            if phrase is None:
                continue
            parsed = parse(phrase)
            if parsed is not None:
                value, where, certainty = parsed
                out.append(Candidate(value, where, hit.strength * place * certainty * where.confidence))
                break
    return sorted(out, key=lambda c: -c.score)


# The short words that label a period's ends ('ab', 'von', 'to', 'du', 'al'), which also stand inside names and phrases.
SHORT_END_LABEL = re.compile(r"(from|von|vom|ab|du|desde|del|dal|van|to|bis|au|fin|hasta|al|tot|end|ende|beginn|start)")
# What may stand before such a word in its phrase when it labels an end: a period's words or a date ('Zeitraum von',
# 'Pay period from', '03/01/2026 to').
END_LABEL_LEAD = re.compile(r"(period\w*|pay|payroll|zeitraum\w*|abrechnung\w*|\w*periode\w*|dates?|covering|periodo|lohn\w*"
                            r"|gehalt\w*|entgelt\w*|leistung\w*|\d)[\s:.,]*$")


def _word_inside_text(hit) -> bool:
    """Whether a period end's label is a short word inside other text ('Acme Software AB', 'Ende der Periode'): such a
    word labels an end only where it opens its phrase or follows a period's words or a date."""
    word = hit.phrase.folded[hit.start: hit.end].strip()
    before = hit.phrase.folded[: hit.start].strip()
    # (a scan's speck or rule before the label, '| Bis', '"Ende', 'Ri Beginn', is no text: a word of three letters is)
    return bool(SHORT_END_LABEL.fullmatch(word)) and bool(re.search(r"[^\W\d_]{3}", before)) \
        and not END_LABEL_LEAD.search(before)


def _nearest_first(layout: Layout, hit) -> list[tuple[Phrase, float]]:
    """The places a label's value may stand, nearest first: under labels run into one phrase ('Period end date Paid
    on', 'Zahlungstermin Zeitraum'), each value starts under its own label."""
    starts = [w.box[0] for w in sub_phrase(hit.phrase, hit.start, hit.end).words]

    def nearness(candidate: tuple[Phrase, float]) -> float:
        phrase, place = candidate
        # (a figure inside a phrase under the label, the cells of a tight row run into one phrase: 'ACME LTD 01.09.26')
        lefts = [phrase.box[0]] + [w.box[0] for w in phrase.words[1:] if w.text[:1].isdigit()]
        off = min(abs(left - x) for x in starts for left in lefts) if phrase.line != hit.phrase.line else 0.0
        return -(place - 1.5 * off)
    return sorted(layout.candidates(hit), key=nearness)


def _in_column(layout: Layout, hit, phrase: Phrase) -> Phrase | None:
    """The part of a value phrase under (or over) a label that stands in a row of labels: a tight header table runs
    the labels ('Period ended  Value date') and their values ('November 2, 2025 November 8, 2025') into one phrase
    each. Each value starts under its own label (at or right of where the label starts) and before the next label.
    A single value stands under its label in such a row too: one under the next label ('Zeitraum Zahltag' over '8035 -
    Acme N.V. 202602  01.03.2026') is that label's."""
    if phrase.line == hit.phrase.line:
        return phrase
    several = len(find_dates(_spelled_out(phrase.folded))) + len(find_months(phrase.text, labelled=True)) >= 2
    own = sub_phrase(hit.phrase, hit.start, hit.end)
    family = _family(hit.phrase.folded[hit.start: hit.end])
    before = hit.phrase.folded[: hit.start]
    run_in = any(f != family for f in _families_in(before))
    left = own.box[0] if run_in else hit.phrase.box[0]
    right = 2.0
    for other in layout.lines[hit.phrase.line].phrases:
        if other.box[0] > hit.phrase.box[2] - 1e-4 and several:
            right = min(right, other.box[0])
    rest = hit.phrase.words[hit.phrase.words.index(own.words[-1]) + 1:]
    if rest and any(f != family for f in _families_in(fold(" ".join(w.text for w in rest)))):
        right = min(right, rest[0].box[0])
        run_in = True
    if not several and not run_in:
        return phrase
    kept = [w for w in phrase.words if left - 0.005 <= w.box[0] < right - 0.003]
    if len(kept) == len(phrase.words):
        return phrase
    return Phrase(phrase.page, kept, phrase.line) if kept else None


def _family(text: str) -> str:
    """Which field a date label names: the pay date, the run date or the period."""
    return "pay" if re.search(PAY_DATE[0][0], text) else "run" if re.search(RUN_DATE, text) else "period"


def _families_in(text: str) -> set[str]:
    found = set()
    for name, labels in (("pay", PAY_DATE), ("run", [(RUN_DATE, 1.0)]), ("period", PERIOD + PERIOD_START + PERIOD_END + MONTH_LABEL)):
        if any(re.search(pattern, text) for pattern, _ in labels):
            found.add(name)
    return found


def _another_label_between(layout: Layout, label: Phrase, value: Phrase) -> bool:
    """Whether a date label other than `label` stands between it and a value to its right on its line."""
    if value.line != label.line or value.box[0] < label.box[2] - 1e-4:
        return False
    between = [p for p in layout.lines[label.line].phrases if label.box[2] - 1e-4 <= p.box[0] and p.box[2] <= value.box[0] + 1e-4
               and p is not value]
    labels = PERIOD + PERIOD_START + PERIOD_END + PAY_DATE + [(RUN_DATE, 1.0)]
    return any(re.search(r"[a-z]{2}", p.folded) and _labels_phrase(p, labels) for p in between)


def _spelled_out(folded: str) -> str:
    return values.spell_out_ranges(folded)


MONTH = r"(?:jan|feb|mar|apr|may|mai|jun|jul|aug|sep|oct|okt|nov|dec|dez)[a-z]*"


# A period's ends written without their year ('11/01 - 11/15', '01.11. - 15.11.', 'Nov 1 – Nov 15', '1 Nov - 15 Nov'),
# and how to give each its year.
YEARLESS = [(re.compile(r"(?<![\d/.])(\d{1,2}/\d{1,2})(?![\d/])"), r"\1/{y}"),
            (re.compile(r"(?<![\d.])(\d{1,2}\.\d{1,2}\.)(?!\d)"), r"\g<1>{y}"),
            (re.compile(rf"\b({MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*[,.]?\s*\d)"), r"\1 \2, {y}"),
            (re.compile(rf"(?<![\d.])(\d{{1,2}})\.?\s+({MONTH})\b(?!\.?\s*,?\s*\d)"), r"\1 \2 {y}")]


def _yearless_period(layout: Layout, paid: date, day_first: bool | None) -> tuple[Field | None, Field | None]:
    """A period whose ends print no year ('Pay period: 11/01 - 11/15'): the year is the pay date's (the one before,
    when the period would end after it), and the two ends must lie in order, a period apart, ending on or before the
    pay date by a month at most. Held for a look: the page never printed the year."""
    for hit in layout.labels(PERIOD):
        for phrase, place in _nearest_first(layout, hit)[:3]:
            text = phrase.folded[hit.end:] if phrase is hit.phrase else phrase.folded
            if find_dates(text, day_first):
                break
            for year in (paid.year, paid.year - 1):
                hits = _with_year(text, year, day_first)
                if len(hits) == 2 and _a_period(hits[0].value, hits[1].value) \
                        and hits[1].value <= paid <= hits[1].value + timedelta(days=31):
                    return tuple(phrase.field(h.value, min(DERIVED, place * phrase.confidence)) for h in hits)
    return None, None


def _with_year(text: str, year: int, day_first: bool | None) -> list:
    """The two ends of a range written without their year, read in that year (none: no such range)."""
    for pattern, spelled in YEARLESS:
        text = pattern.sub(spelled.replace("{y}", str(year)), text)
    hits = find_dates(text, day_first)
    return hits if len(hits) == 2 and CONNECTOR.match(text[hits[0].end: hits[1].start]) else []


def _extended(layout: Layout, phrase: Phrase) -> Phrase:
    """A value phrase with the phrases right after it on its line, when a scan spaced one value apart
    ('November 20,' '2025') or a header table set a range's ends and its 'to' in cells of their own."""
    line = layout.lines[phrase.line]
    words = list(phrase.words)
    for other in (p for p in line.phrases if p.box[0] > phrase.box[2] - 1e-4):
        if other.box[0] - words[-1].box[2] > 3 * max(phrase.height, 0.008) or len(other.words) > 3 \
                or not re.match(rf"[\d\-–—~_=.,/]|{MONTH}[.\s-]*\d|(to|through|thru|until|till|bis|au|al|hasta|tot)\b(?!\s*:)",
                                other.folded):
            break
        words += other.words
    return phrase if len(words) == len(phrase.words) else Phrase(phrase.page, words, phrase.line)


# (a hyphen may join two: '20251013-20251026')
COMPACT_DATE = re.compile(r"(?:(?<![\d.,/-])|(?<=\d{8}-))(?P<y>20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])"
                          r"(?![\d.,/]?\d)(?!-\d{1,7}\b)")


# Exports' spellings of a date that `values` does not read, rewritten to one it does at the same length (so a hit's
# place in the text stays): '2026-03-01T00:00:00' (a timestamp), 'Mar-01-2026'.
EXPORT_SPELLINGS = [(re.compile(r"(?<=\d)[Tt]\d\d:\d\d(:\d\d)?"), lambda m: " " * len(m.group())),
                    (re.compile(r"\b([A-Za-z]{3})-(\d{1,2})-(\d{4})\b"), r"\1 \2 \3")]


def find_dates(text: str, day_first: bool | None = None) -> list[DateHit]:
    """Dates as `values.find_dates` reads them, and the ones payroll exports print: compact ('20260301'), timestamps
    ('2026-03-01T00:00:00'), 'Mar-01-2026'."""
    for pattern, spelled in EXPORT_SPELLINGS:
        text = pattern.sub(spelled, text)
    hits = values.find_dates(text, day_first)
    folded = fold(text)
    for m in COMPACT_DATE.finditer(folded):
        if not any(h.start < m.end() and m.start() < h.end for h in hits):
            try:
                hits.append(DateHit(date(int(m["y"]), int(m["m"]), int(m["d"])), m.start(), m.end(), False))
            except ValueError:
                continue  # '20260231'
    return sorted(hits, key=lambda h: h.start)


def _date_parser(layout: Layout, day_first: bool | None):
    """Dates in a phrase (the first), also when a scan split one date into two phrases."""
    def parse(phrase: Phrase):
        hits = find_dates(phrase.text, day_first)
        if not hits:
            return None
        hit = hits[0]
        return hit.value, sub_phrase(phrase, hit.start, hit.end), 0.85 if hit.ambiguous and day_first is None else 1.0

    def across(phrase: Phrase):
        found = parse(phrase)
        if found is not None:
            return found
        longer = _extended(layout, phrase)
        hits = find_dates(longer.text, day_first) if longer is not phrase else []
        if hits and hits[0].start < len(phrase.folded):
            hit = hits[0]
            return hit.value, sub_phrase(longer, hit.start, hit.end), 0.85 if hit.ambiguous and day_first is None else 1.0
        hits = find_dates(_ocr_digits(longer.text), day_first)
        if hits and hits[0].start < len(phrase.folded):
            hit = hits[0]  # 'May 3l, 2026': a repaired reading, never sure enough to post without a look
            return hit.value, sub_phrase(longer, hit.start, hit.end), 0.75
        return None
    return across


def _ocr_digits(text: str) -> str:
    """Letters a scan reads for digits inside a date's figures ('3l', '2O26', '0I.05'), as the digits; same length."""
    return re.sub(r"(?<=\d)[lI|]|[lI|](?=\d)|(?<=\d)[oO]|[oO](?=\d)",
                  lambda m: "1" if m.group() in "lI|" else "0", text)


UNLABELLED = 0.5  # a date placed by order and arithmetic alone, never sure enough to post without a look
RUN_DATE = r"\b(run|print|report|process|creat|druck|erstell|lauf|gedruckt|generat)\w*\s*(date|datum|on|am|vom|le|el)?\b"
NOT_PAY_DATE = RUN_DATE + r"\s*:?\s*$"


def _unlabelled_dates(layout: Layout, day_first: bool | None, fields: dict[str, Field | None],
                      frequency: str | None = None) -> None:
    """Dates above the table whose labels a scan lost, placed by what a register's dates must satisfy: the period's
    two ends, in order, as far apart as a week, two weeks, half a month or a calendar month, or one month named alone
    ('09/2026'); the pay date on or within ten days after its end. Only an answer that no other date on the page also
    fits is taken."""
    table_top = min(layout.table_lines, default=len(layout.lines))
    found: list[tuple[date, Phrase]] = []
    months: dict[tuple[int, int], Phrase] = {}
    for index, line in enumerate(layout.lines[:table_top]):
        if line.page != 1:
            break
        whole = Phrase(line.page, line.words, index)
        for hit in find_dates(whole.text, day_first):
            if not re.search(NOT_PAY_DATE, whole.folded[: hit.start]):
                found.append((hit.value, sub_phrase(whole, hit.start, hit.end)))
        if not NOT_THE_PERIOD.search(whole.folded):
            months.update({(m.year, m.month): sub_phrase(whole, m.start, m.end) for m in find_months(whole.text)})
    if not (fields["pay_period_start"] or fields["pay_period_end"]):
        pairs = {(a, b): (pa, pb) for (a, pa), (b, pb) in zip(found, found[1:]) if _a_period(a, b)}
        if len(pairs) == 1:
            ((a, b), (pa, pb)), = pairs.items()
            fields["pay_period_start"], fields["pay_period_end"] = pa.field(a, UNLABELLED), pb.field(b, UNLABELLED)
        elif not pairs and len(months) == 1:
            fields["pay_period_start"], fields["pay_period_end"] = _month_period(next(iter(months.values())), frequency,
                                                                                   UNLABELLED) or (None, None)
    end = fields["pay_period_end"]
    if not fields["pay_date"] and end is not None:
        after = {d: p for d, p in found if end.value <= d <= end.value + timedelta(days=10) and p.box != end.box}
        if len(after) == 1:
            (d, p), = after.items()
            fields["pay_date"] = p.field(d, UNLABELLED)


def _pay_date_read_by_the_period(dates: dict[str, Field | None]) -> None:
    """A pay date that reads either way ('11/04/2026') on a page that says nothing of the order: the reading on or
    within two weeks after a period end that reads only one way ('Week 14, 2026', '2026-04-05'). The confidence stays
    that of an ambiguous reading."""
    pay, end = dates["pay_date"], dates["pay_period_end"]
    if pay is None or end is None or not pay.raw or not end.raw:
        return
    if any(h.ambiguous for h in find_dates(end.raw)):
        return
    readings = {h.value for first in (True, False) for h in find_dates(pay.raw, first)[:1]}
    fitting = [d for d in readings if end.value <= d <= end.value + timedelta(days=14)]
    if len(readings) == 2 and len(fitting) == 1:
        pay.value = fitting[0]


def _a_period(a: date, b: date) -> bool:
    days = (b - a).days + 1
    month_end = (b + timedelta(days=1)).day == 1
    # (also a month from a day to the day before it a month on: a UK tax month, 6 April - 5 May; a cycle from the 21st)
    shifted = 1 < a.day <= 28 and b.day == a.day - 1 and (b.year * 12 + b.month) - (a.year * 12 + a.month) == 1
    return days in (7, 14) or a.day == 1 and month_end and a.month == b.month or a.day in (1, 16) and 13 <= days <= 16 \
        or shifted


def _date_field(phrase: Phrase, hit, place: float, day_first: bool | None) -> Field:
    where = sub_phrase(phrase, hit.start, hit.end)
    certainty = 0.85 if hit.ambiguous and day_first is None else 1.0
    return where.field(hit.value, place * certainty * where.confidence)
