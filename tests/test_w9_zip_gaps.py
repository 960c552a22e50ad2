"""A W-9 whose ZIP code was written with gaps ('GA 31 441') or run into the state ('AZ85732'), as handwriting often
is: the city line gives the ZIP whole, for a person to confirm. Every form is drawn here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportlab.lib.pagesizes import LETTER

from samplegen.drawing import Sheet
from tests.conftest import extract_drawn
from tests.test_w9_structures import EIN, H, L, Form

THRESHOLD = json.loads((Path(__file__).parents[1] / "validators" / "thresholds.json").read_text())["city_state_zip"]


def city_line(city: str) -> bytes:
    """A vendor form with the payee's name, street and city lines, the city line as the payee wrote it."""
    f = Form.__new__(Form)
    f.c, f.y = Sheet(LETTER), H - 50
    f.say(L, f.y, "Vendor Setup Form (W-9)", bold=True, size=13)
    f.y -= 30
    for label, value in (("Legal name", "Cedar Ridge Staffing Inc."), ("Street address", "2531 Elm Street"),
                         ("City, State, ZIP", city)):
        f.entry(label + ":", value)
    f.boxes("llc")
    f.entry("EIN:", "27-4119386")
    return f.pdf()


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    forms = {"gaps.pdf": lambda: city_line("Savannah, GA 31 441"), "closed.pdf": lambda: city_line("Tucson, AZ85732")}
    return extract_drawn(tmp_path_factory.mktemp("w9_zip"), forms)


@pytest.mark.parametrize("name, whole", [("gaps.pdf", "Savannah, GA 31441"), ("closed.pdf", "Tucson, AZ 85732")])
def test_a_zip_code_written_with_gaps_or_run_into_the_state_is_read_whole_for_review(results, name, whole):
    cities = [f for k, f in results[name]["fields"].items() if k == "city_state_zip"]
    assert cities and cities[0]["value"] == whole
    assert cities[0]["confidence"] < THRESHOLD
    assert results[name]["fields"]["ein"]["value"] == EIN
