"""Forms of layouts no extractor was written for, as a clerk checks them: the one ticked classification, the TIN,
routing and account numbers, the account type, whether it is signed and when. The forms are drawn here, each with
the clutter real ones carry (an office-use box with its own date, an effective date or date of birth near the
signing date, an empty second account), with tick boxes as squares, circles, brackets or box characters, and
captions left of, over, under or in a cell with their entries; a few come from the random dev families w9-g and
dd-g."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import LETTER

from samplegen import direct_deposit, scan, w9
from samplegen.drawing import Sheet
from samplegen.forms_random import Page, Style
from samplegen.generate import Order, build
from samplegen.pens import TypedPen
from samplegen.values import format_date
from tests.conftest import extract
from tests.test_forms import codes, values

SIGNED = date(2026, 3, 4)
OFFICE_DATE = "03/19/2026"  # an office-use date, two weeks after signing
EFFECTIVE = date(2026, 4, 1)
BORN = "07/22/1984"
EIN, SSN = "274119386", "531408827"
ROUTING, ACCOUNT = "021000021", "4471203958"

# (tick box shape, how it is ticked, where captions stand)
STYLES = [("square", "X", "left"), ("circle", "filled", "above"), ("bracket", "check", "below"),
          ("glyph", "X", "cell"), ("circle", "cross", "table"), ("bracket", "filled", "left")]


def start(font: str, shape: str, tick: str, place: str, title: str, office: tuple[str, list[str]]
          ) -> tuple[TypedPen, Sheet, Page]:
    """A typed form's page: its title, and an office-use box with a date of its own at the top right."""
    pen = TypedPen(random.Random(1), font)
    pen.tick = tick
    c = Sheet(LETTER)
    p = Page(c, Style(random.Random(7), place, "Helvetica", "Helvetica-Bold", 8.5, shape, 0.0, "us"), 50,
             LETTER[0] - 50, LETTER[1] - 50)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(p.left, p.y, title)
    p.block(*office, p.right - 160, p.right, p.y - 8)
    p.y -= 70
    return pen, c, p


def draw_w9(record: w9.W9, shape: str, tick: str, place: str, *, tin_after_caption: bool) -> bytes:
    """A requester's substitute W-9 with an office-use box, the options in a column and an effective date under the
    signature."""
    pen, c, p = start("Courier", shape, tick, place, "Substitute Form W-9 - Vendor Taxpayer Information",
                      ("FOR OFFICE USE ONLY", ["Vendor no. 20417", f"Received {OFFICE_DATE}"]))
    p.fields(pen, [("Legal name", record.name, False), ("DBA", record.business_name or "", False)])
    p.options(pen, "Federal tax classification (check one):",
              [(w9.CLASS_LABELS_2024[k].split(".")[0], record.ticked(k)) for k in w9.CLASSIFICATIONS], {})
    p.fields(pen, [("Street address", record.address, False), ("City, state, ZIP", record.city_state_zip, False)])
    ein = record.digits("ein")
    if tin_after_caption:
        p.fields(pen, [("Employer identification number", f"{ein[:2]}-{ein[2:]}" if ein else "", False)])
    else:
        p.fields(pen, [("Social security number", record.digits("ssn"), False), ("EIN", ein, False)])
    p.signature(pen, "Signature of U.S. person", "Date", format_date(SIGNED, "us"),
                near_date=("Effective date", format_date(EFFECTIVE, "us")))
    return c.pdf_bytes()


def draw_direct_deposit(record: direct_deposit.DirectDeposit, shape: str, tick: str, place: str) -> bytes:
    """An employer's own form: date of birth among the employee's details, a payroll-use box with its own date,
    an empty second account with its own (unticked) account type, an effective date by the signature."""
    pen, c, p = start("Helvetica", shape, tick, place, "Direct Deposit Enrollment",
                      ("FOR PAYROLL USE ONLY", ["Entered by JM", f"Date entered {OFFICE_DATE}"]))
    p.fields(pen, [("Employee name", record.employee_name, False), ("Employee ID", record.employee_id, False),
                   ("Date of birth", BORN, False)])
    p.heading("Primary account")
    p.fields(pen, [("Financial institution", record.bank_name, False), ("Routing / Transit number", record.routing, False),
                   ("Acct #", record.account, False)])
    p.options(pen, "Account type:", [("Checking", record.account_type == "checking"),
                                     ("Savings", record.account_type == "savings")], {})
    p.heading("Second account (optional)")
    p.fields(pen, [("Bank name", "", False), ("Routing number", "", False), ("Account number", "", False)])
    p.options(pen, "Account type:", [("Checking", False), ("Savings", False)], {})
    p.paragraph(record.authorization)
    p.signature(pen, "Employee signature", "Signed on", format_date(SIGNED, "month_day"), signed=record.signed,
                near_date=("Effective date", format_date(EFFECTIVE, "iso")))
    return c.pdf_bytes()


def w9_record(classification: str, tin_kind: str) -> w9.W9:
    record = w9.make_w9(random.Random(classification))
    return replace(record, classification=classification, tin_kind=tin_kind, tin=EIN if tin_kind == "ein" else SSN,
                   extra_ticks=[], llc_code=None, other_text=None)


def dd_record(account_type: str, signed: bool = True) -> direct_deposit.DirectDeposit:
    record = direct_deposit.make_direct_deposit(random.Random(account_type))
    return replace(record, routing=ROUTING, account=ACCOUNT, account_type=account_type, signed=signed)


W9_CASES = [(f"w9_{shape}_{tick}_{place}.pdf", classification, tin_kind, shape, tick, place)
            for (shape, tick, place), classification, tin_kind in zip(
                STYLES, ("c_corporation", "individual", "partnership", "trust_estate", "s_corporation", "llc"),
                ("ein", "ssn", "ein", "ein", "ein", "ein"))]
DD_CASES = [(f"dd_{shape}_{tick}_{place}.pdf", account_type, shape, tick, place)
            for (shape, tick, place), account_type in zip(STYLES, ("savings", "checking") * 3)]
# Typed documents of the random dev families, as the benchmark draws them.
GENERATED = [Order(f"gen_{i}_{family}", f"forms-test:{i}", kind, family, output=output)
             for i, (kind, family, output) in enumerate([("w9", "w9-g", "digital"), ("w9", "w9-g", "fillable"),
                                                         ("w9", "w9-g", "digital"),
                                                         ("direct_deposit", "dd-g", "digital"),
                                                         ("direct_deposit", "dd-g", "fillable"),
                                                         ("direct_deposit", "dd-g", "digital")])]


# Scanned: a heavy X that fills its square to the corners, a cross in a circle, on a 1-bit 200-dpi scan and a
# slightly skewed greyscale one.
SCANNED_W9 = [("w9_scan_square_X.tif", "s_corporation", "square", "X", scan.ScanSpec(dpi=200, fmt="tiff_g4")),
              ("w9_scan_circle_cross.png", "partnership", "circle", "cross",
               scan.ScanSpec(dpi=200, fmt="png", skew=0.8, noise=5))]


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """`backoffice extract` over every form of this module, by file name."""
    folder = tmp_path_factory.mktemp("random_forms")
    for name, classification, tin_kind, shape, tick, place in W9_CASES:
        record = w9_record(classification, tin_kind)
        (folder / name).write_bytes(draw_w9(record, shape, tick, place, tin_after_caption=place in ("left", "table")))
    for name, account_type, shape, tick, place in DD_CASES:
        (folder / name).write_bytes(draw_direct_deposit(dd_record(account_type), shape, tick, place))
    (folder / "dd_unsigned.pdf").write_bytes(draw_direct_deposit(dd_record("checking", signed=False), "circle", "X",
                                                                 "above"))
    for name, classification, shape, tick, spec in SCANNED_W9:
        pdf = draw_w9(w9_record(classification, "ein"), shape, tick, "left", tin_after_caption=True)
        (folder / name).write_bytes(scan.scan(pdf, spec, random.Random(name)))
    for order in GENERATED:
        build(order).write(folder)
    code, lines, err = extract(*sorted(p for p in folder.iterdir() if not p.name.endswith(".json")))
    assert code == 0, err
    return {Path(line["source"]).name: line for line in lines}


@pytest.mark.parametrize("name, classification, tin_kind, shape, tick, place", W9_CASES, ids=[c[0] for c in W9_CASES])
def test_a_substitute_w9_gives_the_ticked_class_the_tin_and_the_signing_date(read: dict, name: str,
                                                                           classification: str, tin_kind: str,
                                                                           shape: str, tick: str, place: str):
    line = read[name]
    got = values(line)
    assert got.get("tax_classification") == classification, f"{shape} boxes ticked with {tick}"
    assert got.get(tin_kind) == (EIN if tin_kind == "ein" else SSN)
    assert {"ssn", "ein"} - {tin_kind} & set(got) == set(), "an empty TIN box read as a number"
    # Not the office's 'Received' date, not the effective date under the signature.
    assert got.get("signature_date") == SIGNED.isoformat()
    assert not codes(line) & {"w9.classification_not_one", "form.undated"}


@pytest.mark.parametrize("name, account_type, shape, tick, place", DD_CASES, ids=[c[0] for c in DD_CASES])
def test_a_direct_deposit_form_gives_the_primary_account_and_the_signing_date(read: dict, name: str,
                                                                            account_type: str, shape: str, tick: str,
                                                                            place: str):
    line = read[name]
    got = values(line)
    assert (got.get("routing_number"), got.get("account_number")) == (ROUTING, ACCOUNT)
    assert got.get("account_type") == account_type, f"{shape} boxes ticked with {tick}, an empty second account below"
    assert got.get("signature_present") is True
    # Not the date of birth, not the payroll office's date, not the effective date.
    assert got.get("signature_date") == SIGNED.isoformat()
    assert not codes(line) & {"form.unsigned", "form.undated", "direct_deposit.account_type_missing"}


def test_an_unsigned_direct_deposit_form_of_a_new_layout_goes_back(read: dict):
    line = read["dd_unsigned.pdf"]
    assert line["fields"]["signature_present"]["value"] is False
    assert "form.unsigned" in codes(line) and line["status"] == "needs_review"


@pytest.mark.parametrize("name, classification, shape, tick, spec", SCANNED_W9, ids=[c[0] for c in SCANNED_W9])
def test_a_scanned_substitute_w9_gives_the_ticked_class_and_the_signing_date(read: dict, name: str,
                                                                           classification: str, shape: str,
                                                                           tick: str, spec: scan.ScanSpec):
    line = read[name]
    got = values(line)
    assert got.get("tax_classification") == classification, f"{shape} boxes ticked with {tick}, scanned"
    assert got.get("signature_date") == SIGNED.isoformat()
    assert not codes(line) & {"w9.classification_not_one", "form.undated"}


@pytest.mark.parametrize("order", GENERATED, ids=[o.name for o in GENERATED])
def test_a_typed_form_of_a_random_dev_layout_is_read_as_its_truth(read: dict, order: Order):
    sample = build(order)
    line = read[sample.filename]
    got = values(line)
    for field in ("tax_classification", "ssn", "ein", "routing_number", "account_number", "account_type",
                  "signature_present", "signature_date"):
        if field in sample.truth.fields:
            assert got.get(field) == sample.truth.fields[field], field
