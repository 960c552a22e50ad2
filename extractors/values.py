"""Typed values from printed text: money in any common notation, dates in any common order, identifiers.

Each parser returns None when the text is not of its kind, so callers can try candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from extractors.classify import fold

CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "CHF": "CHF", "Fr.": "CHF"}
CURRENCY_CODES = {"USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK", "MXN", "INR", "NZD"}
CURRENCY_WORDS = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "pounds": "GBP"}

# OCR's usual confusions inside numbers, applied only to tokens that are mostly digits already.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "Z": "2"})

_MONEY = re.compile(
    r"(?P<neg1>\()?\s*(?P<pre>US\$|[$€£¥]|[A-Z]{3}(?=\s*[\d(-]))?\s*(?P<neg2>[-−–])?\s*"
    r"(?P<num>\d{1,3}(?:[.,' \u202f\u00a0’‘´ʼ]\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?)"
    r"\s*(?P<neg3>-)?\s*(?P<post>[$€£¥]|[A-Z]{3}\b|EUR|Euro)?\s*(?P<neg4>\))?"
)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str | None
    clean: bool  # parsed without repairs or guesses


def _fix_digits(text: str) -> tuple[str, bool]:
    """Repair O-for-0, l-for-1 and a colon read for the decimal point in tokens that are mostly digits; say whether
    anything was repaired."""
    tokens = re.split(r"(\s+)", text)
    for i, token in enumerate(tokens):
        digits = sum(c.isdigit() for c in token)
        if digits >= 2 and digits >= 0.6 * sum(c.isalnum() for c in token):
            # A currency written onto the number ('US$4,397.98', 'EUR1.234,56') keeps its letters.
            mark = re.match(r"(US\$|[A-Z]{3}(?=\d))?", token).group()
            tokens[i] = mark + re.sub(r"(?<=\d)[:;](?=\d{2}$)", ".", token[len(mark):].translate(_DIGIT_LOOKALIKES))
    fixed = "".join(tokens)
    return fixed, fixed == text


def parse_number(num: str, decimal_comma: bool | None = None) -> tuple[Decimal, bool] | None:
    """'1,234.50' / '1.234,56' / "1'234.50" / '1’234.50' / '1 234,56' -> Decimal, with whether the reading was certain."""
    num = re.sub(r"[\u202f\u00a0'’‘´ʼ]", " ", num).strip()  # "1'234.50", '1’234.50' (Swiss), '1 234,56'

    if not num or not re.fullmatch(r"[\d., ]+", num) or not num[0].isdigit() or not num[-1].isdigit():
        return None
    sure = True
    dots, commas = num.count("."), num.count(",")
    if dots and commas:
        decimal_sep = "." if num.rfind(".") > num.rfind(",") else ","
    elif dots + commas == 0:
        decimal_sep = None
    else:
        sep = "." if dots else ","
        tail = num.rsplit(sep, 1)[1]
        if (dots or commas) > 1 and len(tail) == 2 and all(len(g) == 3 for g in num.split(sep)[1:-1]):
            decimal_sep, sure = sep, False  # '10.121.73': OCR read the decimal comma as a point
        elif (dots or commas) > 1:
            decimal_sep = None  # 1.234.567 or 1,234,567: thousands only
        elif len(tail) != 3:
            decimal_sep = sep
        else:
            # '1,234' or '1.234': thousands in most places, decimals where the comma is the decimal mark
            if decimal_comma is None:
                sure = False
            decimal_sep = sep if (decimal_comma and sep == ",") or (decimal_comma is False and sep == ".") else None
    if decimal_sep:
        whole, frac = num.rsplit(decimal_sep, 1)
    else:
        whole, frac = num, ""
    whole = re.sub(r"[., ]", "", whole)
    if not whole.isdigit() or (frac and not frac.isdigit()):
        return None
    try:
        return Decimal(f"{whole}.{frac}" if frac else whole), sure
    except InvalidOperation:
        return None


def parse_money(text: str, decimal_comma: bool | None = None) -> Money | None:
    """The single amount a cell or phrase holds, with its currency when printed beside it."""
    text = text.strip().rstrip(":;").strip()
    if not text:
        return None
    # A speck a scan left after the cents ('$1,501.24.', '231.12,') is no part of the amount; held as unclean.
    speck = re.fullmatch(r"(.*\d[.,]\d\d)[.,'`]", text)
    if speck:
        text = speck.group(1)
    fixed, clean = _fix_digits(text)
    clean = clean and not speck
    m = _MONEY.fullmatch(fixed)
    if not m:
        return None
    parsed = parse_number(m.group("num"), decimal_comma)
    if parsed is None:
        return None
    amount, sure = parsed
    currency = None
    for mark in (m.group("pre"), m.group("post")):
        if mark:
            mark = mark.strip()
            currency = CURRENCY_SYMBOLS.get(mark) or (mark.upper() if mark.upper() in CURRENCY_CODES else None)
            if mark.lower() == "euro":
                currency = "EUR"
            if currency is None:
                return None  # three capitals that are no currency: not an amount
    if m.group("neg1") and m.group("neg4") or m.group("neg2") or m.group("neg3"):
        amount = -amount
    return Money(amount=amount, currency=currency, clean=clean and sure)


def currency_in(text: str) -> str | None:
    """A currency named anywhere in a phrase: 'Amount (EUR)', 'Total €', 'in US dollars'."""
    for token in re.findall(r"[A-Za-z]{3,}|US\$|[$€£¥]", text):
        if token.upper() in CURRENCY_CODES:
            return token.upper()
        if token in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[token]
        if token.lower() in CURRENCY_WORDS:
            return CURRENCY_WORDS[token.lower()]
    return None


# English, German, French, Spanish, Italian, Dutch and Portuguese month names and their usual abbreviations, folded.
_MONTHS = {
    "jan": 1, "january": 1, "januar": 1, "janvier": 1, "janv": 1, "enero": 1, "ene": 1, "jänner": 1, "janner": 1,
    "gennaio": 1, "gen": 1, "januari": 1, "janeiro": 1,
    "feb": 2, "february": 2, "februar": 2, "fevrier": 2, "fevr": 2, "fev": 2, "febrero": 2, "febbraio": 2, "februari": 2,
    "fevereiro": 2,
    "mar": 3, "march": 3, "marz": 3, "maerz": 3, "mars": 3, "marzo": 3, "mrz": 3, "maart": 3, "mrt": 3, "marco": 3,
    "apr": 4, "april": 4, "avril": 4, "avr": 4, "abril": 4, "abr": 4, "aprile": 4,
    "may": 5, "mai": 5, "mayo": 5, "maggio": 5, "mag": 5, "mei": 5, "maio": 5,
    "jun": 6, "june": 6, "juni": 6, "juin": 6, "junio": 6, "giugno": 6, "giu": 6, "junho": 6,
    "jul": 7, "july": 7, "juli": 7, "juillet": 7, "juil": 7, "julio": 7, "luglio": 7, "lug": 7, "julho": 7,
    "aug": 8, "august": 8, "aout": 8, "agosto": 8, "ago": 8, "augustus": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9, "septiembre": 9, "settembre": 9, "setembro": 9,
    "oct": 10, "october": 10, "okt": 10, "oktober": 10, "octobre": 10, "octubre": 10, "ottobre": 10, "ott": 10,
    "outubro": 10, "out": 10,
    "nov": 11, "november": 11, "novembre": 11, "noviembre": 11, "novembro": 11,
    "dec": 12, "december": 12, "dez": 12, "dezember": 12, "decembre": 12, "diciembre": 12, "dic": 12, "dicembre": 12,
    "dezembro": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

DATE_PATTERNS = [
    # 2026-03-04, 2026/03/04, 2026.03.04
    # (one separator throughout: '2026-03/15' is the end of '03/01/2026-03/15/2026', not a date)
    ("ymd", re.compile(r"\b(?P<y>(?:19|20)\d\d)(?P<ysep>[-/.])(?P<m>\d{1,2})(?P=ysep)(?P<d>\d{1,2})\b")),
    # 04.03.2026, 03/04/2026, 04-03-2026, 4.3.26
    ("num", re.compile(r"\b(?P<a>\d{1,2})\s?(?P<sep>[./-])\s?(?P<b>\d{1,2})\s?(?P=sep)\s?(?P<y>(?:19|20)?\d\d)\b")),
    # 4 March 2026, 4. März 2026, 04-Mar-2026, 4 Mar. 2026, 1er mars 2026, 4 de marzo de 2026, 1º de março de 2026
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|re|o|º|°)?[.,]?[\s-]*(?:de\s+)?(?P<mon>{_MONTH_RE})\.?[\s,-]*(?:de\s+)?"
                       rf"(?P<y>(?:19|20)\d\d)\b")),
    # 1-Mar-26, 01-MAR-26, 4 Mar 26: a named month with a two-digit year (report writers, spreadsheets)
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?P<s>[- ./])(?P<mon>{_MONTH_RE})\.?(?P=s)(?P<y>\d\d)\b(?![.:/-]?\d)")),
    # March 4, 2026, Mar 4 2026
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[,.]?\s*(?P<y>(?:19|20)\d\d)\b")),
]


@dataclass(frozen=True)
class DateHit:
    value: date
    start: int
    end: int
    ambiguous: bool  # a numeric date whose day and month could be swapped


def find_dates(text: str, day_first: bool | None = None) -> list[DateHit]:
    """Every date in a phrase. `day_first` settles 03/04/2026 (None: month first, as in the US)."""
    folded = fold(text)
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value, ambiguous = _date_from(kind, m, day_first)
            if value is not None:
                hits.append(DateHit(value, m.start(), m.end(), ambiguous))
                taken.append((m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


def _date_from(kind: str, m: re.Match, day_first: bool | None) -> tuple[date | None, bool]:
    ambiguous = False
    y = int(m.group("y"))
    if y < 100:
        y += 2000
    if kind == "ymd":
        d, mo = int(m.group("d")), int(m.group("m"))
    elif kind in ("dmy", "mdy"):
        d, mo = int(m.group("d")), _MONTHS[m.group("mon")]
    else:
        a, b = int(m.group("a")), int(m.group("b"))
        if m.group("sep") == ".":
            d, mo = a, b  # dotted dates are day first everywhere they are used
        elif a > 12 >= b:
            d, mo = a, b
        elif b > 12 >= a:
            d, mo = b, a
        else:
            ambiguous = a != b
            d, mo = (a, b) if day_first else (b, a)
    try:
        return date(y, mo, d), ambiguous
    except ValueError:
        return None, False


_MONTH_ALONE = [
    # March 2026, Mar. 2026, März 2026, mar-2026
    re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?[\s,/-]*(?P<y>(?:19|20)\d\d)\b"),
    # 03/2026, 3.2026, 03-2026
    re.compile(r"(?<![\d./-])(?P<m>\d{1,2})\s?[./-]\s?(?P<y>(?:19|20)\d\d)\b(?![./-]\d)"),
    # 2026-03, 2026/03
    re.compile(r"(?<![\d./-])(?P<y>(?:19|20)\d\d)[./-](?P<m>\d{1,2})\b(?![./-]\d)"),
]


@dataclass(frozen=True)
class MonthHit:
    year: int
    month: int
    start: int
    end: int


# Months that read as one only where a label says a month stands there: a named month with a two-digit year ('Mar-26',
# "March '26"; 'March 26' elsewhere is a day) and a compact year and month ('202603', as exports key a payroll month).
_MONTH_ALONE_LABELLED = [
    re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?(?:[\s/-]+|\s*['’]\s*)(?P<yy>\d\d)\b(?![.:/-]?\d)"),
    re.compile(r"(?<![\d./-])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?![\d./-]?\d)"),
]


def find_months(text: str, labelled: bool = False) -> list[MonthHit]:
    """Months named without a day ('March 2026', '03/2026', '2026-03'); a whole date is no month alone. With `labelled`
    (the text stands under a month's or a period's label) also 'Mar-26' and '202603'."""
    folded = fold(text)
    taken = [(h.start, h.end) for h in find_dates(text)]
    hits: list[MonthHit] = []
    for pattern in _MONTH_ALONE + (_MONTH_ALONE_LABELLED if labelled else []):
        for m in pattern.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            month = _MONTHS[m.group("mon")] if "mon" in m.groupdict() else int(m.group("m"))
            year = 2000 + int(m.group("yy")) if "yy" in m.groupdict() else int(m.group("y"))
            if 1 <= month <= 12:
                hits.append(MonthHit(year, month, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|re|o|º)?\.?"  # '1', '1.', '1st', '1er'
_MON = rf"({_MONTH_RE})\.?(?:\s+de)?"  # 'mar.', 'marzo de'
_YEAR = r"(?:de\s+)?((?:19|20)\d\d)"
# What joins a range's two ends: a dash, a tilde or a word ('to', 'bis', 'au', 'al', 'a', 'thru', Dutch 't/m').
_TO = r"(?:\s*[-–—~]\s*|\s+(?:to|bis|au|al|a|thru|through|till|until|t/m|tot)\s+)"


def spell_out_ranges(folded: str) -> str:
    """Date ranges that name their month or year once, with both ends written whole, so `find_dates` reads two dates:
    'march 1–15, 2026', 'march 1st - 15th, 2026', '1.–15. marz 2026', '1 al 15 de marzo de 2026', 'mar 1 - mar 15,
    2026', '1 mar - 15 mar 2026', '01.-15.03.2026', '01.03.–15.03.2026', '03/01 - 03/15/2026'. Text without such a range
    comes back unchanged (a caller may compare to tell)."""
    text = re.sub(rf"\b{_MON}\s+{_DAY}{_TO}{_DAY},?\s+{_YEAR}\b", r"\1 \2, \4 – \1 \3, \4", folded)
    text = re.sub(rf"\b{_DAY}{_TO}{_DAY}\s+(?:de\s+)?{_MON}\s+{_YEAR}\b", r"\1 \3 \4 – \2 \3 \4", text)
    text = re.sub(rf"\b{_MON}\s+{_DAY}{_TO}{_MON}\s+{_DAY},?\s+{_YEAR}\b", r"\1 \2, \5 – \3 \4, \5", text)
    text = re.sub(rf"\b{_DAY}\s+{_MON}{_TO}{_DAY}\s+{_MON}\s+{_YEAR}\b", r"\1 \2 \5 – \3 \4 \5", text)
    to = r"\s*(?:[-–—~]|to|bis|au|al|thru|through)\s*"
    year = r"((?:19|20)\d\d)"
    text = re.sub(rf"\b(\d{{1,2}})\.(\d{{1,2}})\.?{to}(\d{{1,2}})\.(\d{{1,2}})\.{year}\b", r"\1.\2.\5 – \3.\4.\5", text)
    text = re.sub(rf"(?<![\d.])(\d{{1,2}})\.{to}(\d{{1,2}})\.(\d{{1,2}})\.{year}\b", r"\1.\3.\4 – \2.\3.\4", text)
    return re.sub(rf"(?<![\d/])(\d{{1,2}})/(\d{{1,2}}){to}(\d{{1,2}})/(\d{{1,2}})/{year}\b", r"\1/\2/\5 – \3/\4/\5", text)


def day_first_hint(text: str) -> bool | None:
    """Whether numeric dates on this document put the day first, when any date on it proves it."""
    for m in DATE_PATTERNS[1][1].finditer(fold(text)):
        a, b = int(m.group("a")), int(m.group("b"))
        if m.group("sep") == ".":
            return True
        if a > 12 >= b:
            return True
        if b > 12 >= a:
            return False
    return None


def parse_identifier(text: str) -> str:
    """An identifier as printed, spaces trimmed."""
    return " ".join(text.split()).strip(" :#.,;'\"`´‘’‚“”„|")  # (a scan reads a speck before it as a quote)


def digits_only(text: str) -> str:
    fixed, _ = _fix_digits(text)
    return re.sub(r"\D", "", fixed)
