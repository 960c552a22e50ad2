"""A register's totals row is the last row that adds up the employee rows above it, whatever its label says: a
word the vocabulary does not know, a count, or no label at all. Its amounts are the totals, and it is no employee."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.test_invoice_issuer import _read
from tests.test_payroll_header import ROWS, _register as register


def _register(path: Path, totals_label: str) -> None:
    register(path, [(40, 25, "Employer: Northgate Logistics LLC"), (40, 40, "Pay period: 03/01/2026 - 03/14/2026"),
                    (400, 40, "Pay date: 03/20/2026")], totals_label=totals_label)


@pytest.mark.parametrize("totals_label", ["Company-wide", "All employees (3)", ""])
def test_the_last_row_that_adds_up_the_rows_is_the_totals_row_whatever_its_label(tmp_path: Path, totals_label: str):
    path = tmp_path / "register.pdf"
    _register(path, totals_label)
    doc = _read(path)
    totals = {name: doc.fields[name].value for name in ("total_gross", "total_deductions", "total_net")}
    assert totals == {"total_gross": Decimal("3165.00"), "total_deductions": Decimal("645.00"),
                      "total_net": Decimal("2520.00")}
    assert [r["employee_name"].value for r in doc.tables["employees"]] == [row[1] for row in ROWS]
    assert doc.fields["total_net"].box is not None  # where it came from, for the workbench
    assert not [i.code for i in doc.issues if i.severity == "error" or i.code == "field.unread"]
