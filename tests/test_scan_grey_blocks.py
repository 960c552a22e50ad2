"""Scans whose header is printed white on a mid grey block read their header and their table."""

from __future__ import annotations

import random
from pathlib import Path

from bench.accuracy import normalise
from samplegen.scan import ScanSpec, scan
from tests.conftest import SAMPLES, extract_drawn, truth_of

REGISTER = SAMPLES / "payroll_a_digital.pdf"


def test_a_register_whose_header_is_white_on_mid_grey_gives_its_employer_period_totals_and_rows(tmp_path: Path):
    # The top third of the page (employer, pay period, the table's column names) printed white on a grey fill
    # about 40 % as light as the paper: tesseract read it as noise, so the register lost its period and every row.
    spec = ScanSpec(dpi=200, fmt="png", skew=1.5, noise=4, blur=0.6, dark_block=0.3, fill=(100, 100, 100))
    lines = extract_drawn(tmp_path, {"grey_header.png": lambda: scan(REGISTER.read_bytes(), spec, random.Random(4))})
    line = lines["grey_header.png"]
    truth = truth_of(REGISTER)
    for name in ("employer_name", "pay_period_start", "pay_period_end", "total_gross", "total_net"):
        assert normalise(name, line["fields"][name]["value"]) == normalise(name, truth["fields"][name]), name
    nets = [normalise("net_pay", row["net_pay"]["value"]) for row in line["tables"]["employees"]]
    assert nets == [normalise("net_pay", row["net_pay"]) for row in truth["tables"]["employees"]]
