"""What a file is, by its first bytes (never by its name), and what to tell the sender if it is not a document."""

from __future__ import annotations

from pathlib import Path

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
GIF = "image/gif"
BMP = "image/bmp"
WEBP = "image/webp"

IMAGE_TYPES = {PNG, JPEG, TIFF, GIF, BMP, WEBP}

# Things clients drop by mistake, named so the sender knows what to export instead.
_NOT_DOCUMENTS = [
    (b"PK\x03\x04", "a ZIP archive (or an Office file such as .docx or .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc or .xls)"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF text file"),
    (b"<?xml", "an XML file"),
    (b"<html", "a web page"),
    (b"<!DOCTYPE", "a web page"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
]


def media_type(head: bytes) -> str | None:
    """The document media type the bytes start with, or None when they are no PDF or image we read."""
    if b"%PDF-" in head[:1024]:  # the spec lets junk precede the header
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head.startswith(b"BM"):
        return BMP
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def describe_non_document(head: bytes) -> str:
    """A few words for what a non-document file looks like, for the quarantine message."""
    stripped = head.lstrip()
    for magic, what in _NOT_DOCUMENTS:
        if stripped[: len(magic)].lower() == magic.lower():
            return what
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "binary data of an unknown kind"
    return "a plain text file"


def read_head(path: Path, size: int = 1024) -> bytes:
    with path.open("rb") as f:
        return f.read(size)
