"""A column of figures tesseract's page layout passed over (it happens under a header block on a scanned invoice) is
read line by line from the ink no word covers; a page with only a few such patches gets no extra pass."""

from __future__ import annotations

from PIL import Image, ImageDraw

from reader.ocr import ocr_words
from reader.scan import _MANY_UNREAD, read_unread_ink
from samplegen.drawing import ttf

ROWS = [("Lieferung und Montage", "267,58"), ("Sechskantschrauben M8", "67,25"), ("Netzwerkkabel Cat6", "129,36"),
        ("Kopierpapier A4", "841,60"), ("Stretchfolie 500 mm", "90,40"), ("Tonerkartusche schwarz", "3.666,20"),
        ("LED-Panel 600 x 600", "1.239,60"), ("Versandkartons 400", "224,00"), ("Buerodrehstuhl", "983,40"),
        ("Hydraulikschlauch", "852,00")]


def _page() -> Image.Image:
    page = Image.new("L", (2480, 1800), 255)
    draw = ImageDraw.Draw(page)
    font = ttf("DejaVuSans.ttf", 42)
    for i, (text, amount) in enumerate(ROWS):
        y = 150 + 150 * i
        draw.text((200, y), text, font=font, fill=0)
        draw.text((2200, y), amount, font=font, fill=0, anchor="ra")
    return page


def _figures(words) -> set[str]:
    return {w.text for w in words if w.box[0] > 0.6}


def test_a_column_page_ocr_passed_over_is_read():
    page = _page()
    read = ocr_words(page, lang="eng", timeout_s=60).words
    assert _figures(read) == {amount for _, amount in ROWS}
    without_column = [w for w in read if w.box[0] < 0.6]  # as tesseract's layout sometimes leaves a column out
    found = read_unread_ink(page, 300, without_column, lang="eng", timeout_s=60, min_patches=_MANY_UNREAD)
    assert _figures(found) >= {amount for _, amount in ROWS[:8]}
    assert all(w.source == "ocr" and 0 <= w.box[1] < w.box[3] <= 1 for w in found)


def test_a_few_uncovered_patches_get_no_extra_pass():
    page = _page()
    read = ocr_words(page, lang="eng", timeout_s=60).words
    some_left_out = [w for w in read if w.text not in {"267,58", "67,25", "129,36"}]
    assert read_unread_ink(page, 300, some_left_out, lang="eng", timeout_s=60, min_patches=_MANY_UNREAD) == []
