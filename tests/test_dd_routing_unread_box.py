"""A scanned direct deposit form whose routing number is written one digit per box, one box a blot no reader can
read as a digit: the number is worked out from its check digit, for a person to confirm; it is neither lost nor
passed as read. Every form is drawn here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import extract
from tests.test_forms_scans import comb_boxes, scanned

THRESHOLD = json.loads((Path(__file__).parents[1] / "validators" / "thresholds.json").read_text())["routing_number"]
EMPLOYEE, BANK, ROUTING, ACCOUNT = "Marisol Okafor", "Tidewater Federal Credit Union", "096461611", "4471203958"


def blotted_routing_pdf(blot: int) -> bytes:
    """The routing number's box `blot` blacked out (a digit written over and inked in), the rest typed."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=letter)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 730, "Direct Deposit Authorization")
    c.setFont("Helvetica", 10)
    y = 680
    for caption, value in (("Employee name", EMPLOYEE), ("Bank name", BANK)):
        c.drawString(60, y, caption)
        c.drawString(200, y, value)
        c.line(195, y - 3, 500, y - 3)
        y -= 30
    c.drawString(60, y, "Routing number")
    shown = ROUTING[:blot] + " " + ROUTING[blot + 1:]
    comb_boxes(c, 200, y - 5, shown, 9)
    bx = 200 + blot * 15
    c.rect(bx + 3, y - 2, 9, 13, stroke=0, fill=1)  # the digit blacked out
    y -= 30
    c.setFont("Helvetica", 10)
    c.drawString(60, y, "Account number")
    comb_boxes(c, 200, y - 5, ACCOUNT, 12)
    c.setFont("Helvetica", 10)
    c.drawString(60, 480, "Signature")
    c.line(120, 478, 330, 478)
    c.drawString(360, 480, "Date")
    c.drawString(395, 482, "03/12/2026")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def line(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("dd_blot")
    code, lines, err = extract(scanned(blotted_routing_pdf(5), folder / "dd_blotted_routing.png"))
    assert code == 0, err
    return lines[0]


def test_a_routing_number_with_one_box_unreadable_is_worked_out_from_its_check_digit_for_review(line):
    field = line["fields"].get("routing_number")
    assert field is not None and field["value"] == ROUTING  # was missing: eight digits read
    assert field["confidence"] < THRESHOLD  # worked out, not read
    assert line["status"] == "needs_review"
    assert "direct_deposit.routing_invalid" not in {issue["code"] for issue in line["issues"]}
