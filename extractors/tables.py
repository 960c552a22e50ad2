"""Tables found by their header row: columns from the header words, rows until a totals line, across pages.

Works for any column order and wording the caller's vocabulary covers; descriptions that wrap
onto further lines join their row; a header repeated on a continuation page continues the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from backoffice.document import Box, Field, Word
from extractors.layout import Layout, Line, Phrase, union
from extractors.values import parse_money


@dataclass
class Column:
    name: str
    x0: float
    x1: float
    numeric: bool

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class TableSpec:
    columns: dict[str, str]  # column name -> header regex over folded text, in priority order
    numeric: set[str]
    text_column: str  # the column continuation lines add to (description, name)
    stop: str  # a line matching this ends the table (totals)
    skip: str = r"carried forward|brought forward|ubertrag|uebertrag|page total|seitensumme|continued|fortsetzung"
    min_columns: int = 3


@dataclass
class RawRow:
    cells: dict[str, list[Word]] = field(default_factory=dict)
    page: int = 0


@dataclass
class TableResult:
    rows: list[RawRow]
    stop_line: Line | None  # the totals line that ended the table, if any
    columns: list[Column]


def header_columns(line: Line, spec: TableSpec) -> list[Column]:
    found: dict[str, Column] = {}
    for phrase in line.phrases:
        text = phrase.folded
        for name, pattern in spec.columns.items():
            if name not in found and re.search(pattern, text):
                found[name] = Column(name, phrase.box[0], phrase.box[2], name in spec.numeric)
                break
    return sorted(found.values(), key=lambda c: c.x0)


def _assign(word: Word, columns: list[Column]) -> Column:
    """The column a body word stands in: under its header, else numbers by right edge, text by the header on its left."""
    x0, x1 = word.box[0], word.box[2]
    overlaps = [(min(x1, c.x1) - max(x0, c.x0), c) for c in columns]
    best_overlap, best = max(overlaps, key=lambda t: t[0])
    if best_overlap > 0:
        return best
    if parse_money(word.text) is not None:
        # Numbers align right under their header.
        return min((c for c in columns if c.numeric), key=lambda c: abs(c.x1 - x1), default=best)
    left = [c for c in columns if c.x0 <= x0 + 0.01]
    if left:
        return max(left, key=lambda c: c.x0)  # text runs on to the right of its header
    return min(columns, key=lambda c: abs(c.center - (x0 + x1) / 2))


def read_table(layout: Layout, spec: TableSpec) -> TableResult:
    rows: list[RawRow] = []
    columns: list[Column] = []
    stop_line = None
    i = 0
    lines = layout.lines
    while i < len(lines):
        header = header_columns(lines[i], spec)
        if len(header) < spec.min_columns or not any(c.numeric for c in header):
            i += 1
            continue
        columns = header
        page = lines[i].page
        pending: list[Word] = []  # text seen before the row it belongs to
        last_y = lines[i].box[3]
        i += 1
        while i < len(lines) and lines[i].page == page:
            line = lines[i]
            folded = " ".join(p.folded for p in line.phrases)
            if re.search(spec.stop, folded):
                stop_line = line
                break
            if len(header_columns(line, spec)) >= spec.min_columns:
                break  # another header: a new table starts here
            gap = line.box[1] - last_y
            if rows and gap > 0.08:
                break  # a wide gap: the table is over, what follows is footer text
            last_y = line.box[3]
            i += 1
            if re.search(spec.skip, folded):
                continue
            cells: dict[str, list[Word]] = {}
            for w in line.words:
                cells.setdefault(_assign(w, columns).name, []).append(w)
            has_number = any(name in spec.numeric and any(parse_money(w.text) for w in ws) for name, ws in cells.items())
            if has_number:
                row = RawRow(cells=cells, page=page)
                if pending:
                    row.cells[spec.text_column] = pending + row.cells.get(spec.text_column, [])
                    pending = []
                rows.append(row)
            elif rows and rows[-1].page == page and set(cells) <= {spec.text_column} | (set(spec.columns) - spec.numeric):
                for name, ws in cells.items():
                    rows[-1].cells.setdefault(name, []).extend(ws)
            else:
                pending.extend(w for ws in cells.values() for w in ws)
        if stop_line is not None:
            break
    return TableResult(rows=rows, stop_line=stop_line, columns=columns)


def cell_field(words: list[Word], value, page: int, certainty: float = 1.0) -> Field:
    box: Box = union([w.box for w in words])
    return Field(value=value, confidence=min(w.confidence for w in words) * certainty, page=page, box=box,
                 raw=" ".join(w.text for w in words))


def stop_line_amounts(result: TableResult, decimal_comma: bool | None) -> dict[str, tuple[Phrase, object]]:
    """The totals line's amounts, by the column they stand under."""
    if result.stop_line is None or not result.columns:
        return {}
    out: dict[str, tuple[Phrase, object]] = {}
    line = result.stop_line
    for phrase in line.phrases:
        for w in phrase.words:
            money = parse_money(w.text, decimal_comma)
            if money is None:
                continue
            column = _assign(w, result.columns)
            if column.numeric:
                out[column.name] = (Phrase(line.page, [w], phrase.line), money)
    return out
