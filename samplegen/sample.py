"""What one generated sample is: a document's bytes under a name, and its ground truth with meta."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Truth:
    """The contract's ground truth: plain values in contract form, absent fields left out."""

    doc_type: str  # invoice | payroll | form | unknown
    form_type: str | None = None
    fields: dict[str, str | bool] = field(default_factory=dict)
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    expect: dict[str, Any] | None = None  # only for deliberately faulty or unsupported documents


@dataclass(frozen=True)
class Meta:
    """How the sample was made, so benchmarks can slice results by layout and degradation."""

    family: str
    eval_only: bool
    scanned: bool
    variant: str
    language: str


@dataclass
class Sample:
    name: str  # file name without extension
    ext: str  # "pdf", "png", "jpg", "tif"
    data: bytes
    truth: Truth
    meta: Meta

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.ext}"

    def truth_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc_type": self.truth.doc_type, "form_type": self.truth.form_type,
                               "fields": self.truth.fields, "tables": self.truth.tables}
        if self.truth.expect is not None:
            out["expect"] = self.truth.expect
        out["meta"] = asdict(self.meta)
        return out

    def write(self, folder: Path) -> None:
        (folder / self.filename).write_bytes(self.data)
        text = json.dumps(self.truth_json(), indent=2, ensure_ascii=False) + "\n"
        (folder / f"{self.name}.truth.json").write_text(text, encoding="utf-8")
