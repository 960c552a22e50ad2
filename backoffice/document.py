"""The Document every stage takes and returns, and its contract (JSON) form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 as fractions of the page, origin top left
TextSource = Literal["text_layer", "ocr"]
Status = Literal["auto_approved", "needs_review", "quarantined"]
Value = str | Decimal | date | bool | None


@dataclass
class Word:
    text: str
    box: Box
    confidence: float  # 0..1; 1.0 for a text layer
    source: TextSource
    form_field: str | None = None  # the AcroForm field name when the word is a filled-in form value


@dataclass
class Checkbox:
    box: Box
    checked: bool
    confidence: float


@dataclass
class InkGrid:
    """How dark each cell of a coarse grid over the page is (0..255), for marks that are not text: signatures, ticks."""

    rows: int
    cols: int
    cells: bytes  # rows * cols, row-major

    def darkness(self, box: Box) -> float:
        """Mean darkness (0..1) of the cells under a box given as fractions of the page."""
        x0, y0, x1, y1 = box
        c0, c1 = int(x0 * self.cols), max(int(x0 * self.cols) + 1, int(x1 * self.cols + 0.999))
        r0, r1 = int(y0 * self.rows), max(int(y0 * self.rows) + 1, int(y1 * self.rows + 0.999))
        total = count = 0
        for r in range(max(r0, 0), min(r1, self.rows)):
            row = self.cells[r * self.cols + max(c0, 0): r * self.cols + min(c1, self.cols)]
            total += sum(row)
            count += len(row)
        return total / (255 * count) if count else 0.0


@dataclass
class Page:
    number: int  # 1-based
    width: float  # points for PDFs, pixels for images, as the page is shown
    height: float
    words: list[Word] = field(default_factory=list)
    text_source: TextSource | Literal["none"] = "none"
    rotation: int = 0  # degrees the scan was turned to read upright (0, 90, 180, 270)
    skew: float = 0.0  # degrees of skew removed before OCR
    ocr_confidence: float | None = None  # mean word confidence of the OCR pass
    checkboxes: list[Checkbox] = field(default_factory=list)  # ticked or empty boxes found on the page image
    ink: InkGrid | None = None

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Field:
    value: Value
    confidence: float
    page: int | None = None
    box: Box | None = None
    raw: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "value": value_to_json(self.value),
            "confidence": round(min(max(self.confidence, 0.0), 1.0), 4),
            "page": self.page,
            "bbox": [round(min(max(c, 0.0), 1.0), 5) for c in self.box] if self.box else None,
            "raw": self.raw,
        }


@dataclass
class Issue:
    code: str  # dotted and stable, e.g. file.encrypted, invoice.total_mismatch
    message: str  # what was expected, what was found, what to do; personal data masked
    severity: Literal["error", "warning"] = "error"
    fields: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "message": self.message, "fields": self.fields}


@dataclass
class Document:
    source: str
    sha256: str
    size: int = 0
    media_type: str | None = None  # what the magic bytes say: application/pdf, image/png, ...
    client: str | None = None
    pages: list[Page] = field(default_factory=list)
    doc_type: Literal["invoice", "payroll", "form", "unknown"] = "unknown"
    form_type: str | None = None
    type_confidence: float = 0.0
    status: Status = "needs_review"
    fields: dict[str, Field] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Field]]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    # What extractors saw that validators judge but the contract has no field for (e.g. every ticked box).
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def quarantined(self) -> bool:
        return self.status == "quarantined"

    @property
    def text_source(self) -> str:
        sources = {p.text_source for p in self.pages} - {"none"}
        if not sources:
            return "none"
        return sources.pop() if len(sources) == 1 else "mixed"

    def quarantine(self, code: str, message: str) -> Document:
        self.status = "quarantined"
        self.doc_type = "unknown"
        self.form_type = None
        self.issues.append(Issue(code=code, message=message))
        return self

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "client": self.client,
            "doc_type": self.doc_type,
            "form_type": self.form_type,
            "status": self.status,
            "pages": len(self.pages),
            "text_source": self.text_source,
            "fields": {name: f.to_json() for name, f in self.fields.items()},
            "tables": {
                name: [{col: cell.to_json() for col, cell in row.items()} for row in rows]
                for name, rows in self.tables.items()
            },
            "issues": [i.to_json() for i in self.issues],
            "timings_ms": {stage: round(ms, 1) for stage, ms in self.timings_ms.items()},
        }


def value_to_json(value: Value) -> str | bool | None:
    """Contract value forms: dates ISO, money as plain decimal strings, checkboxes as booleans."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
