"""Amounts and dates as printed on real documents read as the same values."""

from datetime import date
from decimal import Decimal

import pytest

from extractors.values import Money, day_first_hint, find_dates, parse_money


@pytest.mark.parametrize("printed, amount, currency", [
    ("1,234.50", "1234.50", None),
    ("1.234,56", "1234.56", None),
    ("$1,234.50", "1234.50", "USD"),
    ("USD 1,234.50", "1234.50", "USD"),
    ("€1.234,56", "1234.56", "EUR"),
    ("1.234,56 €", "1234.56", "EUR"),
    ("1 234,56", "1234.56", None),
    ("(1,234.50)", "-1234.50", None),
    ("7.5", "7.5", None),
    ("1,2O4.50", "1204.50", None),  # OCR read a zero as the letter O
    ("CHF 1’234.50", "1234.50", "CHF"),  # Swiss: a typographic apostrophe between thousands
    ("1'234.50", "1234.50", None),
])
def test_amounts_in_every_common_notation_read_as_decimals(printed, amount, currency):
    money = parse_money(printed)
    assert money is not None
    assert money.amount == Decimal(amount) and str(money.amount) == amount  # decimals as printed
    assert money.currency == currency


def test_a_speck_after_the_cents_is_no_part_of_the_amount_but_leaves_it_unsure():
    # a scan's dot or comma after a total ('Balance due $1,501.24.') lost the whole total before
    assert parse_money("$1,501.24.") == Money(Decimal("1501.24"), "USD", clean=False)
    assert parse_money("1.234,56,").amount == Decimal("1234.56")
    assert parse_money("12.5.") is None and parse_money("1.234.") is None  # no cents: nothing to take it from


def test_words_and_codes_are_not_amounts():
    assert parse_money("Qty") is None
    assert parse_money("ABC 12.00") is None


@pytest.mark.parametrize("printed", ["2026-03-04", "04.03.2026", "4 March 2026", "March 4, 2026", "04-Mar-2026",
                                     "4. März 2026", "Mar. 4th, 2026", "4 de marzo de 2026", "4 mars 2026", "4 marzo 2026",
                                     "4 maart 2026", "4 de março de 2026", "Fecha: 4 mar 2026",
                                     "Datum: 4, März 2026"])  # OCR read the day's full stop as a comma
def test_dates_in_every_common_form_read_as_the_same_day(printed):
    hits = find_dates(printed)
    assert [h.value for h in hits] == [date(2026, 3, 4)]


def test_first_of_the_month_written_as_an_ordinal_reads_as_the_first():
    assert [h.value for h in find_dates("Date de facture : 1er mars 2026")] == [date(2026, 3, 1)]
    assert [h.value for h in find_dates("1º de outubro de 2026")] == [date(2026, 10, 1)]


def test_slashed_dates_follow_the_documents_own_order():
    assert find_dates("03/04/2026")[0].value == date(2026, 3, 4)  # US order when nothing says otherwise
    assert find_dates("03/04/2026", day_first=True)[0].value == date(2026, 4, 3)
    assert day_first_hint("Date 13/04/2026 Due 03/05/2026") is True
    assert day_first_hint("Date 04/13/2026") is False
