"""IRS Form W-9: random taxpayer records, their ground truth, and four dev layout families.

Layouts draw the printed form and hand every input slot to a pen (see pens.py), so each family can
come out typed, as a fillable AcroForm filled in on screen, or blank with handwriting on the scan.
The form wording follows the public IRS form; it is re-drawn, not copied.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER

from samplegen import names
from samplegen.drawing import LIGHT, Sheet, centered_rotated, comb, comb_width, lines_at, wrap
from samplegen.family import Family
from samplegen.pens import Pen
from samplegen.sample import Truth
from samplegen.values import format_date, random_date

FAULTS = {"classification_not_one": "w9.classification_not_one"}

CLASSIFICATIONS = ("individual", "c_corporation", "s_corporation", "partnership", "trust_estate", "llc", "other")
SSN_GROUPS = (3, 2, 4)
EIN_GROUPS = (2, 7)

TITLE = "Request for Taxpayer Identification Number and Certification"
CERTIFICATION_TEXT = (
    "Under penalties of perjury, I certify that:",
    "1. The number shown on this form is my correct taxpayer identification number (or I am waiting for a number "
    "to be issued to me); and",
    "2. I am not subject to backup withholding because (a) I am exempt from backup withholding, or (b) I have not "
    "been notified by the Internal Revenue Service (IRS) that I am subject to backup withholding as a result of a "
    "failure to report all interest or dividends, or (c) the IRS has notified me that I am no longer subject to backup "
    "withholding; and",
    "3. I am a U.S. citizen or other U.S. person (defined below); and",
    "4. The FATCA code(s) entered on this form (if any) indicating that I am exempt from FATCA reporting is correct.",
    "Certification instructions. You must cross out item 2 above if you have been notified by the IRS that you are "
    "currently subject to backup withholding because you have failed to report all interest and dividends on your tax "
    "return. For real estate transactions, item 2 does not apply.",
)
TIN_TEXT = ("Enter your TIN in the appropriate box. The TIN provided must match the name given on line 1 to avoid "
            "backup withholding. For individuals, this is generally your social security number (SSN). However, for a "
            "resident alien, sole proprietor, or disregarded entity, see the instructions for Part I, later. For other "
            "entities, it is your employer identification number (EIN). If you do not have a number, see How to get a "
            "TIN, later.")
GENERAL = ("General Instructions. Section references are to the Internal Revenue Code unless otherwise noted. "
           "Purpose of Form. An individual or entity (Form W-9 requester) who is required to file an information "
           "return with the IRS is giving you this form because they must obtain your correct taxpayer identification "
           "number (TIN), which may be your social security number (SSN), individual taxpayer identification number "
           "(ITIN), adoption taxpayer identification number (ATIN), or employer identification number (EIN), to report "
           "on an information return the amount paid to you, or other amount reportable on an information return. "
           "Examples of information returns include, but are not limited to, Form 1099-INT (interest earned or paid), "
           "Form 1099-DIV (dividends, including those from stocks or mutual funds), Form 1099-MISC (various types of "
           "income, prizes, awards, or gross proceeds), Form 1099-NEC (nonemployee compensation), Form 1099-B (stock "
           "or mutual fund sales and certain other transactions by brokers), Form 1099-S (proceeds from real estate "
           "transactions), Form 1099-K (merchant card and third-party network transactions), Form 1098 (home mortgage "
           "interest), Form 1099-C (canceled debt), and Form 1099-A (acquisition or abandonment of secured property). "
           "Use Form W-9 only if you are a U.S. person (including a resident alien) to provide your correct TIN. If "
           "you do not return Form W-9 to the requester with a TIN, you might be subject to backup withholding. "
           "By signing the filled-out form, you certify that the TIN you are giving is correct (or you are waiting "
           "for a number to be issued), certify that you are not subject to backup withholding, claim exemption from "
           "backup withholding if you are a U.S. exempt payee, and certify to your non-foreign status for purposes of "
           "withholding on foreign partners' share of effectively connected income.")


@dataclass
class W9:
    name: str
    business_name: str | None
    classification: str
    llc_code: str | None
    other_text: str | None
    address: str
    city_state_zip: str
    requester: names.Party
    account_numbers: str | None
    tin_kind: str  # ssn | ein
    tin: str  # nine digits
    signature_date: date
    date_style: str
    exempt_payee_code: str | None
    extra_ticks: list[str] = field(default_factory=list)  # more ticked classification boxes (a fault)
    fault: str | None = None

    def ticked(self, key: str) -> bool:
        return key == self.classification or key in self.extra_ticks

    @property
    def date_text(self) -> str:
        return format_date(self.signature_date, self.date_style)

    def digits(self, kind: str) -> str:
        return self.tin if kind == self.tin_kind else ""


TRADES = ("Landscaping", "Photography", "Consulting", "Handyman Services", "Bookkeeping", "Design Studio",
          "Catering", "Tutoring", "Courier", "Painting & Drywall")


def make_w9(rng: random.Random, *, fault: str | None = None) -> W9:
    classification = rng.choices(CLASSIFICATIONS, (35, 15, 12, 8, 5, 20, 5))[0]
    person = names.person(rng)
    base = names.company_name(rng, "us").rsplit(" ", 1)[0]  # "Cedar Ridge Electric" without "Inc."
    business = None
    llc_code = other_text = exempt = None
    if classification == "individual":
        name = person.first_last()
        if rng.random() < 0.4:
            business = f"{person.last} {rng.choice(TRADES)}"
        tin_kind = "ssn" if rng.random() < 0.7 else "ein"
    else:
        tin_kind = "ein"
        if classification in ("c_corporation", "s_corporation"):
            name = f"{base} {rng.choice(('Inc.', 'Corp.', 'Corporation'))}"
            exempt = "5" if classification == "c_corporation" and rng.random() < 0.4 else None
        elif classification == "partnership":
            name = f"{base} {rng.choice(('LP', 'LLP', 'Partners'))}"
        elif classification == "trust_estate":
            name = rng.choice((f"{person.last} Family Trust", f"Estate of {person.first_last()}"))
        elif classification == "llc":
            name = f"{base} LLC"
            llc_code = rng.choice("CSP")
        else:
            name = f"{base} {rng.choice(('Association', 'Cooperative', 'Foundation'))}"
            other_text = rng.choice(("Nonprofit association", "Cooperative", "Tax-exempt organization"))
        if rng.random() < 0.25:
            business = f"{base.split()[0]} {rng.choice(TRADES)}"
    extra = []
    if fault == "classification_not_one":
        extra = [rng.choice([k for k in CLASSIFICATIONS if k != classification])]
    return W9(name=name, business_name=business, classification=classification, llc_code=llc_code,
              other_text=other_text, address=names.street(rng, "us"), city_state_zip=names.city_line(rng, "us"),
              requester=names.company(rng, "us"),
              account_numbers=f"{rng.randint(100000, 999999)}" if rng.random() < 0.2 else None,
              tin_kind=tin_kind, tin=names.ssn(rng) if tin_kind == "ssn" else names.ein(rng),
              signature_date=random_date(rng), date_style=rng.choice(("us", "us", "us", "iso", "month_day")),
              exempt_payee_code=exempt, extra_ticks=extra, fault=fault)


def truth(w: W9) -> Truth:
    fields: dict[str, str | bool] = {"name": w.name}
    if w.business_name:
        fields["business_name"] = w.business_name
    if not w.extra_ticks:  # with two boxes ticked there is no single printed classification
        fields["tax_classification"] = w.classification
    fields["address"] = w.address
    fields["city_state_zip"] = w.city_state_zip
    fields[w.tin_kind] = w.tin
    fields["signature_date"] = w.signature_date.isoformat()
    expect = {"status": "needs_review", "issues": [FAULTS[w.fault]]} if w.fault else None
    return Truth("form", "w9", fields, {}, expect)


# ---------------------------------------------------------------------------------------------
# Shared pieces of the printed form

CLASS_LABELS_2024 = {"individual": "Individual/sole proprietor", "c_corporation": "C corporation",
                     "s_corporation": "S corporation", "partnership": "Partnership", "trust_estate": "Trust/estate",
                     "llc": "LLC. Enter the tax classification (C = C corporation, S = S corporation, P = Partnership)",
                     "other": "Other (see instructions)"}
CLASS_LABELS_2018 = dict(CLASS_LABELS_2024, individual="Individual/sole proprietor or single-member LLC",
                         c_corporation="C Corporation", s_corporation="S Corporation",
                         llc="Limited liability company. Enter the tax classification (C=C corporation, "
                             "S=S corporation, P=Partnership)")


def _label(c: Sheet, x: float, y: float, number: str, text: str, size: float = 7, width: float = 500) -> float:
    """A numbered line label as on the IRS form ('1  Name of ...'); returns the baseline below it."""
    c.setFont("Helvetica-Bold", size)
    c.drawString(x, y, number)
    lines = wrap(text, "Helvetica", size, width - 14)
    return lines_at(c, x + 12, y, lines, "Helvetica", size, size * 1.2)


def _tin_block(c: Sheet, w: W9, pen: Pen, x: float, top: float, cell: float = 13, height: float = 17) -> float:
    """The SSN and EIN comb boxes with their captions; returns the y under them."""
    for kind, caption, groups in (("ssn", "Social security number", SSN_GROUPS),
                                  ("ein", "Employer identification number", EIN_GROUPS)):
        c.setFont("Helvetica-Bold", 7.5)
        c.drawString(x, top - 9, caption)
        cells = comb(c, x, top - 12 - height, groups, cell, height)
        pen.comb(c, cells, cell, height, w.digits(kind))
        top -= 12 + height + 8
        if kind == "ssn":
            c.setFont("Helvetica-Bold", 8)
            c.drawString(x + comb_width(groups, cell) / 2 - 4, top, "or")
            top -= 6
    return top


def _requester(c: Sheet, w: W9, pen: Pen, x: float, y: float, width: float) -> None:
    for line in [w.requester.name] + w.requester.address_lines:
        pen.text(c, x, y, line, width, 8.5)
        y -= 11


def certification(c: Sheet, x: float, y: float, width: float, size: float = 6.8) -> float:
    for paragraph in CERTIFICATION_TEXT:
        y = lines_at(c, x, y, wrap(paragraph, "Helvetica", size, width), "Helvetica", size, size * 1.22) - 1.5
    return y


def _part_header(c: Sheet, x: float, y: float, part: str, title: str, right: float) -> None:
    c.setLineWidth(0.8)
    c.line(x, y + 11, right, y + 11)
    c.setFillColor(colors.black)
    c.rect(x, y - 2, 36, 13, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 9)
    c.drawCentredString(x + 18, y + 1.5, part)
    c.setFillColor(colors.black)
    c.drawString(x + 44, y + 1.5, title)
    c.line(x, y - 2, right, y - 2)


def _classification_rows(c: Sheet, w: W9, pen: Pen, x: float, y: float, labels: dict[str, str],
                         first_row: tuple[str, ...], width: float) -> float:
    """Classification checkboxes: a row of simple boxes, then the LLC and Other lines."""
    size = 7.5
    cx = x
    for key in first_row:
        pen.box(c, cx, y - 1, size, w.ticked(key))
        c.setFont("Helvetica", 7)
        label_lines = wrap(labels[key], "Helvetica", 7, 78)
        lines_at(c, cx + size + 3, y, label_lines, "Helvetica", 7, 8)
        cx += size + 7 + max(c.stringWidth(line, "Helvetica", 7) for line in label_lines) + 10
    y -= 20
    for key in ("llc", "other") if "llc" not in first_row else ("other",):
        pen.box(c, x, y - 1, size, w.ticked(key))
        c.setFont("Helvetica", 7)
        text_end = x + size + 4 + c.stringWidth(labels[key], "Helvetica", 7)
        c.drawString(x + size + 4, y, labels[key])
        c.setLineWidth(0.4)
        c.line(text_end + 6, y - 2, x + width, y - 2)
        value = w.llc_code if key == "llc" else w.other_text
        pen.text(c, text_end + 10, y, value or "", x + width - text_end - 12, 9)
        y -= 15
        if key == "llc":
            note = ("Note: Check the LLC box above and, in the entry space, enter the appropriate code (C, S, or P) "
                    "for "
                    "the tax classification of the LLC, unless it is a disregarded entity. A disregarded entity should "
                    "instead check the appropriate box for the tax classification of its owner.")
            y = lines_at(c, x + 10, y + 3, wrap(note, "Helvetica", 6.3, width - 12), "Helvetica", 6.3, 7.3) - 6
    return y


def _sign_row(c: Sheet, w: W9, pen: Pen, x: float, y: float, right: float) -> None:
    c.setLineWidth(0.8)
    c.line(x, y + 32, right, y + 32)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(x, y + 14, "Sign")
    c.drawString(x, y + 3, "Here")
    c.setLineWidth(0.5)
    c.line(x + 36, y + 32, x + 36, y - 4)
    c.setFont("Helvetica-Bold", 7)
    c.drawString(x + 42, y + 4, "Signature of")
    c.drawString(x + 42, y - 3, "U.S. person")
    pen.signature(c, x + 100, y - 2, 190, 26)
    c.setLineWidth(0.4)
    c.line(x + 95, y - 4, x + 330, y - 4)
    c.setFont("Helvetica-Bold", 7.5)
    c.drawString(x + 345, y, "Date")
    pen.text(c, x + 370, y, w.date_text, 120, 10)
    c.line(x + 365, y - 4, right, y - 4)
    c.setLineWidth(0.8)
    c.line(x, y - 8, right, y - 8)


def general_instructions(c: Sheet, x: float, y: float, right: float, bottom: float) -> None:
    column = (right - x - 18) / 2
    lines = wrap(GENERAL, "Helvetica", 7, column)
    per_column = int((y - bottom) / 8.6)
    lines_at(c, x, y, lines[:per_column], "Helvetica", 7, 8.6)
    lines_at(c, x + column + 18, y, lines[per_column: 2 * per_column], "Helvetica", 7, 8.6)


# ---------------------------------------------------------------------------------------------
# Dev layout families


def _irs(w: W9, pen: Pen, revision: str) -> bytes:
    """The official IRS layout in two revisions (March 2024 and October 2018)."""
    W, H = LETTER
    c = Sheet((W, H))
    L, R = 36, W - 36
    rev2024 = revision == "2024"
    labels = CLASS_LABELS_2024 if rev2024 else CLASS_LABELS_2018
    # header
    top = H - 36
    c.setLineWidth(1.6)
    c.line(L, top, R, top)
    c.setFont("Helvetica", 7)
    c.drawString(L, top - 12, "Form")
    c.setFont("Helvetica-Bold", 22)
    c.drawString(L + 20, top - 18, "W-9")
    c.setFont("Helvetica", 7)
    lines_at(c, L, top - 30, ["(Rev. March 2024)" if rev2024 else "(Rev. October 2018)", "Department of the Treasury",
                             "Internal Revenue Service"], "Helvetica", 6.5, 7.5)
    c.setLineWidth(0.6)
    c.line(L + 96, top, L + 96, top - 54)
    c.line(R - 102, top, R - 102, top - 54)
    c.setFont("Helvetica-Bold", 14)
    c.drawCentredString((L + R) / 2 - 3, top - 18, "Request for Taxpayer")
    c.drawCentredString((L + R) / 2 - 3, top - 33, "Identification Number and Certification")
    c.setFont("Helvetica", 7.5)
    c.drawCentredString((L + R) / 2 - 3, top - 47,
                        "Go to www.irs.gov/FormW9 for instructions and the latest information.")
    lines_at(c, R - 96, top - 14, ["Give form to the", "requester. Do not", "send to the IRS."], "Helvetica-Bold",
             8.5, 10)
    top -= 54
    c.setLineWidth(1)
    c.line(L, top, R, top)
    if rev2024:
        c.setFont("Helvetica-Bold", 7)
        c.drawString(L, top - 9, "Before you begin.")
        c.setFont("Helvetica", 7)
        c.drawString(L + 62, top - 9, "For guidance related to the purpose of Form W-9, see Purpose of Form, below.")
        top -= 13
        c.line(L, top, R, top)
    inner = L + 16
    c.setLineWidth(0.5)
    block_top = top
    # line 1 and 2
    text1 = ("Name of entity/individual. An entry is required. (For a sole proprietor or disregarded entity, enter the "
             "owner's name on line 1, and enter the business/disregarded entity's name on line 2.)") if rev2024 else \
        "Name (as shown on your income tax return). Name is required on this line; do not leave this line blank."
    y = _label(c, inner, top - 8, "1", text1, width=R - inner)
    pen.text(c, inner + 12, y - 4, w.name, R - inner - 20, 10)
    top = y - 10
    c.line(inner, top, R, top)
    y = _label(c, inner, top - 8, "2", "Business name/disregarded entity name, if different from above.")
    pen.text(c, inner + 12, y - 4, w.business_name or "", R - inner - 20, 10)
    top = y - 10
    c.line(inner, top, R, top)
    # line 3 and 4
    split = R - 130
    text3 = ("Check the appropriate box for federal tax classification of the entity/individual whose name is entered "
             "on line 1. Check only one of the following seven boxes.") if rev2024 else \
        ("Check appropriate box for federal tax classification of the person whose name is entered on line 1. Check "
         "only one of the following seven boxes.")
    y = _label(c, inner, top - 8, "3a" if rev2024 else "3", text3, width=split - inner)
    first_row = ("individual", "c_corporation", "s_corporation", "partnership", "trust_estate")
    y = _classification_rows(c, w, pen, inner + 12, y - 6, labels, first_row, split - inner - 20)
    if rev2024:
        c.line(inner, y + 4, split, y + 4)
        text3b = ("If on line 3a you checked \"Partnership\" or \"Trust/estate,\" or checked \"LLC\" and entered "
                  "\"P\" as "
                  "its tax classification, and you are providing this form to a partnership, trust, or estate in which "
                  "you have an ownership interest, check this box if you have any foreign partners, owners, or "
                  "beneficiaries. See instructions")
        y = _label(c, inner, y - 4, "3b", text3b, 6.5, split - inner - 20)
        pen.box(c, split - 16, y + 6, 7.5, False)
    four_top = top
    top = y - 4
    c.line(split, four_top, split, top)
    ey = _label(c, split + 4, four_top - 8, "4", "Exemptions (codes apply only to certain entities, not individuals; "
                                                 "see instructions on page 3):", 6.5, R - split - 4)
    c.setFont("Helvetica", 6.8)
    c.drawString(split + 8, ey - 6, "Exempt payee code (if any)")
    c.line(split + 95, ey - 8, R - 4, ey - 8)
    pen.text(c, split + 100, ey - 6, w.exempt_payee_code or "", 20, 9)
    fatca = wrap("Exemption from Foreign Account Tax Compliance Act (FATCA) reporting code (if any)", "Helvetica", 6.8,
                 R - split - 14)
    fy = lines_at(c, split + 8, ey - 20, fatca, "Helvetica", 6.8, 8)
    c.line(split + 8, fy - 4, R - 4, fy - 4)
    pen.text(c, split + 12, fy - 2, "", 30, 9)
    c.line(inner, top, R, top)
    # lines 5, 6, 7 and the requester box
    req_x = R - 190
    y = _label(c, inner, top - 8, "5", "Address (number, street, and apt. or suite no.). See instructions.",
               width=req_x - inner)
    pen.text(c, inner + 12, y - 4, w.address, req_x - inner - 20, 10)
    five_top = top
    top = y - 10
    c.line(inner, top, req_x, top)
    y = _label(c, inner, top - 8, "6", "City, state, and ZIP code", width=req_x - inner)
    pen.text(c, inner + 12, y - 4, w.city_state_zip, req_x - inner - 20, 10)
    top = y - 10
    c.line(req_x, five_top, req_x, top)
    c.setFont("Helvetica", 7)
    c.drawString(req_x + 4, five_top - 8, "Requester's name and address (optional)")
    _requester(c, w, pen, req_x + 8, five_top - 20, 175)
    c.line(inner, top, R, top)
    y = _label(c, inner, top - 8, "7", "List account number(s) here (optional)")
    pen.text(c, inner + 12, y - 4, w.account_numbers or "", 300, 10)
    top = y - 10
    c.line(L, top, R, top)
    c.line(inner, block_top, inner, top)
    centered_rotated(c, L + 9, (block_top + top) / 2, "Print or type.    See Specific Instructions on page 3.",
                     "Helvetica-Bold", 7, 90)
    # Part I
    _part_header(c, L, top - 13, "Part I", "Taxpayer Identification Number (TIN)", R)
    top -= 15
    tin_x = R - 175
    lines_at(c, L, top - 10, wrap(TIN_TEXT, "Helvetica", 7, tin_x - L - 16), "Helvetica", 7, 8.4)
    bottom = _tin_block(c, w, pen, tin_x, top - 2)
    note = ("Note: If the account is in more than one name, see the instructions for line 1. See also What Name and "
            "Number To Give the Requester for guidelines on whose number to enter.")
    y = lines_at(c, L, min(bottom, top - 72), wrap(note, "Helvetica", 7, tin_x - L - 16), "Helvetica", 7, 8.4)
    top = min(y, bottom) - 2
    _part_header(c, L, top - 13, "Part II", "Certification", R)
    y = certification(c, L, top - 26, R - L)
    _sign_row(c, w, pen, L, y - 30, R)
    general_instructions(c, L, y - 58, R, 60)
    c.setFont("Helvetica", 7)
    c.drawString(L, 40, "Cat. No. 10231X")
    c.setFont("Helvetica-Bold", 7.5)
    c.drawRightString(R, 40, "Form W-9 (Rev. 3-2024)" if rev2024 else "Form W-9 (Rev. 10-2018)")
    return c.pdf_bytes()


def render_rev2024(w: W9, pen: Pen) -> bytes:
    """Family A: the March 2024 revision (lines 3a/3b, 'Before you begin' strip)."""
    return _irs(w, pen, "2024")


def render_rev2018(w: W9, pen: Pen) -> bytes:
    """Family B: the October 2018 revision (single line 3, older wording)."""
    return _irs(w, pen, "2018")


def render_substitute(w: W9, pen: Pen) -> bytes:
    """Family C: a requester's 'Substitute Form W-9' on its letterhead: a ruled two-column table of
    labels (shaded, left) and entries (right), classification in two columns, TIN combs in a row."""
    W, H = LETTER
    c = Sheet((W, H))
    L, R = 50, W - 50
    req = w.requester
    c.setFont("Helvetica-Bold", 13)
    c.drawString(L, H - 56, req.name)
    c.setFont("Helvetica", 8)
    c.drawString(L, H - 68, " · ".join(req.address_lines + req.extra[:1]))
    c.setLineWidth(1.5)
    c.line(L, H - 76, R, H - 76)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(L, H - 102, "Substitute Form W-9")
    c.setFont("Helvetica-Bold", 11)
    c.drawString(L, H - 118, TITLE)
    intro = (f"{req.name} requires a completed Form W-9 from every vendor before payment. Please complete all "
             "applicable entries, sign and return this form to Accounts Payable. This form contains the same "
             "certification as the official IRS Form W-9.")
    y = lines_at(c, L, H - 136, wrap(intro, "Helvetica", 8, R - L), "Helvetica", 8, 10) - 6
    label_w = 170

    def row(label: str, height: float) -> tuple[float, float]:
        nonlocal y
        c.setFillColor(LIGHT)
        c.rect(L, y - height, label_w, height, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setLineWidth(0.5)
        c.rect(L, y - height, R - L, height, stroke=1, fill=0)
        c.line(L + label_w, y, L + label_w, y - height)
        lines_at(c, L + 5, y - 11, wrap(label, "Helvetica-Bold", 8, label_w - 10), "Helvetica-Bold", 8, 9.5)
        top = y
        y -= height
        return top, L + label_w + 8

    top, vx = row("1. Name (as shown on your income tax return)", 26)
    pen.text(c, vx, top - 17, w.name, R - vx - 8, 10)
    top, vx = row("2. Business name / disregarded entity name, if different", 26)
    pen.text(c, vx, top - 17, w.business_name or "", R - vx - 8, 10)
    top, vx = row("3. Federal tax classification (check only one)", 92)
    keys = ("individual", "c_corporation", "s_corporation", "partnership", "trust_estate", "llc", "other")
    short = {"llc": "Limited liability company - tax classification (C, S or P):", "other": "Other:"}
    for i, key in enumerate(keys):
        bx = vx + (0 if i < 4 else 160)
        by = top - 14 - (i % 4) * 13 if i < 4 else top - 14 - (i - 4) * 13
        if key in short:
            bx, by = vx, top - 66 - (13 if key == "other" else 0)
        pen.box(c, bx, by - 1, 7.5, w.ticked(key))
        c.setFont("Helvetica", 7.5)
        text = short.get(key, CLASS_LABELS_2024[key])
        c.drawString(bx + 11, by, text)
        if key in short:
            end = bx + 14 + c.stringWidth(text, "Helvetica", 7.5)
            c.setLineWidth(0.4)
            c.line(end + 2, by - 2, R - 10, by - 2)
            pen.text(c, end + 6, by, (w.llc_code if key == "llc" else w.other_text) or "", R - end - 20, 9)
    top, vx = row("4. Exempt payee code (if any)", 22)
    pen.text(c, vx, top - 15, w.exempt_payee_code or "", 60, 10)
    top, vx = row("5. Address (number, street, apt. or suite no.)", 26)
    pen.text(c, vx, top - 17, w.address, R - vx - 8, 10)
    top, vx = row("6. City, state, and ZIP code", 26)
    pen.text(c, vx, top - 17, w.city_state_zip, R - vx - 8, 10)
    top, vx = row("7. Account number(s) (optional)", 22)
    pen.text(c, vx, top - 15, w.account_numbers or "", R - vx - 8, 10)
    top, vx = row("Part I. Taxpayer Identification Number (TIN) - enter SSN or EIN", 40)
    for kind, caption, groups, dx in (("ssn", "Social security number", SSN_GROUPS, 0),
                                      ("ein", "Employer identification number", EIN_GROUPS, 175)):
        c.setFont("Helvetica", 7)
        c.drawString(vx + dx, top - 9, caption)
        cells = comb(c, vx + dx, top - 33, groups, 12, 18)
        pen.comb(c, cells, 12, 18, w.digits(kind))
    c.setFont("Helvetica-Bold", 8)
    c.drawString(vx + 160, top - 27, "or")
    top, vx = row("Requester's name and address", 40)
    _requester(c, w, pen, vx, top - 12, R - vx - 8)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(L, y - 16, "Part II. Certification")
    y = certification(c, L, y - 30, R - L, 7)
    c.setLineWidth(0.5)
    c.rect(L, y - 44, 300, 36)
    c.rect(L + 300, y - 44, R - L - 300, 36)
    c.setFont("Helvetica", 7)
    c.drawString(L + 4, y - 16, "Signature of U.S. person")
    c.drawString(L + 304, y - 16, "Date")
    pen.signature(c, L + 110, y - 42, 170, 24)
    pen.text(c, L + 330, y - 34, w.date_text, 120, 10)
    c.setFont("Helvetica", 6.5)
    c.drawString(L, 40, f"Return to: {req.name}, Accounts Payable, {', '.join(req.address_lines)}")
    return c.pdf_bytes()


def render_compact(w: W9, pen: Pen) -> bytes:
    """Family D: a compact print: one-line title bar, labelled underlines on the left, a TIN panel
    and requester panel on the right, classification as a vertical list, condensed certification."""
    W, H = LETTER
    c = Sheet((W, H))
    L, R = 40, W - 40
    c.setFillColor(colors.Color(0.15, 0.15, 0.15))
    c.rect(L, H - 62, R - L, 24, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(L + 8, H - 54, f"Form W-9  {TITLE}")
    c.setFillColor(colors.black)
    c.setFont("Helvetica", 7)
    c.drawString(L, H - 74, "(Rev. March 2024)  Department of the Treasury, Internal Revenue Service.  "
                            "Give form to the requester. Do not send to the IRS.")
    split = R - 205
    y = H - 102
    entries = (("1 Name", w.name), ("2 Business name", w.business_name or ""), ("5 Address", w.address),
               ("6 City, state, ZIP", w.city_state_zip), ("7 Account no(s).", w.account_numbers or ""))
    for label, value in entries:
        c.setFont("Helvetica-Bold", 8)
        c.drawString(L, y, label + ":")
        c.setLineWidth(0.4)
        c.line(L + 88, y - 3, split - 16, y - 3)
        pen.text(c, L + 92, y, value, split - L - 110, 10)
        y -= 24
    c.setFont("Helvetica-Bold", 8)
    c.drawString(L, y, "3 Federal tax classification of the person named on line 1 (check only one):")
    y -= 15
    for key in CLASSIFICATIONS:
        pen.box(c, L + 6, y - 1, 8, w.ticked(key))
        c.setFont("Helvetica", 8)
        text = CLASS_LABELS_2024[key] if key != "llc" else "LLC - tax classification (C, S or P):"
        c.drawString(L + 19, y, text)
        if key in ("llc", "other"):
            end = L + 22 + c.stringWidth(text, "Helvetica", 8)
            c.line(end + 2, y - 2, end + 120, y - 2)
            pen.text(c, end + 6, y, (w.llc_code if key == "llc" else w.other_text) or "", 110, 9)
        y -= 14
    c.setFont("Helvetica", 7)
    c.drawString(L, y - 2, "4 Exempt payee code (if any):")
    c.line(L + 100, y - 4, L + 140, y - 4)
    pen.text(c, L + 104, y - 2, w.exempt_payee_code or "", 30, 9)
    left_bottom = y - 14
    panel_top = H - 90
    c.setLineWidth(0.8)
    c.rect(split, panel_top - 118, R - split, 118)
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(split + 6, panel_top - 12, "Part I  Taxpayer Identification Number")
    _tin_block(c, w, pen, split + 12, panel_top - 16, 12.5, 16)
    c.rect(split, panel_top - 200, R - split, 74)
    c.setFont("Helvetica", 7)
    c.drawString(split + 6, panel_top - 137, "Requester's name and address (optional)")
    _requester(c, w, pen, split + 10, panel_top - 152, R - split - 20)
    y = min(left_bottom, panel_top - 212)
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(L, y, "Part II  Certification")
    y = certification(c, L, y - 12, R - L, 6.6)
    _sign_row(c, w, pen, L, y - 30, R)
    general_instructions(c, L, y - 58, R, 50)
    return c.pdf_bytes()


def render_random(w: W9, pen: Pen) -> bytes:
    """Family G: a requester's own substitute W-9 whose layout is drawn at random per document."""
    from samplegen import forms_random  # it draws with this module's pieces
    return forms_random.render_w9(w, pen)


FAMILIES = [
    Family("w9-a", "w9", "IRS Form W-9, Rev. March 2024 layout", render_rev2024),
    Family("w9-b", "w9", "IRS Form W-9, Rev. October 2018 layout", render_rev2018),
    Family("w9-c", "w9", "requester's substitute W-9: shaded label column and ruled rows", render_substitute),
    Family("w9-d", "w9", "compact print: labelled underlines, TIN and requester panels at right", render_compact),
    Family("w9-g", "w9", "requester's own substitute W-9, wording, label places, tick boxes and distractors drawn "
                         "at random per document", render_random),
]
