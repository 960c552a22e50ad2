"""Employers whose names hold words a header's other fields use ('by', 'bank', 'funding', a month's first letters):
the name is read whole, as printed."""

from __future__ import annotations

import pytest

from tests.test_invoice_issuer import _read
from tests.test_payroll_header_spellings import _letterhead, _register

PERIOD = [(40, 700, "Pay Period: 11/01/2026 - 11/15/2026", "Helvetica", 9),
          (300, 700, "Check Date: 11/20/2026", "Helvetica", 9)]
LABELLED = [(40, 740, "Payroll Register", "Helvetica-Bold", 14), (40, 715, "Company: Cakes by Anna LLC", "Helvetica", 9)]


@pytest.mark.parametrize("header, name", [
    (_letterhead("Floors by Design LLC") + PERIOD, "Floors by Design LLC"),  # no printer after whom for
    (LABELLED + PERIOD, "Cakes by Anna LLC"),
    (_letterhead("Riverbank Logistics LLC") + PERIOD, "Riverbank Logistics LLC"),  # no bank
    (_letterhead("Liberty Funding LLC") + PERIOD, "Liberty Funding LLC"),  # no funding account
    (_letterhead("Octagon 3 Media Inc.") + PERIOD, "Octagon 3 Media Inc."),  # no 'Oct 3' date
    (_letterhead("Junction 9 Logistics Ltd") + PERIOD, "Junction 9 Logistics Ltd"),
], ids=["by", "labelled_by", "bank_in_a_word", "funding", "octagon", "junction"])
def test_an_employer_whose_name_holds_another_fields_word_is_read_whole(tmp_path, header, name):
    employer = _read(_register(tmp_path / "register.pdf", header)).fields["employer_name"]
    assert employer.value == name and employer.confidence >= 0.9
