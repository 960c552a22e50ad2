"""Marks that are not text on a page image: tick boxes (ticked or empty) and a coarse grid of ink for signatures.

A tick box is found from its outline, not as one blob of ink: a horizontal run of dark pixels
about as long as the box is wide, a second run of the same extent about one width lower, and a
dark line down both sides between them. Ink inside the outline (an X, a check mark, a fill, a
handwritten tick that merges with the outline or strays past it) changes none of that, so a
ticked box is found as surely as an empty one. Round letters (O, D, 0, a bold o) look like boxes
at 100 dpi; square corners and blank paper just outside tell them apart.

Comb boxes for the digits of an SSN, EIN or routing number are not reported: drawn edge to edge
they share one long top line and never give a run of one box's width; drawn with small gaps they
are found and then dropped as a row of three or more equal boxes. A lone box holding a printed
character is a box like any other: it is reported, and as ticked.

All but the check of a few hundred candidate outlines is numpy over the whole page: one threshold,
a pooling of pages finer than 150 dpi down to about 150 dpi, one pass for the horizontal runs and
one for the ink grid.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from PIL import Image

from backoffice.document import Checkbox, InkGrid

MIN_SIDE_IN = 0.08  # smallest tick box we look for, in inches
MAX_SIDE_IN = 0.30
GRID_CELLS_PER_IN = 20
WORK_DPI = 150  # pages finer than this are pooled down to about it before looking for outlines

_SIDE_SLACK = 0.15  # how far a run may fall outside the side range (line width, antialiasing, rounding)
_MIN_ASPECT, _MAX_ASPECT = 0.72, 1.38  # height / width of a box that passes as square
_SIDE_COVERAGE = 0.85  # share of the side of a neighbouring comb box that must be dark
_SIDE_BAND = 0.97  # share of the rows of a box in which its side line, two pixels wide, is dark
_OUTSIDE_INK = 0.4  # ink share of a band just outside a box above which the box is part of something else
_OPEN_INSIDE = 0.55  # share of a box's width and height inside its lines
_STRAIGHT = 0.95  # share of a box side that its darkest single row or column covers
_SOLID = 0.75  # ink share of a row or column of a box that makes it part of a line
_CORNER_COVER = 0.5  # a square corner pixel holds at least this share of the ink of the lines that meet there
_LETTER_GAP_IN = 0.03  # letters of a word stand closer than this to each other, labels farther from their box
_NEIGHBOUR_ROWS = 0.4  # share of a box's rows with ink close by, on both sides, of a letter in a word
_ADJACENT_DARK = 0.6  # the row or column right outside a box is this dark, next to its lines, where the box goes on
_TICK_SHARE = 0.03  # ink share of the inside of a box at and above which it is ticked
_SURE_SHARE = 4 * _TICK_SHARE  # at or past this much ink the box is ticked without doubt
_ROW_BEYOND = 0.5  # ink share of the row two above a top line (below a bottom line) that no box has
_SIDE_WINDOW = 12  # widest stretch, in pixels, where a side is looked for at the ends of a top and bottom run
_BUCKET = 4  # pixels; bottom lines are looked up by the middle of their run in buckets this wide
_COMB_MAX_GAP = 0.8  # widest gap between comb boxes, as a share of the box width


class _Outline(NamedTuple):
    left: int  # pixels of the pooled page; right and bottom exclusive
    top: int
    right: int
    bottom: int
    inner_ink: float  # share of the inside (within the lines) that is ink
    crowded: bool  # ink close by on the left and on the right, as around a letter in a word


def find_marks(gray: Image.Image, dpi: float) -> tuple[list[Checkbox], InkGrid]:
    """The tick boxes on an upright grayscale page and its ink grid; boxes as fractions of the page, origin top left."""
    pixels = np.asarray(gray if gray.mode == "L" else gray.convert("L"), dtype=np.uint8)
    height, width = pixels.shape
    if height == 0 or width == 0:
        return [], InkGrid(rows=0, cols=0, cells=b"")
    threshold, dark = _thresholds(pixels)
    grid = ink_grid(pixels < dark, dpi)
    factor = max(1, round(dpi / WORK_DPI))
    pooled = _min_pool(pixels, factor)
    outlines = _find_outlines(pooled, threshold, dpi / factor)
    checkboxes = [
        Checkbox(
            box=(o.left * factor / width, o.top * factor / height,
                 min(o.right * factor / width, 1.0), min(o.bottom * factor / height, 1.0)),
            checked=o.inner_ink >= _TICK_SHARE,
            confidence=tick_confidence(o.inner_ink),
        )
        for o in sorted(outlines, key=lambda o: (o.top, o.left))
    ]
    return checkboxes, grid


def _thresholds(pixels: np.ndarray) -> tuple[int, int]:
    """Two gray levels: below the first a pixel is ink, below the second it is dark ink.

    The first stays clear of the paper's own noise yet keeps the faint antialiased edge of a thin
    line on a 100-dpi render, so outlines stay whole. The second, halfway between paper and the
    darkest ink, leaves out light shading and screened backgrounds, which are not marks.
    """
    step = max(1, int(np.ceil(np.sqrt(pixels.size / 250_000))))  # a quarter million pixels are plenty
    hist = np.bincount(pixels[::step, ::step].ravel(), minlength=256)
    paper = int(np.argmax(hist))
    # The half width at half height of the paper's peak, on its dark side, measures the paper's noise.
    below = np.nonzero(hist[:paper + 1][::-1] < hist[paper] / 2)[0]
    noise = max(int(below[0]) if below.size else paper, 1) / 1.18
    threshold = int(np.clip(paper - max(4.5 * noise, 40), 60, 230))
    darkest = int(np.searchsorted(np.cumsum(hist), 0.005 * hist.sum()))  # the darkest half percent
    return threshold, min(threshold, (paper + darkest) // 2)


def ink_grid(ink: np.ndarray, dpi: float) -> InkGrid:
    """Share of ink in each cell of a grid of about 20 cells per inch, as bytes 0..255."""
    height, width = ink.shape
    cols = max(1, round(width / dpi * GRID_CELLS_PER_IN))
    rows = max(1, round(height / dpi * GRID_CELLS_PER_IN))
    col_edges = (np.arange(cols) * width) // cols
    row_edges = (np.arange(rows) * height) // rows
    row_bounds = np.append(row_edges, height)
    # Summing each band of rows whole is several times faster than reduceat down the columns.
    per_row = np.stack([ink[row_bounds[i]:row_bounds[i + 1]].sum(axis=0, dtype=np.uint32) for i in range(rows)])
    counts = np.add.reduceat(per_row, col_edges, axis=1)
    cell_area = np.outer(np.diff(row_bounds), np.diff(np.append(col_edges, width)))
    return InkGrid(rows=rows, cols=cols, cells=np.round(counts * 255 / cell_area).astype(np.uint8).tobytes())


def tick_confidence(inner_ink: float) -> float:
    """How clear the ticked/empty call is: 0.5 at the threshold, 1.0 for a clean box or one well filled."""
    if inner_ink < _TICK_SHARE:
        margin = (_TICK_SHARE - inner_ink) / _TICK_SHARE
    else:
        margin = (inner_ink - _TICK_SHARE) / (_SURE_SHARE - _TICK_SHARE)
    return round(0.5 + 0.5 * min(margin, 1.0), 3)


def _min_pool(pixels: np.ndarray, factor: int) -> np.ndarray:
    """The page at 1/factor the resolution, each pixel the darkest under it, so thin lines survive."""
    if factor == 1:
        return pixels
    h, w = pixels.shape[0] // factor, pixels.shape[1] // factor
    pooled = pixels[0:h * factor:factor, 0:w * factor:factor].copy()
    for dy in range(factor):
        for dx in range(factor):
            if dy or dx:
                np.minimum(pooled, pixels[dy:h * factor:factor, dx:w * factor:factor], out=pooled)
    return pooled


def _row_runs(ink: np.ndarray, shortest: int, longest: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, first column and end column (exclusive) of each horizontal run of ink within the length range."""
    h, w = ink.shape
    padded = np.zeros((h, w + 2), dtype=bool)
    padded[:, 1:-1] = ink
    # Bridge one-pixel gaps (noise, JPEG) so a printed line stays one run.
    padded[:, 2:-2] |= padded[:, 1:-3] & padded[:, 3:-1]
    rows, cols = np.nonzero(padded[:, 1:] != padded[:, :-1])
    starts, ends, rows = cols[0::2], cols[1::2], rows[0::2]
    length = ends - starts
    keep = (length >= shortest) & (length <= longest)
    return rows[keep], starts[keep], ends[keep]


def _find_outlines(gray: np.ndarray, threshold: int, dpi: float) -> list[_Outline]:
    """Tick box outlines on the (pooled) page."""
    ink = gray < threshold
    shortest, longest = _side_range(dpi)
    rows, starts, ends = _row_runs(ink, shortest, longest)
    # The first and last row of each line are where a box's top and bottom lines begin and end; of
    # those, keep the ones with ink going down (up) from both ends, as a box's sides do.
    top = ~_has_twin(rows, starts, ends, -1, ink.shape[1]) & _sides_follow(ink, rows, starts, ends, 1)
    bottom = ~_has_twin(rows, starts, ends, 1, ink.shape[1]) & _sides_follow(ink, rows, starts, ends, -1)
    found = []
    for t, b in _pairs(ink, rows, starts, ends, np.nonzero(top)[0], np.nonzero(bottom)[0]):
        outline = _check_outline(gray, ink, threshold, dpi, rows[t], rows[b] + 1, (starts[t], ends[t]),
                                 (starts[b], ends[b]))
        if outline is not None:
            found.append(outline)
    return [o for o in _outermost(found) if not o.crowded and not _in_comb(ink, o)]


def _pairs(ink: np.ndarray, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, tops: np.ndarray,
           bottoms: np.ndarray) -> list[tuple[int, int]]:
    """Top and bottom runs, by index, that could be the top and bottom lines of one box.

    Bottoms are looked up by the middle of their run, so a stroke that runs past a corner and
    lengthens one of the two runs does not keep them apart; then both sides must have ink at a
    quarter, half and three quarters of the way down.
    """
    if not len(tops) or not len(bottoms):
        return []
    stride = 4 * ink.shape[0] + 8  # more than any row a bottom is looked for at
    bottom_key = (starts[bottoms] + ends[bottoms]) // (2 * _BUCKET)
    order = np.lexsort((rows[bottoms], bottom_key))
    bottoms = bottoms[order]
    sorted_keys = bottom_key[order] * stride + rows[bottoms]
    width = ends[tops] - starts[tops]
    top_key = (starts[tops] + ends[tops]) // (2 * _BUCKET)
    nearest = rows[tops] + (_MIN_ASPECT * 0.85 * width).astype(np.int64)
    farthest = rows[tops] + (_MAX_ASPECT * 1.15 * width).astype(np.int64)
    pair_t, pair_b = [], []
    for shift in range(-2, 3):
        first = np.searchsorted(sorted_keys, (top_key + shift) * stride + nearest, side="left")
        last = np.searchsorted(sorted_keys, (top_key + shift) * stride + farthest, side="right")
        count = np.maximum(last - first, 0)
        within = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        pair_t.append(np.repeat(tops, count))
        pair_b.append(bottoms[np.repeat(first, count) + within])
    t, b = np.concatenate(pair_t), np.concatenate(pair_b)
    a1, b1, a2, b2 = starts[t], ends[t], starts[b], ends[b]
    keep = np.minimum(b1, b2) - np.maximum(a1, a2) >= 0.7 * np.maximum(b1 - a1, b2 - a2)
    t, b, a1, b1, a2, b2 = t[keep], b[keep], a1[keep], b1[keep], a2[keep], b2[keep]
    h, w = ink.shape
    # Most pairs in running text are the tops and bottoms of letters inside a line of letters: the
    # row just above the top or just below the bottom is far from blank.
    columns = np.arange(int((b1 - a1).max()) if len(t) else 1)
    spans = columns < (b1 - a1)[:, None]
    top_cols = np.clip(a1[:, None] + columns, 0, w - 1)
    bottom_cols = np.clip(a2[:, None] + columns, 0, w - 1)
    above = ink[np.maximum(rows[t] - 2, 0)[:, None], top_cols] & spans
    below = ink[np.minimum(rows[b] + 2, h - 1)[:, None], bottom_cols] & (columns < (b2 - a2)[:, None])
    keep = (above.sum(axis=1) <= _ROW_BEYOND * (b1 - a1)) & (below.sum(axis=1) <= _ROW_BEYOND * (b2 - a2))
    t, b, a1, b1, a2, b2 = t[keep], b[keep], a1[keep], b1[keep], a2[keep], b2[keep]
    offsets = np.arange(_SIDE_WINDOW)
    left_cols = np.clip(np.minimum(a1, a2)[:, None] + offsets, 0, w - 1)
    left_open = offsets < np.minimum(np.abs(a1 - a2) + 2, _SIDE_WINDOW)[:, None]
    right_cols = np.clip(np.maximum(b1, b2)[:, None] - 1 - offsets, 0, w - 1)
    right_open = offsets < np.minimum(np.abs(b1 - b2) + 2, _SIDE_WINDOW)[:, None]
    for share in (0.25, 0.5, 0.75):
        row = np.clip(rows[t] + ((rows[b] - rows[t]) * share).astype(np.int64), 0, h - 1)[:, None]
        keep = (ink[row, left_cols] & left_open).any(axis=1) & (ink[row, right_cols] & right_open).any(axis=1)
        t, b, row = t[keep], b[keep], row[keep]
        left_cols, left_open, right_cols, right_open = left_cols[keep], left_open[keep], right_cols[keep], right_open[keep]
    return list(zip(t.tolist(), b.tolist()))


def _has_twin(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, step: int, width: int) -> np.ndarray:
    """For each run, whether the row above (step -1) or below (+1) has a run of the same extent, give or take a pixel."""
    stride = width + 4
    keys = rows * stride + starts + 1  # runs are sorted by row, then start
    twin = np.zeros(len(rows), dtype=bool)
    if not len(rows):
        return twin
    for shift in (-1, 0, 1):
        wanted = keys + step * stride + shift
        at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        twin |= (keys[at] == wanted) & (np.abs(ends[at] - ends) <= 1)
    return twin


def _sides_follow(ink: np.ndarray, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, step: int) -> np.ndarray:
    """For each run, whether there is ink near both of its ends a third and a half of its length down (step 1) or up."""
    h, w = ink.shape
    length = ends - starts
    near = np.maximum(3, length // 5)  # a stroke past a corner can lengthen the run by this much
    offsets = np.arange(int(near.max()) if len(near) else 1)
    follow = np.ones(len(rows), dtype=bool)
    for share in (0.35, 0.55):
        r = np.clip(rows + step * (length * share).astype(np.int64), 0, h - 1)[:, None]
        inside = offsets[None, :] < near[:, None]
        left = np.clip(starts[:, None] + offsets[None, :], 0, w - 1)
        right = np.clip(ends[:, None] - 1 - offsets[None, :], 0, w - 1)
        follow &= (ink[r, left] & inside).any(axis=1) & (ink[r, right] & inside).any(axis=1)
    return follow


def _side_range(dpi: float) -> tuple[int, int]:
    """Shortest and longest side of a tick box, in pixels."""
    return max(5, int(MIN_SIDE_IN * dpi * 0.9)), int(np.ceil(MAX_SIDE_IN * dpi * (1 + _SIDE_SLACK)))


def _check_outline(gray: np.ndarray, ink: np.ndarray, threshold: int, dpi: float, top: int, bottom: int,
                   top_run: tuple[int, int], bottom_run: tuple[int, int]) -> _Outline | None:
    """The box between a top and a bottom run (bottom exclusive) if it is a square outline on its own."""
    (a, b), (a2, b2) = top_run, bottom_run
    x_lo = min(a, a2)
    h = bottom - top
    span = ink[top:bottom, x_lo:max(b, b2)]
    # Coverage of two-pixel-wide column bands: a one-pixel side line steps once on a skewed page.
    bands = (span[:, :-1] | span[:, 1:]).mean(axis=0)
    left_choices = np.nonzero(bands[:max(a, a2) - x_lo + 1] >= _SIDE_BAND)[0]
    right_from = min(b, b2) - 2 - x_lo
    right_choices = np.nonzero(bands[right_from:] >= _SIDE_BAND)[0]
    if not left_choices.size or not right_choices.size:
        return None
    i, j = int(left_choices[0]), right_from + int(right_choices[-1])
    left = x_lo + (i if span[:, i].mean() >= 0.5 else i + 1)
    right = x_lo + (j + 2 if span[:, j + 1].mean() >= 0.5 else j + 1)
    w = right - left
    if left < 2 or top < 2 or right > ink.shape[1] - 2 or bottom > ink.shape[0] - 2:
        return None  # cut by the edge of the page: a box needs paper round it to be told from anything else
    shortest, longest = _side_range(dpi)
    if not (shortest <= min(w, h) and max(w, h) <= longest and _MIN_ASPECT * w <= h <= _MAX_ASPECT * w):
        return None
    # The top or the bottom line must end at each side: the bars of a '#' run on past both.
    tol = max(1, round(0.1 * w))
    if min(abs(a - left), abs(a2 - left)) > tol or min(abs(b - right), abs(b2 - right)) > tol:
        return None
    if not _stands_alone(ink, top, bottom, left, right):
        return None

    body = ink[top:bottom, left:right]
    cap = max(1, min(h, w) // 3)  # a filled box stops the line-width count at a third of the side
    rows_solid = body.mean(axis=1) >= _SOLID
    cols_solid = body.mean(axis=0) >= _SOLID
    lines = (_line(rows_solid, cap), _line(rows_solid[::-1], cap), _line(cols_solid, cap), _line(cols_solid[::-1], cap))
    if any(line is None for line in lines):
        return None
    (t0, t1), (b0, b1), (l0, l1), (r0, r1) = lines
    # Ruled lines are thin next to the box they make; the strokes of a bold letter that passes for a
    # box at 100 to 150 dpi leave it little inside. A filled box is solid up to the cap on every side.
    solid = min(t1, b1, l1, r1) >= cap
    if not solid and (h - t1 - b1 < _OPEN_INSIDE * h or w - l1 - r1 < _OPEN_INSIDE * w):
        return None
    # Each side is one straight line: some single row or column of it is dark from corner to corner,
    # where the curved side of a letter wanders from column to column. One-pixel gaps are scan noise.
    across, down = body, body
    if min(across[t0:t1].mean(axis=1).max(), across[h - b1:h - b0].mean(axis=1).max(),
           down[:, l0:l1].mean(axis=0).max(), down[:, w - r1:w - r0].mean(axis=0).max()) < _STRAIGHT:
        return None
    if not _nothing_beyond(gray, threshold, top, bottom, left, right, max(t1, b1, l1, r1)):
        return None
    if not _square_corners(gray, top, bottom, left, right, lines):
        return None
    inner = body[t1 + 1:h - b1 - 1, l1 + 1:w - r1 - 1]
    if inner.size == 0:
        return None
    return _Outline(left, top, right, bottom, float(_despeckle(inner).mean()),
                    crowded=_crowded(ink, top, bottom, left, right, dpi))


def _stands_alone(ink: np.ndarray, top: int, bottom: int, left: int, right: int) -> bool:
    """Whether the paper just outside the box is blank but for a stroke or two crossing it."""
    h, w = bottom - top, right - left
    # Round letters (O, D, 0) pass the tests on runs on their inner rows, with the rest of the letter here.
    reach = max(2, round(0.2 * min(w, h)))
    outside = (ink[max(top - reach, 0):top, left:right], ink[bottom:bottom + reach, left:right],
               ink[top:bottom, max(left - reach, 0):left], ink[top:bottom, right:right + reach])
    if any(part.size and part.mean() > _OUTSIDE_INK for part in outside):
        return False
    # A side that runs on well past the box makes it a cell of a column of boxes or of a table grid.
    band, reach = max(2, round(0.1 * w)), max(2, h // 2)
    for col in (slice(left, left + band), slice(right - band, right)):
        above = ink[max(top - reach, 0):top, col].any(axis=1)
        below = ink[bottom:bottom + reach, col].any(axis=1)
        if (above.size == reach and above.all()) or (below.size == reach and below.all()):
            return False
    return True


def _in_comb(ink: np.ndarray, o: _Outline) -> bool:
    """Whether a box of the same height stands right next to this one, as in a row of comb boxes for digits.

    Looked for in the image rather than among the boxes found, since the paper between comb boxes
    is too narrow for some of them to pass as boxes on their own.
    """
    h, w = o.bottom - o.top, o.right - o.left
    reach, line = max(2, round(_COMB_MAX_GAP * w)), max(2, round(0.12 * h))
    rows = ink[o.top:o.bottom]
    for near, far, step in ((o.right, o.right + reach, 1), (o.left - 1, o.left - 1 - reach, -1)):
        for c in range(near, far, step):
            if not 0 <= c < ink.shape[1] or rows[line:h - line, c].mean() < _SIDE_COVERAGE:
                continue
            # The neighbour's top and bottom lines run on from its side, level with this box's.
            span = slice(c, c + step * (w - 2), step) if step > 0 else slice(c, max(c - (w - 2), 0), -1)
            top_line = rows[:line, span].any(axis=0).mean()
            bottom_line = rows[h - line:, span].any(axis=0).mean()
            if top_line >= _SIDE_COVERAGE and bottom_line >= _SIDE_COVERAGE:
                return True
    return False


def _crowded(ink: np.ndarray, top: int, bottom: int, left: int, right: int, dpi: float) -> bool:
    """Whether ink stands close on both sides, as letters do around a letter in a word.

    A box has its label on one side at most, a few points away. A stroke that strays out of the
    box passes only a few of its rows.
    """
    gap = max(2, round(_LETTER_GAP_IN * dpi))
    # The column right next to a side may hold the soft edge of its line; the neighbours start one further.
    beside = (ink[top:bottom, max(left - 1 - gap, 0):max(left - 1, 0)], ink[top:bottom, right + 1:right + 1 + gap])
    return all(part.size and part.any(axis=1).mean() >= _NEIGHBOUR_ROWS for part in beside)


def _bridged(ink: np.ndarray) -> np.ndarray:
    """Ink with one-pixel gaps along each row filled."""
    out = ink.copy()
    out[:, 1:-1] |= ink[:, :-2] & ink[:, 2:]
    return out


def _nothing_beyond(gray: np.ndarray, threshold: int, top: int, bottom: int, left: int, right: int, line: int) -> bool:
    """Whether the row or column just outside each side is paper, or far lighter than the side's line.

    Drawn through the inner rows of a round letter, a box has a row of the letter, as dark as its
    lines, just outside; a ruled box has at most the faint edge of its line there.
    """
    padded = np.pad(gray, 1, constant_values=255)[top:bottom + 2, left:right + 2]
    darkness = np.clip(threshold - padded.astype(np.int32), 0, None)
    k = line + 1
    for dark in (darkness, darkness.T):
        n = dark.shape[0]
        inside = dark[1:n - 1, 1:-1]
        for rows, outside in ((slice(0, k), dark[0, 1:-1]), (slice(n - 2 - k, n - 2), dark[n - 1, 1:-1])):
            if outside.sum() > _ADJACENT_DARK * inside[rows].sum(axis=1).max():
                return False
    return True


def _square_corners(gray: np.ndarray, top: int, bottom: int, left: int, right: int,
                    lines: tuple[tuple[int, int], ...]) -> bool:
    """Whether the darkest row of the top and bottom lines meets the darkest column of each side in ink.

    Where two ruled lines cross, the pixel is covered about as much as the lines are. A round
    letter that passes every other test at 100 dpi (O, D, 0) has its rows and columns meet outside
    the curve, on light or blank pixels.
    """
    box = gray[top:bottom, left:right].astype(np.float32)
    h, w = box.shape
    ring = np.concatenate((gray[max(top - 1, 0), left:right], gray[min(bottom, gray.shape[0] - 1), left:right],
                           gray[top:bottom, max(left - 1, 0)], gray[top:bottom, min(right, gray.shape[1] - 1)]))
    paper = float(np.median(ring))
    ink = float(box.min())
    if paper - ink < 1:
        return False
    cover = np.clip((paper - box) / (paper - ink), 0.0, 1.0)  # 0 paper .. 1 the darkest ink in the box
    (t0, t1), (b0, b1), (l0, l1), (r0, r1) = lines
    row_sums, col_sums = cover.sum(axis=1), cover.sum(axis=0)
    rows = (t0 + int(np.argmax(row_sums[t0:t1])), h - b1 + int(np.argmax(row_sums[h - b1:h - b0])))
    cols = (l0 + int(np.argmax(col_sums[l0:l1])), w - r1 + int(np.argmax(col_sums[w - r1:w - r0])))
    return all(cover[r, c] >= _CORNER_COVER * max(np.median(cover[r]), np.median(cover[:, c]))
               for r in rows for c in cols)


def _line(flags: np.ndarray, cap: int) -> tuple[int, int] | None:
    """First and end index of the line at the start of flags (solid rows or columns from the outside in).

    The outermost row of a slightly skewed line can be only partly dark; the line then starts one in.
    A filled box stops the count at cap. None when no solid line starts within the first two.
    """
    solid = np.nonzero(flags[:cap])[0]
    if not solid.size or solid[0] > 1:
        return None
    first = int(solid[0])
    gaps = np.nonzero(~flags[first:cap])[0]
    return first, first + (int(gaps[0]) if gaps.size else cap - first)


def _despeckle(inner: np.ndarray) -> np.ndarray:
    """The inside of a box without lone dark pixels (scanner noise), which no pen stroke leaves."""
    padded = np.pad(inner, 1)
    neighbours = sum(
        padded[1 + dy:padded.shape[0] - 1 + dy, 1 + dx:padded.shape[1] - 1 + dx].astype(np.uint8)
        for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx
    )
    return inner & (neighbours > 0)


def _outermost(outlines: list[_Outline]) -> list[_Outline]:
    """One outline per box: a thick line or a filled box yields several nested candidates; keep the largest."""
    kept: list[_Outline] = []
    for o in sorted(outlines, key=lambda o: (o.right - o.left) * (o.bottom - o.top), reverse=True):
        cx, cy = (o.left + o.right) / 2, (o.top + o.bottom) / 2
        if not any(k.left <= cx <= k.right and k.top <= cy <= k.bottom for k in kept):
            kept.append(o)
    return kept
