"""Scans printed with light toner (a printer running out, a faint copy) are turned upright and read."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

from bench.accuracy import normalise
from reader.preprocess import analyse
from samplegen.scan import ScanSpec, scan
from tests.conftest import SAMPLES, extract_drawn, truth_of

INVOICE = SAMPLES / "invoice_en_a_digital.pdf"


def _light_toner_scan(turned: int) -> bytes:
    # Print at 40 % of its blackness on white paper: a fixed ink threshold sees only its darkest strokes and
    # the page's dust, and the page was turned a quarter or upside down before OCR.
    spec = ScanSpec(dpi=240, fmt="png", rotation=turned, noise=4, blur=0.6, toner=0.4)
    return scan(INVOICE.read_bytes(), spec, random.Random(3))


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_an_invoice_printed_with_light_toner_is_turned_upright_however_it_lay_on_the_scanner(turned: int):
    page = Image.open(io.BytesIO(_light_toner_scan(turned))).convert("L")
    assert analyse(page).rotation == (360 - turned) % 360


def test_an_invoice_printed_with_light_toner_scanned_sideways_gives_its_vendor_dates_and_total(tmp_path: Path):
    lines = extract_drawn(tmp_path, {"faint.png": lambda: _light_toner_scan(90)})
    fields = lines["faint.png"]["fields"]
    truth = truth_of(INVOICE)["fields"]
    for name in ("vendor_name", "invoice_date", "due_date", "total_amount"):
        assert normalise(name, fields[name]["value"]) == normalise(name, truth[name]), name
