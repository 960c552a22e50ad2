"""Every file a client drops is accounted for: bad ones come out quarantined with a reason the sender can act on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import jsonschema
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from tests.conftest import extract


def _pdf(path: Path, pages: int = 1, text: str = "Invoice No. 4711 Total 12.00") -> Path:
    c = canvas.Canvas(str(path), invariant=1)
    for i in range(pages):
        c.drawString(72, 720, f"{text} page {i + 1}")
        c.showPage()
    c.save()
    return path


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    """A folder as client IT leaves it: one good PDF among files that are broken in every way we know."""
    folder = tmp_path / "drop"
    folder.mkdir()
    _pdf(folder / "a_good.pdf")
    (folder / "b_empty.pdf").write_bytes(b"")
    (folder / "c_notes.pdf").write_text("meeting notes, not an invoice\n")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    (folder / "d_invoice.docx.pdf").write_bytes(archive.getvalue())
    writer = PdfWriter()
    writer.append(PdfReader(_pdf(tmp_path / "plain.pdf")))
    writer.encrypt("secret")
    writer.write(folder / "e_locked.pdf")
    whole = _pdf(tmp_path / "whole.pdf").read_bytes()
    (folder / "f_cut_short.pdf").write_bytes(whole[: len(whole) * 6 // 10])
    Image.new("1", (30000, 30000), 1).save(folder / "g_bomb.png", optimize=True)
    (folder / "h_garbage.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50)
    return folder


EXPECTED = {
    "a_good.pdf": None,
    "b_empty.pdf": "file.empty",
    "c_notes.pdf": "file.not_a_document",
    "d_invoice.docx.pdf": "file.not_a_document",
    "e_locked.pdf": "file.encrypted",
    "f_cut_short.pdf": "file.corrupt",
    "g_bomb.png": "file.image_too_large",
    "h_garbage.png": "file.corrupt",
}


def test_every_bad_file_is_quarantined_with_its_reason_and_the_rest_still_read(drop: Path, schema: dict):
    code, lines, _ = extract(drop)
    assert code == 0
    assert [Path(line["source"]).name for line in lines] == sorted(EXPECTED)  # one line per file, sorted walk
    for line in lines:
        jsonschema.validate(line, schema)
        expected = EXPECTED[Path(line["source"]).name]
        if expected is None:
            assert line["status"] != "quarantined" and line["pages"] == 1
            continue
        assert line["status"] == "quarantined", line
        assert line["doc_type"] == "unknown"
        assert [i["code"] for i in line["issues"]] == [expected]
        assert len(line["sha256"]) == 64


def test_messages_say_what_was_wrong_and_what_to_do(drop: Path):
    _, lines, _ = extract(drop)
    messages = {Path(line["source"]).name: line["issues"][0]["message"] for line in lines if line["issues"]
                and line["status"] == "quarantined"}
    assert "ZIP archive" in messages["d_invoice.docx.pdf"] and "PDF" in messages["d_invoice.docx.pdf"]
    assert "password" in messages["e_locked.pdf"] and "Ask the sender" in messages["e_locked.pdf"]
    assert "truncated" in messages["f_cut_short.pdf"]
    assert "30000 x 30000" in messages["g_bomb.png"] and "BACKOFFICE_MAX_PIXELS" in messages["g_bomb.png"]


def test_limits_on_size_and_pages_are_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _pdf(tmp_path / "long.pdf", pages=3)
    monkeypatch.setenv("BACKOFFICE_MAX_PAGES", "2")
    _, lines, _ = extract(tmp_path / "long.pdf")
    assert lines[0]["issues"][0]["code"] == "file.too_many_pages"
    assert "3 pages" in lines[0]["issues"][0]["message"]
    monkeypatch.delenv("BACKOFFICE_MAX_PAGES")
    monkeypatch.setenv("BACKOFFICE_MAX_FILE_MB", "0.0001")
    _, lines, _ = extract(tmp_path / "long.pdf")
    assert lines[0]["issues"][0]["code"] == "file.too_large"


def test_a_page_that_takes_too_long_to_ocr_is_quarantined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    scan = tmp_path / "scan.png"
    Image.new("L", (2550, 3300), 255).save(scan)
    from PIL import ImageDraw
    img = Image.open(scan)
    draw = ImageDraw.Draw(img)
    for y in range(100, 3200, 40):
        draw.text((100, y), "Invoice number 4711 total amount due " * 5, fill=0)
    img.save(scan)
    monkeypatch.setenv("BACKOFFICE_OCR_TIMEOUT_S", "0.05")
    _, lines, _ = extract(scan)
    assert lines[0]["status"] == "quarantined"
    assert lines[0]["issues"][0]["code"] == "file.ocr_timeout"


def test_a_missing_path_is_a_usage_error_with_exit_code_2(tmp_path: Path):
    code, lines, err = extract(tmp_path / "nope.pdf")
    assert code == 2 and lines == []
    assert "no such file" in err
