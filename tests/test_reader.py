"""The reader on real scans with real tesseract: pages turned and skewed read right, every format gives its pages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from backoffice.settings import ReaderSettings
from bench.accuracy import normalise
from reader import read_document
from reader.ocr import ocr_regions
from reader.preprocess import for_ocr
from samplegen import scan
from samplegen.generate import build, plan
from tests.conftest import SAMPLES, truth_of
from tests.test_invoice_issuer import _read

SETTINGS = ReaderSettings(workers=1)


@pytest.fixture(scope="module")
def upright_page(tmp_path_factory) -> Path:
    """A 300-dpi scan of the digital sample invoice, as a scanner would give it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SAMPLES / "invoice_en_a_digital.pdf"))
    image = pdf[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    path = tmp_path_factory.mktemp("scan") / "upright.png"
    image.save(path, dpi=(300, 300))
    return path


@pytest.mark.parametrize("turn, expected_rotation", [
    (Image.Transpose.ROTATE_90, 270), (Image.Transpose.ROTATE_180, 180), (Image.Transpose.ROTATE_270, 90),
])
def test_a_page_put_on_the_scanner_turned_reads_upright(upright_page: Path, tmp_path: Path, turn, expected_rotation):
    turned = tmp_path / "turned.png"
    Image.open(upright_page).transpose(turn).save(turned, dpi=(300, 300))
    doc = read_document(turned, SETTINGS)
    page = doc.pages[0]
    assert page.rotation == expected_rotation
    assert page.height > page.width  # boxes are on the page as a person sees it: portrait again
    assert "Invoice" in page.text or "INVOICE" in page.text
    # the total reads the same as printed on the digital original
    total = truth_of(SAMPLES / "invoice_en_a_digital.pdf")["fields"]["total_amount"]
    assert total in page.text.replace(",", "")


@pytest.mark.parametrize("degrees", [3.5, -4.0])
def test_a_skewed_scan_is_straightened_before_ocr(upright_page: Path, tmp_path: Path, degrees: float):
    skewed = tmp_path / "skewed.png"
    Image.open(upright_page).rotate(degrees, expand=True, fillcolor=255).save(skewed, dpi=(300, 300))
    page = read_document(skewed, SETTINGS).pages[0]
    assert page.skew == pytest.approx(degrees, abs=0.3)
    words = [w for w in page.words if w.text.lower().startswith("invoice")]
    assert words and min(w.confidence for w in words) > 0.8


def test_committed_rotated_and_skewed_samples_read_their_invoice_numbers():
    for name in ("invoice_en_b_scan200_rot180.jpg", "invoice_de_c_scan150_rot90.png", "invoice_en_a_scan300_skew3.png"):
        doc = read_document(SAMPLES / name, SETTINGS)
        assert doc.pages[0].rotation in (0, 90, 180, 270)
        assert doc.pages[0].ocr_confidence > 0.8, name


def test_a_multi_page_g4_tiff_gives_one_ocr_page_per_frame():
    path = SAMPLES / "invoice_en_d_multipage_tiff_g4.tif"
    with Image.open(path) as img:
        frames = img.n_frames
        assert img.info.get("compression") == "group4"
    doc = read_document(path, SETTINGS)
    assert frames >= 2 and len(doc.pages) == frames
    assert all(p.text_source == "ocr" and p.words for p in doc.pages)
    assert doc.text_source == "ocr"


def test_a_mixed_pdf_reads_text_pages_from_the_text_layer_and_scanned_pages_by_ocr():
    doc = read_document(SAMPLES / "invoice_en_a_mixed.pdf", SETTINGS)
    sources = [p.text_source for p in doc.pages]
    assert sources == ["text_layer", "ocr"]
    assert doc.text_source == "mixed"
    assert all(p.words for p in doc.pages)


def test_filled_in_form_fields_are_read_as_words_where_they_stand():
    doc = read_document(SAMPLES / "w9_fillable.pdf", SETTINGS)
    form_words = [w for p in doc.pages for w in p.words if w.form_field]
    assert form_words, "the fillable W-9's values live only in form fields"
    assert any(w.text in ("☒",) for w in form_words)  # the ticked classification box
    assert all(0 <= c <= 1 for w in form_words for c in w.box)


def test_a_vendor_name_printed_only_in_a_logo_is_read_by_ocr_of_that_image():
    doc = read_document(SAMPLES / "invoice_en_b_logo_digital.pdf", SETTINGS)
    ocr_words = [w for w in doc.pages[0].words if w.source == "ocr"]
    assert ocr_words and doc.pages[0].text_source == "text_layer"



def test_parts_of_a_fax_compressed_tiff_page_are_read_not_taken_for_a_corrupt_file():
    """Ink the page OCR missed and comb boxes are read in a second run over crops of the page. A Group 4 (1-bit
    fax) scan's crops carry its encoding along; that second run used to fail on it and quarantine the scan as
    corrupt (seen on a fax-compressed invoice with a signature line)."""
    with Image.open(SAMPLES / "w9_c_tiff_g4.tif") as img:
        assert img.info.get("compression") == "group4"
        img.load()
        top = img.crop((0, 0, img.width, img.height // 12))
    assert top.info.get("compression") == "group4"
    words = ocr_regions([top], lang="eng", timeout_s=60, psm=6)[0]
    assert sum(w.text.isalpha() and len(w.text) >= 3 for w in words) >= 3, [w.text for w in words]


def test_dust_on_a_scan_is_cleared_before_ocr_but_decimal_points_and_the_dots_of_letters_stay(tmp_path: Path):
    """A speck in the blank before a quantity made tesseract read '. 1' as 'at' and the quantity was lost."""
    from PIL import ImageDraw, ImageFont

    page = Image.new("L", (2400, 600), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 42)  # 10 pt at 300 dpi
    draw.text((100, 100), "Freight charge", font=font, fill=0)
    draw.text((1300, 100), "1", font=font, fill=0)
    draw.text((1800, 100), "117.24", font=font, fill=0)
    draw.text((100, 300), "Müller Büroservice, item list", font=font, fill=0)
    dust = [(1240, 128), (700, 420), (2000, 500), (1500, 60)]
    for x, y in dust:
        draw.rectangle((x, y, x + 3, y + 3), fill=40)
    path = tmp_path / "dusty.png"
    page.save(path, dpi=(300, 300))

    cleaned = for_ocr(page, 300, form=False)
    assert all(cleaned.getpixel((x + 1, y + 1)) == 255 for x, y in dust)
    # every glyph's ink is still there: only the dust changed
    changed = int((np.asarray(page) != np.asarray(cleaned)).sum())
    assert changed <= len(dust) * 16
    words = [w.text for w in read_document(path, SETTINGS).pages[0].words]
    assert "117.24" in words and "1" in words, words


def test_white_print_on_a_dark_band_is_read_and_a_bold_heading_over_it_stays(tmp_path: Path):
    """A table's column headers printed white on a black band read as noise; turned to dark print on paper before
    OCR they read. Black print above the band (a bold heading) is no band and stays as printed."""
    from PIL import ImageDraw, ImageFont

    rng = np.random.default_rng(3)
    page = Image.new("L", (2400, 700), 250)
    draw = ImageDraw.Draw(page)
    bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 90)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 36)
    draw.text((100, 60), "Payroll Report", font=bold, fill=20)
    draw.rectangle((100, 300, 2300, 370), fill=30)
    for x, text in ((120, "Employee"), (900, "Hours"), (1400, "Gross"), (2000, "Deductions")):
        draw.text((x, 313), text, font=font, fill=245)
    noisy = np.clip(np.asarray(page, dtype=np.float32) + rng.normal(0, 6, (700, 2400)), 0, 255).astype(np.uint8)
    page = Image.fromarray(noisy, mode="L")
    path = tmp_path / "band.png"
    page.save(path, dpi=(300, 300))

    cleaned = np.asarray(for_ocr(page, 300, form=False))
    assert cleaned[305:365, 1700:1900].mean() > 240  # the band's fill is paper now, its print dark
    assert (cleaned[310:360, 120:400] < 100).sum() > 2000
    heading = np.asarray(page)[60:170, 100:900] < 100
    assert (cleaned[60:170, 100:900] < 100)[heading].mean() > 0.99
    words = [w.text for w in read_document(path, SETTINGS).pages[0].words]
    assert {"Payroll", "Report", "Employee", "Hours", "Gross", "Deductions"} <= set(words), words


def test_a_scanned_dark_band_leaves_no_outline_round_its_header(tmp_path: Path):
    """A scanner softens a black header band's edge into a fade from black to paper. Turned like the band's print,
    that fade became a grey box round the header, and tesseract read the header and the row under it as noise."""
    from PIL import ImageDraw, ImageFilter, ImageFont

    page = Image.new("L", (2400, 500), 248)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 36)
    draw.rectangle((100, 100, 2300, 170), fill=40)
    for x, text in ((120, "Employee"), (900, "Hours"), (1400, "Gross"), (2000, "Net")):
        draw.text((x, 113), text, font=ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 36),
                  fill=245)
    for x, text in ((120, "Tyrone Williams"), (900, "40.00"), (1400, "2,821.27"), (2000, "1,955.91")):
        draw.text((x, 200), text, font=font, fill=30)
    page = page.filter(ImageFilter.GaussianBlur(2))

    cleaned = np.asarray(for_ocr(page, 300, form=False))
    for y in (*range(92, 100), *range(171, 180)):  # the fade over and under the band: paper now
        assert cleaned[y, 700:850].min() > 235, y
    path = tmp_path / "band.png"
    page.save(path, dpi=(300, 300))
    words = [w.text for w in read_document(path, SETTINGS).pages[0].words]
    assert {"Employee", "Hours", "Gross", "Net", "Tyrone", "Williams", "40.00", "2,821.27", "1,955.91"} <= set(words)


def test_a_150_dpi_fax_quality_scan_is_smoothed_and_enlarged_before_ocr_so_its_register_reads(tmp_path: Path, monkeypatch):
    # A register from a dev family, scanned to a 1-bit 150-dpi TIFF: its small print came out as broken strokes,
    # and tesseract read a third of the employee cells.
    plain = scan.random_spec
    # The scan as the generator drew it before its dev scans were widened (dark blocks, tinted paper, light toner).
    monkeypatch.setattr(scan, "random_spec", lambda rng, pages, color=False, widened=False: plain(rng, pages, color=color))
    sample = build(plan(34, 574, scan_share=1, which="dev")[573])
    assert sample.meta.variant == "scan-150dpi-rot180-tiff-g4"  # upside down, too
    path = tmp_path / f"register.{sample.ext}"
    path.write_bytes(sample.data)
    truth = sample.truth.tables["employees"]

    doc = _read(path)

    rows = doc.tables["employees"]
    assert len(rows) == len(truth)
    right = sum(normalise(col, str(row[col].value)) == normalise(col, value)
                for row, want in zip(rows, truth) for col, value in want.items() if col in row)
    cells = sum(len(want) for want in truth)
    assert right >= 0.85 * cells
    assert [r["net_pay"].value for r in rows] == [Decimal(w["net_pay"]) for w in truth]
