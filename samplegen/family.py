"""A layout family: one way of drawing a document type, with what it can print and whether it is
kept back for evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Family:
    id: str  # "invoice-a", "w9-e", ...
    kind: str  # invoice | payroll | w9 | direct_deposit | unknown
    title: str  # what the layout looks like, for reports
    render: Callable[..., bytes]  # (record, rng) for invoices and payroll, (record, pen) for forms
    eval_only: bool = False
    languages: tuple[str, ...] = ("en",)
