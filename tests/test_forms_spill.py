"""A direct deposit form whose accounts are a ruled table: a bank name too long for its cell runs over the cell's
edge into the routing number printed in the next cell, so the text layer holds 'Union021000021' as one word. The
name and the number are read apart, whether the name was shrunk to a smaller font or not. The form is drawn here."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import extract
from tests.test_forms import values

BANK, ROUTING, ACCOUNT = "Northern Pines Federal Credit Union", "021000021", "4471203958"


def spilled_form(path: Path, name_size: float) -> Path:
    c = Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(50, 730, "Direct Deposit Authorization")
    c.setFont("Helvetica", 10)
    c.drawString(50, 700, "Employee name")
    c.drawString(150, 700, "Dana Whitfield")
    c.drawString(50, 684, "Employee ID")
    c.drawString(150, 684, "E-20417")
    # The accounts table: ruled cells, captions over them; the name runs a little past its cell's right edge and
    # the routing number is printed right where it ends.
    name_end = 113 + c.stringWidth(BANK, "Courier", name_size)
    cols = [50, 110, name_end - 10, name_end + 90, name_end + 200]
    c.setLineWidth(0.6)
    for y in (640, 660, 680):
        c.line(cols[0], y, cols[-1], y)
    for x in cols:
        c.line(x, 640, x, 680)
    c.setFont("Helvetica-Bold", 8)
    for x, caption in zip(cols, ("Account", "Bank name", "Routing number", "Account number")):
        c.drawString(x + 3, 666, caption)
    c.setFont("Courier", 9)
    c.drawString(cols[0] + 3, 646, "Primary")
    c.setFont("Courier", name_size)
    c.drawString(113, 646, BANK)
    c.setFont("Courier", 9)
    c.drawString(name_end, 646, ROUTING)
    c.drawString(cols[3] + 3, 646, ACCOUNT)
    c.setFont("Helvetica", 9)
    c.drawString(50, 610, "Account type:  Checking")
    c.drawString(50, 560, "Signature: ______________________     Date: 03/12/2026")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("name_size", [6.0, 9.0])
def test_a_bank_name_running_into_the_routing_cell_is_read_apart_from_the_number(tmp_path: Path, name_size: float):
    code, lines, err = extract(spilled_form(tmp_path / "dd.pdf", name_size))
    got = values(lines[0])
    assert got.get("bank_name") == BANK
    assert got.get("routing_number") == ROUTING
