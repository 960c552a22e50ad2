"""Shared value formatting: how dates, money and numbers are printed, and their contract (truth) forms."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember")

# Printed date styles. US slash dates are month first; nobody else gets slashes, so a
# reader never has to guess whether 03/04 is March or April.
DATE_STYLES = {
    "iso": lambda d: d.isoformat(),
    "us": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    "de": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "day_month": lambda d: f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}",
    "month_day": lambda d: f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}",
    "dd_mon": lambda d: f"{d.day:02d}-{MONTHS_EN[d.month - 1][:3]}-{d.year}",
    "de_long": lambda d: f"{d.day}. {MONTHS_DE[d.month - 1]} {d.year}",
}
DATE_STYLES_BY_LOCALE = {
    "us": ("us", "us", "month_day", "iso", "dd_mon"),
    "uk": ("day_month", "dd_mon", "iso"),
    "de": ("de", "de", "de_long"),
}


def format_date(value: date, style: str) -> str:
    return DATE_STYLES[style](value)


def random_date(rng: random.Random, start: date = date(2025, 9, 1), end: date = date(2026, 10, 31)) -> date:
    """A document date in the year before the project's 'today' (late 2026), never in the future."""
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def money(value: Decimal | int | float | str) -> Decimal:
    """Round to cents the way invoices and payroll do (half up)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def truth_decimal(value: Decimal) -> str:
    """Contract form of a number: plain, '.' as decimal point, as many decimals as printed."""
    return format(value, "f")


@dataclass(frozen=True)
class NumberStyle:
    """How digits are grouped and where the decimal point is."""

    group: str = ","  # thousands separator: "," "." "" or a thin space
    point: str = "."


EN_NUMBERS = NumberStyle(",", ".")
DE_NUMBERS = NumberStyle(".", ",")
PLAIN_NUMBERS = NumberStyle("", ".")


def format_number(value: Decimal, style: NumberStyle = EN_NUMBERS) -> str:
    """Print a Decimal with its own number of decimals, grouped and pointed per style."""
    text = format(abs(value), "f")
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = style.group.join(groups) + (style.point + frac if frac else "")
    return "-" + out if value < 0 else out


@dataclass(frozen=True)
class MoneyStyle:
    """How an amount is printed: number style plus currency symbol or code before or after."""

    number: NumberStyle = EN_NUMBERS
    prefix: str = ""  # "$", "€", "USD "
    suffix: str = ""  # " €", " EUR"

    def plain(self) -> MoneyStyle:
        return replace(self, prefix="", suffix="")


CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money_styles(currency: str, german: bool) -> list[MoneyStyle]:
    """Realistic ways to print amounts in a currency; German documents group with dots."""
    symbol = CURRENCY_SYMBOLS[currency]
    if german:
        return [MoneyStyle(DE_NUMBERS, suffix=" €"), MoneyStyle(DE_NUMBERS, prefix="€"),
                MoneyStyle(DE_NUMBERS, suffix=" EUR"), MoneyStyle(DE_NUMBERS, prefix="EUR "),
                MoneyStyle(DE_NUMBERS)]
    return [MoneyStyle(EN_NUMBERS, prefix=symbol), MoneyStyle(EN_NUMBERS, prefix=f"{currency} "),
            MoneyStyle(EN_NUMBERS, suffix=f" {currency}"), MoneyStyle(EN_NUMBERS),
            MoneyStyle(PLAIN_NUMBERS)]


def format_money(value: Decimal, style: MoneyStyle) -> str:
    text = format_number(abs(value), style.number)
    return ("-" if value < 0 else "") + style.prefix + text + style.suffix


def format_rate(rate: Decimal, style: NumberStyle = EN_NUMBERS) -> str:
    """A tax rate such as 19, 8.25 or 6.5 without trailing zeros."""
    text = format(rate.normalize(), "f")
    return text.replace(".", style.point)


def aba_check_digit(first_eight: str) -> int:
    """The ninth digit that makes 3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9) a multiple of 10."""
    d = [int(ch) for ch in first_eight]
    partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
    return (10 - partial % 10) % 10

