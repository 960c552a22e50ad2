"""Forms: IRS W-9 and direct deposit authorizations, read the way a clerk reads a form.

A caption names a field, and what was entered for it stands right of the caption, under it, or over it
(on forms that print the caption under the entry line). Every entry belongs to one caption: the one it
stands nearest to, in the direction this form uses. A tick box is read together with the words right of
it, or the column header over it. Comb boxes hold one digit each. A signature is ink, not words, in the
area by its caption.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import chain, takewhile
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from statistics import median
from typing import Any

from rapidfuzz import fuzz, process
from stdnum.us import rtn

from backoffice.document import Box, Document, Field, Page, Word
from extractors.classify import fold
from extractors.common import conventions, reads_as_instruction
from extractors.layout import LabelHit, Layout, Line, Phrase, union
from extractors.values import DateHit, digits_only, find_dates, parse_identifier
from reader.pdf import CHECKED, UNCHECKED

# ---------------------------------------------------------------- what the forms print

Labels = list[tuple[str, float]]  # (regex over folded text, how surely it names the field)
CAPTION_START = r"^\W*(?:\d{1,2}[a-z]?\b\W*)?"  # the start of a caption, past the number before it ('5.', '3a')
# Guidance printed on forms: never a value someone entered.
INSTRUCTION = re.compile(
    r"entry is required|see instructions|see specific|if different|do not leave|check (only )?(one|appropriate)|"
    r"number, street|apt\.? or suite|city, state|print or type|requester|\(optional\)|enter |certif|"
    r"under penalties|form w-?9|rev\.|department of the treasury|internal revenue|i authori[sz]e|"
    r"please (print|attach|complete|sign)|for payroll use|where to find|voided (check|cheque)|"
    r"always nine digits|one digit per box|block letters|human resources|^\s*part\s+(i|ii|1|2)\b|"
    r"direct deposit|authori[sz]ation|enrollment|request for taxpayer|taxpayer identification|tax classification|"
    r"check only|substitute|\bw-?9\b|\bmark (one|an? x|\(x\))|\bselect one\b"
)

# A scan may run the two words of a caption together ('Payeename').
W9_NAME = [(r"^\W*1\W*\s*name\b|\bname of (the )?(entity|individual|payee|taxpayer|vendor)|\bname \(as shown|"
            r"^\s*((legal|full|taxpayer|entity|payee'?s?|vendor'?s?) ?)?name\s*:?$", 1.0),
           (CAPTION_START + r"((legal|full|taxpayer|payee'?s?|vendor'?s?|entity) ?)?name\b"
            r"(?!.*\b(bank|business|requester)\b|, if different)", 0.95),
           # The rest of the IRS caption, when a scan lost its start.
           (r"an entry is required|name is required on this line|owner's name on line 1|entity's name on\b", 0.9)]
W9_BUSINESS = [(r"\bbusiness name( ?/ ?disregarded entity( name)?)?|disregarded entity name|\bd/?b/?a\b|\btrade name\b|"
                r"doing business as|"
                + CAPTION_START + r"business\b(?!\W*(entity|type|structure|classification)\b)", 1.0)]
W9_ADDRESS = [(r"\baddress \(number|" + CAPTION_START + r"(street |mailing )?address\b", 1.0),
              (r"\(number, street", 0.9)]  # the rest of the IRS caption, when a scan lost 'Address'
W9_CITY = [(CAPTION_START + r"city\b(,? state,?( and)? zip( code)?| ?/ ?state( ?/ ?zip)?)?|"
            r"\bcity,? state,? (and )?zip( code)?", 1.0)]
# The classification asked for in words (a typed entry, a drop-down list) rather than with tick boxes.
W9_CLASS_CAPTION = [(CAPTION_START + r"((federal )?tax classification|(business )?(entity|business) (type|structure|"
                     r"classification)|type of (entity|business|organi[sz]ation)|(company|organi[sz]ation|ownership) type|"
                     r"legal (structure|form)|classification)\b", 1.0)]
W9_LIST_ACCOUNTS = r"^\W*7\W*\s*(list )?account|account number\(s\)|account no\(s\)"
SSN_LABEL = [(r"social security (number|no\b|#)|" + CAPTION_START + r"ssn\b", 1.0)]
EIN_LABEL = [(r"employer identification (number|no\b|#)|employer id\b|" + CAPTION_START + r"f?ein\b", 1.0)]
# A caption for either number: its kind is told by its dashes, a tick (SSN or EIN) or the classification.
TIN_LABEL = [(r"tax ?payer identification (number|no\b|#)|\btin\b|\btax ?id\b|\btax ?payer id\b|\bfed(eral|\.)? (tax )?id\b|"
              r"tax identification (number|no\b|#)", 1.0)]
# More ways vendor forms name the two numbers: whose number it is before the short name ('Payee's EIN', 'Your
# SSN'), dotted or shortened ('E.I.N.', 'Employer I.D. No.', 'Soc. Sec. No.', 'SS#'). Only the TIN reading uses
# them: 'ein' alone is a German word, so a bare 'ein' names the EIN only at the start of a caption.
_WHOSE = r"\b(payee|vendor|supplier|company|business|entity|your|contractor|owner|individual|corporate)'?s? "
SSN_WORDING = [(_WHOSE + r"ssn\b|\bsoc\.? ?sec\.?\s?(number|no\b|#)|^\W*ss ?#|(^|\s)s\.\s?s\.\s?n\b", 1.0)]
EIN_WORDING = [(_WHOSE + r"(federal )?f?ein\b|^\W*federal f?ein\b|(^|\s)f?\.?e\.\s?i\.\s?n\b|\bemployer i\.\s?d\b|"
                r"\birs employer id\b|\bfederal identification (number|no\b|#)", 1.0)]
TIN_CAPTIONS = SSN_LABEL + SSN_WORDING + EIN_LABEL + EIN_WORDING + TIN_LABEL
TIN_KINDS = [("ssn", r"social security|\bssn\b"),
             ("ein", r"(federal )?employer identification|(federal )?employer id\b|\bf?ein\b")]
# Whose number it is when it is not the payee's: the requester's (the payer's) own, printed in its block.
THEIR_TIN = (r"\brequester'?s?\b|\bpayer'?s?\b|\bour\b|\breturn (the |this )?(completed |signed )?(form )?to\b|"
             r"\b(remit|send|mail) to\b")

DD_EMPLOYEE = [(r"employee'?s?\s*(full |legal )?name|name of employee|^\W*(employee|full name|printed name|print name)\s*:?$|"
                r"account\s*holder'?s?\s*name|name of account holder", 1.0),
               (CAPTION_START + r"(legal |full |payee'?s? |print(ed)? )?name\b(?!.*\b(bank|institution|credit union)\b)",
                0.95)]
DD_EMPLOYEE_ID = [(r"employee\s*(id|#|no\b|number)|emp\.?\s*(id|#|no\b)|personnel\s*(no|number|#)|staff\s*(id|no|#)|"
                   r"badge\s*(id|no|#)?|payroll\s*(id|no|#)|^\W*id\s*(no|#)?\s*:?$", 1.0),
                  # A scan reads the I of 'ID' as 1 or l, or loses the 'ID' or '#' after 'Employee'; a bare 'Employee'
                  # captions the name as often, so only an entry with digits (an id, never a name) is read by it.
                  (r"employee\s*[1l|]d\b|^\W*employee\s*:?$", 0.8)]
DD_BANK = [(r"bank\s*name|name of (the )?(bank|financial institution)|financial institution|^\W*bank\s*:?$|"
            r"bank\s*/\s*credit union|" + CAPTION_START + r"(credit union|bank)\b", 1.0)]
DD_ROUTING = [(r"routing|\baba\b|transit|\brtn\b", 1.0)]
DD_ACCOUNT = [(r"account\s*(number|no\b|#|num)|acct\.?\s*(number|no\b|#)?|^\W*account\s*:?$", 1.0)]
NOT_ACCOUNT = r"routing|type|holder|name|checking|savings|number\(s\)"
# Forms that ask for the name in two parts, and for the account type in words rather than with boxes.
FIRST_NAME = [(CAPTION_START + r"(employee'?s? )?(first|given) name\b|" + CAPTION_START + r"forename\b", 1.0)]
LAST_NAME = [(CAPTION_START + r"(employee'?s? )?(last|family) name\b|" + CAPTION_START + r"surname\b", 1.0)]
ACCOUNT_TYPE = [(CAPTION_START + r"(account type|type of account)\b", 1.0)]

SIGNATURE = [(r"signature(?!\s*date)|sign here|^\W*signed\b(?!\s*on\b)", 1.0)]  # 'Signed on' captions a date
DATE_LABEL = [(r"\bdate signed\b|\bsignature date\b|\bsigned on\b|^\W*date\b(?! of (birth|hire))|\bdated\b|"
               r"\bdate\s*:?$", 1.0),
              # A scan's reading of 'Date' with its D misread ('pate 08/12/2026', 'Bate'), a date entered after it.
              (r"^\W*[bpo0]ate\b(?=\W*\d)", 0.85)]
# A date caption that names another date than the signing one: 'Date entered', 'Effective date', 'Date of birth'.
_MONTH_WORD = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
OTHER_DATE = (r"\bdate\s+(?!signed\b|" + _MONTH_WORD + r")[a-z]{3,}|\b(effective|birth|received|entered|hire|start|"
              r"starting|end|expiration|due|issue|pay)\s*date\b|for (office|payroll|internal) use")

# Captions of things these forms ask for that we do not extract: their entries belong to them, not to a neighbour.
OTHER_CAPTIONS = [
    (CAPTION_START + r"(department|dept|telephone|phone|tel|e-?mail|title|position|job|location|amount|percent|deposit|"
     r"entire net|fixed amount|remainder|primary|secondary|signature|sign here|exempt|exemption|requester|"
     r"check no|check number|social security|employer identification|federal tax|type of account|account type|"
     r"tax classification|hire date|start date|ssn|last 4)\b", 1.0),
    (W9_LIST_ACCOUNTS, 1.0),
    (CAPTION_START + r"((please )?(return|send|mail)( the| this)?( completed| signed)?( form)? to|remit to)\b", 1.0),
    (CAPTION_START + r"(date\s+(?!signed\b|" + _MONTH_WORD + r")[a-z]{3,}|(effective|birth|received|entered|hire|start|"
     r"starting|end|expiration|due|issue|pay)\s*date\b)", 1.0),
]

_ALL_CAPTIONS: Labels = (W9_NAME[:1] + W9_BUSINESS + W9_ADDRESS + W9_CITY + SSN_LABEL + EIN_LABEL + DD_EMPLOYEE[:1]
                         + DD_EMPLOYEE_ID + DD_BANK + DD_ROUTING + DD_ACCOUNT + SIGNATURE + DATE_LABEL
                         + OTHER_CAPTIONS)
_CAPTION_TAIL = re.compile(r"(\s*(number|numbers|no\.?|nr\.?|num\.?|#|name|id)\b)*\s*(\([^)]*\))?\s*[:#]?")

W9_CLASSES = [
    ("individual", r"individual|sole prop(r|\b)"),
    ("s_corporation", r"\bs\s*-?\s*corp|^\W*corp(oration)?\W{1,4}s\b"),
    ("c_corporation", r"\bc\s*-?\s*corp|^\W*corp(oration)?\W{1,4}c\b"),
    ("partnership", r"partnership"),
    ("trust_estate", r"trust|estate"),
    ("llc", r"limited liab|\bliability compan|\bllc\b"),  # a tick over 'Limited' may leave only the rest
    # Kinds a form lists beside the usual ones are the 'other' box of the IRS form ('Government entity').
    ("other", r"\bother\b|\bgovernment(al)?\b|\btax[- ]?exempt\b|\bnon-?profit\b|\bexempt organi[sz]ation\b"
              r"|\bcooperative\b|\bmunicipal"),
]
# A scan may lose the C or S before 'Corporation'; forms list the C corporation before the S corporation.
CORPORATIONS = ["c_corporation", "s_corporation"]
ACCOUNT_TYPES = [("checking", r"check|girokonto"), ("savings", r"saving|sparkonto")]
# How each option is printed, for labels a scan misspelt ('Individuat/so'e proprietor', 'Trusvestate').
OPTION_NAMES = {"individual": ("individual/sole proprietor", "individual"), "c_corporation": ("c corporation",),
                "s_corporation": ("s corporation",), "partnership": ("partnership",),
                "trust_estate": ("trust/estate",), "llc": ("limited liability company",), "other": ("other",),
                "checking": ("checking",), "savings": ("savings",)}
_NAME_LIKE = 78  # rapidfuzz score from which a misspelt label names an option
_CORPORATION_LIKE = 75  # ... and from which it reads as 'corporation' with its C or S lost ('classification' scores 71)

# A box read as text: ticked ('☒', 'X', '[X', '(x)') or empty ('☐', '[ ]'); or a blank typed before the option to
# write the mark on ('_____ Individual', '__X__ S Corporation'). A scan reads a box's right side as ']', ')', '|' or 'J'.
TICKED_GLYPH = re.compile(r"[\[(|{]?\s*[xX×✗✘✓✔☑☒■]\s*[\])|}J]?|_+\s*[xX✓✔]\s*_*|_*\s*[xX✓✔]\s*_+")
EMPTY_GLYPH = re.compile(r"[\[(|{]\s*[\])|}J]|[☐□]|_{3,}")

_PLACE = {"after": 1.0, "right": 0.99, "below": 0.97, "above": 0.93}  # how typical each place of an entry is
_SIGNATURE_CELLS = 5  # cells of the ink grid with a stroke in them, past which a signature area is signed


# ---------------------------------------------------------------- the two forms


def extract_w9(doc: Document) -> None:
    """Name, business name, address, classification, TIN and date signed of an IRS W-9 (or a substitute)."""
    reader = FormReader(doc)
    day_first = _day_first(reader)
    specs = [
        Spec("name", W9_NAME, _text_value(_name_shape), exclude=r"business|requester|bank"),
        Spec("business_name", W9_BUSINESS, _business_name),
        Spec("address", W9_ADDRESS, _text_value(_address_shape), exclude=r"requester|e-?mail"),
        Spec("city_state_zip", W9_CITY, _city_value),
        Spec("signature_date", DATE_LABEL, _date_value(day_first), exclude=OTHER_DATE),
        Spec("written_classification", W9_CLASS_CAPTION, _class_written),
    ]
    fields = reader.entries(specs)
    written = fields.pop("written_classification", None)
    if written is not None and _one_of_a_list(reader, written, W9_CLASSES):
        written = None  # the first of the printed choices ('Entity type (circle one): Sole proprietor  C Corp ...')
    _put(doc, {k: v for k, v in fields.items() if k != "signature_date"})
    ticked, certainty, where = reader.options(W9_CLASSES)
    if len(ticked) == 1 and where is not None:
        doc.fields["tax_classification"] = _ticked_field(ticked[0], certainty, where)
    elif (not ticked and written is not None and not reader.has_boxes(W9_CLASSES)
          and not reader.printed_options(W9_CLASSES)):
        ticked = [written.value]  # written in words on a form without boxes: the choice a tick would make
        doc.fields["tax_classification"] = written
    if not ticked and "tax_classification" not in doc.fields and not reader.has_boxes(W9_CLASSES):
        circled = _circled(reader, W9_CLASSES)
        if circled is not None:
            ticked = [circled.value]
            doc.fields["tax_classification"] = circled
    doc.evidence["tax_classification_ticked"] = ticked
    tin = _tin(reader, ticked[0] if len(ticked) == 1 else None)
    if tin is not None:
        doc.fields[tin[0]] = tin[1]
    date = fields.get("signature_date") or _date_fallback(reader, day_first)
    _put(doc, {"signature_date": date})


def extract_direct_deposit(doc: Document) -> None:
    """Employee, bank, routing and account numbers, account type and signature of a direct deposit form."""
    reader = FormReader(doc)
    day_first = _day_first(reader)
    specs = [
        Spec("employee_name", DD_EMPLOYEE, _text_value(_name_shape), exclude=r"bank|institution|credit union"),
        Spec("employee_id", DD_EMPLOYEE_ID, _employee_id),
        Spec("bank_name", DD_BANK, _text_value(_name_shape)),
        Spec("routing_number", DD_ROUTING, _digits(9, 9, rtn.is_valid)),
        Spec("account_number", DD_ACCOUNT, _digits(4, 17), exclude=NOT_ACCOUNT),
        Spec("signature_date", DATE_LABEL, _date_value(day_first), exclude=OTHER_DATE),
        # Read only to stand in for what the form may ask differently: a name in two parts, a type in words.
        Spec("first_name", FIRST_NAME, _text_value(_name_shape)),
        Spec("last_name", LAST_NAME, _text_value(_name_shape)),
        Spec("written_account_type", ACCOUNT_TYPE, _account_type_written),
    ]
    fields = reader.entries(specs)
    first, last = fields.pop("first_name", None), fields.pop("last_name", None)
    written = fields.pop("written_account_type", None)
    if "employee_name" not in fields and first and last:
        fields["employee_name"] = Field(f"{first.value} {last.value}", min(first.confidence, last.confidence),
                                        first.page, union([first.box, last.box]), f"{first.raw} {last.raw}")
    if "signature_date" not in fields:
        fields["signature_date"] = _date_fallback(reader, day_first)
    _put(doc, fields)
    ticked, certainty, where = reader.options(ACCOUNT_TYPES)
    if where is not None and len(ticked) == 1:
        doc.fields["account_type"] = _ticked_field(ticked[0], certainty, where)
    elif not ticked and written is not None and not reader.has_boxes(ACCOUNT_TYPES):
        ticked = [written.value]  # written in words on a form without boxes: the choice a tick would make
        doc.fields["account_type"] = written
    doc.evidence["account_type_ticked"] = ticked
    _put(doc, {"signature_present": _signature(reader)})


def _day_first(reader: FormReader) -> bool:
    """How this form writes 03/04/2026: as the document's other dates show, else as its language does (these
    forms are American unless they speak German)."""
    day_first = conventions(reader.layout).day_first
    if day_first is None:
        german = r"\b(datum|unterschrift|kontonummer|bankleitzahl|iban)\b"
        day_first = bool(re.search(german, reader.layout.text.lower()))
    return day_first


def _one_of_a_list(reader: FormReader, field: Field, options: list[tuple[str, str]]) -> bool:
    """Whether an option read as written after its caption is one of the choices the form prints for it: two more
    options named on its line, or under it in its column. A choice marked some other way than with a box (circled,
    underlined, in bold) is no entry."""
    x0, y0, x1, y1 = field.box
    h = y1 - y0
    others = set()
    for phrase in reader.layout.phrases:
        if phrase.page != field.page or _intersects(phrase.box, field.box):
            continue
        level = abs((phrase.box[1] + phrase.box[3]) / 2 - (y0 + y1) / 2) < 0.6 * h
        column = abs(phrase.box[0] - x0) < 0.01 and 0 < phrase.box[1] - y1 < 8 * h
        option, certainty = _option(phrase.text, options)
        if (level or column) and option and certainty >= 0.9 and option != field.value and len(phrase.text) <= 40:
            others.add(option)
    return len(others) >= 2


def _circled(reader: FormReader, options: list[tuple[str, str]]) -> Field | None:
    """The one choice of a row of printed options (no boxes) that is circled or underlined: ink just over or under its
    name and none round the others'. A pen's circle is no caption's word, so it is read at most as a likely
    answer, for a person to confirm."""
    rows: dict[tuple[int, int], list[tuple[str, list[Word]]]] = {}
    for phrase, _, label in _option_runs(reader.layout.phrases, options):
        option, certainty = _option(" ".join(w.text for w in label), options)
        if option and certainty >= 0.9:
            rows.setdefault((phrase.page, phrase.line), []).append((option, label))
    for (page_number, _), named in rows.items():
        page = reader.doc.pages[page_number - 1]
        if page.ink is None or len({o for o, _ in named}) < min(3, len(options)):
            continue
        def around(label: list[Word]) -> float:
            x0, y0, x1, y1 = union([w.box for w in label])
            h = y1 - y0
            return page.ink.darkness((x0, y0 - 0.45 * h, x1, y0 - 0.1 * h)) + page.ink.darkness((x0, y1 + 0.1 * h, x1, y1 + 0.45 * h))
        ranked = sorted(((around(label), option, label) for option, label in named), key=lambda t: -t[0])
        (best, option, label), second = ranked[0], ranked[1][0]
        if best >= 0.04 and best >= 3 * max(second, 0.01):
            words = label
            return Field(option, 0.85, page_number, union([w.box for w in words]), " ".join(w.text for w in words))
    return None


def _ticked_field(value: str, certainty: float, option: Option) -> Field:
    """The one ticked option, boxed from its tick box to the end of its label."""
    return Field(value, certainty, option.tick.page, union([option.tick.box, option.label]), option.text)


def _put(doc: Document, fields: dict[str, Field]) -> None:
    for name, field in fields.items():
        if field is not None and field.value not in (None, ""):
            doc.fields[name] = field


# ---------------------------------------------------------------- captions and their entries


@dataclass
class Spec:
    """A field the form asks for: the captions that name it and how its entry reads."""

    name: str
    captions: Labels
    parse: Parse
    exclude: str | None = None  # a caption matching this near its match names something else ('business name')


@dataclass
class Entry:
    """A candidate entry for a field: read from a phrase at some place by one of its captions."""

    spec: Spec
    hit: LabelHit
    reading: Reading
    place: str
    affinity: float  # how surely the entry's place makes it this caption's (1.0: right after it)
    key: tuple  # the phrase it was read from: one entry belongs to one caption

    @property
    def confidence(self) -> float:
        return self.hit.strength * self.affinity * self.reading.certainty * _reading_confidence(self.reading.phrase)

    @property
    def score(self) -> float:
        """What decides between places: where the entry stands and what it looks like, much more than how
        clearly the scan reads it (handwriting reads poorly wherever it stands)."""
        reading = _reading_confidence(self.reading.phrase)
        return self.hit.strength * self.affinity * self.reading.certainty * (0.8 + 0.2 * reading)


class FormReader:
    """Captions, entries and tick boxes of one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        upright, self.originals = _upright(doc)
        self.layout = Layout(upright)
        self._line_phrases: dict[int, list[Phrase]] = {}
        self._printed: dict[int, list[PrintedOption]] = {}
        self._row_sides: dict[tuple[int, int], int | None] = {}
        self._runs: dict[int, list[tuple[Phrase, list[Word], list[Word]]]] = {}
        self._labels_left: dict[tuple[int, int], bool] = {}
        self._sides_tied: set[tuple[int, int]] = set()  # questions whose boxes have as many labels left as right
        self._beside: dict[tuple[int, int], str] = {}
        self._row_labels: dict[int, list[tuple[int, list[Word]]]] = {}

    @cached_property
    def fillable(self) -> bool:
        """Whether the form was filled in on screen: its entries are form fields, never printed words."""
        return any(w.form_field and w.text.strip() not in (CHECKED, UNCHECKED) for p in self.doc.pages for w in p.words)

    def box(self, phrase: Phrase) -> Box:
        """Where a phrase's words stand on the page (the layout sees a tall word as tall as a line of text)."""
        return union([self.originals.get(id(w), w).box for w in phrase.words])

    def field(self, phrase: Phrase, value: Any, confidence: float) -> Field:
        """A field read from a phrase, boxed where its words stand on the page."""
        return Field(value=value, confidence=confidence, page=phrase.page, box=self.box(phrase), raw=phrase.text)

    # ------------------------------------------------------------ captions and their entries

    def hits(self, labels: Labels, exclude: str | None = None) -> list[LabelHit]:
        """Phrases that read as one of the captions, strongest first; never the label of a tick box."""
        out = []
        for hit in self.layout.labels(labels):
            if exclude and re.search(exclude, hit.phrase.folded[max(hit.start - 20, 0):hit.end + 20]):
                continue
            if id(hit.phrase) in self.option_labels:
                continue
            out.append(hit)
        return out

    def phrases_of(self, line_index: int) -> list[Phrase]:
        """The line's phrases, with the digit groups of one comb field joined into one phrase."""
        if line_index not in self._line_phrases:
            joined: list[Phrase] = []
            combs: set[int] = set()  # indexes of joined phrases made of comb pieces
            line = self.layout.lines[line_index]
            for p in line.phrases:
                prev = joined[-1] if joined else None
                if (prev is not None and _comb_piece(p.text, p)
                        and (len(joined) - 1 in combs or _comb_piece(prev.text, prev)
                             and (_comb_piece(prev.text) or _comb_piece(p.text)))
                        and p.box[0] - prev.box[2] < 4 * _char_width(prev)):
                    joined[-1] = Phrase(prev.page, prev.words + p.words, prev.line)
                    combs.add(len(joined) - 1)
                else:
                    joined.append(p)
            self._line_phrases[line_index] = [piece for p in joined for piece in self.split_by_columns(p)]
        return self._line_phrases[line_index]

    @cached_property
    def caption_ids(self) -> set[int]:
        return {id(h.phrase) for h in self.layout.labels(_ALL_CAPTIONS)}

    def split_by_columns(self, phrase: Phrase) -> list[Phrase]:
        """A phrase cut where its words pass from one captioned column to the next: a scan reads the entries of
        two table cells as one phrase when the writing runs close to the cell's edge."""
        if len(phrase.words) < 2 or id(phrase) in self.caption_ids:
            return [phrase]
        heads = [self.column_of(Phrase(phrase.page, [w], phrase.line), self.caption_ids) for w in phrase.words]
        pieces, start, current = [], 0, heads[0]
        for i in range(1, len(phrase.words)):
            if (heads[i] is not None and current is not None and heads[i] is not current and heads[i].line == current.line
                    and i >= start):
                # A word of letters running straight into a long number spilled over its cell's edge: it stays
                # with the entry it ends ('... Credit Union' + '021000021' under the next caption).
                cut = i + 1 if i + 1 < len(phrase.words) and _runs_into_number(*phrase.words[i:i + 2]) else i
                pieces.append(Phrase(phrase.page, phrase.words[start:cut], phrase.line))
                start = cut
            current = heads[i] or current
        if not pieces:
            return [phrase]
        return pieces + [Phrase(phrase.page, phrase.words[start:], phrase.line)]

    def places(self, hit: LabelHit, captions: set[int], own: frozenset[int] = frozenset()
               ) -> Iterator[tuple[Phrase, str, float, tuple]]:
        """Where the caption's entry may stand: (entry, place, distance in caption heights, key). `captions`
        are the phrases that caption some field (an entry never lies past one); `own` those of this field,
        which under this caption are the rest of it."""
        captions = captions - own
        h = max(self.box(hit.phrase)[3] - self.box(hit.phrase)[1], 0.006)
        consumed: set[int] = set()
        starts = chain(self._after(hit), self._right(hit, captions, h), self._below(hit, captions, own, h),
                       self._above(hit, captions, h))
        for start, place, distance in starts:
            if id(start) in consumed:
                continue  # already read as part of a nearer entry
            entry, keys = self.run(start, captions, h, after=hit.phrase if place == "after" else None)
            consumed |= set(keys)
            yield entry, place, distance, ("rest", id(hit.phrase)) if place == "after" else ("p", id(start))

    def _after(self, hit: LabelHit) -> Iterator[tuple[Phrase, str, float]]:
        """Typed on the caption's own line, right after it (past the rest of the caption: 'number (9 digits):')."""
        tail = _CAPTION_TAIL.match(hit.phrase.folded, hit.end)
        rest = hit.phrase.after(tail.end() if tail else hit.end)
        if rest is not None and _printed(rest.text):
            rest = _past_caption(rest)
        if rest is not None and not _printed(rest.text):
            yield rest, "after", 0.0

    def _right(self, hit: LabelHit, captions: set[int], h: float) -> Iterator[tuple[Phrase, str, float]]:
        """Right of the caption, up to the next caption: on its line, or level with a caption set on two lines."""
        caption = hit.phrase
        page = self.doc.pages[caption.page - 1]
        x0, y0, x1, y1 = caption.box
        beside = []
        for i in range(max(caption.line - 2, 0), min(caption.line + 3, len(self.layout.lines))):
            if self.layout.lines[i].page == caption.page:
                beside += [p for p in self.phrases_of(i)
                           if p.box[0] >= x1 - 0.002 and y0 - 0.6 * h <= (p.box[1] + p.box[3]) / 2 <= y1 + 0.9 * h]
        for p in sorted(beside, key=lambda p: p.box[0]):
            if id(p) in captions:
                break
            distance = max(p.box[0] - x1, 0.0) * page.width / page.height / h
            column = self.column_of(p, captions) if distance > 6 else None
            if column is not None and column.box[0] > x1:
                continue  # far off, under another caption heading a column of its own (the requester's block)
            if id(p) not in self.option_labels:
                yield p, "right", distance

    def _below(self, hit: LabelHit, captions: set[int], own: frozenset[int], h: float
               ) -> Iterator[tuple[Phrase, str, float]]:
        """On the lines under the caption, past any line of the caption's own guidance, up to the next caption."""
        caption = hit.phrase
        _, _, _, y1 = caption.box
        bottom, left, right = y1, caption.box[0], caption.box[2]
        for i in range(caption.line + 1, len(self.layout.lines)):
            line = self.layout.lines[i]
            if line.page != caption.page or line.box[1] - bottom > 4 * h:
                return
            # Not an entry of the column to the left whose end merely runs under the caption (a name too long for
            # its cell): it starts under another caption.
            under = [p for p in self.phrases_of(i) if _overlaps(p.box, left, right) and p.box[1] >= y1 - 0.3 * h
                     and not (p.box[0] < left and self.starts_under_other(p, captions, own))]
            if any(id(p) in captions or id(p) in self.option_labels for p in under):
                return
            for p in under:
                if _printed(p.text) or id(p) in own:  # the caption goes on: its entry stands under all of it
                    bottom, left, right = max(bottom, p.box[3]), min(left, p.box[0]), max(right, p.box[2])
                elif id(self.column_of(p, captions | own)) not in own and (
                        self.caption_left_of(p, captions) or getattr(self.column_of(p, captions), "line", -1) > caption.line):
                    return  # another caption's entry: right of it ('Effective date  05/10/2026') or under it
                else:
                    yield p, "below", max(p.box[1] - bottom, 0.0) / h

    def _above(self, hit: LabelHit, captions: set[int], h: float) -> Iterator[tuple[Phrase, str, float]]:
        """On the line over the caption, for forms that print the caption under the entry line."""
        caption = hit.phrase
        x0, y0, x1, _ = caption.box
        for i in range(caption.line - 1, -1, -1):
            line = self.layout.lines[i]
            if line.page != caption.page or y0 - line.box[3] > 3 * h:
                return
            over = [p for p in self.phrases_of(i) if _overlaps(p.box, x0, x1) and p.box[3] <= y0 + 0.3 * h]
            if any(id(p) in captions or id(p) in self.option_labels for p in over):
                return
            for p in over:
                if _printed(p.text) or self.caption_left_of(p, captions):
                    return
                yield p, "above", max(y0 - p.box[3], 0.0) / h
            if over:
                return

    def starts_under_other(self, phrase: Phrase, captions: set[int], own: frozenset[int]) -> bool:
        """Whether a phrase's first word stands in the column of a caption other than these own ones."""
        head = self.column_of(Phrase(phrase.page, phrase.words[:1], phrase.line), captions | own)
        return head is not None and id(head) not in own

    def caption_left_of(self, phrase: Phrase, captions: set[int]) -> bool:
        """Whether the phrase stands right after another caption on its line: that caption's entry."""
        before = [p for p in self.phrases_of(phrase.line) if p.box[2] <= phrase.box[0] + 1e-4]
        if not before:
            return False
        nearest = max(before, key=lambda p: p.box[2])
        return id(nearest) in captions and phrase.box[0] - nearest.box[2] < 0.25

    def column_of(self, phrase: Phrase, captions: set[int]) -> Phrase | None:
        """The caption heading the table column a phrase stands in, if any: the nearest one over it."""
        h = max(self.box(phrase)[3] - self.box(phrase)[1], 0.006)
        x0, x1 = phrase.box[0], phrase.box[2]
        least = 0.0  # how much a caption must overlap the phrase to head its column
        if all(w.form_field for w in phrase.words):
            # A form field's box runs to the end of its entry line; its text stands at the start of it, about 0.4
            # of the box's height a character (the box is taller than its font).
            page = self.doc.pages[phrase.page - 1]
            x1 = min(x1, x0 + 0.4 * h * len(phrase.text) * page.height / max(page.width, 1e-6))
            least = 0.2 * (x1 - x0)  # the text's end is an estimate: over it, not merely touching its edge
        for i in range(phrase.line - 1, max(phrase.line - 6, -1), -1):
            line = self.layout.lines[i]
            if line.page != phrase.page or phrase.box[1] - line.box[3] > 4 * h:
                return None
            for p in line.phrases:
                if id(p) in captions and min(p.box[2], x1) - max(p.box[0], x0) > min(least, 0.2 * (p.box[2] - p.box[0])):
                    return p
        return None

    def run(self, start: Phrase, captions: set[int], h: float, after: Phrase | None = None) -> tuple[Phrase, list[int]]:
        """The whole entry that starts with this phrase: with the phrases after it on its line that stand as
        close as the words of one handwritten entry do (OCR splits them where the pen left wider gaps)."""
        page = self.doc.pages[start.page - 1]
        gap = 2.5 * h * page.height / max(page.width, 1e-6)
        words, keys, end = list(start.words), [id(after or start)], start.box[2]
        column = self.column_of(start, captions)
        for p in self.phrases_of(start.line):
            if p is after or p.box[0] < end - 1e-4:
                continue
            if (p.box[0] - end > gap or id(p) in captions or id(p) in self.option_labels or _printed(p.text)
                    or any(w.form_field for w in p.words + start.words) or self.column_of(p, captions) != column
                    or _runs_into_number(words[-1], p.words[0])):
                break  # a gap, a caption, another form field, the next column of a table or the next cell's number
            words += p.words
            keys.append(id(p))
            end = p.box[2]
        return Phrase(start.page, words, start.line), keys

    def entries(self, specs: list[Spec]) -> dict[str, Field]:
        """Read every field's entry; each phrase goes to the caption it belongs to most surely."""
        hits = {spec.name: self.hits(spec.captions, spec.exclude) for spec in specs}
        captions = {id(h.phrase) for hs in hits.values() for h in hs}
        captions |= {id(h.phrase) for h in self.layout.labels(OTHER_CAPTIONS)}
        candidates: list[Entry] = []
        for spec in specs:
            own = frozenset(id(h.phrase) for h in hits[spec.name])
            for hit in hits[spec.name]:
                for phrase, place, distance, key in self.places(hit, captions, own):
                    if self.fillable and not any(w.form_field for w in phrase.words):
                        continue  # on a form filled in on screen, what was entered is in its fields
                    reading = spec.parse(phrase)
                    if reading is not None:
                        candidates.append(Entry(spec, hit, reading, place, _affinity(place, distance), key))
        _weigh_by_direction(candidates)
        candidates.sort(key=lambda e: -e.score)
        chosen: dict[str, Entry] = {}
        used: set[tuple] = set()
        for entry in candidates:
            if entry.spec.name in chosen or entry.key in used:
                continue
            chosen[entry.spec.name] = entry
            used.add(entry.key)
        out = {}
        for name, entry in chosen.items():
            rivals = [e.score for e in candidates if e.spec.name == name and e.reading.value != entry.reading.value]
            contest = [e.score for e in candidates if e.key == entry.key and e.spec.name != name
                       and e.spec.name not in chosen]
            confidence = entry.confidence
            if _specked([self.originals.get(id(w), w) for w in entry.reading.phrase.words]):
                confidence *= 0.8
            for other in rivals[:1] + contest[:1]:
                margin = entry.score - other
                confidence *= 0.75 + 0.25 * min(1.0, max(margin, 0.0) / 0.12)
            out[name] = self.field(entry.reading.phrase, entry.reading.value, confidence)
        return out

    # ------------------------------------------------------------ tick boxes

    @cached_property
    def option_labels(self) -> set[int]:
        """Phrases that label a tick box: printed options, never an entry."""
        phrase_of = {id(self.originals.get(id(w), w)): p for p in self.layout.phrases for w in p.words}
        out = set()
        for tick in self.ticks:
            for options in (W9_CLASSES, ACCOUNT_TYPES):
                label, option, _ = self.option_of(tick, options)
                if option and id(label[0]) in phrase_of:
                    out.add(id(phrase_of[id(label[0])]))
        for options in (W9_CLASSES, ACCOUNT_TYPES):
            out |= {id(mark.phrase) for mark in self.printed_options(options)}
        return out

    @cached_property
    def ticks(self) -> list[Tick]:
        """Every tick box on the pages, from the page image, from form widgets and from tick glyphs in the text."""
        found: list[Tick] = []
        for page in self.doc.pages:
            # A 'box' inside a word is a letter that looked like one (an O, an E); a box a scan read together
            # with its label ('[Partnership') stands at the start of the word.
            lettered = [w.box for w in page.words if len(w.text.strip()) >= 3 and not _box_read_as_text(w.text[:2])]
            # A text layer's word of letters or digits ('ID', 'No') holds no box, wherever in it one seemed to be.
            printed = [w.box for w in page.words if w.source == "text_layer" and not w.form_field
                       and re.fullmatch(r"[^\W_]{2,}", w.text.strip())]
            # A 'box' in a word that is clearly smaller than the page's other boxes is a letter's loop, even at
            # the word's start ('Check the LLC box above': the C and h of 'Check').
            usual = median(c.box[3] - c.box[1] for c in page.checkboxes) if len(page.checkboxes) >= 3 else 0.0
            boxes = [Tick(page.number, c.box, c.checked, c.confidence) for c in page.checkboxes
                     if not any(_inside(c.box, b) and (c.box[0] > b[0] + 0.5 * (c.box[2] - c.box[0])
                                                       or c.box[3] - c.box[1] < 0.7 * usual) for b in lettered)
                     and not any(_inside(c.box, b) for b in printed)]
            boxes += _bracket_pairs(page)
            for w in page.words:
                text = w.text.strip()
                if w.form_field and text in (CHECKED, UNCHECKED):
                    glyph = Tick(page.number, w.box, text == CHECKED, 1.0)
                elif _glyph(text) is not None:
                    sure = 1.0 if page.text_source == "text_layer" else 0.7
                    glyph = Tick(page.number, w.box, bool(_glyph(text)), sure, looked=False)
                else:
                    continue
                same = [b for b in boxes if _intersects(b.box, w.box)]
                if w.form_field:
                    boxes = [b for b in boxes if b not in same]  # the widget's own state beats its picture
                elif same:
                    continue
                boxes.append(glyph)
            found.extend(boxes)
        return found

    def options(self, options: list[tuple[str, str]]) -> tuple[list[str], float, Option | None]:
        """Which options are ticked, how surely the boxes and the ticked one's label read, and the ticked one."""
        state: dict[str, Option] = {}
        readings = []
        for tick in self.ticks:
            label, option, certainty = self.option_of(tick, options)
            # A box with no words read beside it (a hand tick over the start of its label) can still be named
            # by elimination among the others.
            readings.append((tick, label, option, certainty))
        _name_by_elimination(readings, [o for o, _ in options])
        for tick, label, option, certainty in readings:
            if option is None:
                continue
            if option in state:
                was = state[option]
                if was.checked and not tick.checked:
                    continue  # a second box for the same option (a second account row) stays secondary
                if was.checked == tick.checked and was.tick.confidence * was.certainty >= tick.confidence * certainty:
                    continue
            state[option] = Option(tick.checked, tick, certainty, union([w.box for w in label]) if label else tick.box,
                                   " ".join(w.text for w in label))
        for option, tick, text in self.unseen_boxes(options, state):
            state[option] = Option(tick.checked, tick, 1.0, tick.box, text)
        if not any(o.checked for o in state.values()):
            # No box read as ticked: a mark drawn in a circle, between brackets or over a box character is ink
            # the text does not show. Not where the darkest such place is a box already read surely empty (an empty
            # form: a shade of ink between boxes is no tick).
            inked = self.inked(options)
            if inked and any(s.tick.looked and s.tick.confidence >= 0.9 and _intersects(s.tick.box, inked[0].box)
                             for s in state.values()):
                inked = []
            for mark in inked:
                if mark.option in state and state[mark.option].checked:
                    continue  # a second question of the same options (an empty second account) stays secondary
                state[mark.option] = Option(mark.tick.checked, mark.tick, 0.9, union([w.box for w in mark.label]),
                                            " ".join(w.text for w in mark.label))
        ticked = [o for o, _ in options if o in state and state[o].checked]
        sure = [o for o in ticked if state[o].tick.confidence >= 0.9]
        if len(sure) == 1 and all(state[o].tick.confidence < 0.6 for o in ticked if o not in sure):
            # One box clearly ticked, another barely inked (a speck, a stray stroke): the clear one is the
            # answer, the doubt goes into how sure the reading is.
            for o in ticked:
                if o not in sure:
                    state[o] = replace(state[o], checked=False)
            ticked = sure
        # Sure when every box reads surely and the ticked one's label does.
        certainty = min((s.tick.confidence for s in state.values()), default=0.0)
        certainty *= min((state[o].certainty for o in ticked), default=1.0)
        return ticked, certainty, next((state[o] for o in ticked), None)

    def unseen_boxes(self, options: list[tuple[str, str]], state: dict[str, Option]) -> Iterator[tuple[str, Tick, str]]:
        """Options printed like the others but whose box the page image did not give: look for ink where their
        box must be, as far left of the label as the other options' boxes are."""
        seen = [(s.tick, s.label[0]) for s in state.values()]  # each box, and where its label starts
        if not seen:
            return
        seen = [(t, x) for t, x in seen if t.page == seen[0][0].page]
        top, bottom = min(t.box[1] for t, _ in seen), max(t.box[3] for t, _ in seen)
        empty = [t for t, _ in seen if not t.checked]
        page = self.doc.pages[seen[0][0].page - 1]
        if page.ink is None or not empty:
            return
        offset = median(x - t.box[0] for t, x in seen)
        width = median(t.box[2] - t.box[0] for t, _ in seen)
        height = median(t.box[3] - t.box[1] for t, _ in seen)
        blank = median(page.ink.darkness(t.box) for t in empty)
        marked = [page.ink.darkness(t.box) for t, _ in seen if t.checked]
        cut = blank + 0.5 * (median(marked) - blank) if marked else blank * 1.4 + 0.02
        blank_middle = median(_middle_darkness(page, t.box) for t in empty) if not marked else 0.0  # (read unmarked only)
        # Only labels printed in the row or column of the boxes seen count here, so a long one is no running text
        # ('Limited liability company - tax classification (C, S or P): ____').
        for phrase, glyphs, label in _option_runs(self.layout.phrases, options, longest=110):
            if phrase.page != page.number:
                continue
            option, _ = _option(" ".join(w.text for w in label), options)
            if option is None or option in state:
                continue
            cy = (phrase.box[1] + phrase.box[3]) / 2
            in_row = any(abs(cy - (t.box[1] + t.box[3]) / 2) < 0.6 * height for t, _ in seen)
            in_column = any(abs(label[0].box[0] - x) < 0.6 * width for _, x in seen)
            if not (in_row or in_column) or not top - 2 * height <= cy <= bottom + 2 * height:
                continue  # not printed among the other options (a name like 'Estate of ...' elsewhere)
            x0 = label[0].box[0] - offset
            # Where the boxes stand in a column and the label's first word starts at it, the scan read
            # the box as the start of that word.
            column = [t.box[0] for t, _ in seen if abs(t.box[0] - label[0].box[0]) < 0.5 * width]
            if column:
                x0 = median(column)
            box = (x0, cy - height / 2, x0 + width, cy + height / 2)
            own = [self.originals.get(id(w), w) for w in glyphs + label]  # a tall box read as text was resized
            # Text there makes it no box; a mark read as a sign ('_', '-', '|' from the tick itself) does not.
            if x0 < 0 or any(_intersects(box, w.box) for w in page.words
                             if re.search(r"[^\W_]", w.text) and not any(_same_word(w, o) for o in own)):
                continue
            darkness = page.ink.darkness(box)
            # Sure only where a ticked box on the page shows how dark a tick makes a box at this grid's grain.
            margin = abs(darkness - cut) / max(abs(cut - blank), 0.02) if marked else 0.0
            # With none ticked to compare, a mark across the box (a cross in a circle) inks its middle, which the
            # empty boxes' middles are not: to review.
            crossed = not marked and _middle_darkness(page, box) >= max(2 * blank_middle, blank_middle + 0.15)
            tick = Tick(page.number, box, darkness > cut or crossed, 0.6 + 0.35 * min(margin, 1.0))
            yield option, tick, " ".join(w.text for w in label)

    def printed_options(self, options: list[tuple[str, str]]) -> list[PrintedOption]:
        """Options printed as a list to tick, whatever their boxes look like (circles, brackets, box characters
        or squares the page image did not give): option names with room for a box before them (or, on forms that
        print the box after the label, after them), standing in a row or a column with another option of the same
        question."""
        key = id(options)
        if key not in self._printed:
            found: dict[str, list[PrintedOption]] = {"before": [], "after": []}
            glyphed = {"before": 0, "after": 0}  # options with a box read as text on that side
            for phrase, glyphs, label in _option_runs(self.layout.phrases, options):
                option, _ = _option(" ".join(w.text for w in label), options)
                page = self.doc.pages[phrase.page - 1]
                if option is None:
                    continue
                while len(label) > 1 and _glyph(label[-1].text) is not None:
                    label = label[:-1]  # a box read as text after the name ('Partnership / LLP []'): its after side
                first = self.originals.get(id(label[0]), label[0]).box
                last = self.originals.get(id(label[-1]), label[-1]).box
                h = first[3] - first[1]
                hx = h * page.height / max(page.width, 1e-6)
                glyphs = [self.originals.get(id(g), g) for g in glyphs]
                if not all(_box_read_as_text(g.text) for g in glyphs):
                    glyphs = []  # short words before the name ('Trust or estate'), not its box
                before = union([g.box for g in glyphs]) if glyphs else (
                    first[0] - 1.9 * hx, first[1] - 0.2 * h, first[0] - 0.3 * hx, first[3] + 0.2 * h)
                after = (last[2] + 0.3 * hx, first[1] - 0.2 * h, last[2] + 1.9 * hx, first[3] + 0.2 * h)
                for side, box in (("before", before), ("after", after)):
                    words = [w for w in page.words if w.text.strip() and _intersects(box, w.box)
                             and not any(_same_word(w, g) for g in glyphs)]
                    if box[0] < 0 or box[2] > 1 or words and not all(_glyph(w.text) is not None for w in words):
                        continue  # text there: a name in running text, not an option to tick
                    found[side].append(PrintedOption(option, phrase, label, glyphs if side == "before" else [], box))
                    glyphed[side] += bool(glyphs or words)
            # The boxes stand on the side where more options have a box read as text ('Partnership / LLP []': the
            # first option of a row has none before it), else where every option has ink (its printed outline).
            side = "after" if glyphed["after"] > glyphed["before"] else "before"
            if not glyphed["before"] and not glyphed["after"]:
                inked = {k: sum(self._inked_at(m) for m in v) - (len(v) - sum(self._inked_at(m) for m in v))
                         for k, v in found.items()}
                if inked["after"] > inked["before"]:
                    side = "after"
            chosen = found[side]
            # A question's options stand in a row or a column, a line or two apart; a lone name elsewhere is not
            # one (a payee 'Estate of ...' entered a few lines over the options, in their column).
            self._printed[key] = [m for m in chosen if any(
                o.option != m.option and o.phrase.page == m.phrase.page and (
                    abs(o.box[1] - m.box[1]) < 0.01 or abs(o.label[0].box[0] - m.label[0].box[0]) < 0.01
                    and abs(o.box[1] - m.box[1]) < 0.06)
                for o in chosen)]
        return self._printed[key]

    def _inked_at(self, mark: PrintedOption) -> bool:
        """Whether there is ink where an option's box must be (its outline, a tick), not bare paper."""
        page = self.doc.pages[mark.phrase.page - 1]
        return bool(mark.glyphs) or page.ink is not None and page.ink.darkness(mark.box) > 0.02

    def inked(self, options: list[tuple[str, str]]) -> list[PrintedOption]:
        """The printed options of a question read by ink: the one whose box is clearly darker than every other
        option's is ticked. None unless one stands out."""
        marks = self.printed_options(options)
        pages = {m.phrase.page for m in marks}
        if len({m.option for m in marks}) < 2 or len(pages) != 1:
            return []
        page = self.doc.pages[pages.pop() - 1]
        if page.ink is None:
            return []
        ranked = sorted(marks, key=lambda m: -_middle_darkness(page, m.box))
        darkest, second = (_middle_darkness(page, m.box) for m in ranked[:2])
        margin = (darkest - second) / max(0.05, 0.3 * second)
        if margin < 1.0:
            return []
        for m in ranked:
            m.tick = Tick(m.phrase.page, m.box, m is ranked[0], min(0.85, 0.6 + 0.1 * margin))
        return ranked

    def has_boxes(self, options: list[tuple[str, str]]) -> bool:
        """Whether the form offers these options with tick boxes at all."""
        return any(self.option_of(tick, options)[1] for tick in self.ticks)

    def option_of(self, tick: Tick, options: list[tuple[str, str]]) -> tuple[list[Word], str | None, float]:
        """The option a tick box stands for: named by the words right of it, or else by the column header over
        it (what a scan reads beside a box in a table is often the next cell's noise)."""
        labels = self.labels_of(tick, options=options)
        for label in labels:
            option, certainty = _option(" ".join(w.text for w in label), options)
            if option:
                return label, option, certainty * (0.6 if self.either_side(tick, options) else 1.0)
        lettered = self.letter_option(tick, labels[0] if labels else [], options)
        if lettered is not None:
            return lettered
        # A mark in a table's own column ('X' in a cell, a box in a 'Check one' column): the option named on its
        # row, with nothing between, among the question's other options listed in a column or a row.
        named = self.row_options(tick, options)
        if (set(named) == {-1} and labels and re.search(r"[a-z]{4}", fold(" ".join(w.text for w in labels[0])))
                and not self.labels_left(tick.page, options) and self.row_side(tick.page, options) != -1):
            # Its own words right of it, where this form's labels stand, name a choice of their own ('Corporation'
            # with no C or S, 'Cooperative'): not the option named left of it, which is the box before's.
            return labels[0], None, 0.0
        if named:
            side = next(iter(named)) if len(named) == 1 else self.row_side(tick.page, options)
            if side is not None:
                return named[side]
            # An option's name on either side and no other mark on the page to say which way this form goes:
            # the nearer one, for a person to confirm.
            label, option, certainty = min(named.values(), key=lambda t: abs(_gap(tick.box, t[0])))
            return label, option, 0.6 * certainty
        return (labels[0] if labels else []), None, 0.0

    def letter_option(self, tick: Tick, label: list[Word], options: list[tuple[str, str]]
                      ) -> tuple[list[Word], str, float] | None:
        """A box labelled with a tax code letter after the option it qualifies, on one line ('Corporation: ☐ C
        ☒ S', 'LLC ☐ C ☐ S ☐ P'): a corporation of that letter, or an LLC whichever letter is ticked."""
        if options is not W9_CLASSES or len(label) != 1 or not re.fullmatch(r"\W*[csp]\W*", fold(label[0].text)):
            return None
        page = self.doc.pages[tick.page - 1]
        cy, h = (tick.box[1] + tick.box[3]) / 2, tick.box[3] - tick.box[1]
        before = sorted((w for w in page.words if w.box[2] <= tick.box[0] and tick.box[0] - w.box[2] < 0.3
                         and abs((w.box[1] + w.box[3]) / 2 - cy) < 0.6 * max(h, w.box[3] - w.box[1])),
                        key=lambda w: -w.box[2])
        # The code letters (and their boxes read as text) nearest the box, up to the option's name; a dash in the
        # name ('LLC - tax classification:') is no code.
        codes = list(takewhile(lambda w: re.fullmatch(r"\W*[csp]?\W*", fold(w.text)) or _glyph(w.text) is not None, before))
        if len(before) == len(codes):
            return None
        named = [before[len(codes)]]
        for w in before[len(codes) + 1:len(codes) + 5]:
            if named[-1].box[0] - w.box[2] > 1.5 * (w.box[3] - w.box[1]) * page.height / page.width:
                break  # the name ends where a wide gap (another option's box) comes
            named.append(w)
        name = " ".join(w.text for w in reversed(named))  # the option's name, read up to the codes
        letter = re.sub(r"\W", "", fold(label[0].text))
        option = _option(name, options)[0]
        if option == "llc":
            return label, "llc", 0.9
        if (option is None and re.search(r"\bcorp(oration)?\W*$", fold(name))) and letter in "cs":
            return label, f"{letter}_corporation", 0.9
        return None

    def row_options(self, tick: Tick, options: list[tuple[str, str]]) -> dict[int, tuple[list[Word], str, float]]:
        """The options named on a tick's row, right (1) and left (-1) of it, where the name stands in a list of
        the question's options."""
        found = {}
        for side, label in self.row_labels(tick):
            option, certainty = _option(" ".join(w.text for w in label), options)
            if option and self.listed_with_others(tick.page, label, option, options):
                found[side] = (label, option, 0.9 * certainty)
        return found

    def row_side(self, page: int, options: list[tuple[str, str]]) -> int | None:
        """Which side of its mark an option's name stands on this page, as the marks with a name on one side
        only show; None when none does, or they disagree."""
        key = (page, id(options))
        if key not in self._row_sides:
            sides = set()
            for tick in self.ticks:
                if tick.page == page:
                    named = self.row_options(tick, options)
                    if len(named) == 1:
                        sides |= set(named)
            self._row_sides[key] = sides.pop() if len(sides) == 1 else None
        return self._row_sides[key]

    def row_labels(self, tick: Tick) -> list[tuple[int, list[Word]]]:
        """The nearest words on the tick's row on either side (1: right, -1: left), however far (up to most of
        the page width); a run of words stops at a wide gap, a box or another tick."""
        if id(tick) not in self._row_labels:
            self._row_labels[id(tick)] = self._row_labels_of(tick)
        return self._row_labels[id(tick)]

    def _row_labels_of(self, tick: Tick) -> list[tuple[int, list[Word]]]:
        page = self.doc.pages[tick.page - 1]
        bx0, by0, bx1, by1 = tick.box
        cy = (by0 + by1) / 2
        row = [w for w in page.words if w.text.strip() and not _inside(w.box, tick.box) and _glyph(w.text) is None
               and abs((w.box[1] + w.box[3]) / 2 - cy) < 0.6 * max(by1 - by0, w.box[3] - w.box[1])]
        runs = []
        for side in (1, -1):
            ahead = sorted((w for w in row if (w.box[0] >= bx1 if side > 0 else w.box[2] <= bx0)),
                           key=lambda w: side * w.box[0])
            run: list[Word] = []
            edge = bx1 if side > 0 else bx0
            for w in ahead:
                gap = (w.box[0] - edge) if side > 0 else (edge - w.box[2])
                reach = 0.7 if not run else 1.5 * (w.box[3] - w.box[1]) * page.height / page.width
                lo, hi = sorted((edge, w.box[0] if side > 0 else w.box[2]))
                if gap > reach or len(run) >= 8 or any(t is not tick and t.page == tick.page and lo <= t.box[0] <= hi
                                                       and t.box[1] < w.box[3] and w.box[1] < t.box[3] for t in self.ticks):
                    break
                run.append(w)
                edge = w.box[2] if side > 0 else w.box[0]
            if run:
                runs.append((side, run if side > 0 else run[::-1]))
        return runs

    def listed_with_others(self, page: int, label: list[Word], option: str, options: list[tuple[str, str]]) -> bool:
        """Whether an option's label stands in a list of the question's options: with others in its column (their
        labels start where it starts) or on its row."""
        x0, cy = label[0].box[0], (label[0].box[1] + label[0].box[3]) / 2
        others = set()
        if id(options) not in self._runs:
            self._runs[id(options)] = list(_option_runs(self.layout.phrases, options))
        for phrase, _, words in self._runs[id(options)]:
            named, _ = _option(" ".join(w.text for w in words), options)
            if named in (None, option) or phrase.page != page:
                continue
            wy = (words[0].box[1] + words[0].box[3]) / 2
            if abs(words[0].box[0] - x0) < 0.01 and abs(wy - cy) < 0.15 or abs(wy - cy) < 0.01:
                others.add(named)
        return len(others) >= min(2, len(options) - 1)

    def labels_left(self, page: int, options: list[tuple[str, str]] | None) -> bool:
        """Whether a question's tick boxes stand right of their labels ('Partnership ☐', as in a two-column table):
        where more of its boxes have one of its options named by the words just left of them than by the words
        just right. A question whose boxes do not say (one box, as many either way) goes as the page's boxes do:
        one form may print its questions either way."""
        key = (page, id(options))
        if key not in self._labels_left:
            questions = options or W9_CLASSES + ACCOUNT_TYPES + TIN_KINDS
            ticks = [t for t in self.ticks if t.page == page]
            left = sum(bool(_option(self.beside(t, -1), questions)[0]) for t in ticks)
            right = sum(bool(_option(self.beside(t, 1), questions)[0]) for t in ticks)
            self._labels_left[key] = left > right if left != right or options is None else self.labels_left(page, None)
            if left == right and options is not None:
                self._sides_tied.add(key)
        return self._labels_left[key]

    def either_side(self, tick: Tick, options: list[tuple[str, str]]) -> bool:
        """Whether a box's option is a guess: its question's boxes have an option named on either side as often,
        and this box has one on each side ('C Corporation ☐ S Corporation')."""
        if (tick.page, id(options)) not in self._sides_tied:
            return False
        return all(_option(self.beside(tick, side), options)[0] for side in (-1, 1))

    def beside(self, tick: Tick, side: int) -> str:
        """The words just right (1) or left (-1) of a tick box, as one text."""
        key = (id(tick), side)
        if key not in self._beside:
            self._beside[key] = " ".join(w.text for w in (self.right_label(tick) if side > 0 else self.left_label(tick)))
        return self._beside[key]

    def left_label(self, tick: Tick) -> list[Word]:
        """The words just left of a tick box on its line, back to a wide gap or another box."""
        page = self.doc.pages[tick.page - 1]
        bx0, by0, bx1, by1 = tick.box
        bw, bh, cy = bx1 - bx0, by1 - by0, (by0 + by1) / 2
        words = sorted((w for w in page.words if w.text.strip() and not _inside(w.box, tick.box) and w.box[2] <= bx0 + 0.3 * bw
                        and abs((w.box[1] + w.box[3]) / 2 - cy) < 0.6 * max(bh, w.box[3] - w.box[1])),
                       key=lambda w: -w.box[2])
        label: list[Word] = []
        edge = bx0
        for w in words:
            fh = w.box[3] - w.box[1]
            gap = (1.2 * bw + 0.005) if not label else 1.5 * fh * page.height / page.width
            if edge - w.box[2] > gap or _glyph(w.text) is not None or any(
                    t.page == tick.page and t is not tick and w.box[2] <= t.box[0] < edge
                    and t.box[1] < w.box[3] and w.box[1] < t.box[3] for t in self.ticks):
                break
            label.insert(0, w)
            edge = w.box[0]
            if len(label) >= 8:
                break
        return label

    def right_label(self, tick: Tick) -> list[Word]:
        found = self.labels_of(tick, right_only=True)
        return found[0] if found else []

    def labels_of(self, tick: Tick, right_only: bool = False, options: list[tuple[str, str]] | None = None
                  ) -> list[list[Word]]:
        """The words right of a tick box, and the column header over it; or the words left of it where the
        question's boxes stand right of their labels."""
        if not right_only and self.labels_left(tick.page, options):
            return [self.left_label(tick)]
        found = []
        page = self.doc.pages[tick.page - 1]
        bx0, by0, bx1, by1 = tick.box
        bw, bh = bx1 - bx0, by1 - by0
        cy = (by0 + by1) / 2
        words = sorted((w for w in page.words if w.text.strip() and not _inside(w.box, tick.box)),
                       key=lambda w: w.box[0])
        # A label starts just right of its box; a scan may read the box and the label's first letters as one
        # word ('[Partnership'), which then starts at the box.
        right = [w for w in words if (w.box[0] >= bx1 - 0.3 * bw or w.box[0] >= bx0 - 0.3 * bw and w.box[2] > bx1 + bw)
                 and w.box[0] - bx1 < 1.2 * bw + 0.005
                 and abs((w.box[1] + w.box[3]) / 2 - cy) < 0.6 * max(bh, w.box[3] - w.box[1])]
        if right:
            # Of the words starting about as far left, the one level with the box (a scan may read a line above
            # or below as one tall word starting there too).
            nearest = [w for w in right if w.box[0] - right[0].box[0] < 0.5 * bw]
            first = min(nearest, key=lambda w: abs((w.box[1] + w.box[3]) / 2 - cy))
            label = [first]
            fy = (first.box[1] + first.box[3]) / 2
            fh = first.box[3] - first.box[1]
            for w in words:
                if w.box[0] <= label[-1].box[0] or abs((w.box[1] + w.box[3]) / 2 - fy) > 0.5 * fh:
                    continue
                if w.box[0] - label[-1].box[2] > 1.5 * fh * page.height / page.width or _glyph(w.text) is not None:
                    break
                if any(t.page == tick.page and t is not tick and label[-1].box[2] <= t.box[2] <= w.box[2]
                       and t.box[1] < w.box[3] and w.box[1] < t.box[3] for t in self.ticks):
                    break  # the next option's box
                label.append(w)
                if len(label) >= 8:
                    break
            found.append(label)
        if right_only:
            return found
        cx = (bx0 + bx1) / 2
        over = [w for w in words if w.box[3] <= by0 + 0.2 * bh and by0 - w.box[3] < 4 * bh
                and w.box[0] - 0.01 <= cx <= w.box[2] + 0.01]
        if over:
            header = max(over, key=lambda w: w.box[3])
            between = [t for t in self.ticks if t is not tick and t.page == tick.page
                       and header.box[3] < t.box[1] < by0 and t.box[0] - 0.01 <= cx <= t.box[2] + 0.01]
            hy = (header.box[1] + header.box[3]) / 2
            # A column header has no box of its own on its line: a word with one is the option over this row.
            own_row = any(t.page == tick.page and t.box[1] <= hy <= t.box[3] for t in self.ticks)
            if not between and not own_row:
                found.append([header])
        return found


@dataclass
class Tick:
    """A tick box: from the page image, a form widget's state, or a glyph read as text."""

    page: int
    box: Box
    checked: bool
    confidence: float
    looked: bool = True  # read as a box from the pixels or a widget's state; not a box character, nor brackets' ink


@dataclass
class PrintedOption:
    """An option name printed with room for a box before it, and where that box must be."""

    option: str
    phrase: Phrase
    label: list[Word]
    glyphs: list[Word]  # the box as read as text ('[', ']', '○'), if it was
    box: Box
    tick: Tick | None = None


@dataclass
class Option:
    """An option of a tick-box question as read: its box, and the label that names it."""

    checked: bool
    tick: Tick
    certainty: float  # how surely the label names this option
    label: Box
    text: str


def _upright(doc: Document) -> tuple[Document, dict[int, Word]]:
    """The document as its lines run: without words printed sideways ('See Specific Instructions' down the
    margin), and with any word much taller than a line of text made as tall as one, centred where it stood. A
    form field's widget box, a big handwritten word or box lines a scan read as a word can each span two lines
    of captions beside them and glue those into one. Returns the originals of the words it resized, by id of
    the resized word."""
    pages = []
    originals: dict[int, Word] = {}
    for page in doc.pages:
        heights = [w.box[3] - w.box[1] for w in page.words if w.text.strip() and not w.form_field]
        usual = median(heights) if heights else 0.0
        words = []
        seen: dict[str, list[Word]] = {}
        for w in page.words:
            same = seen.setdefault(w.text.strip().casefold(), [])
            if _sideways(w, page, usual) or (w.text.strip() and not w.form_field
                                             and any(_over_same_ink(w, s) for s in same)):
                continue  # printed sideways, or read twice (two OCR passes or word sets over the same ink)
            same.append(w)
            if usual and w.box[3] - w.box[1] > 1.5 * usual:
                cy = (w.box[1] + w.box[3]) / 2
                line = replace(w, box=(w.box[0], cy - usual / 2, w.box[2], cy + usual / 2))
                originals[id(line)] = w
                w = line
            words.append(w)
        pages.append(replace(page, words=words))
    return replace(doc, pages=pages, fields={}, evidence={}, issues=[]), originals


def _runs_into_number(word: Word, after: Word) -> bool:
    """Whether a word of letters runs straight into a number of six digits or more, with no space between: a
    name too long for its cell spilled over the edge into the next cell's number."""
    if not re.fullmatch(r"[^\W\d_]+", word.text) or not re.fullmatch(r"\d{6,}", after.text):
        return False
    return after.box[0] - word.box[2] < 0.25 * (word.box[2] - word.box[0]) / len(word.text)


def _over_same_ink(a: Word, b: Word) -> bool:
    """Whether two words stand mostly over the same ink (of two words of one text: one word read twice)."""
    w = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
    h = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    smaller = min((a.box[2] - a.box[0]) * (a.box[3] - a.box[1]), (b.box[2] - b.box[0]) * (b.box[3] - b.box[1]))
    return w > 0 and h > 0 and w * h > 0.5 * smaller


def _past_caption(rest: Phrase) -> Phrase | None:
    """What was entered after a caption that goes on past the words that named it ('Address (number, street,
    apt. or suite no.) 5496 Elm Street', 'Business name, if different Harlow Courier'): the words from the first
    one that starts with a capital or a digit after words the form printed."""
    words = rest.words
    for i in range(1, len(words)):
        # A scan reads a mark before an entry's first letter as a quote ('„8516 Maple Ave').
        head, first = " ".join(w.text for w in words[:i]), words[i].text.lstrip(_OPENING_MARKS)
        if not (first[:1].isupper() or first[:1].isdigit()):
            continue
        if head.count("(") > head.count(")"):
            continue  # inside the caption's brackets
        if _printed(head) or re.search(r"[):]\s*$", head):
            entry = Phrase(rest.page, words[i:], rest.line)
            if not _printed(entry.text):
                return entry
    return None


def _sideways(word: Word, page: Page, usual_height: float) -> bool:
    x0, y0, x1, y1 = word.box
    tall = (y1 - y0) * page.height
    letters = sum(c.isalpha() for c in word.text)
    return letters >= 3 and y1 - y0 > 1.8 * usual_height and tall > 1.5 * (x1 - x0) * page.width


def _affinity(place: str, distance: float) -> float:
    """How surely an entry at this place and distance (in caption heights) is the caption's own."""
    prior = _PLACE[place]
    if place == "right":
        return prior - 0.004 * max(distance - 3, 0.0)
    if place == "after":
        return prior
    return max(prior - 0.02 * max(distance - 1.0, 0.0), 0.5)


def _weigh_by_direction(candidates: list[Entry]) -> None:
    """A form prints its captions either over or under the entry lines: where the entries that can only be
    one caption's say which, an entry that could be either is given to the caption on that side."""
    by_key: dict[tuple, set[str]] = {}
    for e in candidates:
        by_key.setdefault(e.key, set()).add(e.spec.name)
    # How much better an entry reads as this field than as any other ('Albany, NY 12203' a city line, hardly a street).
    surest: dict[tuple, float] = {}
    for e in candidates:
        for other in candidates:
            if other.key == e.key and other.spec.name != e.spec.name:
                margin = e.reading.certainty - other.reading.certainty
                surest[(e.key, e.spec.name)] = min(surest.get((e.key, e.spec.name), margin), margin)
    votes = {"below": 0, "above": 0}
    for e in candidates:
        # Only entries whose digits show what they are vote (a heading over a caption reads like a name), and
        # not the signature's date: the signature line often has its captions under it on either kind of form.
        # An entry two captions could take votes where its shape clearly makes it one field's.
        own = len(by_key[e.key]) == 1 or surest.get((e.key, e.spec.name), 0.0) >= 0.2
        if (e.place in votes and own and e.affinity > 0.85 and e.spec.name != "signature_date"
                and re.search(r"\d", str(e.reading.phrase.text))):
            votes[e.place] += 1
    if votes["below"] == votes["above"]:
        return
    against = "above" if votes["below"] > votes["above"] else "below"
    for e in candidates:
        if e.place == against and len(by_key[e.key]) > 1:
            e.affinity *= 0.85


def _reading_confidence(phrase: Phrase) -> float:
    words = [w for w in phrase.words if w.text.strip()]
    if not words:
        return 0.0
    return min(w.confidence for w in words)


def _middle_darkness(page: Page, box: Box) -> float:
    """How dark the middle of a box is: a tick, a cross or a fill inks it; an empty circle or pair of brackets does
    not."""
    x0, y0, x1, y1 = box
    dx, dy = 0.15 * (x1 - x0), 0.15 * (y1 - y0)
    return page.ink.darkness(((x0 + x1) / 2 - dx, (y0 + y1) / 2 - dy, (x0 + x1) / 2 + dx, (y0 + y1) / 2 + dy))


def _overlaps(box: Box, x0: float, x1: float) -> bool:
    """Whether an entry stands in the caption's column: under (or over) it, or starting where it starts."""
    return min(box[2], x1) - max(box[0], x0) > 0 or x0 - 0.02 <= box[0] <= x0 + max(x1 - x0, 0.06)


def _gap(box: Box, words: list[Word]) -> float:
    """How far apart a box and a run of words stand along their line."""
    return max(words[0].box[0] - box[2], box[0] - words[-1].box[2], 0.0)


def _intersects(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _inside(inner: Box, outer: Box) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def _same_word(a: Word, b: Word) -> bool:
    """Whether two words are one word of the page (the layout keeps copies of some)."""
    return a.text == b.text and a.box == b.box


def _comb_piece(text: str, phrase: Phrase | None = None) -> bool:
    """Digits of a comb field: one per box ('4 2', '9 8 5 7'), or a short group between two dashes; given the
    phrase, also one letter or dash filled into a box of its own ('E' of 'E2092', '-' of '80-5618')."""
    text = text.strip()
    if phrase is not None and re.fullmatch(r"[A-Za-z\-–]", text) and all(w.form_field for w in phrase.words):
        return True
    if not re.fullmatch(r"[\d\s\-–]{1,40}", text) or not any(c.isdigit() for c in text):
        return False
    return _is_comb(text) or len(re.sub(r"\D", "", text)) <= 3


def _char_width(phrase: Phrase) -> float:
    return (phrase.box[2] - phrase.box[0]) / max(len(phrase.text), 1)


# ---------------------------------------------------------------- tick boxes


def _glyph(text: str) -> bool | None:
    """Whether a word is a ticked box (True), an empty one (False), or no box at all (None)."""
    text = text.strip()
    if TICKED_GLYPH.fullmatch(text):
        return True
    return False if EMPTY_GLYPH.fullmatch(text) else None


def _bracket_pairs(page: Page) -> list[Tick]:
    """Boxes printed as a pair of brackets the text split into two words ('[' and ']' of '[ ]'): ticked where a
    mark drawn between them makes the pair clearly darker than the page's other pairs (the text shows no mark)."""
    closing = {"[": "]", "(": ")"}
    ends = [w for w in page.words if w.text.strip() in closing.values()]
    pairs = []
    for w in page.words:
        end = closing.get(w.text.strip())
        if end is None:
            continue
        h = w.box[3] - w.box[1]
        after = [e for e in ends if e.text.strip() == end and 0 <= e.box[0] - w.box[2] < 1.5 * h * page.height / page.width
                 and abs((e.box[1] + e.box[3]) / 2 - (w.box[1] + w.box[3]) / 2) < 0.3 * h]
        if after:
            pairs.append(union([w.box, after[0].box]))
    if not pairs or page.ink is None:
        return []
    darkness = [page.ink.darkness(b) for b in pairs]
    blank = median(darkness)
    sure = 0.9 if page.text_source == "text_layer" else 0.7
    return [Tick(page.number, b, d >= max(2 * blank, blank + 0.05), sure, looked=False) for b, d in zip(pairs, darkness)]


def _box_read_as_text(text: str) -> bool:
    """OCR of a tick box: '[X', 'Ü)', 'U]', '©' — brackets, or a lone letter no label starts with."""
    text = text.strip()
    return _glyph(text) is not None or bool(re.search(r"[\[\](){}|]", text)) or (
        len(text) == 1 and not text.isascii())


def _option(label: str, options: list[tuple[str, str]]) -> tuple[str | None, float]:
    """The option a box's label names: the one named first, near the start of the label; else the one it
    reads most like, when no other comes close."""
    folded = fold(label)[:60]
    if _own_question(folded):
        return None, 0.0
    best = None
    for value, pattern in options:
        m = re.search(pattern, folded)
        if m and m.start() <= 12 and (best is None or m.start() < best[1]):
            best = (value, m.start())
    if best is None:
        return _option_like(folded, [value for value, _ in options])
    # A glyph or two read before the label (a box outline read as '[' or 'U') makes the label less sure.
    return best[0], 1.0 if best[1] <= 2 else 0.9


def _own_question(folded: str) -> bool:
    """A box's label that asks a question of its own ('3b If on line 3a you checked Partnership ...', or only its
    line number '3b' read beside the box): no option."""
    return re.match(r"\W*(\d[a-z]?\W+)?if\b|\W*\d[a-z]?\W*$", folded) is not None


def _option_like(folded: str, options: list[str]) -> tuple[str | None, float]:
    """The option a misspelt label reads like: clearly more like it than like any other option."""
    text = re.sub(r"^[^a-z]+", "", folded)
    if len(text) < 5:
        return None, 0.0  # a word as short as 'EIN' reads a little like anything
    scores = sorted(((max(_likeness(text, name) for name in OPTION_NAMES.get(value, (value,))), value)
                     for value in options), reverse=True)
    if not scores or scores[0][0] < _NAME_LIKE or len(scores) > 1 and scores[0][0] - scores[1][0] < 6:
        return None, 0.0
    return scores[0][1], 0.7


def _likeness(text: str, name: str) -> float:
    """How much the start of a label reads like an option's name (a scan may have joined or dropped words)."""
    return max(fuzz.ratio(text[:len(name) + 2], name), fuzz.partial_ratio(text[:len(name) + 12], name))


def _name_by_elimination(readings: list[tuple[Tick, list[Word], str | None, float]], options: list[str]) -> None:
    """Name the boxes among the others whose labels no reading named: boxes whose label reads like
    'corporation' are the C and then the S corporation the form has not named yet; one box left over is the
    one option left over. Only boxes in a row or column with named ones count: a stray box elsewhere is none."""
    named = [(t, o) for t, _, o, _ in readings if o is not None]
    if not named:
        return
    def among_named(tick: Tick) -> bool:
        w, h = tick.box[2] - tick.box[0], tick.box[3] - tick.box[1]
        cy = (tick.box[1] + tick.box[3]) / 2
        return any(t.page == tick.page and (abs((t.box[1] + t.box[3]) / 2 - cy) < h
                                            or abs(t.box[0] - tick.box[0]) < w and abs(t.box[1] - tick.box[1]) < 12 * h)
                   for t, _ in named)
    unnamed = sorted((i for i, (t, label, o, _) in enumerate(readings) if o is None and among_named(t)
                      and not _own_question(fold(" ".join(w.text for w in label)))),
                     key=lambda i: (readings[i][0].box[1] // 0.004, readings[i][0].box[0]))
    missing = [o for o in options if o not in {o for _, o in named}]
    corporations = [o for o in CORPORATIONS if o in missing]
    corp_like = [i for i in unnamed if fuzz.partial_ratio(fold(" ".join(w.text for w in readings[i][1]))[:20],
                                                          "corporation") >= _CORPORATION_LIKE]
    if corporations == CORPORATIONS and len(corp_like) == 1 and re.fullmatch(
            r"\W*corporation\W*", fold(" ".join(w.text for w in readings[corp_like[0]][1]))):
        # One box for 'Corporation' as older forms print it, with no C or S: most corporations are C corporations,
        # and a person confirms which.
        tick, label, _, _ = readings[corp_like[0]]
        readings[corp_like[0]] = (tick, label, "c_corporation", 0.5)
        unnamed = [i for i in unnamed if i != corp_like[0]]
        missing = [o for o in missing if o not in corporations]
    if corporations and len(corp_like) == len(corporations):
        for i, option in zip(corp_like, [o for o in CORPORATIONS if o in corporations]):
            tick, label, _, _ = readings[i]
            readings[i] = (tick, label, option, 0.6)
        unnamed = [i for i in unnamed if i not in corp_like]
        missing = [o for o in missing if o not in corporations]
    if len(unnamed) == 1 and len(missing) == 1:
        tick, label, _, _ = readings[unnamed[0]]
        readings[unnamed[0]] = (tick, label, missing[0], 0.6)


def _option_runs(phrases: list[Phrase], options: list[tuple[str, str]], longest: int = 50
                 ) -> Iterator[tuple[Phrase, list[Word], list[Word]]]:
    """Where a phrase names options: (phrase, the words before a name that are its box read as text, the
    name's words). A scan reads a row of options as one phrase ('Oo Individual/sole proprietor Wy C
    corporation'); each name in it starts a label, and a short word or two before it are its box. A label
    longer than `longest` characters is taken for running text that starts with an option's name."""
    any_option = re.compile("|".join(f"(?:{pattern})" for _, pattern in options))
    for phrase in phrases:
        if not any_option.search(phrase.folded):
            continue  # names no option at all (most phrases of a page)
        words = phrase.words
        starts = [i for i in range(len(words))
                  if _option_start(" ".join(w.text for w in words[i:i + 3]), options) <= 1]
        # A name that reads as one again further on, with no box between ('Federal Employer ID No. (FEIN)'),
        # starts once.
        kept: list[int] = []
        for i in starts:
            if not (kept and _named(words, kept[-1], options) == _named(words, i, options)
                    and not any(_box_read_as_text(w.text) for w in words[kept[-1] + 1:i])):
                kept.append(i)
        starts = kept
        firsts = []
        for n, i in enumerate(starts):
            first = i
            while first > (starts[n - 1] + 1 if n else 0) and len(words[first - 1].text) <= 3:
                first -= 1
            firsts.append(first)
        for n, i in enumerate(starts):
            glyphs, label = words[firsts[n]:i], words[i:firsts[n + 1] if n + 1 < len(starts) else len(words)]
            if n == 0 and i >= 3 or len("".join(w.text for w in glyphs)) > 4 or len(" ".join(w.text for w in label)) > longest:
                continue
            if n and not glyphs and words[i].box[0] - words[i - 1].box[2] < 2 * (words[i].box[3] - words[i].box[1]):
                continue  # a name inside running text, with no room for a box before it
            yield phrase, glyphs, label


def _named(words: list[Word], i: int, options: list[tuple[str, str]]) -> str | None:
    return _option(" ".join(w.text for w in words[i:i + 3]), options)[0]


def _option_start(label: str, options: list[tuple[str, str]]) -> int:
    starts = [m.start() for _, pattern in options if (m := re.search(pattern, fold(label)))]
    return min(starts, default=99)


# ---------------------------------------------------------------- reading one entry


@dataclass
class Reading:
    """A value read from a phrase, in the contract's form."""

    value: Any
    phrase: Phrase
    certainty: float  # how sure the text reads as a value of this kind (1.0: exactly the expected shape)


Parse = Callable[[Phrase], Reading | None]


_OPENING_MARKS = "\"'“‘„«‚"


def _clean(text: str) -> str:
    """The entry without what a scan reads around it: box lines, quotes, a full stop after a final digit."""
    text = " ".join(text.split()).strip(" :_|[]").lstrip(_OPENING_MARKS)
    return re.sub(r"(?<=\d)[.,]$", "", text)


def _trimmed(phrase: Phrase) -> Phrase | None:
    """The phrase without stray marks a scan reads around an entry (a quote, a dash, a box line)."""
    words = list(phrase.words)
    while words and not any(c.isalnum() for c in words[0].text):
        words.pop(0)
    while words and not any(c.isalnum() for c in words[-1].text):
        words.pop()
    return Phrase(phrase.page, words, phrase.line) if words else None


# An LLC entered with the kind it is taxed as in words ('LLC taxed as a partnership'): an entry, though it reads like
# a sentence.
_TAXED_AS = re.compile(r"\W*(llc|limited liability company)\W+((is )?(taxed|treated) as)\b")


def _printed(text: str) -> bool:
    """Words the form prints (captions, option labels, guidance), not something a person entered."""
    folded = fold(text).strip()
    if not folded or INSTRUCTION.search(folded) or reads_as_instruction(text) and not _TAXED_AS.match(folded):
        return True
    if folded.endswith(":") and len(folded) < 40:
        return True  # a caption with an empty entry
    if re.match(r"[,;:)/.]", folded) or folded.count(")") > folded.count("("):
        return True  # the tail of a caption set on two lines ('return)', ', state, and ZIP code')
    if re.fullmatch(r"[a-z][a-z ./-]*", text.strip()) and len(text.split()) <= 4:
        return True  # lower-case words: the rest of a caption ('name / disregarded entity', 'code')
    if re.match(r"(or|and|of|if|for|to|in|the|on|with|by)\b", text.strip()):
        return True  # the second line of a printed sentence or option ('or single-member LLC')
    if re.fullmatch(r"([a-z']+ ){0,2}(information|info|details)\s*:?|section \d+\b.*", folded):
        return True  # a section heading ('Payee information', 'Your details', 'Section 1 - Employee')
    return any((m := re.search(pattern, folded)) and m.start() <= 3 for pattern, _ in _ALL_CAPTIONS)


def _text_value(shape: Callable[[str], float]) -> Parse:
    def parse(phrase: Phrase) -> Reading | None:
        phrase = _trimmed(phrase)
        if phrase is None:
            return None
        text = _clean(phrase.text)
        if len(text) < 2 or not re.search(r"[A-Za-zÄÖÜäöüß]{2}", text) or _printed(text):
            return None
        if all(_glyph(w.text) is not None for w in phrase.words):
            return None
        if len(phrase.words) == 1 and _reading_confidence(phrase) < 0.4:
            return None  # one word the scan could hardly read: box lines or a smudge more often than an entry
        return Reading(text, phrase, shape(text) * (0.5 if _repeats(text) else 1.0))
    return parse


def _specked(words: list[Word]) -> bool:
    """Whether a scan read stray ink into an entry as a dot: a word holding one, with no letter reaching below
    the line, whose box reaches well past the other words' height (a speck under or beside it: 'Garcia.
    Photography', 'Harbor Rd.' for 'Harbor Rd')."""
    for w in words:
        others = [o.box[3] - o.box[1] for o in words if o is not w]
        if (w.source == "ocr" and others and "." in w.text and not re.search(r"[gjpqy,;()]", w.text)
                and w.box[3] - w.box[1] > 1.4 * max(others)):
            return True
    return False


def _repeats(text: str) -> bool:
    """Whether a text is the same words twice over ('Garcia Photography Garcia Photography'): one entry read
    twice, or an entry and a copy of it merged, more often than a name that says itself twice."""
    words = text.casefold().split()
    half = len(words) // 2
    return half > 0 and len(words) % 2 == 0 and words[:half] == words[half:]


def _name_shape(text: str) -> float:
    return 0.8 if re.search(r"\d", text) else 1.0


def _address_shape(text: str) -> float:
    if _CITY_LINE.search(text):
        return 0.5
    return 1.0 if re.search(r"\d", text) and re.search(r"[A-Za-z]{2}", text) else 0.7


_CITY_LINE = re.compile(r"[A-Za-z .'-]+,?\s+[A-Z]{2}\.?,?\s+\d{5}(-\d{4})?\s*$")


def _city_shape(text: str) -> float:
    if _CITY_LINE.search(text):
        return 1.0 if "," in text else 0.9  # a scan may have lost the comma after the city
    return 0.8 if re.search(r"\b\d{5}\b", text) else 0.5


def _city_value(phrase: Phrase) -> Reading | None:
    reading = _text_value(_city_shape)(phrase)
    if reading is not None:
        # A scan reads the comma before the state as a dot now and then ('Tucson. AZ 85790'), the end of the
        # caption before the entry ('ZIP Fresno, CA 93745'), and an I in the state as a slash ('R/ 02926').
        # A pen's gaps split a handwritten ZIP code ('GA 31 441', 'WA 9 84 18') or close it up to the state
        # ('AZ85732').
        repaired = re.sub(r"(?<=\b[A-Z]{2})\s?(\d[\d ]{3,6}\d)$",
                          lambda m: " " + m.group(1).replace(" ", "") if len(m.group(1).replace(" ", "")) == 5
                          else m.group(0), reading.value)
        # Whole again, it reads as a city line (its shape no longer doubts it); the repair still does.
        certainty = _city_shape(repaired) if repaired != reading.value else reading.certainty
        repaired = re.sub(r"(?<=[a-z])\.(?=\s+[A-Z]{2}\s+\d{5}\b)", ",", repaired)
        repaired = re.sub(r"^((zip|z[iı1]r|state|code|city)\b[\s,:./_]*)+(?=[A-Z])", "", repaired, flags=re.IGNORECASE)
        repaired = re.sub(r"(?<=, )([A-Z])[/|l1!]\s(?=\d{5}\b)", lambda m: m.group(1) + "I ", repaired)
        if repaired != reading.value:
            reading = Reading(repaired, reading.phrase, 0.85 * certainty)
    return reading


def _employee_id(phrase: Phrase) -> Reading | None:
    if re.search(r"[\[\]|]", phrase.text):
        # Read through the lines of comb boxes: only worth taking when nothing but digits came out.
        digits, clean = _comb_digits(phrase.text, keep="-")
        return Reading(digits.strip("-"), phrase, 0.8) if clean and any(c.isdigit() for c in digits) else None
    text = re.sub(r"^#\s+(?=\S)", "", _clean(phrase.text))  # the end of an 'Employee #' caption a scan set lower
    skipped = _is_comb(text) and _box_skipped(phrase.words)
    if _is_comb(text):
        text = text.replace(" ", "")
    token = parse_identifier(text.split()[0]) if text.split() else ""
    repaired = re.fullmatch(r"£\d{3,}", token) is not None
    if repaired:
        token = "E" + token[1:]  # a scan's reading of a capital E before the digits ('£4068')
    if not token or not any(c.isdigit() for c in token) or find_dates(text) or len(token) > 20:
        return None
    certainty = 1.0 if re.fullmatch(r"[A-Z]{0,4}[-\s]?\d[\d-]*[A-Z]?", token) else 0.8
    return Reading(token, phrase, certainty * (0.75 if skipped else 1.0) * (0.85 if repaired else 1.0))


def _box_skipped(words: list[Word]) -> bool:
    """Whether characters written one per comb box leave a box out: one step from a character to the next much
    wider than the others. The scan read nothing in that box (a dash, a faint digit), so the value may lack it."""
    centres = [(w.box[0] + w.box[2]) / 2 for w in words if len(w.text.strip()) == 1]
    steps = [b - a for a, b in zip(centres, centres[1:])]
    return len(steps) >= 3 and max(steps) > 1.6 * median(steps)


# A classification written out on its own ('Limited liability company (S)', 'S-Corp'): never a business's name.
_BARE_CLASS = re.compile(r"\W*(individual|sole propriet\w*|(c|s)[\s-]*corp(oration)?|corporation(\s*\(?[cs]( corp)?\)?)?|"
                         r"partnership|trust|estate|limited liability company|llc)(\s*[-(]?\s*[csp]\)?)?\W*")


def _business_name(phrase: Phrase) -> Reading | None:
    reading = _text_value(_name_shape)(phrase)
    return None if reading is None or _BARE_CLASS.fullmatch(fold(reading.value)) else reading


def _class_written(phrase: Phrase) -> Reading | None:
    """A tax classification written in words ('C Corporation', 'LLC (S)', 'Other: Cooperative')."""
    reading = _text_value(_name_shape)(phrase)
    if reading is None or len(reading.value) > 50:
        return None
    option, certainty = _option(reading.value, W9_CLASSES)
    return Reading(option, reading.phrase, certainty) if option and certainty >= 0.9 else None


def _account_type_written(phrase: Phrase) -> Reading | None:
    m = re.fullmatch(r"\W*(checking|savings)( account)?\W*", fold(phrase.text))
    return Reading(m.group(1), phrase, 1.0) if m else None


def _digits(low: int, high: int, checksum: Callable[[str], bool] | None = None) -> Parse:
    def parse(phrase: Phrase) -> Reading | None:
        text = _clean(phrase.text)
        if find_dates(text) or re.search(r"[A-Za-z]{3}", text):
            return None
        digits, clean = _comb_digits(text)
        if checksum is not None and len(digits) == low - 1 and low == high:
            filled = _one_box_unread(text, checksum)
            if filled is not None:
                return Reading(filled, phrase, 0.5)  # worked out, not read: for a person to confirm
        if not low <= len(digits) <= high or "12345678" in digits:
            return None  # not this kind of number, or the example printed on a specimen cheque
        certainty = (1.0 if clean else 0.85) * (0.75 if _is_comb(text) and _box_skipped(phrase.words) else 1.0)
        if checksum is not None and not checksum(digits) and phrase.confidence < 1.0:
            certainty *= 0.6  # a misread digit breaks the check digit; a printed one is what the form says
        return Reading(digits, phrase, certainty)
    return parse


def _one_box_unread(text: str, checksum: Callable[[str], bool]) -> str | None:
    """A number written one digit per box with one box read as no digit at all ('0 9 6 4 6 wi 6 1 1'): the one
    digit there that passes the check digit. A routing number's weights (3, 7, 1) leave exactly one."""
    tokens = text.translate(_COMB_RULES).split()
    read = [t.translate(_DIGIT_LIKE) if len(t) == 1 else digits_only(t) for t in tokens]
    read = [t if t.isdigit() else "" for t in read]
    unread = [i for i, t in enumerate(read) if not t]
    if len(unread) != 1 or any(len(t) > 2 for t in tokens) or any(len(t) > 1 for t in read):
        return None
    i = unread[0]
    passing = [d for d in "0123456789" if checksum("".join(read[:i]) + d + "".join(read[i + 1:]))]
    return "".join(read[:i]) + passing[0] + "".join(read[i + 1:]) if len(passing) == 1 else None


def _is_comb(text: str) -> bool:
    """Characters written one per box ('3 2 6 1 2'), as a comb field reads."""
    tokens = text.split()
    return len(tokens) >= 3 and all(len(t) == 1 for t in tokens)


_COMB_RULES = str.maketrans({c: " " for c in "[]|/\\()!{}"})


def _comb_digits(text: str, keep: str = "") -> tuple[str, bool]:
    """The digits of a number (and any of the characters in `keep`), and whether they read without repairs.
    A scan of comb boxes reads the box sides as | [ ] /, so those separate digits rather than stand for a 1;
    a box that read as one letter holds the digit that letter looks like."""
    tokens = [t for t in re.split(r"[\s\-–.]+" if not keep else r"\s+", text.translate(_COMB_RULES)) if t]
    strict = "".join(tokens)
    if strict and all(c.isdigit() or c in keep for c in strict):
        return strict, True
    repaired = "".join(t.translate(_DIGIT_LIKE) if len(t) == 1 else digits_only(t) for t in tokens)
    return "".join(c for c in repaired if c.isdigit() or c in keep), False


_DIGIT_LIKE = str.maketrans("OoDQlIiSsBZzGbgq&$", "000011155822669985")


def _date_value(day_first: bool | None) -> Parse:
    def parse(phrase: Phrase) -> Reading | None:
        hits = find_dates(phrase.text, day_first)
        longer = _longer_year(phrase.text, hits[0], day_first) if hits else None
        if longer is not None:
            return Reading(longer, phrase, 0.7)
        if not hits:
            repaired = _repaired_date(phrase.text, day_first)
            return Reading(repaired, phrase, 0.7) if repaired else None
        if re.search(r"\d\s$", phrase.text[:hits[0].start]):
            # Digits just before the date, a space apart: a pen's gap split it ('202 6-04-21' is no 4 June 2021).
            repaired = _repaired_date(phrase.text, day_first)
            if repaired is not None and repaired != hits[0].value:
                return Reading(repaired, phrase, 0.7)
        certainty = 0.97 if hits[0].ambiguous else 1.0
        return Reading(hits[0].value, phrase, certainty)
    return parse


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def _longer_year(text: str, hit: DateHit, day_first: bool | None) -> date | None:
    """The date a handwritten one means when a scan split its year and read a stroke as a digit: '08/21/72 026'
    reads as 21 August '72 unless the digits run on to a four-digit year ('...72026': 2026)."""
    if hit.value.year <= date.today().year + 1:
        return None  # a likely year: no reason to doubt it
    folded = fold(text)
    m = re.match(r"\s?(\d{1,3})\b", folded[hit.end:])
    head = re.search(r"(\d{1,2})([/.-])(\d{1,2})[/.-](\d{2})$", folded[hit.start:hit.end])
    if not m or not head:
        return None
    year = re.search(r"(?:19|20)\d\d$", head.group(4) + m.group(1))
    if not year:
        return None
    hits = find_dates(f"{head.group(1)}{head.group(2)}{head.group(3)}{head.group(2)}{year.group(0)}", day_first)
    return hits[0].value if hits else None


def _repaired_date(text: str, day_first: bool | None) -> date | None:
    """A handwritten date a scan misread a little: a month name off by a letter ('Oxtober 16, 2026'), a
    separator lost ('12/142025'), or a gap the pen left read as a space ('09/1 8/2026', '2026-0 3-19')."""
    closed = re.sub(r"(?<=[\d/.-])\s(?=[\d/.-])", "", text)
    if closed != text:
        hits = find_dates(closed, day_first)
        if hits and len(re.sub(r"\D", "", closed[hits[0].start:hits[0].end])) >= 6:
            return hits[0].value
    m = re.search(r"\b([A-Za-z]{4,9})\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b", text)
    if m:
        month = process.extractOne(m.group(1).lower(), _MONTHS, scorer=fuzz.ratio, score_cutoff=75)
        if month:
            hits = find_dates(f"{month[0]} {m.group(2)}, {m.group(3)}", day_first)
            return hits[0].value if hits else None
    m = re.search(r"\b(\d{1,2})([/.-])(\d{1,2})((?:19|20)\d\d)\b", text)
    if m:
        hits = find_dates(f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(2)}{m.group(4)}", day_first)
        return hits[0].value if hits else None
    return _misread_digits(closed, day_first)


# Digits a scan of handwriting reads for one another ('97/20/2026' for 07/20/2026, '2025-16-23' for 2025-10-23).
_CONFUSED = {"0": "689", "9": "04", "6": "05", "8": "036", "1": "74", "7": "1", "3": "8", "5": "6", "4": "1"}


def _misread_digits(text: str, day_first: bool | None) -> date | None:
    """The one likely date a numeric date with a misread character stands for: a digit read as a look-alike,
    or a separator read as a digit or lost ('10128/2026', '0903/2026'). None unless exactly one reading is
    a date of this or last year or the next."""
    m = re.search(r"(?<!\d)\d[\d/.-]{5,10}\d(?!\d)", text)
    if not m:
        return None
    token = m.group(0)
    variants = {token[:i] + other + token[i + 1:] for i, c in enumerate(token) for other in _CONFUSED.get(c, "")}
    parts = re.fullmatch(r"(\d{4,5})([/.-])((?:19|20)\d\d)", token)
    if parts:  # month and day run together, their separator lost or read as a digit
        head, sep, year = parts.groups()
        variants.add(f"{head[:2]}{sep}{head[-2:]}{sep}{year}")
    found = set()
    for variant in variants:
        hits = find_dates(variant, day_first)
        if hits and hits[0].end - hits[0].start == len(variant) and abs(hits[0].value.year - date.today().year) <= 1:
            found.add(hits[0].value)
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------- comb boxes of a TIN


def _tin(reader: FormReader, classification: str | None) -> tuple[str, Field] | None:
    """The taxpayer identification number: nine digits in the boxes under (or right of) the SSN, the EIN or a
    TIN caption. A W-9 carries one; where digits read under both, the surer reading wins, then the nearer. The
    requester's own number (in its letterhead or its block, or captioned as the payer's) is never the payee's."""
    kinds = _tin_kind_ticks(reader)
    found, by_ticks = [], []
    ssn, ein = SSN_LABEL + SSN_WORDING, EIN_LABEL + EIN_WORDING
    for name, labels, others in (("ssn", ssn, ein + TIN_LABEL), ("ein", ein, ssn + TIN_LABEL), ("tin", TIN_LABEL, ssn + ein)):
        for hit in reader.layout.labels(labels):
            read = _digits_by(reader, hit, others + W9_NAME[:1] + OTHER_CAPTIONS)
            if read is None or _theirs(reader, hit, read[0].box):
                continue
            field, distance, boxes = read
            # A caption for either number ('SSN or EIN', 'Social Security or Employer ID Number') says neither.
            either = all(re.search(pattern, hit.phrase.folded) for _, pattern in TIN_KINDS)
            # A box's label ('☐ SSN ☒ EIN') asks which number it is; the number is entered after it, under a caption
            # of its own ('Number:') or none. Read that way only when no caption of the number has one.
            by_box = id(hit.phrase) in kinds.labels
            (by_ticks if by_box else found).append((field.confidence, -distance, "tin" if either or by_box else name,
                                                    field, boxes))
    found = found or by_ticks
    if not found:
        return _tin_by_boxes(reader) or _tin_in_section(reader, kinds, classification)
    _, _, name, field, boxes = max(found, key=lambda t: t[:2])
    # Typed with its dashes, the number says which it is, whichever caption it stands by (spaces a scan read into
    # it or typed round its dashes aside).
    raw = re.sub(r"\s+", "", (field.raw or "").translate(_HYPHENS))
    spaced = tuple(len(g) for g in re.findall(r"\d+", field.raw or "")) if re.fullmatch(r"[\d ]+", field.raw or "") else ()
    if re.fullmatch(r"\d{2}-\d{7}", raw) or spaced == (2, 7):
        name = "ein"
    elif re.fullmatch(r"\d{3}-\d{2}-\d{4}", raw) or spaced == (3, 2, 4):
        name = "ssn"
    elif boxes is not None:
        if name not in ("tin", boxes):  # the other number's boxes, under a caption a scan lost
            field = replace(field, confidence=field.confidence * 0.85)
        name = boxes
    elif name == "tin":
        name, sure = _tin_kind(kinds, classification, _kind_written(reader, field))
        field = replace(field, confidence=field.confidence * sure)
    if len({f.value for _, _, _, f, _ in found}) > 1:
        field = replace(field, confidence=field.confidence * 0.7)  # two numbers under TIN captions: doubt
    return name, field


def _tin_by_boxes(reader: FormReader) -> tuple[str, Field] | None:
    """With no caption of the number read (a scan lost it): the one run of nine digits written one per comb box
    grouped as an EIN or an SSN is, for a person to confirm."""
    runs = []
    for index, line in enumerate(reader.layout.lines):
        for start in range(len(line.words) - 8):
            run = line.words[start:start + 9]
            if (kind := _kind_by_boxes(run)) is not None:
                runs.append((kind, Phrase(line.page, run, index)))
    if len(runs) != 1:
        return None
    kind, where = runs[0]
    return kind, reader.field(where, "".join(w.text for w in where.words), 0.6 * _reading_confidence(where))


_TIN_ALONE = re.compile(r"\W*(\d{2}\s*-?\s*\d{7}|\d{3}\s*-?\s*\d{2}\s*-?\s*\d{4})\W*")
_SECTION_END = re.compile(r"^\W*(part\s+(ii|2)\b|certification\b|sign here\b|signature\b)")


def _tin_in_section(reader: FormReader, kinds: _TinKinds, classification: str | None) -> tuple[str, Field] | None:
    """With no caption of its own by the number: the one number alone on its line in the form's TIN part (under a
    heading 'Part I Taxpayer Identification Number (TIN)' and the guidance after it, before the certification),
    as a form filled in on screen or typed over puts it. Its dashes say which it is, else the SSN/EIN ticks or the
    classification; a person confirms it."""
    numbers = []
    for hit in reader.layout.labels(TIN_LABEL):
        heading = hit.phrase
        for index in range(heading.line + 1, min(heading.line + 12, len(reader.layout.lines))):
            line = reader.layout.lines[index]
            if line.page != heading.page or any(_SECTION_END.search(p.folded) for p in line.phrases):
                break
            if any(id(p) in reader.caption_ids and len(p.text) <= 60 and not INSTRUCTION.search(p.folded)
                   for p in line.phrases):
                break  # a captioned field of the form (not a sentence of guidance naming one), past the TIN part
            text = " ".join(w.text for w in line.words).translate(_HYPHENS)
            if _TIN_ALONE.fullmatch(text):
                numbers.append(Phrase(line.page, line.words, index))
    if len({re.sub(r"\D", "", p.text) for p in numbers}) != 1:
        return None
    where = numbers[0]
    groups = tuple(len(g) for g in re.findall(r"\d+", where.text))  # split by dashes or spaces: 12-3456789 an EIN
    name, sure = {(2, 7): ("ein", 1.0), (3, 2, 4): ("ssn", 1.0)}.get(groups) or _tin_kind(kinds, classification)
    field = reader.field(where, re.sub(r"\D", "", where.text), 0.8 * sure * _reading_confidence(where))
    return name, field


@dataclass
class _TinKinds:
    """The answer to 'which number is this' asked with tick boxes (SSN or EIN), and the labels of those boxes."""

    ticked: list[str]
    certainty: float
    labels: set[int]


def _tin_kind_ticks(reader: FormReader) -> _TinKinds:
    """Boxes labelled with the name of an SSN or an EIN (by their words, never by a label that only reads a
    little like one), and which are ticked; by ink where the text shows no tick (brackets, circles)."""
    labels, named = set(), []
    phrase_of = {id(reader.originals.get(id(w), w)): p for p in reader.layout.phrases for w in p.words}
    for tick in reader.ticks:
        label, option, certainty = reader.option_of(tick, TIN_KINDS)
        if option and certainty >= 0.9 and id(label[0]) in phrase_of:
            labels.add(id(phrase_of[id(label[0])]))
            named.append((tick, option))
    if len({o for _, o in named}) < 2:
        return _TinKinds([], 0.0, set())  # a question offers both; a lone 'box' is a letter of a caption read as one
    ticked = sorted({o for t, o in named if t.checked})
    certainty = min((t.confidence for t, _ in named), default=0.0)
    if named and not ticked:
        inked = [m for m in reader.inked(TIN_KINDS) if m.tick.checked]
        ticked, certainty = [m.option for m in inked], min((m.tick.confidence for m in inked), default=0.0)
    return _TinKinds(ticked, certainty, labels)


def _tin_kind(kinds: _TinKinds, classification: str | None, written: str | None = None) -> tuple[str, float]:
    """Which number nine digits under a caption for either are, and how surely: as the form's SSN/EIN tick says,
    or its kind written beside it; else an entity other than an individual has an EIN (only individuals and sole
    proprietors use an SSN)."""
    if len(kinds.ticked) == 1:
        return kinds.ticked[0], max(kinds.certainty, 0.5)
    if written is not None:
        return written, 0.95
    if classification and classification != "individual":
        return "ein", 0.85
    return "ssn", 0.5


_KIND_WORDS = re.compile(r"\W*(?:(?:tin |number )?type\W*)?(?:(ssn|social security( number| no\.?)?)|"
                         r"(f?ein|employer identification( number| no\.?)?))\W*")


def _kind_written(reader: FormReader, field: Field) -> str | None:
    """The kind of a number entered under a caption for either, when the form asks for it in words: 'EIN' in a
    'Type' column beside the number, or after a 'Type' caption on the line under it."""
    x0, y0, x1, y1 = field.box
    h, cy = y1 - y0, (y0 + y1) / 2
    kinds = set()
    for line in reader.layout.lines:
        if line.page != field.page or not -0.6 * h < (line.box[1] + line.box[3]) / 2 - cy < 4 * h:
            continue
        level = abs((line.box[1] + line.box[3]) / 2 - cy) < 0.6 * h
        typed = any(re.search(r"\btype\b", p.folded) for p in line.phrases)
        if level:  # the kind in brackets right after the number ('27-4119386 (EIN)')
            after = fold(" ".join(w.text for w in line.words if w.box[0] >= x1 - 0.002))
            if m := re.match(r"\(\s*(ssn|f?ein)\s*\)", after):
                kinds.add("ssn" if m.group(1) == "ssn" else "ein")
        for p in line.phrases:
            m = _KIND_WORDS.fullmatch(p.folded)
            if m and (level and p.box[0] >= x1 - 0.002 or typed and not level):
                kinds.add("ssn" if m.group(1) else "ein")
    return kinds.pop() if len(kinds) == 1 else None


def _theirs(reader: FormReader, hit: LabelHit, entry: Box) -> bool:
    """Whether a TIN caption and its entry are the requester's own number: captioned as the payer's or requester's,
    in the block under a requester's or 'return to' caption, or in the letterhead above the payee's first caption."""
    phrase = hit.phrase
    if re.search(THEIR_TIN, phrase.folded[:hit.start + 1]):
        return True
    x0, x1 = phrase.box[0], phrase.box[2]
    h, top = phrase.box[3] - phrase.box[1], min(phrase.box[1], entry[1])
    tins = {id(h.phrase) for h in reader.layout.labels(TIN_CAPTIONS)}
    above = [line for line in reader.layout.lines[max(phrase.line - 8, 0):phrase.line]
             if line.page == phrase.page and line.box[3] <= top + 0.2 * h
             and any(_overlaps(p.box, x0, x1) for p in line.phrases)][::-1]  # the lines of the caption's column
    # A block's lines stand evenly and close together; a wider gap than between the two lines over it ends it.
    spacing = above[0].box[1] - above[1].box[3] if len(above) > 1 else 0.0
    for line in above[:6]:
        if top - line.box[3] > max(0.8 * h, 1.6 * spacing):
            break
        over = [p for p in line.phrases if _overlaps(p.box, x0, x1)]
        if any(re.search(THEIR_TIN, p.folded) and len(p.text) <= 60 for p in over):
            return True  # a block's caption, not a sentence of guidance that mentions the requester
        if any(id(p) in reader.caption_ids or id(p) in tins for p in over):
            break  # a caption of the payee's own fields comes first
        top = line.box[1]
    payee = [h.phrase for h in reader.layout.labels(W9_NAME + W9_BUSINESS + W9_ADDRESS) if h.phrase.page == phrase.page]
    return bool(payee) and phrase.box[3] < min(p.box[1] for p in payee)


def _digits_by(reader: FormReader, hit: LabelHit, others: Labels) -> tuple[Field, float, str | None] | None:
    """Nine digits written one per box (or in one run) right of a caption (on its own phrase too: 'SSN
    035-39-6498'), under it, or over it on a form that prints captions under the entry lines; how far from it;
    and which number the boxes' grouping says they hold."""
    label = hit.phrase
    tail = _CAPTION_TAIL.match(label.folded, hit.end)
    rest = label.after(tail.end() if tail else hit.end)
    inside: list[Word] = []  # typed right after the caption, in the same phrase ('SSN 035-39-6498')
    for n, w in enumerate(reversed(rest.words if rest is not None else [])):
        if n == 0 and re.fullmatch(r"\(\s*(ssn|f?ein)\s*\)", fold(w.text)):
            continue  # the number's kind in brackets after it ('27-4119386 (EIN)')
        if not _COMB_TEXT.fullmatch(w.text.translate(_HYPHENS)):
            break
        inside.insert(0, w)
    while inside and _LEADERS.fullmatch(inside[0].text):
        inside.pop(0)  # dotted leaders between the caption and the number
    before = label.folded[:hit.start]
    if rest is None or len(inside) == len(rest.words) or all(_LEADERS.fullmatch(w.text) for w in rest.words):
        before = re.sub(r"^\W*(please )?enter (your |the |payee'?s? )?", "", before)  # 'Enter your TIN:' asks for it
    # A caption is short; the caption's own words may be ones the guidance also uses ('taxpayer identification'),
    # so only the words around them tell guidance ('Enter your TIN in the appropriate box').
    around = before + " " + label.folded[tail.end() if tail else hit.end:]
    # A sentence of guidance wrapped onto a line of its own ('get a TIN.') goes on in lower case; a caption starts
    # with its name.
    wrapped = re.match(r"[a-z]", label.text.strip()) is not None and re.search(r"[a-z]{2,}\W+\w+\W*$", before)
    if (INSTRUCTION.search(around) or reads_as_instruction(around) or wrapped
            or len(re.sub(r"[._·…]{3,}", "", label.text)) > 60):
        return None
    layout = reader.layout
    stops = {id(h.phrase) for h in layout.labels(others)}
    if inside and any(c.isdigit() for c in inside[0].text):
        label = Phrase(label.page, label.words[:len(label.words) - len(inside)], label.line)
    else:
        inside = []
    x0, y0, x1, y1 = label.box
    h = max(y1 - y0, 0.006)
    limit = x0 + max(x1 - x0, 0.15) + 0.08
    words: list[Word] = list(inside)
    typed = len(_comb_digits(_text_of(inside))[0]) == 9  # the whole number typed after the caption
    for i in range(label.line, min(label.line + 5, len(layout.lines)) if not typed else 0):
        line = layout.lines[i]
        if line.page != label.page or line.box[1] > y1 + 4 * h:
            break
        if i > label.line and any(id(p) in stops and _overlaps(p.box, x0, x1) for p in line.phrases):
            break  # the next caption's boxes
        right_end = min([p.box[0] for p in line.phrases if id(p) in stops and p.box[0] > x1] + [limit + 0.3])
        if i == label.line:
            right_end = max(right_end, _entry_across(line, label, stops))
        reach = 1.0 if words else 1.5
        last: Word | None = None  # the last digits taken under the caption on this line
        for w in line.words:
            # Level with the caption: on its line, or a line apart where boxes (taller than the caption's letters,
            # its baseline at their foot) stand a little lower than it, when nothing was entered on its line.
            level = i == label.line or abs((w.box[1] + w.box[3]) / 2 - (y0 + y1) / 2) < reach * h
            beside = level and x1 <= w.box[0] < right_end
            # Under it from its start; a number spaced out over wide boxes goes on as far as it runs.
            runs_on = last is not None and w.box[0] - last.box[2] < 3 * max(w.box[2] - w.box[0], last.box[2] - last.box[0])
            under = i > label.line and x0 - 0.03 <= w.box[0] <= (right_end if runs_on else min(limit, right_end))
            if ((beside or under) and _COMB_TEXT.fullmatch(w.text.translate(_HYPHENS)) and _digit_or_like(w.text)
                    and not any(_intersects(w.box, v.box) for v in inside)):
                words.append(w)
                last = w if under else None
            elif under:
                last = None
    if not all(len(w.text.strip()) == 1 for w in words):
        # A letter stands for a digit only in a box of its own among others ('1 4 0 5 1 & 7 7 8'); by a number
        # written in one run it is a speck or a letter near it ('B' before '81-9159852').
        words = [w for w in words if any(c.isdigit() for c in w.text)]
    above = not words and label.line > 0
    if above:
        over = layout.lines[label.line - 1]
        # Digits over the caption that follow a caption of their own ('EIN: 61-5550123', a caption and its form
        # field on the line over this one) are that caption's.
        over_captions = [h.phrase for h in layout.labels(TIN_CAPTIONS) + layout.labels(others)
                         if h.phrase.line == label.line - 1]
        captioned = {id(w) for p in over_captions for w in p.words}
        if over.page == label.page and y0 - over.box[3] < 2.5 * h:
            words = [w for w in over.words if _COMB_TEXT.fullmatch(w.text.translate(_HYPHENS)) and any(c.isdigit() for c in w.text)
                     and x0 - 0.03 <= w.box[0] <= limit and w.box[3] <= y0 and id(w) not in captioned
                     and not any(p.box[2] <= w.box[0] + 0.002 for p in over_captions)]
    groups = tuple(n for w in words if (n := len(re.sub(r"\D", "", w.text))))  # a dash typed apart ('27 - 41...') is no group
    # A scan may split a number with dashes at another place than its dashes ('776-7 7-8170').
    dashed = re.fullmatch(r"\d{2}-\d{7}|\d{3}-\d{2}-\d{4}", "".join(w.text for w in words).translate(_HYPHENS))
    if not words or len(words) > 1 and max(groups) > 4 and groups not in ((2, 7), (3, 2, 4)) and not dashed:
        return None  # numbers that happen to stand there (a house number, a ZIP code), not one per box
    digits, clean = _comb_digits(_text_of(words))
    if len(digits) != 9:
        return None
    where = Phrase(label.page, words, label.line)
    box = reader.box(where)
    if above:  # nearer to this caption than the caption over the digits is, or another caption's entry
        distance = 1.2 * max(y0 - box[3], 0.0)
    else:
        distance = max(box[1] - y1, 0.0) + max(box[0] - x1, 0.0)
    field = reader.field(where, digits, _reading_confidence(where) * (1.0 if clean else 0.8))
    return field, distance, _kind_by_boxes(words)


def _kind_by_boxes(words: list[Word]) -> str | None:
    """Which number nine digits written one per comb box are, by how the boxes are grouped: 12-3456789 is an EIN,
    123-45-6789 an SSN. A dash printed between two groups (or the gap left for it) makes one step from a digit to
    the next wider than the others, though no dash was read."""
    centres = [(w.box[0] + w.box[2]) / 2 for w in words]
    if len(words) != 9 or not all(re.fullmatch(r"\d", w.text) for w in words):
        return None
    steps = [b - a for a, b in zip(centres, centres[1:])]
    usual = median(steps)
    groups, size = [], 1
    for step in steps:
        if step > 1.4 * usual:
            groups.append(size)
            size = 0
        elif not 0.7 * usual < step < 1.2 * usual:
            return None  # uneven writing, not one digit a box
        size += 1
    groups.append(size)
    return {(2, 7): "ein", (3, 2, 4): "ssn"}.get(tuple(groups))


def _entry_across(line: Line, label: Phrase, stops: set[int]) -> float:
    """How far right of a caption its entry may stand on the caption's own line: to the end of the first thing
    right of it when that is a number, however far across the page (a column of labels and a column of values,
    dotted leaders between them); else nowhere beyond the usual reach (0)."""
    right = sorted((p for p in line.phrases if p.box[0] >= label.box[2] - 0.002 and not _intersects(p.box, label.box)),
                   key=lambda p: p.box[0])
    right = [p for p in right if not _LEADERS.fullmatch(p.text)]
    if right and id(right[0]) not in stops and all(
            _COMB_TEXT.fullmatch(w.text.translate(_HYPHENS)) for w in right[0].words) and any(c.isdigit() for c in right[0].text):
        return right[0].box[2]
    return 0.0


_LEADERS = re.compile(r"[\s._·…:-]+")  # dotted or ruled leaders between a caption and its entry


# The hyphens, dashes and minus signs word processors and PDF exporters type between a TIN's digit groups
# ('27‑4119386' with a non-breaking hyphen), read as the plain hyphen.
_HYPHENS = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"})


def _text_of(words: list[Word]) -> str:
    return " ".join(w.text for w in words).translate(_HYPHENS)


# Digits as a scan reads them in comb boxes: with the box sides, and with letters that look like digits.
_COMB_TEXT = re.compile(r"[\dOoIlSB&$|\[\]/()!{}\-–~.]([\dOoIlSB&$|\[\]/()!{}\-–~. ]{0,28}[\dOoIlSB&$|\[\]/()!{}\-–~.])?")


def _digit_or_like(text: str) -> bool:
    """Digits, or one box of a comb read as the letter or sign a handwritten digit looks like ('&' for an 8)."""
    text = text.strip()
    return any(c.isdigit() for c in text) or len(text) == 1 and text != text.translate(_DIGIT_LIKE)


# ---------------------------------------------------------------- signatures


def _signature(reader: FormReader) -> Field | None:
    """Whether the form is signed: pen strokes (ink beyond printed words) in the signature area by its caption,
    or a name typed into a fillable PDF's signature field. The first signed area wins."""
    found = None
    date_x = [h.phrase.box[0] for h in reader.layout.labels(DATE_LABEL)]
    for hit in reader.layout.labels(SIGNATURE):
        if reads_as_instruction(hit.phrase.text) or INSTRUCTION.search(hit.phrase.folded):
            continue
        page = reader.doc.pages[hit.phrase.page - 1]
        if page.ink is None:
            continue
        field = _signed_in(page, _signature_areas(reader, hit.phrase, date_x))
        if field is not None and (found is None or field.value and not found.value):
            found = field
        if found is not None and found.value:
            break
    return found


def _signature_areas(reader: FormReader, caption: Phrase, date_x: list[float]) -> list[Box]:
    """Where a signature stands by its caption: right of it (up to the date), over it (a caption under the
    line) or under it (a caption at the top of a box); never across a line of printed text."""
    x0, y0, x1, y1 = caption.box
    h = max(y1 - y0, 0.008)
    end = min([x for x in date_x if x > x1 + 0.02] + [min(x0 + 0.5, 1.0)]) - 0.01
    text = [line.box for line in reader.layout.lines if line.page == caption.page
            and min(line.box[2], end) - max(line.box[0], x0) > 0 and _is_text(line.phrases)]
    above = max([b[3] for b in text if b[3] <= y0 + 0.2 * h and b[1] < y0 - 0.5 * h] + [max(y0 - 5 * h, 0.0)])
    below = min([b[1] for b in text if b[1] >= y1 - 0.2 * h and b[3] > y1 + 0.5 * h] + [min(y1 + 6 * h, 1.0)])
    areas = [(x1 + 0.005, max(y0 - 3 * h, above), end, min(y1 + 0.3 * h, 1.0)),
             (max(x0 - 0.01, 0.0), above, end, y0 - 0.3 * h),
             (max(x0 - 0.01, 0.0), y1 + 0.3 * h, end, below)]
    return [a for a in areas if a[2] - a[0] > 0.03 and a[3] - a[1] > 0.5 * h]


def _is_text(phrases: list[Phrase]) -> bool:
    """A line of printed or typed words, not a signature a scan tried to read as letters."""
    return sum(1 for p in phrases for w in p.words
               if w.confidence >= 0.6 and sum(c.isalpha() for c in w.text) >= 2) >= 2


def _signed_in(page: Page, areas: list[Box]) -> Field | None:
    typed = [w for w in page.words for a in areas if w.form_field and _inside(w.box, a)
             and _glyph(w.text) is None and not find_dates(w.text)]
    if typed:
        return Field(True, 0.8, page.number, typed[0].box, typed[0].text)
    best = max(((_strokes(page, a), a) for a in areas), key=lambda t: t[0], default=None)
    if best is None:
        return None
    strokes, area = best
    confidence = min(1.0, 0.55 + 0.45 * abs(strokes - _SIGNATURE_CELLS + 0.5) / 4)
    if strokes < _SIGNATURE_CELLS:
        # A scan reads a pen's strokes as letters now and then ('YN j—', at 0.7): the ink under words it read less
        # surely than print decides too. Ink there signs the form, but only for a person to confirm.
        more, inked = max(((_strokes(page, a, _PRINT_READING), a) for a in areas), key=lambda t: t[0])
        if more >= _SIGNATURE_CELLS:
            return Field(True, 0.6, page.number, inked, None)
    return Field(strokes >= _SIGNATURE_CELLS, confidence, page.number, area, None)


_PRINT_READING = 0.85  # how surely a scan reads most printed words; pen strokes read as letters come out lower


def _strokes(page: Page, region: Box, printed: float = 0.6) -> int:
    """Cells of the ink grid inside the region that hold pen strokes: not words read at least as surely as
    `printed`, not the straight rules of an entry line or a box (a row or column inked across the region)."""
    grid = page.ink
    x0, y0, x1, y1 = region
    r0, r1 = max(int(y0 * grid.rows), 0), min(int(y1 * grid.rows) + 1, grid.rows)
    c0, c1 = max(int(x0 * grid.cols), 0), min(int(x1 * grid.cols) + 1, grid.cols)
    if r1 <= r0 or c1 <= c0:
        return 0
    words = [w.box for w in page.words if w.confidence >= printed and len(w.text.strip()) >= 1
             and w.box[0] - 0.004 <= x1 and w.box[2] + 0.004 >= x0 and w.box[1] - 0.004 <= y1 and w.box[3] + 0.004 >= y0]
    cells = {}
    for r in range(r0, r1):
        for c in range(c0, c1):
            cx, cy = (c + 0.5) / grid.cols, (r + 0.5) / grid.rows
            if any(b[0] - 0.004 <= cx <= b[2] + 0.004 and b[1] - 0.004 <= cy <= b[3] + 0.004 for b in words):
                continue
            cells[(r, c)] = grid.cells[r * grid.cols + c] / 255
    inked = {k for k, v in cells.items() if v > 0.06}
    rows = {r for r in range(r0, r1) if sum((r, c) in inked for c in range(c0, c1)) > 0.6 * (c1 - c0)}
    cols = {c for c in range(c0, c1) if sum((r, c) in inked for r in range(r0, r1)) > 0.6 * (r1 - r0)}
    # A rule thicker than a cell, or between two, greys the cells beside it too.
    rows |= {r + d for r in rows for d in (-1, 1)}
    cols |= {c + d for c in cols for d in (-1, 1)}
    return sum(1 for r, c in inked if r not in rows and c not in cols)


# ---------------------------------------------------------------- a date without its caption


def _date_fallback(reader: FormReader, day_first: bool) -> Field | None:
    """With no date caption read: the date entered near the signature caption, else the one date entered on
    the form (a date standing alone, not inside printed text)."""
    entered, misread = [], []
    for phrase in reader.layout.phrases:
        entry, _ = reader.run(phrase, set(), max(phrase.height, 0.006))
        value = _only_a_date(entry.text, day_first)
        if value is not None:
            entered.append((entry, value))
        elif re.fullmatch(r"[\d/.\- ]{6,14}", entry.text.strip()):
            misread.append(entry)
    signatures = [h.phrase for h in reader.layout.labels(SIGNATURE) if not INSTRUCTION.search(h.phrase.folded)]

    def by_signature(entries: list[tuple[Phrase, date]]) -> list[tuple[float, Phrase, date]]:
        return [(abs(e.box[1] - s.box[1]), e, v) for e, v in entries for s in signatures
                if e.page == s.page and abs(e.box[1] - s.box[1]) < 0.08]
    near = by_signature(entered)
    if near:
        _, entry, value = min(near, key=lambda t: t[0])
        return reader.field(entry, value, 0.75 * _reading_confidence(entry))
    # Digits written by the signature that read as no date: a date with a digit misread.
    repaired = by_signature([(e, v) for e in misread if (v := _misread_digits(e.text, day_first)) is not None])
    if repaired and not entered:
        _, entry, value = min(repaired, key=lambda t: t[0])
        return reader.field(entry, value, 0.5 * _reading_confidence(entry))
    if not entered:
        return None
    if len({v for _, v in entered}) == 1:
        entry, value = entered[0]
        return reader.field(entry, value, 0.6 * _reading_confidence(entry))
    return None


def _only_a_date(text: str, day_first: bool) -> date | None:
    hits = find_dates(text, day_first)
    if not hits:
        return None
    folded = fold(text)
    rest = folded[:hits[0].start] + folded[hits[0].end:]
    return hits[0].value if len(re.sub(r"[\W_]", "", rest)) <= 2 else None
