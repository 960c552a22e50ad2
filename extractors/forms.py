"""Forms: IRS W-9 and direct deposit authorizations. Labels find the values; ticked boxes and ink find the rest."""

from __future__ import annotations

import re

from backoffice.document import Box, Checkbox, Document, Field, Page
from extractors.common import Candidate, choose, conventions, date_parser, labelled, put, reads_as_instruction
from extractors.layout import Layout, Phrase
from extractors.values import digits_only, find_dates, parse_identifier
from reader.pdf import CHECKED, UNCHECKED

INSTRUCTION = re.compile(
    r"entry is required|see instructions|if different|do not leave|check (only )?(one|appropriate)|"
    r"number, street|apt\.? or suite|city, state|print or type|requester|optional|enter|certif|"
    r"under penalties|form w-?9|rev\.|department of the treasury|internal revenue",
)

W9_NAME = [(r"^\s*1\s*name\b|\bname of entity|\bname \(as shown|^\s*name\s*:?$|^\s*1\s+name", 1.0)]
W9_BUSINESS = [(r"^\s*2\s*business name|\bbusiness name\b|disregarded entity name", 1.0)]
W9_ADDRESS = [(r"^\s*[35]\s*address\b|\baddress \(number, street|^\s*address\s*:?$", 1.0)]
W9_CITY = [(r"^\s*[46]\s*city,? state,? and zip( code)?|\bcity,? state,? and zip( code)?|^\s*city\s*/?\s*state", 1.0)]
W9_CLASSES = [
    ("individual", r"individual|sole proprietor"),
    ("c_corporation", r"\bc\s*corp"),
    ("s_corporation", r"\bs\s*corp"),
    ("partnership", r"partnership"),
    ("trust_estate", r"trust\s*/?\s*estate|\btrust\b"),
    ("llc", r"limited liability|\bllc\b"),
    ("other", r"^\s*other\b"),
]
SSN_LABEL = [(r"social security number|\bssn\b", 1.0)]
EIN_LABEL = [(r"employer identification number|\bein\b", 1.0)]
SIGNATURE = [(r"signature|sign here|unterschrift|signed", 1.0)]
DATE_LABEL = [(r"^\s*date\b|\bdatum\b|\bdate signed\b", 1.0)]

DD_EMPLOYEE = [(r"employee\s*name|name of employee|^\s*(employee|name|full name)\s*:?$|mitarbeiter(name)?\b|^\s*name\b", 1.0)]
DD_EMPLOYEE_ID = [(r"employee\s*(id|#|no|number)|emp\.?\s*(id|#|no)|personnel\s*(no|number)|personal-?nr|staff\s*(id|no)", 1.0)]
DD_BANK = [(r"bank\s*name|name of (bank|financial institution)|financial institution|^\s*bank\s*:?$|kreditinstitut", 1.0)]
DD_ROUTING = [(r"routing|\baba\b|transit|\brtn\b|bank code|blz", 1.0)]
DD_ACCOUNT = [(r"account\s*(number|no|#|num)|acct\.?\s*(number|no|#)?|\baccount\b|kontonummer|konto", 1.0)]
NOT_ACCOUNT = r"routing|type|holder|name|checking|savings"
_SIGNATURE_INK = 0.02  # mean darkness, outside printed words, above which a signature box holds a signature


def _text_value(phrase: Phrase):
    text = " ".join(phrase.text.split()).strip(" :")
    if len(text) < 2 or INSTRUCTION.search(phrase.folded) or not re.search(r"[A-Za-zÄÖÜäöüß]{2}", text):
        return None
    if reads_as_instruction(text) or re.fullmatch(r"[a-z]+", text):
        return None  # guidance text, or the tail of a caption ('code' of 'ZIP code')
    if phrase.words and all(w.text in (CHECKED, UNCHECKED) for w in phrase.words):
        return None
    return text, phrase, 1.0


def _ticked(layout: Layout, doc: Document, options: list[tuple[str, str]]) -> tuple[list[str], float, Phrase | None]:
    """Which labelled options have a ticked box just left of their label; with the least sure decision."""
    chosen: list[str] = []
    certainty = 1.0
    where = None
    for value, pattern in options:
        for phrase in layout.phrases:
            if not re.search(pattern, phrase.folded) or INSTRUCTION.search(phrase.folded) and value != "llc":
                continue
            m = re.search(pattern, phrase.folded)
            box = _box_left_of(doc.pages[phrase.page - 1], layout, phrase, _x_at(phrase, m.start()))
            if box is None:
                continue
            checked, confidence = box
            certainty = min(certainty, confidence)
            if checked:
                chosen.append(value)
                where = where or phrase
            break
    return chosen, certainty, where


def _x_at(phrase: Phrase, offset: int) -> float:
    """Left edge of the word holding character `offset` of the phrase's text."""
    pos = 0
    for w in phrase.words:
        if pos + len(w.text) > offset:
            return w.box[0]
        pos += len(w.text) + 1
    return phrase.box[0]


def _box_left_of(page: Page, layout: Layout, phrase: Phrase, x0: float) -> tuple[bool, float] | None:
    _, y0, _, y1 = phrase.box
    cy = (y0 + y1) / 2
    # A ticked box read as a word: a form field's state, or a glyph printed in the text layer.
    line = layout.lines[phrase.line]
    for w in line.words:
        if w.text in (CHECKED, UNCHECKED, "☑", "✓", "✔", "■", "□", "[x]", "[X]", "[ ]") and w.box[2] <= x0 + 0.01 and x0 - w.box[2] < 0.06:
            return w.text in (CHECKED, "☑", "✓", "✔", "■", "[x]", "[X]"), w.confidence
    if phrase.words and phrase.words[0].text in (CHECKED, UNCHECKED):
        return phrase.words[0].text == CHECKED, 1.0
    near: list[tuple[float, Checkbox]] = []
    for box in page.checkboxes:
        bx0, by0, bx1, by1 = box.box
        if by0 - 0.01 <= cy <= by1 + 0.01 and bx0 < x0 and x0 - bx1 < 0.06:
            near.append((x0 - bx1, box))
    if not near:
        return None
    _, box = min(near, key=lambda t: t[0])
    return box.checked, box.confidence


def _digits_under(layout: Layout, label: Phrase, count: int) -> tuple[str, Phrase] | None:
    """Digits written into comb boxes under or right of a label (SSN 3-2-4, EIN 2-7)."""
    x0, _, x1, y1 = label.box
    words = []
    for line in layout.lines[label.line: label.line + 4]:
        if line.page != label.page or line.box[1] > y1 + 0.045:
            break
        for w in line.words:
            beside = line is layout.lines[label.line] and w.box[0] >= x1
            under = w.box[1] >= y1 - 0.002 and x0 - 0.03 <= w.box[0] <= x0 + 0.35
            if (beside or under) and re.fullmatch(r"[\dOoIl|SB-]{1,11}", w.text) and digits_only(w.text):
                words.append(w)
    digits = "".join(digits_only(w.text) for w in words)
    if len(digits) != count:
        return None
    return digits, Phrase(label.page, words, label.line)


def _tin(layout: Layout, labels, count: int, name: str) -> Candidate | None:
    for hit in layout.labels(labels):
        found = _digits_under(layout, hit.phrase, count)
        if found:
            digits, where = found
            return Candidate(digits, where, where.confidence)
        for phrase, place in layout.candidates(hit):
            d = digits_only(phrase.text)
            if len(d) == count:
                return Candidate(d, phrase, place * phrase.confidence)
    return None


def _signature(layout: Layout, doc: Document) -> tuple[Field | None, Field | None]:
    """Whether ink beyond printed text stands by the signature label, and the date signed."""
    day_first = conventions(layout).day_first
    present = date = None
    for hit in layout.labels(SIGNATURE):
        if reads_as_instruction(hit.phrase.text):
            continue
        page = doc.pages[hit.phrase.page - 1]
        x0, y0, x1, y1 = hit.phrase.box
        h = max(y1 - y0, 0.01)
        # The signature stands right of its caption or on the line above it.
        beside: Box = (min(x1 + 0.005, 0.99), max(y0 - 2.5 * h, 0.0), min(x1 + 0.4, 1.0), min(y1 + 0.3 * h, 1.0))
        over: Box = (x0, max(y0 - 5 * h, 0.0), min(x0 + 0.4, 1.0), max(y0 - 0.2 * h, 0.0))
        inks = [(ink, region) for region in (beside, over) if (ink := _ink_outside_words(page, region)) is not None]
        if inks:
            ink, region = max(inks, key=lambda t: t[0])
            signed = ink > _SIGNATURE_INK
            confidence = min(1.0, 0.6 + abs(ink - _SIGNATURE_INK) * 20)
            present = Field(signed, confidence, page.number, region, None)
        dates = labelled(layout, DATE_LABEL, date_parser(day_first), pages={page.number}, above=True)
        if dates:
            nearest = min(dates, key=lambda c: abs(c.phrase.box[1] - y0))
            date = nearest.field(nearest.score)
        else:
            for phrase, _ in layout.candidates(hit, above=True):
                hits = find_dates(phrase.text, day_first)
                if hits:
                    date = phrase.field(hits[0].value, 0.8 * phrase.confidence)
                    break
        if present is not None:
            break
    return present, date


def _ink_outside_words(page: Page, region: Box) -> float | None:
    if page.ink is None:
        return None
    grid = page.ink
    x0, y0, x1, y1 = region
    total = count = 0.0
    words = [w.box for w in page.words]
    for r in range(int(y0 * grid.rows), min(int(y1 * grid.rows) + 1, grid.rows)):
        for c in range(int(x0 * grid.cols), min(int(x1 * grid.cols) + 1, grid.cols)):
            cx, cy = (c + 0.5) / grid.cols, (r + 0.5) / grid.rows
            if any(b[0] - 0.005 <= cx <= b[2] + 0.005 and b[1] - 0.005 <= cy <= b[3] + 0.005 for b in words):
                continue
            total += grid.cells[r * grid.cols + c]
            count += 1
    return total / (255 * count) if count else None


def extract_w9(doc: Document) -> None:
    layout = Layout(doc)
    put(doc, "name", choose(labelled(layout, W9_NAME, _text_value)))
    put(doc, "business_name", choose(labelled(layout, W9_BUSINESS, _text_value)))
    put(doc, "address", choose(labelled(layout, W9_ADDRESS, _text_value)))
    put(doc, "city_state_zip", choose(labelled(layout, W9_CITY, _text_value)))
    ticked, certainty, where = _ticked(layout, doc, W9_CLASSES)
    doc.evidence["tax_classification_ticked"] = ticked
    if ticked and where is not None:
        doc.fields["tax_classification"] = where.field(ticked[0], certainty * (1.0 if len(ticked) == 1 else 0.5))
    for name, labels, count in (("ssn", SSN_LABEL, 9), ("ein", EIN_LABEL, 9)):
        found = _tin(layout, labels, count, name)
        if found:
            doc.fields[name] = found.field()
    if "ssn" in doc.fields and "ein" in doc.fields:
        # Both read: keep the one actually filled in (the other came from stray digits).
        weaker = min(("ssn", "ein"), key=lambda n: doc.fields[n].confidence)
        del doc.fields[weaker]
    _, date = _signature(layout, doc)
    put(doc, "signature_date", date)


def extract_direct_deposit(doc: Document) -> None:
    layout = Layout(doc)
    put(doc, "employee_name", choose(labelled(layout, DD_EMPLOYEE, _text_value, exclude=r"bank|institution")))
    put(doc, "employee_id", choose(labelled(layout, DD_EMPLOYEE_ID, _id_value)))
    put(doc, "bank_name", choose(labelled(layout, DD_BANK, _text_value)))
    routing = labelled(layout, DD_ROUTING, _digits_value(9, 9))
    put(doc, "routing_number", choose(routing))
    account = labelled(layout, DD_ACCOUNT, _digits_value(4, 17), exclude=NOT_ACCOUNT)
    if "routing_number" in doc.fields:
        account = [c for c in account if c.value != doc.fields["routing_number"].value]
    put(doc, "account_number", choose(account))
    ticked, certainty, where = _ticked(layout, doc, [("checking", r"checking|girokonto"), ("savings", r"savings|sparkonto")])
    doc.evidence["account_type_ticked"] = ticked
    if len(ticked) == 1 and where is not None:
        doc.fields["account_type"] = where.field(ticked[0], certainty)
    present, date = _signature(layout, doc)
    put(doc, "signature_present", present)
    put(doc, "signature_date", date)


def _id_value(phrase: Phrase):
    token = parse_identifier(phrase.text.split()[0]) if phrase.text.split() else ""
    if not token or not any(c.isdigit() for c in token):
        return None
    return token, Phrase(phrase.page, phrase.words[:1], phrase.line), 1.0


def _digits_value(low: int, high: int):
    def parse(phrase: Phrase):
        digits = digits_only(phrase.text)
        if low <= len(digits) <= high and not find_dates(phrase.text):
            return digits, phrase, 1.0
        return None
    return parse
