"""Dev layout families whose every layout decision is drawn at random per document: a requester's own
substitute W-9 (w9-g) and a bank's or employer's own direct deposit form (dd-g).

Real forms of these kinds come from thousands of payers and banks, each with its own wording, label places,
tick boxes and clutter. These two families draw all of that per document, so code that reads them must read
a form the way a clerk does rather than learn a layout. What varies: label wording; labels left of, above or
below the entry line, in a ruled cell or a two-column table; one or two fields per row; tick boxes as
squares, circles, brackets or box characters, ticked with an X, a cross, a check mark or filled; the order
of the options, and where the marks stand (before or after the names, in a table's own mark column with an X
typed into a cell, aligned far right of the names, a box per tax code letter ('Corporation: ☐ C ☐ S'), or as
characters of the printed text: '☐ ☒ ✓ ■ [X]'); a TIN in comb boxes, typed with dashes, in a two-row table or
with its kind in a 'Type' column, typed with a non-breaking hyphen or a minus sign, under wordings vendor forms use
('Payee's EIN', 'E.I.N.', 'Soc. Sec. No.'), after 'Enter your TIN' or a caption for either number ('SSN or EIN'),
after a plain 'Number' under SSN/EIN boxes, with spaces round its dashes or its kind in brackets after it
('27 - 4119386 (EIN)'), or in a column of values at the right margin with dotted leaders, alone on a line under the
TIN part's heading and guidance with no caption of its own, or typed over its comb boxes by a PDF editor, not aligned; the
classification also as a row of printed options, the chosen one circled or underlined with a pen, with kinds the IRS
files under 'Other' listed beside the choices ('Government entity'), and the IRS form's line 3b question box under them;
date formats; and distractors (a requester's or an
employer's address block, a 'for office use' box with its own date, a date of birth or an effective date near
the signature date, a second account section left empty).

The layout's random choices come from the pen's generator, so a document depends only on its order's seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER

from samplegen.direct_deposit import DirectDeposit
from samplegen.drawing import LIGHT, Sheet, comb, lines_at, wrap
from samplegen.names import Party
from samplegen.pens import FillablePen, HandPen, Pen, TypedPen, glyph_font
from samplegen.values import format_date
from samplegen.w9 import CERTIFICATION_TEXT, EIN_GROUPS, SSN_GROUPS, W9

DATE_STYLES = ("us", "us", "iso", "month_day", "dd_mon")
TICK_SHAPES = ("square", "square", "circle", "bracket", "glyph")
TYPED_TICKS = ("X", "cross", "check", "filled")
HAND_TICKS = (None, "varied", "varied", "check", "X", "filled")


@dataclass
class Style:
    """The layout decisions one document is drawn with."""

    rng: random.Random
    place: str  # where a label stands: left | above | below | cell | table
    font: str
    bold: str
    size: float
    shape: str  # tick box shape
    two_up: float  # share of short fields set two to a row
    date_style: str
    box_after: bool = False  # tick boxes right of their option labels, as in a two-column table

    @staticmethod
    def draw(pen: Pen) -> Style:
        rng = random.Random(pen.rng.random())
        font, bold = rng.choice((("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"),
                                 ("Helvetica", "Helvetica"), ("Courier", "Courier-Bold")))
        style = Style(rng, rng.choice(("left", "left", "above", "below", "cell", "table")), font, bold,
                      rng.choice((7.5, 8, 8.5, 9)), rng.choice(TICK_SHAPES), rng.choice((0.0, 0.5, 1.0)),
                      rng.choice(DATE_STYLES), rng.random() < 0.2)
        if isinstance(pen, HandPen):
            pen.tick = rng.choice(HAND_TICKS)
            if style.shape == "glyph":
                style.shape = "square"  # a box character and a hand tick: as a square one to the scan
        else:
            pen.tick = rng.choice(TYPED_TICKS)
        return style


class Page:
    """A page being filled top to bottom between margins."""

    def __init__(self, c: Sheet, style: Style, left: float, right: float, top: float):
        self.c, self.s, self.left, self.right, self.y = c, style, left, right, top

    def heading(self, text: str, size: float = 10) -> None:
        c = self.c
        if self.s.rng.random() < 0.5:
            c.setFillColor(LIGHT)
            c.rect(self.left, self.y - 4, self.right - self.left, size + 7, stroke=0, fill=1)
            c.setFillColor(colors.black)
        c.setFont(self.s.bold, size)
        c.drawString(self.left + 3, self.y, text)
        self.y -= size + 14

    def paragraph(self, text: str, size: float = 7.5) -> None:
        self.y = lines_at(self.c, self.left, self.y, wrap(text, self.s.font, size, self.right - self.left),
                          self.s.font, size, size * 1.25) - 8

    def fields(self, pen: Pen, entries: list[tuple[str, str, bool]]) -> None:
        """Entries (label, value, short) in rows: one a row, or two short ones side by side."""
        i = 0
        while i < len(entries):
            label, value, short = entries[i]
            if short and i + 1 < len(entries) and entries[i + 1][2] and self.s.rng.random() < self.s.two_up:
                middle = (self.left + self.right) / 2
                height = max(self.entry(pen, self.left, middle - 10, label, value),
                             self.entry(pen, middle + 10, self.right, *entries[i + 1][:2]))
                i += 2
            else:
                height = self.entry(pen, self.left, self.right, label, value)
                i += 1
            self.y -= height

    def entry(self, pen: Pen, x0: float, x1: float, label: str, value: str) -> float:
        """One labelled entry at the current line; returns the height it took."""
        c, s, y = self.c, self.s, self.y
        c.setFont(s.bold, s.size)
        c.setLineWidth(0.5)
        width = c.stringWidth(label, s.bold, s.size)
        if s.place == "left":
            c.drawString(x0, y, label)
            start = x0 + width + 6
            c.line(start, y - 3, x1, y - 3)
            pen.text(c, start + 4, y, value, x1 - start - 8, 10)
            return 26
        if s.place == "above":
            c.drawString(x0, y, label)
            c.line(x0, y - 19, x1, y - 19)
            pen.text(c, x0 + 4, y - 16, value, x1 - x0 - 8, 10)
            return 34
        if s.place == "below":
            c.line(x0, y - 3, x1, y - 3)
            pen.text(c, x0 + 4, y, value, x1 - x0 - 8, 10)
            c.setFont(s.font, s.size - 0.5)
            c.drawString(x0, y - 12, label)
            return 32
        if s.place == "cell":  # a ruled box with its caption small in the top left corner
            c.rect(x0, y - 20, x1 - x0, 30)
            c.setFont(s.font, s.size - 1)
            c.drawString(x0 + 3, y + 2, label)
            pen.text(c, x0 + 8, y - 14, value, x1 - x0 - 14, 10)
            return 30
        # table: a shaded label cell and an entry cell
        label_w = min(max(width + 12, 110), (x1 - x0) * 0.45)
        c.setFillColor(LIGHT)
        c.rect(x0, y - 10, label_w, 24, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.rect(x0, y - 10, x1 - x0, 24)
        c.line(x0 + label_w, y - 10, x0 + label_w, y + 14)
        size = s.size
        while size > 6 and c.stringWidth(label, s.bold, size) > label_w - 8:
            size -= 0.5
        c.setFont(s.bold, size)
        c.drawString(x0 + 4, y - 1, label)
        pen.text(c, x0 + label_w + 6, y - 2, value, x1 - x0 - label_w - 12, 10)
        return 24

    def options(self, pen: Pen, caption: str, options: list[tuple[str, bool]], writes: dict[int, str]) -> None:
        """A question answered with tick boxes: caption, then the options in a row, a column or a grid.
        `writes` holds what is written on the line after an option (the LLC's code, 'Other' text)."""
        c, s = self.c, self.s
        c.setFont(s.bold, s.size)
        c.drawString(self.left, self.y, caption)
        self.y -= 16
        size = s.rng.choice((7.5, 8, 9))
        room = self.right - self.left - 10
        widths = [size + 5 + c.stringWidth(label, s.font, s.size) + (100 if n in writes else 0) + 18
                  for n, (label, _) in enumerate(options)]
        per_row = min(s.rng.choice((1, 2, 3, len(options))), max(1, int(room // max(widths))))
        flow = s.rng.random() < 0.4  # options run on like words, wrapping at the margin
        x = self.left + 10
        for n, (label, ticked) in enumerate(options):
            if flow and x + widths[n] > self.right and x > self.left + 10:
                x, self.y = self.left + 10, self.y - 16
            elif not flow:
                x = self.left + 10 + (n % per_row) * room / per_row
            c.setFont(s.font, s.size)
            if s.box_after:  # the label, then its box
                c.drawString(x, self.y, label)
                pen.box(c, x + c.stringWidth(label, s.font, s.size) + 6, self.y - 1, size, ticked, s.shape)
            else:
                pen.box(c, x, self.y - 1, size, ticked, s.shape)
                c.drawString(x + size + 5, self.y, label)
            if n in writes:
                end = x + size + 8 + c.stringWidth(label, s.font, s.size)
                c.line(end, self.y - 2, end + 90, self.y - 2)
                pen.text(c, end + 4, self.y, writes[n], 80, 9)
            x += widths[n]
            if not flow and (n % per_row == per_row - 1 or n == len(options) - 1):
                self.y -= 16
        if flow:
            self.y -= 16
        self.y -= 8

    def block(self, title: str, lines: list[str], x0: float, x1: float, top: float) -> float:
        """A ruled box of printed lines (an address block, an office-use box); returns its bottom."""
        c = self.c
        height = 16 + 11 * len(lines)
        c.setLineWidth(0.6)
        c.rect(x0, top - height, x1 - x0, height)
        c.setFont(self.s.bold, 7.5)
        c.drawString(x0 + 4, top - 10, title)
        c.setFont(self.s.font, 8)
        for i, line in enumerate(lines):
            c.drawString(x0 + 6, top - 22 - 11 * i, line)
        return top - height

    def signature(self, pen: Pen, sign_label: str, date_label: str, value: str, signed: bool = True,
                  near_date: tuple[str, str] | None = None) -> None:
        """The signature line with its date: captions under the lines, or before them; a second date field
        (date of birth, effective date) beside them when the form asks for one."""
        c, s = self.c, self.s
        y = self.y - 30
        split = self.left + (self.right - self.left) * s.rng.uniform(0.5, 0.62)
        c.setLineWidth(0.6)
        under = s.rng.random() < 0.6
        c.setFont(s.font, s.size)
        if under:
            c.line(self.left, y, split - 20, y)
            c.line(split, y, self.right, y)
            c.drawString(self.left, y - 11, sign_label)
            c.drawString(split, y - 11, date_label)
            if signed:
                pen.signature(c, self.left + 20, y + 1, min(200, split - self.left - 50), 26)
            pen.text(c, split + 6, y + 4, value, self.right - split - 10, 10)
        else:
            c.drawString(self.left, y, sign_label + ":")
            start = self.left + c.stringWidth(sign_label + ":", s.font, s.size) + 6
            c.line(start, y - 3, split - 20, y - 3)
            c.drawString(split, y, date_label + ":")
            dstart = split + c.stringWidth(date_label + ":", s.font, s.size) + 6
            c.line(dstart, y - 3, self.right, y - 3)
            if signed:
                pen.signature(c, start + 6, y - 2, min(190, split - start - 30), 26)
            pen.text(c, dstart + 4, y, value, self.right - dstart - 8, 10)
        self.y = y - 30
        if near_date:
            label, other = near_date
            self.fields(pen, [(label, other, True)])


def _start(pen: Pen, issuer: Party, accent: colors.Color, titles: tuple[str, ...]) -> tuple[Style, Sheet, Page]:
    """A new form: its layout decisions, the issuer's letterhead and the title."""
    s = Style.draw(pen)
    W, H = LETTER
    c = Sheet((W, H))
    margin = s.rng.uniform(40, 62)
    p = Page(c, s, margin, W - margin, H - 50)
    c.setFillColor(accent)
    c.setFont(s.bold, 13)
    c.drawString(p.left, p.y, issuer.name)
    c.setFillColor(colors.black)
    c.setFont(s.font, 8)
    c.drawString(p.left, p.y - 12, ", ".join(issuer.address_lines))
    if s.rng.random() < 0.25:  # the issuer's own tax id in its letterhead
        c.drawString(p.left, p.y - 22, f"{s.rng.choice(('Federal ID', 'EIN', 'Tax ID', 'FEIN'))}: "
                                       f"{s.rng.randint(10, 99)}-{s.rng.randint(1000000, 9999999)}")
        p.y -= 10
    p.y -= 42
    c.setFont(s.bold, s.rng.choice((12, 13, 14)))
    c.drawString(p.left, p.y, s.rng.choice(titles))
    p.y -= 22
    return s, c, p


# ---------------------------------------------------------------------------------------------- W-9

W9_TITLES = ("Substitute Form W-9", "Request for Taxpayer Identification Number and Certification",
             "Vendor Tax Information (Substitute W-9)", "Supplier Taxpayer ID Certification",
             "W-9 Substitute - Payee Information")
W9_NAME_LABELS = ("Name (as shown on your income tax return)", "Legal name", "Payee name", "Taxpayer name",
                  "Name of individual or entity", "1. Name")
W9_BUSINESS_LABELS = ("Business name/disregarded entity name", "DBA", "Doing business as (DBA)",
                      "Business name, if different", "Trade name / DBA")
W9_ADDRESS_LABELS = ("Address (number, street, apt. or suite no.)", "Street address", "Mailing address", "Address")
W9_CITY_LABELS = ("City, state, and ZIP code", "City / State / ZIP", "City, State, ZIP")
W9_CLASS_CAPTIONS = ("Federal tax classification (check only one):", "Entity type - check one box:",
                     "Tax classification:", "Check the box for your federal tax classification:")
W9_OPTION_LABELS = {
    "individual": ("Individual/sole proprietor", "Sole proprietor / individual", "Individual/sole proprietor or "
                   "single-member LLC", "Individual", "Sole proprietorship"),
    "c_corporation": ("C Corporation", "C corporation", "C-Corp", "Corporation - C", "Corporation (C corp)"),
    "s_corporation": ("S Corporation", "S corporation", "S-Corp", "Corporation - S", "Corporation (S corp)"),
    "partnership": ("Partnership", "Partnership / LLP"),
    "trust_estate": ("Trust/estate", "Trust or estate", "Estate or trust"),
    "llc": ("Limited liability company (C, S or P):", "LLC - tax classification:", "LLC (enter C, S or P):"),
    "other": ("Other:", "Other (specify):"),
}
OTHER_KINDS = ("Government entity", "Tax-exempt organization", "Nonprofit organization", "Governmental unit")
SSN_LABELS = ("Social security number", "SSN", "Social Security No.")
EIN_LABELS = ("Employer identification number", "EIN", "Federal Employer ID No. (FEIN)")
# How vendor set-up forms word the two numbers besides: whose number, dotted or shortened.
SSN_MORE_LABELS = ("Your SSN", "Payee's SSN", "Social Security #", "Soc. Sec. No.", "SS#", "S.S.N.")
EIN_MORE_LABELS = ("Payee's EIN", "Company EIN", "Vendor EIN #", "E.I.N.", "Employer I.D. No.",
                   "Federal Identification Number", "Employer Identification #", "FEIN", "Federal EIN")
W9_SIGN_LABELS = ("Signature of U.S. person", "Signature", "Authorized signature")
DATE_LABELS = ("Date", "Date signed", "Signed on", "Date")


def render_w9(w: W9, pen: Pen) -> bytes:
    """Family G: a requester's own substitute W-9, every layout decision drawn per document."""
    s, c, p = _start(pen, w.requester, colors.black, W9_TITLES)
    rng, req, H = s.rng, w.requester, LETTER[1]
    if rng.random() < 0.5:
        p.paragraph(f"{req.name} requires a completed form from every vendor before payment. Please print clearly "
                    "and return the signed form to Accounts Payable.")
    if rng.random() < 0.5:  # a 'for office use' box at the top right, with a date of its own
        office = [f"Vendor no. {rng.randint(10000, 99999)}",
                  f"Received {format_date(w.signature_date + timedelta(days=rng.randint(2, 20)), s.date_style)}"]
        p.block("FOR OFFICE USE ONLY", office, p.right - 170, p.right, H - 40)
    sections = []
    names = [(rng.choice(W9_NAME_LABELS), w.name, False),
             (rng.choice(W9_BUSINESS_LABELS), w.business_name or "", False)]
    address = [(rng.choice(W9_ADDRESS_LABELS), w.address, False), (rng.choice(W9_CITY_LABELS), w.city_state_zip, True)]
    if rng.random() < 0.4:
        address.append(("Account number(s) (optional)", w.account_numbers or "", True))
    sections.append(("names", names))
    order = ["classification", "address"] if rng.random() < 0.6 else ["address", "classification"]
    for key in order:
        sections.append((key, address if key == "address" else []))
    sections.append(("tin", []))
    if rng.random() < 0.5:
        sections.insert(rng.randint(1, len(sections)), ("requester", []))
    for key, entries in sections:
        if key in ("names", "address"):
            if rng.random() < 0.4:
                p.heading(rng.choice(("Payee information", "Part 1 - Taxpayer", "Vendor details", "Address")))
            p.fields(pen, entries)
        elif key == "classification":
            _w9_classification(p, w, pen)
        elif key == "tin":
            _w9_tin(p, w, pen)
        else:
            bottom = p.block(rng.choice(("Requester's name and address", "Return completed form to:")),
                             [req.name] + req.address_lines + _requester_tin(rng), p.left, p.left + 240, p.y + 6)
            p.y = bottom - 16
    p.heading(rng.choice(("Certification", "Part II - Certification", "Sign here")))
    for paragraph in CERTIFICATION_TEXT[:rng.randint(1, 5)]:
        p.paragraph(paragraph, 6.8)
    near = None
    if rng.random() < 0.3:  # another date by the signature: a clerk must not take it for the signing date
        other = w.signature_date - timedelta(days=rng.randint(1, 30))
        near = (rng.choice(("Effective date", "Date received by requester")), format_date(other, s.date_style))
    p.signature(pen, rng.choice(W9_SIGN_LABELS), rng.choice(DATE_LABELS), format_date(w.signature_date, s.date_style),
                near_date=near)
    return c.pdf_bytes()


def _requester_tin(rng: random.Random) -> list[str]:
    """Sometimes the requester's own EIN in its block: a number a clerk must not take for the payee's."""
    if rng.random() < 0.5:
        return []
    label = rng.choice(("Requester's EIN", "Payer's federal ID", "Payer TIN", "EIN"))
    return [f"{label}: {rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}"]


def _w9_classification(p: Page, w: W9, pen: Pen) -> None:
    rng = p.s.rng
    if rng.random() < 0.12 and not w.extra_ticks:  # written in words (a typed entry, a drop-down list)
        p.fields(pen, [(rng.choice(("Tax classification", "Federal tax classification", "Entity type",
                                    "Type of entity", "Business type", "Business entity type", "Company type",
                                    "Entity classification")), _written_class(w, rng), False)])
        return
    keys = list(W9_OPTION_LABELS)
    if rng.random() < 0.5:  # most forms keep the IRS order; some sort or shuffle
        rng.shuffle(keys)
    options, writes = [], {}
    for n, key in enumerate(keys):
        options.append((rng.choice(W9_OPTION_LABELS[key]), w.ticked(key)))
        if key == "llc" and w.llc_code:
            writes[n] = w.llc_code
        elif key == "other" and w.other_text:
            writes[n] = w.other_text
    if rng.random() < 0.2 and not w.extra_ticks:
        # Kinds a vendor form lists beside the IRS's, which the IRS form files under 'Other': a distractor, or the
        # payee's own kind in place of 'Other'.
        kinds = [(kind, False) for kind in rng.sample(OTHER_KINDS, 2)]
        at = next(n for n, (label, _) in enumerate(options) if label in W9_OPTION_LABELS["other"])
        if w.ticked("other") and rng.random() < 0.6:
            options[at] = (kinds.pop()[0], True)
            writes.pop(at, None)
        options += kinds
    caption = rng.choice(W9_CLASS_CAPTIONS)
    way = rng.choices(("boxes", "table", "far", "glyphs", "codes", "circled"), (0.55, 0.15, 0.1, 0.12, 0.08, 0.06))[0]
    if way in ("boxes", "table", "far") and rng.random() < 0.15 and not w.extra_ticks:
        way = "question"  # the IRS form's line 3b under the choices: a box of a question of its own
    if way == "question":
        p.options(pen, caption, options, writes)
        p.options(pen, "3b If on line 3a you checked Partnership or Trust/estate, or checked LLC and entered P as its tax "
                  "classification, check this box if you have any foreign partners, owners, or beneficiaries.",
                  [("", rng.random() < 0.5)], {})
        return
    if way == "circled" and not isinstance(pen, FillablePen) and not w.extra_ticks:
        _options_circled(p, w, caption)
    elif way == "codes":
        _options_codes(p, w, pen, caption, keys)
    elif way == "table":
        _options_table(p, pen, caption, options)
    elif way == "far":
        _options_far(p, pen, caption, options)
    elif way == "glyphs" and type(pen) is TypedPen:  # characters of the printed text: typed forms only
        _options_glyphs(p, caption, options)
    else:
        p.options(pen, caption, options, writes)


def _options_codes(p: Page, w: W9, pen: Pen, caption: str, keys: list[str]) -> None:
    """The corporation and the LLC each on a line of their own with a box per tax code letter ('Corporation: ☐ C
    ☐ S', 'LLC: ☐ C ☐ S ☐ P'), the other options one a line."""
    c, s, rng = p.c, p.s, p.s.rng
    c.setFont(s.bold, s.size)
    c.drawString(p.left, p.y, caption)
    p.y -= 16
    for key in [k for k in keys if k != "s_corporation"]:
        c.setFont(s.font, s.size)
        if key in ("c_corporation", "llc"):
            label = rng.choice(("Corporation:", "Corporation")) if key == "c_corporation" else rng.choice(
                ("Limited liability company:", "LLC - tax classification:", "LLC"))
            codes = [("C", w.ticked("c_corporation")), ("S", w.ticked("s_corporation"))] if key == "c_corporation" \
                else [(code, w.ticked("llc") and code == (w.llc_code or "P")) for code in "CSP"]
            c.drawString(p.left + 10, p.y, label)
            x = p.left + 10 + c.stringWidth(label, s.font, s.size) + 10
            for code, ticked in codes:
                pen.box(c, x, p.y - 1, 8, ticked, "square")
                c.drawString(x + 12, p.y, code)
                x += 32
        else:
            pen.box(c, p.left + 10, p.y - 1, 8, w.ticked(key), "square")
            c.drawString(p.left + 24, p.y, rng.choice(W9_OPTION_LABELS[key]))
        p.y -= 15
    p.y -= 8


# Tick and box characters word processors and form programs print: (ticked, empty); or a typed blank to write the
# mark on ('_____ Individual', '__X__ S Corporation').
GLYPH_PAIRS = (("\u2612", "\u2610"), ("\u2611", "\u2610"), ("\u2713", "\u25a1"), ("\u2714", "\u2610"),
               ("\u25a0", "\u25a1"), ("[X]", "[ ]"), ("[x]", "[  ]"), ("__X__", "_____"), ("_X_", "___"))


def _options_glyphs(p: Page, caption: str, options: list[tuple[str, bool]]) -> None:
    """Options as printed text with a box character before (or after) each name, in a column or run into rows."""
    c, s, rng = p.c, p.s, p.s.rng
    on, off = rng.choice(GLYPH_PAIRS)
    after = on[0] not in "[_" and rng.random() < 0.25
    font = "Courier" if on[0] in "[_" else glyph_font()
    c.setFont(s.bold, s.size)
    c.drawString(p.left, p.y, caption)
    p.y -= 16
    texts = [f"{label} {on if ticked else off}" if after else f"{on if ticked else off} {label}"
             for label, ticked in options]
    c.setFont(font, s.size)
    if rng.random() < 0.5:
        for text in texts:
            c.drawString(p.left + 10, p.y, text)
            p.y -= 14
    else:
        line = ""
        for text in texts:
            if line and c.stringWidth(line + "    " + text, font, s.size) > p.right - p.left - 10:
                c.drawString(p.left + 10, p.y, line)
                p.y, line = p.y - 14, ""
            line = f"{line}    {text}" if line else text
        c.drawString(p.left + 10, p.y, line)
        p.y -= 14
    p.y -= 8


def _options_table(p: Page, pen: Pen, caption: str, options: list[tuple[str, bool]]) -> None:
    """A ruled table of the options with a column to mark: an X typed into the cell, or a box in it; the mark
    column left or right of the names, under a header row or none."""
    c, s, rng = p.c, p.s, p.s.rng
    left_marks, header = rng.random() < 0.5, rng.random() < 0.5
    bare = not isinstance(pen, HandPen) and rng.random() < 0.6  # a typed X alone in the cell, no box
    width = max(c.stringWidth(label, s.font, s.size) for label, _ in options) + rng.choice((20, 60, 120))
    rows = ([(rng.choice(("Check one", "Mark (X)", "X", "Select")), rng.choice(("Classification", "Entity type",
                                                                              "Tax status")), None)] if header else [])
    rows += [("", label, ticked) for label, ticked in options]
    mark = max(rng.choice((30, 40, 60)), c.stringWidth(rows[0][0], s.bold, s.size) + 8)
    x0 = p.left
    mark_x = x0 if left_marks else x0 + width
    name_x = x0 + mark if left_marks else x0
    divider = x0 + mark if left_marks else x0 + width
    c.setFont(s.bold, s.size)
    c.drawString(p.left, p.y, caption)
    y = p.y - 8
    c.setLineWidth(0.6)
    for head, label, ticked in rows:
        c.rect(x0, y - 16, width + mark, 16)
        c.line(divider, y - 16, divider, y)
        c.setFont(s.bold if ticked is None else s.font, s.size)
        c.drawString(name_x + 4, y - 11, label)
        if ticked is None:
            c.drawString(mark_x + 3, y - 11, head)
        elif bare:
            if ticked:
                pen.text(c, mark_x + mark / 2 - 3, y - 12, "X", mark / 2 - 2, 10)  # a form field stays in its cell
        else:
            pen.box(c, mark_x + mark / 2 - 4, y - 12, 8, ticked, "square")
        y -= 16
    p.y = y - 22


def _options_far(p: Page, pen: Pen, caption: str, options: list[tuple[str, bool]]) -> None:
    """One option a line, every box in one column well right of the names (as a form program aligns them)."""
    c, s, rng = p.c, p.s, p.s.rng
    at = p.left + 10 + max(c.stringWidth(label, s.font, s.size) for label, _ in options) + rng.choice((25, 60, 120))
    c.setFont(s.bold, s.size)
    c.drawString(p.left, p.y, caption)
    p.y -= 16
    for label, ticked in options:
        c.setFont(s.font, s.size)
        c.drawString(p.left + 10, p.y, label)
        shape = s.shape if s.shape in ("square", "circle") or s.shape == "glyph" and type(pen) is TypedPen else "square"
        pen.box(c, at, p.y - 1, 8, ticked, shape)
        p.y -= 15
    p.y -= 8


def _options_circled(p: Page, w: W9, caption: str) -> None:
    """The options printed in a row (or two) without boxes, the chosen one circled or underlined with a pen."""
    c, s, rng = p.c, p.s, p.s.rng
    underline = rng.random() < 0.4
    c.setFont(s.bold, s.size)
    caption = caption.rstrip(":") + (" (underline one):" if underline else rng.choice((" (circle one):", ":")))
    c.drawString(p.left, p.y, caption)
    p.y -= 18
    x = p.left + 10
    for key, labels in W9_OPTION_LABELS.items():
        label = rng.choice(labels).rstrip(":")
        width = c.stringWidth(label, s.font, s.size)
        if x + width > p.right:
            x, p.y = p.left + 10, p.y - 20
        c.setFont(s.font, s.size)
        c.drawString(x, p.y, label)
        if w.ticked(key):
            c.saveState()
            c.setStrokeColor(colors.HexColor("#1a2a6c"))
            c.setLineWidth(rng.uniform(0.8, 1.4))
            if underline:
                c.line(x - 1, p.y - 3, x + width + 1, p.y - 3)
            else:
                c.ellipse(x - 4, p.y - 5, x + width + 4, p.y + s.size + 2)
            c.restoreState()
        x += width + rng.choice((14, 18, 24))
    p.y -= 26


def _written_class(w: W9, rng: random.Random) -> str:
    text = rng.choice(W9_OPTION_LABELS[w.classification]).rstrip(":")
    if w.classification == "llc" and w.llc_code:
        # the code letter, or the kind it stands for in words ('LLC taxed as a partnership')
        text = rng.choice((f"{rng.choice(('LLC', 'Limited liability company'))} ({w.llc_code})",
                           f"LLC {rng.choice(('taxed as', '- taxed as', '- treated as'))} "
                           f"{ {'C': 'a C corporation', 'S': 'an S corporation', 'P': 'a partnership'}[w.llc_code]}"))
    elif w.classification == "other" and w.other_text:
        text = f"Other: {w.other_text}"
    return text


def _w9_tin(p: Page, w: W9, pen: Pen) -> None:
    """The TIN as real forms print it: SSN and EIN comb boxes (grouped with dashes, or one box a digit edge to edge)
    with their captions over, under or left of them; typed on a line (with dashes, spaces or neither); one field for
    either number ('Taxpayer Identification Number (TIN)') whose kind the dashes or a tick says; or a ruled table
    with the two numbers as column headers."""
    rng = p.s.rng
    if rng.random() < 0.4:
        p.heading(rng.choice(("Taxpayer Identification Number (TIN)", "Part I - TIN", "Tax ID")))
    ssn_label, ein_label = rng.choice(SSN_LABELS), rng.choice(EIN_LABELS)
    if rng.random() < 0.3:
        ssn_label, ein_label = rng.choice(SSN_MORE_LABELS), rng.choice(EIN_MORE_LABELS)
    way = rng.choices(("combs", "typed", "single", "table", "rows", "kind", "section", "overlay"),
                      (0.3, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1))[0]
    if way == "section":
        _tin_in_section(p, w, pen)
    elif way == "overlay":
        _tin_overlay(p, w, pen, ssn_label, ein_label)
    elif way == "rows":
        _tin_rows(p, w, pen, ssn_label, ein_label)
    elif way == "kind":
        _tin_kind_column(p, w, pen)
    elif way == "combs":
        _tin_combs(p, w, pen, ssn_label, ein_label)
    elif way == "typed":
        style = rng.choice(("dashes", "dashes", "spaces", "plain"))
        font = pen.font if isinstance(pen, TypedPen) else None
        if type(pen) is TypedPen and style == "dashes" and rng.random() < 0.4:
            # Typed by a word processor or an exporter: a non-breaking hyphen, an en dash or a minus sign.
            style, pen.font = rng.choice(("\u2011", "\u2013", "\u2212", "\u2010")), glyph_font()
        p.fields(pen, [(ssn_label, _tin_text(w.digits("ssn"), SSN_GROUPS, style), True),
                       (ein_label, _tin_text(w.digits("ein"), EIN_GROUPS, style), True)])
        if font is not None:
            pen.font = font
    elif way == "single":
        _tin_single(p, w, pen)
    else:
        _tin_table(p, w, pen, ssn_label, ein_label)


def _tin_text(digits: str, groups: tuple[int, ...], style: str) -> str:
    """The digits in their groups: 'dashes', 'spaces', 'plain', or joined by the one character given."""
    if not digits or style == "plain":
        return digits
    parts, at = [], 0
    for n in groups:
        parts.append(digits[at:at + n])
        at += n
    return {"dashes": "-", "spaces": " "}.get(style, style).join(parts)


def _tin_combs(p: Page, w: W9, pen: Pen, ssn_label: str, ein_label: str) -> None:
    rng, c, s = p.s.rng, p.c, p.s
    cell, height = rng.choice((11, 12, 13, 14)), rng.choice((15, 16, 17, 18))
    dashes = rng.random() < 0.65  # else nine boxes edge to edge, as many forms print them
    caption = rng.choice(("above", "above", "below", "left"))
    beside = caption != "left" and rng.random() < 0.5
    x, y = p.left, p.y
    for kind, label, groups in (("ssn", ssn_label, SSN_GROUPS), ("ein", ein_label, EIN_GROUPS)):
        groups = groups if dashes else (9,)
        c.setFont(s.bold, s.size)
        if caption == "left":
            c.drawString(x, y, label)
            start = x + max(150, c.stringWidth(label, s.bold, s.size) + 12)
            cells = comb(c, start, y - 0.7 * height, groups, cell, height)
        elif caption == "above":
            c.drawString(x, y, label)
            cells = comb(c, x, y - 6 - height, groups, cell, height)
        else:  # the caption under the boxes
            cells = comb(c, x, y - height + 8, groups, cell, height)
            c.setFont(s.font, s.size - 0.5)
            c.drawString(x, y - height - 2, label)
        pen.comb(c, cells, cell, height, w.digits(kind))
        if beside:
            x += max(200, 9 * cell + 40)
        else:
            y -= height + 26
    p.y = (y - height - 26) if beside else y


TIN_LABELS = ("Taxpayer Identification Number (TIN)", "TIN", "Federal Tax ID", "Tax ID number", "Federal ID number",
              "Taxpayer ID (SSN or EIN)", "U.S. TIN", "Enter your TIN", "SSN or EIN", "Tax ID (EIN or SSN)",
              "Social Security or Employer ID Number", "Federal Tax ID No.")


def _tin_single(p: Page, w: W9, pen: Pen) -> None:
    """One field for the number; its kind is told by a tick (SSN or EIN) or by its dashes."""
    rng = p.s.rng
    kind = "ssn" if w.digits("ssn") else "ein"
    groups = SSN_GROUPS if kind == "ssn" else EIN_GROUPS
    if rng.random() < 0.45:
        p.options(pen, rng.choice(("TIN type:", "Type of number:", "The number below is my:")),
                  [(rng.choice(SSN_LABELS), kind == "ssn"), (rng.choice(EIN_LABELS), kind == "ein")], {})
        text = _tin_text(w.tin, groups, rng.choice(("dashes", "plain")))
        label = rng.choice(TIN_LABELS + ("Number", "Number:"))  # the ticks say which; the caption may not
    else:
        text = _tin_text(w.tin, groups, rng.choice(("dashes", "dashes", "dashes", " - ")))
        if rng.random() < 0.15:
            text += f" ({kind.upper()})"  # its kind in brackets after it
        label = rng.choice(TIN_LABELS)
    if rng.random() < 0.25:
        _leaders_entry(p, pen, label, text)
    else:
        p.fields(pen, [(label, text, True)])


TIN_GUIDANCE = ("Enter your TIN in the appropriate box. The TIN provided must match the name given on line 1 to avoid "
                "backup withholding. For individuals, this is generally your social security number (SSN). For other "
                "entities, it is your employer identification number (EIN). If you do not have a number, see How to get "
                "a TIN.")


def _tin_in_section(p: Page, w: W9, pen: Pen) -> None:
    """The number alone on a line of its own under the TIN part's heading and its guidance, with no caption of its
    own (the IRS form's boxes left out, or the number typed on a blank line of a copy): with its dashes, with spaces
    for them ('12 3456789') or as nine digits."""
    rng = p.s.rng
    p.heading(rng.choice(("Part I   Taxpayer Identification Number (TIN)", "Part I - Taxpayer Identification Number",
                          "Taxpayer Identification Number (TIN)")))
    p.paragraph(TIN_GUIDANCE if rng.random() < 0.7 else TIN_GUIDANCE.split(". ")[0] + ".", 7)
    kind = "ssn" if w.digits("ssn") else "ein"
    text = _tin_text(w.tin, SSN_GROUPS if kind == "ssn" else EIN_GROUPS, rng.choice(("dashes", "dashes", "spaces", "plain")))
    pen.text(p.c, p.left + rng.choice((4, 20, 60)), p.y, text, 160, 10)
    p.y -= 26


def _tin_overlay(p: Page, w: W9, pen: Pen, ssn_label: str, ein_label: str) -> None:
    """Comb boxes filled in with a PDF editor: the number typed as one line of text over its boxes, not aligned with
    them (a little high or low, left or right, its digits spaced or not)."""
    rng, c, s = p.s.rng, p.c, p.s
    cell, height = rng.choice((11, 12, 13, 14)), rng.choice((15, 16, 17, 18))
    dy, dx = rng.uniform(-5, 9), rng.uniform(-4, 12)
    spaced = rng.random() < 0.6
    for kind, label, groups in (("ssn", ssn_label, SSN_GROUPS), ("ein", ein_label, EIN_GROUPS)):
        c.setFont(s.bold, s.size)
        c.drawString(p.left, p.y, label)
        comb(c, p.left, p.y - 6 - height, groups, cell, height)
        digits = w.digits(kind)
        text = "  ".join(digits) if spaced else _tin_text(digits, groups, "dashes")
        pen.text(c, p.left + 3 + dx, p.y - 6 - height + 5 + dy, text, 9 * cell + 30, 10)
        p.y -= height + 30


def _leaders_entry(p: Page, pen: Pen, label: str, value: str) -> None:
    """A caption with dotted leaders to a column of values at the right margin, as price-list style forms print it."""
    c, s = p.c, p.s
    c.setFont(s.bold, s.size)
    c.drawString(p.left, p.y, label)
    start = p.left + c.stringWidth(label, s.bold, s.size) + 4
    column = p.right - 130
    c.setFont(s.font, s.size)
    dots = "." * max(3, int((column - 8 - start) / c.stringWidth(".", s.font, s.size)))
    c.drawString(start, p.y, dots)
    pen.text(c, column, p.y, value, 126, 10)
    p.y -= 24


def _tin_table(p: Page, w: W9, pen: Pen, ssn_label: str, ein_label: str) -> None:
    """A ruled table: the two numbers as column headers (maybe with 'or' between), the one held under its header."""
    c, s = p.c, p.s
    mid = (p.left + p.right) / 2
    top = p.y + 10
    c.setLineWidth(0.6)
    c.rect(p.left, top - 40, p.right - p.left, 40)
    c.line(p.left, top - 16, p.right, top - 16)
    c.line(mid, top, mid, top - 40)
    c.setFont(s.bold, s.size)
    c.drawString(p.left + 4, top - 11, ssn_label)
    c.drawString(mid + 4, top - 11, ein_label)
    ssn, ein = w.digits("ssn"), w.digits("ein")
    pen.text(c, p.left + 8, top - 32, _tin_text(ssn, SSN_GROUPS, "dashes"), mid - p.left - 16, 10)
    pen.text(c, mid + 8, top - 32, _tin_text(ein, EIN_GROUPS, "dashes"), p.right - mid - 16, 10)
    p.y = top - 58


def _tin_rows(p: Page, w: W9, pen: Pen, ssn_label: str, ein_label: str) -> None:
    """A ruled two-row table: each number's caption in a (maybe shaded) cell, its entry in the cell right of it."""
    c, s, rng = p.c, p.s, p.s.rng
    top, width = p.y + 10, rng.choice((150, 190, 230))
    style = rng.choice(("dashes", "dashes", "plain"))
    rows = [(ssn_label, _tin_text(w.digits("ssn"), SSN_GROUPS, style)),
            (ein_label, _tin_text(w.digits("ein"), EIN_GROUPS, style))]
    if rng.random() < 0.3:
        rows.reverse()
    shade = rng.random() < 0.5
    c.setLineWidth(0.6)
    for i, (label, value) in enumerate(rows):
        y = top - 22 * (i + 1)
        if shade:
            c.setFillColor(LIGHT)
            c.rect(p.left, y, width, 22, stroke=0, fill=1)
            c.setFillColor(colors.black)
        c.rect(p.left, y, p.right - p.left, 22)
        c.line(p.left + width, y, p.left + width, y + 22)
        c.setFont(s.bold, s.size)
        c.drawString(p.left + 4, y + 7, label)
        pen.text(c, p.left + width + 8, y + 7, value, p.right - p.left - width - 16, 10)
    p.y = top - 44 - 24


def _tin_kind_column(p: Page, w: W9, pen: Pen) -> None:
    """One number and its kind in words: a TIN column with a 'Type' column beside it, or 'Type:' after the entry."""
    c, s, rng = p.c, p.s, p.s.rng
    kind = "ssn" if w.digits("ssn") else "ein"
    text = _tin_text(w.tin, SSN_GROUPS if kind == "ssn" else EIN_GROUPS, rng.choice(("dashes", "plain")))
    written = rng.choice((kind.upper(), "SSN" if kind == "ssn" else "EIN", "Social security number" if kind == "ssn"
                          else "Employer identification number"))
    if rng.random() < 0.5:
        top, mid = p.y + 10, p.left + rng.choice((220, 260, 300))
        c.setLineWidth(0.6)
        c.rect(p.left, top - 40, p.right - p.left, 40)
        c.line(p.left, top - 18, p.right, top - 18)
        c.line(mid, top, mid, top - 40)
        c.setFont(s.bold, s.size)
        c.drawString(p.left + 4, top - 12, rng.choice(("Taxpayer Identification Number (TIN)", "Tax ID number", "TIN")))
        c.drawString(mid + 4, top - 12, rng.choice(("Type (SSN/EIN)", "TIN type", "Type")))
        pen.text(c, p.left + 8, top - 33, text, mid - p.left - 16, 10)
        pen.text(c, mid + 8, top - 33, written, p.right - mid - 16, 10)
        p.y = top - 62
    else:
        p.fields(pen, [(rng.choice(("Taxpayer ID number", "TIN", "Tax ID")), text, True),
                       (rng.choice(("Type", "TIN type", "Number type")), written, True)])


# ---------------------------------------------------------------------------------------------- direct deposit

DD_TITLES = ("Direct Deposit Authorization", "Direct Deposit Enrollment Form", "Payroll Direct Deposit Request",
             "Authorization for Direct Deposit", "ACH Direct Deposit Sign-Up Form")
DD_NAME_LABELS = ("Employee name", "Name", "Payee name", "Account holder name", "Print name", "Employee's full name")
DD_ID_LABELS = ("Employee ID", "Employee #", "Emp. No.", "Payroll ID", "Employee number")
DD_BANK_LABELS = ("Bank name", "Financial institution", "Name of bank/credit union", "Bank")
DD_ROUTING_LABELS = ("Routing number", "ABA routing #", "Routing / Transit number", "Bank routing no.",
                     "ABA / Routing number (9 digits)")
DD_ACCOUNT_LABELS = ("Account number", "Account no.", "Acct #", "Bank account number")
DD_TYPE_CAPTIONS = ("Account type:", "Type of account:", "Deposit to:", "This account is a:")
DD_TYPE_LABELS = {"checking": ("Checking", "Checking account"), "savings": ("Savings", "Savings account")}
DD_SIGN_LABELS = ("Employee signature", "Signature", "Signature of account holder", "Authorized signature")


def render_direct_deposit(d: DirectDeposit, pen: Pen) -> bytes:
    """Family G: a bank's or employer's own direct deposit form, every layout decision drawn per document."""
    s, c, p = _start(pen, d.employer, d.accent, DD_TITLES)
    rng, H = s.rng, LETTER[1]
    if rng.random() < 0.4:
        p.block("FOR PAYROLL USE ONLY", [f"Entered by {rng.choice(('JM', 'KT', 'AL'))}",
                                         f"Date entered {format_date(d.signature_date + timedelta(days=3), s.date_style)}"],
                p.right - 160, p.right, H - 40)
    employee = [(rng.choice(DD_NAME_LABELS), d.employee_name, False), (rng.choice(DD_ID_LABELS), d.employee_id, True)]
    if rng.random() < 0.5:
        employee.append((rng.choice(("Department", "Dept.")), d.department, True))
    if rng.random() < 0.4:
        employee.append(("Phone", d.phone, True))
    if rng.random() < 0.3:  # a date of birth among the employee's details
        born = date(rng.randint(1960, 2002), rng.randint(1, 12), rng.randint(1, 28))
        employee.append(("Date of birth", format_date(born, s.date_style), True))
    if rng.random() < 0.5:
        p.heading(rng.choice(("Employee information", "Section 1 - Employee", "Your details")))
    p.fields(pen, employee)
    if rng.random() < 0.5:
        p.heading(rng.choice(("Bank account", "Section 2 - Account information", "Primary account")))
    bank = [(rng.choice(DD_BANK_LABELS), d.bank_name, False), (rng.choice(DD_ROUTING_LABELS), d.routing, True),
            (rng.choice(DD_ACCOUNT_LABELS), d.account, True)]
    if rng.random() < 0.5:
        bank[1:] = bank[2:0:-1]  # account before routing
    if rng.random() < 0.3:  # the numbers one digit a box, as many bank forms ask for them
        p.fields(pen, bank[:1])
        for label, value, _ in bank[1:]:
            _number_comb(p, pen, label, value, 9 if value == d.routing else max(len(value), rng.choice((12, 14, 17))))
    else:
        p.fields(pen, bank)
    _account_type(p, d, pen)
    if rng.random() < 0.35:  # a second account section, left empty
        p.heading(rng.choice(("Second account (optional)", "Additional account - leave blank if none")))
        p.fields(pen, [(rng.choice(DD_BANK_LABELS), "", False), (rng.choice(DD_ROUTING_LABELS), "", True),
                       (rng.choice(DD_ACCOUNT_LABELS), "", True)])
        p.options(pen, rng.choice(DD_TYPE_CAPTIONS), [(rng.choice(DD_TYPE_LABELS[k]), False)
                                                      for k in ("checking", "savings")], {})
    p.paragraph(d.authorization, 7.5)
    near = None
    if rng.random() < 0.35:
        effective = d.signature_date + timedelta(days=rng.randint(7, 30))
        near = ("Effective date", format_date(effective, s.date_style))
    p.signature(pen, rng.choice(DD_SIGN_LABELS), rng.choice(DATE_LABELS), format_date(d.signature_date, s.date_style),
                signed=d.signed, near_date=near)
    return c.pdf_bytes()


def _number_comb(p: Page, pen: Pen, label: str, digits: str, boxes: int) -> None:
    """A number written one digit a box from the left, its caption over the boxes or left of them."""
    c, s = p.c, p.s
    cell, height = s.rng.choice((12, 13, 14)), s.rng.choice((15, 16, 17))
    c.setFont(s.bold, s.size)
    c.drawString(p.left, p.y, label)
    if s.rng.random() < 0.5:
        start = p.left + max(150, c.stringWidth(label, s.bold, s.size) + 12)
        cells = comb(c, start, p.y - 0.6 * height, (boxes,), cell, height)
        p.y -= height + 14
    else:
        cells = comb(c, p.left, p.y - 6 - height, (boxes,), cell, height)
        p.y -= height + 26
    pen.comb(c, cells, cell, height, digits)


def _account_type(p: Page, d: DirectDeposit, pen: Pen) -> None:
    keys = ["checking", "savings"]
    if p.s.rng.random() < 0.3:
        keys.reverse()
    options = [(p.s.rng.choice(DD_TYPE_LABELS[k]), d.account_type == k) for k in keys]
    p.options(pen, p.s.rng.choice(DD_TYPE_CAPTIONS), options, {})
