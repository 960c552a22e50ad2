"""The registry: each document kind with its record maker, ground truth, faults and layout families."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from samplegen import direct_deposit, eval_layouts, invoice, payroll, unknown, w9
from samplegen.family import Family
from samplegen.sample import Truth


@dataclass(frozen=True)
class Kind:
    name: str
    make: Callable[..., Any]  # make(rng, *, fault=..., [language=...], **options) -> record
    truth: Callable[[Any], Truth]
    faults: dict[str, str]  # business fault -> issue code
    form: bool = False  # forms are drawn with a pen (typed, fillable or handwritten)
    languages: bool = True  # the maker takes a language


KINDS = {
    "invoice": Kind("invoice", invoice.make_invoice, invoice.truth, invoice.FAULTS),
    "payroll": Kind("payroll", payroll.make_payroll, payroll.truth, payroll.FAULTS),
    "w9": Kind("w9", w9.make_w9, w9.truth, w9.FAULTS, form=True, languages=False),
    "direct_deposit": Kind("direct_deposit", direct_deposit.make_direct_deposit, direct_deposit.truth,
                           direct_deposit.FAULTS, form=True, languages=False),
    "unknown": Kind("unknown", unknown.make_note, unknown.truth, {}),
}

DEV_FAMILIES = invoice.FAMILIES + payroll.FAMILIES + w9.FAMILIES + direct_deposit.FAMILIES
# Unsupported documents have no dev/eval split: every set needs some, and none is a layout to learn.
SHARED_FAMILIES = unknown.FAMILIES
FAMILIES = {f.id: f for f in DEV_FAMILIES + eval_layouts.FAMILIES + SHARED_FAMILIES}


def families(kind: str, which: str = "all") -> list[Family]:
    """Families of a kind: `dev`, `eval` (the held-back ones) or `all`."""
    found = [f for f in FAMILIES.values() if f.kind == kind]
    if kind == "unknown" or which == "all":
        return found
    return [f for f in found if f.eval_only == (which == "eval")]
