"""Regular and overtime hours put under each other's headers (a scan garbled both headers) come back where the
register's own arithmetic says they belong, held for a person to check; hours read right are left alone."""

from __future__ import annotations

from decimal import Decimal

from backoffice.document import Field
from extractors.payroll import _hours_by_arithmetic


def _row(regular: str, overtime: str, rate: str, gross: str) -> dict[str, Field]:
    return {name: Field(value=Decimal(text), confidence=0.96, page=1, box=None, raw=text)
            for name, text in (("regular_hours", regular), ("overtime_hours", overtime), ("hourly_rate", rate),
                               ("gross_pay", gross))}


def _hours(rows):  # noqa: ANN001, ANN202
    return [(str(r["regular_hours"].value), str(r["overtime_hours"].value)) for r in rows]


def test_hours_read_under_each_others_headers_are_swapped_back_and_held_below_threshold():
    # as read: 0 regular + 40 overtime; the gross pay says 40 regular hours (40 x 37.62 = 1504.80)
    rows = [_row("0.00", "40.00", "37.62", "1504.80"), _row("2.75", "40.00", "20.00", "882.50"),
            _row("0.00", "31.50", "18.00", "567.00")]
    _hours_by_arithmetic(rows)
    assert _hours(rows) == [("40.00", "0.00"), ("40.00", "2.75"), ("31.50", "0.00")]
    assert all(r[c].confidence <= 0.7 for r in rows for c in ("regular_hours", "overtime_hours"))


def test_hours_that_add_up_as_read_stay_even_when_a_row_fails():
    rows = [_row("40.00", "0.00", "37.62", "1504.80"), _row("40.00", "2.75", "20.00", "882.50"),
            _row("0.00", "31.50", "18.00", "567.00")]  # this one would hold swapped, but the others hold as read
    _hours_by_arithmetic(rows)
    assert _hours(rows) == [("40.00", "0.00"), ("40.00", "2.75"), ("0.00", "31.50")]
    assert rows[0]["regular_hours"].confidence == 0.96
