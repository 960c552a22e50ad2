"""A requester's own short substitute W-9 (a vendor set-up form, a 'Taxpayer ID certification') is a W-9 although it
names the number by a short name ('Tax ID', 'TIN') and the entity's kind by its own caption; a letter that only asks
for a W-9 stays unknown. Pages drawn with reportlab."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_classify_cues import _kind, _page

VENDOR_SETUP = [
    "Acme Supply Co.", "Vendor Set-Up Form", "Legal name: Cedar Ridge Staffing Inc.",
    "Tax ID (EIN or SSN): 27-4119386", "Entity type:  [X] Corporation   [ ] LLC   [ ] Partnership   [ ] Sole proprietor",
    "Address: 2531 Elm Street", "City, State, ZIP: Springfield, IL 62706", "Signature ______________   Date 03/04/2026",
]
SHORT_SUBSTITUTE = ["Substitute W-9", "Payee name: Cedar Ridge Staffing Inc.", "TIN: 27-4119386",
                    "Signature ______________   Date 03/04/2026"]
COVER_LETTER = ["Acme Supply Co.", "Dear Vendor,", "please complete the enclosed Form W-9 and return it with your invoice.",
                "Regards, Accounts Payable"]


@pytest.mark.parametrize("lines, kind", [(VENDOR_SETUP, ("form", "w9")), (SHORT_SUBSTITUTE, ("form", "w9")),
                                         (COVER_LETTER, ("unknown", None))])
def test_a_short_substitute_w9_is_a_w9_and_a_letter_asking_for_one_is_not(tmp_path: Path, lines: list[str], kind: tuple):
    assert _kind(_page(tmp_path / "form.pdf", lines)) == kind
