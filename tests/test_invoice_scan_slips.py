"""A scan's slips in the totals block: a caption split inside a word ('Umsatzsteu er') or with a digit for a letter
('T0tal') is still its caption; a tax row the scan left unreadable between subtotal and total is worked out from them
and held for a person. Pages drawn with reportlab, their words then given the slips as OCR would read them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.pdfgen import canvas

from backoffice.settings import ReaderSettings
from extractors import classify, extract
from reader import read_document
from tests.test_invoice_issuer import H, _items, _pairs
from validators import SeenDocuments, default_rules, validate


def _rechnung(path: Path) -> Path:
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, H - 60, "Elbufer Software KG")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(420, H - 60, "RECHNUNG")
    c.setFont("Helvetica", 10)
    _pairs(c, H - 110, [("Rechnungsnummer", "2025/0615"), ("Rechnungsdatum", "28.09.2025")], label_x=340, value_x=450)
    _items(c, H - 220, ("Beschreibung", "Anzahl", "Einzelpreis", "Betrag"),
           [("Wartung Server", "2", "180,00", "360,00"), ("Lizenz Buchhaltung", "1", "540,00", "540,00")],
           [("Summe netto", "900,00"), ("Umsatzsteuer 19 %", "171,00"), ("Gesamtbetrag", "1.071,00")])
    c.save()
    return path


def _as_scanned(path: Path, slips: dict[str, list[str]]):
    """The page's words as OCR would give them, with each word in `slips` read as the words given for it."""
    doc = read_document(path, ReaderSettings(workers=1))
    for page in doc.pages:
        words = []
        for w in page.words:
            parts = slips.get(w.text, [w.text])
            width = (w.box[2] - w.box[0]) / len(parts)
            for i, text in enumerate(parts):
                words.append(replace(w, text=text, box=(w.box[0] + i * width, w.box[1], w.box[0] + (i + 0.8) * width,
                                                        w.box[3]), confidence=0.93, source="ocr"))
        page.words, page.text_source = words, "ocr"
    classify(doc)
    extract(doc)
    validate(doc, seen=SeenDocuments(), today=date(2026, 6, 1), rules=default_rules())
    return doc


def test_captions_a_scan_split_or_misread_still_hold_their_amounts(tmp_path: Path):
    doc = _as_scanned(_rechnung(tmp_path / "r.pdf"), {"Umsatzsteuer": ["Umsatzsteu", "er"], "Gesamtbetrag": ["Gesamtbetr", "ag"],
                                                        "netto": ["nett0"]})
    assert doc.fields["tax_amount"].value == Decimal("171.00")
    assert doc.fields["subtotal"].value == Decimal("900.00")
    assert doc.fields["total_amount"].value == Decimal("1071.00")


def test_an_unreadable_tax_row_is_worked_out_and_held(tmp_path: Path):
    doc = _as_scanned(_rechnung(tmp_path / "r.pdf"), {"Umsatzsteuer": ["SR"], "19": ["TEN"], "%": ["~"],
                                                        "171,00": ["riimane"]})
    tax = doc.fields["tax_amount"]
    assert tax.value == Decimal("171.00")  # 1.071,00 - 900,00
    assert tax.confidence < 0.8
    assert "tax_amount" in doc.evidence["worked_out"]
    assert doc.status == "needs_review"
