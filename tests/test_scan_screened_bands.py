"""Black-and-white scans (a fax, a 1-bit TIFF) print a grey band as a screen of dots with its words cut out white:
such a band is turned to dark print on paper before OCR, and print that merely looks busy is left alone."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
from PIL import Image

from bench.accuracy import normalise
from reader.screens import screens_turned
from samplegen.scan import ScanSpec, scan
from tests.conftest import SAMPLES, extract_drawn, truth_of

REGISTER = SAMPLES / "payroll_a_digital.pdf"


def test_a_fax_whose_header_is_a_screened_grey_band_gives_its_employer_columns_and_totals(tmp_path: Path):
    # The register's top third printed white on a mid grey fill, scanned to 1 bit: the grey comes out as dots, the
    # words as paper cut out of them. Before, OCR read the band as noise: no employer, and no column names, so no
    # rows. (Its small serif print in the band, the period's dates and the first rows, stays hard to read.)
    spec = ScanSpec(dpi=200, fmt="png", skew=0.4, noise=3, blur=0.5, dark_block=0.3, fill=(110, 110, 110))

    def fax() -> bytes:
        grey = Image.open(io.BytesIO(scan(REGISTER.read_bytes(), spec, random.Random(5)))).convert("L")
        out = io.BytesIO()
        grey.convert("1", dither=Image.Dither.FLOYDSTEINBERG).save(out, "TIFF", compression="group4", dpi=(200, 200))
        return out.getvalue()

    line = extract_drawn(tmp_path, {"screened.tif": fax})["screened.tif"]
    truth = truth_of(REGISTER)
    for name in ("employer_name", "total_gross", "total_net"):
        assert normalise(name, line["fields"][name]["value"]) == normalise(name, truth["fields"][name]), name
    nets = [normalise("net_pay", row["net_pay"]["value"]) for row in line["tables"]["employees"]]
    below_the_band = [normalise("net_pay", row["net_pay"]) for row in truth["tables"]["employees"]][-4:]
    assert nets[-4:] == below_the_band


def test_dense_small_print_and_white_print_on_black_are_no_screen():
    rng = np.random.default_rng(3)
    page = np.full((800, 1200), 255, dtype=np.uint8)
    for top in range(40, 700, 22):  # lines of small print: strokes with paper round them and between the lines
        for left in range(40, 1100, 9):
            if rng.random() < 0.85:
                page[top:top + 12, left:left + 2] = 0
                page[top + rng.integers(0, 10), left:left + 6] = 0
    assert screens_turned(page, 200) is None
    black = page.copy()
    black[300:420, 100:1100] = 0  # a black band with white print on it: preprocess turns those
    black[340:380, 150:1050:9] = 255
    turned = screens_turned(black, 200)
    assert turned is None or np.array_equal(turned, black)
    grey = np.asarray(Image.fromarray(page).convert("L"))  # a grey scan is no screen to smooth, whatever it shows
    grey = grey.copy()
    grey[0, 0] = 128
    assert screens_turned(grey, 200) is None
