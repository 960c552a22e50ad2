"""File-level faulty samples: files the reader must quarantine before any OCR.

Each maker returns the file's bytes; the encrypted and truncated PDFs start out as ordinary digital
invoices.
"""

from __future__ import annotations

import functools
import io
import random
import struct
import zipfile
import zlib

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject

from samplegen.sample import Truth

# fault -> (issue code, file extension the sender gave it)
FILE_FAULTS = {
    "empty": ("file.empty", "pdf"),
    "text_as_pdf": ("file.not_a_document", "pdf"),
    "zip_as_pdf": ("file.not_a_document", "pdf"),
    "encrypted": ("file.encrypted", "pdf"),
    "truncated": ("file.corrupt", "pdf"),
    "image_too_large": ("file.image_too_large", "png"),
}

MAIL_TEXT = """From: accounts@{slug}.com
To: ap-inbox@example.org
Subject: Invoice {number}
Date: {day} Mar 2026 09:{minute:02d}:12 +0000

Hello,

please find our invoice {number} attached. Payment is due within 30 days.

Kind regards
Accounts Receivable
"""


def truth(fault: str) -> Truth:
    return Truth("unknown", None, {}, {}, {"status": "quarantined", "issues": [FILE_FAULTS[fault][0]]})


def text_as_pdf(rng: random.Random) -> bytes:
    """A mail saved as text and renamed .pdf: the attachment itself never made it."""
    return MAIL_TEXT.format(slug=rng.choice(("harlow", "bluepeak", "kessler")),
                            number=f"INV-{rng.randint(10000, 99999)}", day=rng.randint(1, 28),
                            minute=rng.randint(0, 59)).encode()


def zip_as_pdf(rng: random.Random) -> bytes:
    """An e-invoice ZIP (XML and a note) sent with a .pdf name; fixed timestamps keep it reproducible."""
    number = f"INV-{rng.randint(10000, 99999)}"
    amount = f"{rng.randint(100, 9999)}.{rng.randint(0, 99):02d}"
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Invoice><ID>{number}</ID><IssueDate>2026-03-04</IssueDate>'
           f'<PayableAmount currencyID="EUR">{amount}</PayableAmount></Invoice>\n')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in ((f"{number}.xml", xml), ("readme.txt", "Electronic invoice. Open the XML file.\n")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 3, 4, 12, 0, 0)), text)
    return out.getvalue()


def encrypted(rng: random.Random, pdf: bytes) -> bytes:
    """The PDF protected with a user password (RC4-128, which needs no random salt)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    file_id = ByteStringObject(rng.randbytes(16))
    # pypdf draws a random file identifier; pinning it (before and after) keeps the bytes reproducible.
    writer._ID = ArrayObject([file_id, file_id])
    writer.encrypt(user_password=f"pay{rng.randint(1000, 9999)}", owner_password=f"own{rng.randint(1000, 9999)}",
                   algorithm="RC4-128")
    writer._ID = ArrayObject([file_id, file_id])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated(pdf: bytes) -> bytes:
    """The first 60% of the bytes, as an interrupted upload leaves it."""
    return pdf[: int(len(pdf) * 0.6)]


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


@functools.lru_cache(maxsize=1)
def image_too_large(side: int = 30000) -> bytes:
    """A valid 1-bit PNG of side x side pixels, almost all white: ~100 KB on disk, ~900 MB once decoded
    into 8-bit greyscale. A short black bar keeps it from being entirely blank."""
    stride = (side + 7) // 8
    white = b"\x00" + b"\xff" * stride
    bar = b"\x00" + b"\xff" * (stride // 3) + b"\x00" * (stride // 3) + b"\xff" * (stride - 2 * (stride // 3))
    packer = zlib.compressobj(9)
    body = [packer.compress(bar if side // 2 <= y < side // 2 + 40 else white) for y in range(side)]
    body.append(packer.flush())
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit, greyscale, no interlace
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", b"".join(body)) \
        + _png_chunk(b"IEND", b"")


def make(fault: str, rng: random.Random, pdf: bytes) -> bytes:
    """The bytes of a file-level fault; `pdf` is the document the damaged file started from."""
    if fault == "empty":
        return b""
    if fault == "text_as_pdf":
        return text_as_pdf(rng)
    if fault == "zip_as_pdf":
        return zip_as_pdf(rng)
    if fault == "encrypted":
        return encrypted(rng, pdf)
    if fault == "truncated":
        return truncated(pdf)
    return image_too_large()
