"""A vendor's name set over two lines of the same letterhead print ('FJORDLINE' over 'CARGO ApS') is one name; a
brand in large print over the company's full name in smaller print is not joined to it."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read
from tests.test_invoice_logo_styles import invoice_body

W, H = 612, 792


def _invoice(path: Path, lines: list[tuple[str, int]]) -> Path:
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    y = H - 56
    for text, size in lines:
        c.setFont("Helvetica-Bold", size)
        c.drawString(60, y, text)
        y -= size + 2
    c.setFont("Helvetica", 9)
    c.drawString(60, y - 2, "Harbour Road 12, 8000 Aarhus · CVR DK12345678")
    invoice_body(c, [("Due Date", "13/04/2026")])
    c.save()
    return path


def test_a_name_set_over_two_lines_is_read_whole(tmp_path: Path):
    for first, second in (("FJORDLINE", "CARGO ApS"), ("Nordwind", "Handelsgesellschaft mbH")):
        doc = _read(_invoice(tmp_path / "two_lines.pdf", [(first, 18), (second, 18)]))
        assert doc.fields["vendor_name"].value == f"{first} {second}"


def test_a_brand_over_the_full_name_in_smaller_print_stays_apart(tmp_path: Path):
    doc = _read(_invoice(tmp_path / "brand.pdf", [("FJORDLINE", 22), ("Fjordline Cargo ApS", 12)]))
    assert doc.fields["vendor_name"].value == "Fjordline Cargo ApS"
