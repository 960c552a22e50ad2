"""Marks that are not text on a page image: tick boxes (ticked or empty) and a coarse grid of dark ink.

A tick box is found from its outline, not as one blob of ink: a horizontal run of ink about as
long as the box is wide, a second run of the same extent about one width lower, and a straight
dark line down both sides between them. Ink inside the outline (an X, a check mark, a fill, a
handwritten tick that merges with the outline or runs past a corner) changes none of that, so a
ticked box is found as surely as an empty one. Letters are the danger at 100 dpi, where an O, D
or 0 is a ring a pixel wide: the paper just outside a box, its square corners and the room
inside its lines tell them apart, and a box with letters close by on both sides is a letter in
a word.

Round buttons (radio buttons) are found apart: a ring of ink under the top of its line, thin, whole, with
paper just outside it and at the corners of the square round it, and no letter close by on either side.

Not reported: comb boxes for the digits of an SSN, EIN or routing number (drawn edge to edge they
share one long top line, so no run is one box wide; drawn apart, each has a box of the same size
right beside it), table cells (too large) and boxes cut by the edge of the page. A lone box
holding a printed character is a box like any other: it is reported, and as ticked.

Everything but the close look at candidate outlines (a few dozen on a form, a few hundred on a
page of dense text) is numpy over the whole page: two thresholds, pooling pages finer than
150 dpi down to about 150 dpi, the horizontal runs of ink, pairing them, and the ink grid.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
from PIL import Image

from backoffice.document import Checkbox, InkGrid

MIN_SIDE_IN = 0.08  # sides of the tick boxes looked for, in inches
MAX_SIDE_IN = 0.30
GRID_CELLS_PER_IN = 20
WORK_DPI = 150  # pages finer than this are pooled down to about this before outlines are looked for

# What passes as a box outline.
_MIN_ASPECT, _MAX_ASPECT = 0.72, 1.38  # height / width of a box that passes as square
_SIDE_BAND = 0.97  # share of a box's rows in which its side, a band two pixels wide, is ink
_STRAIGHT = 0.95  # share of a side that its darkest single row or column covers
_SOLID = 0.75  # ink share of a row or column of a box that makes it part of a line
_OPEN_INSIDE = 0.55  # share of a box's width and of its height inside its lines (unless it is filled)
_FILLED = 0.85  # ink share of a box, two pixels in from its edges, of a filled box
_CORNER_COVER = 0.35  # a square corner pixel is covered at least this much, against the lines meeting there
_EDGE_CORNER_COVER = 0.3  # ... and at least this share of its row's ink times its column's
_OUTSIDE_INK = 0.4  # ink share of a band just outside a box above which the box is part of something else
_ADJACENT_DARK = 0.6  # the row or column just outside a side this dark, against the side, continues it
_LETTER_GAP_IN = 0.03  # letters of a word stand closer than this to each other; labels stand farther off
_NEIGHBOUR_ROWS = 0.4  # share of a box's rows with ink that close on both sides that makes it a letter
_COMB_MAX_GAP = 0.8  # widest gap between comb boxes, as a share of the box width
_COMB_SIDE = 0.85  # share of a neighbouring comb box's side, top and bottom that must be ink

# How ticked a box is.
_TICK_SHARE = 0.03  # ink share of the inside of a box at and above which it is ticked
_SURE_SHARE = 4 * _TICK_SHARE  # at and above this share the box is ticked beyond doubt

# Looking up candidate pairs of runs, before the close look at each.
_ROW_BEYOND = 0.5  # ink share of the row two above a top line (or below a bottom line) that rules a pair out
_BESIDE_INK = 0.6  # ink share of a band beside a side, in samples, that rules a pair out (looser than _OUTSIDE_INK)
_SIDE_WINDOW = 12  # widest stretch, in pixels, searched for a side at each end of a top and a bottom run
_BUCKET = 4  # pixels; bottom runs are looked up by the middle of the run, in buckets this wide


class _Page(NamedTuple):
    gray: np.ndarray  # the (pooled) page
    ink: np.ndarray  # gray < threshold
    threshold: int
    paper: int  # gray level of the paper
    dpi: float  # of the pooled page
    fine: np.ndarray  # ink on the page before pooling
    gray_fine: np.ndarray  # the page before pooling
    factor: int  # pixels of the page before pooling per pixel of the pooled page


class _Outline(NamedTuple):
    left: int  # pixels of the pooled page; right and bottom exclusive
    top: int
    right: int
    bottom: int
    inner_ink: float  # share of the inside (within the lines) that is ink
    crowded: bool  # ink close by on the left and on the right, as round a letter in a word


_FORM_CUES = re.compile(r"signature|sign here|signed|unterschrift|checking|savings|w-?9|deposit|authori[sz]|"
                        r"classification|tick|check (one|the|all)|ankreuzen|[☐☒]", re.IGNORECASE)


def page_may_have_marks(text: str) -> bool:
    """Only forms carry tick boxes and signatures we read; other pages skip the search (it costs tens of ms)."""
    return bool(_FORM_CUES.search(text))


def find_marks(gray: Image.Image, dpi: float) -> tuple[list[Checkbox], InkGrid]:
    """The tick boxes on an upright grayscale page, top to bottom, and the page's ink grid.

    Boxes are fractions of the page, origin top left.
    """
    pixels = np.asarray(gray if gray.mode == "L" else gray.convert("L"), dtype=np.uint8)
    height, width = pixels.shape
    if height == 0 or width == 0:
        return [], InkGrid(rows=0, cols=0, cells=b"")
    threshold, dark, paper = ink_thresholds(pixels)
    grid = ink_grid(pixels < dark, dpi)
    factor = max(1, round(dpi / WORK_DPI))
    pooled = min_pool(pixels, factor)
    fine = pixels < threshold
    outlines = _find_outlines(_Page(pooled, pooled < threshold if factor > 1 else fine, threshold, paper, dpi / factor,
                                    fine, pixels, factor))
    checkboxes = [
        Checkbox(
            box=(o.left * factor / width, o.top * factor / height,
                 min(o.right * factor / width, 1.0), min(o.bottom * factor / height, 1.0)),
            checked=o.inner_ink >= _TICK_SHARE,
            confidence=_tick_confidence(o.inner_ink),
        )
        for o in sorted(outlines, key=lambda o: (o.top, o.left))
    ]
    return checkboxes, grid


def ink_grid(ink: np.ndarray, dpi: float) -> InkGrid:
    """Share of ink in each cell of a grid of about 20 cells per inch, as bytes 0..255."""
    height, width = ink.shape
    cols = max(1, round(width / dpi * GRID_CELLS_PER_IN))
    rows = max(1, round(height / dpi * GRID_CELLS_PER_IN))
    row_edges = np.append((np.arange(rows) * height) // rows, height)
    col_edges = (np.arange(cols) * width) // cols
    # Summing each band of rows whole is several times faster than np.add.reduceat down the columns.
    per_row = np.stack([ink[row_edges[i]:row_edges[i + 1]].sum(axis=0, dtype=np.uint32) for i in range(rows)])
    counts = np.add.reduceat(per_row, col_edges, axis=1)
    area = np.outer(np.diff(row_edges), np.diff(np.append(col_edges, width)))
    return InkGrid(rows=rows, cols=cols, cells=np.round(counts * 255 / area).astype(np.uint8).tobytes())


def ink_thresholds(pixels: np.ndarray) -> tuple[int, int, int]:
    """Two gray levels, below the first of which a pixel is ink and below the second dark ink; and the paper's.

    The first stays clear of the paper's own noise yet keeps the faint antialiased edge of a thin
    line on a 100-dpi render, so outlines stay whole. The second, halfway between paper and the
    darkest ink, leaves out light shading and screened backgrounds, which are no marks.
    """
    step = max(1, int(np.ceil(np.sqrt(pixels.size / 250_000))))  # a quarter million pixels are plenty
    hist = np.bincount(pixels[::step, ::step].ravel(), minlength=256)
    # Most of a form is paper: the median is the paper's gray and the median distance from it, its
    # noise (the peak of the histogram is no good when noise clips at white).
    half = hist.sum() / 2
    paper = int(np.searchsorted(np.cumsum(hist), half))
    spread = np.bincount(np.abs(np.arange(256) - paper), weights=hist, minlength=256)
    noise = 1.4826 * int(np.searchsorted(np.cumsum(spread), half))
    threshold = int(np.clip(paper - max(4.5 * noise, 40), 60, 230))
    darkest = int(np.searchsorted(np.cumsum(hist), 0.005 * hist.sum()))  # where the darkest half percent ends
    return threshold, min(threshold, (paper + darkest) // 2), paper


def _tick_confidence(inner_ink: float) -> float:
    """How clear the ticked/empty call is: 0.5 at the threshold, 1.0 for a clean box or one well inked."""
    if inner_ink < _TICK_SHARE:
        margin = (_TICK_SHARE - inner_ink) / _TICK_SHARE
    else:
        margin = (inner_ink - _TICK_SHARE) / (_SURE_SHARE - _TICK_SHARE)
    return round(0.5 + 0.5 * min(margin, 1.0), 3)


def min_pool(pixels: np.ndarray, factor: int) -> np.ndarray:
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


def _side_range(dpi: float) -> tuple[int, int]:
    """Shortest and longest side of a tick box, in pixels, with room for line width and rounding."""
    return max(5, int(MIN_SIDE_IN * dpi * 0.9)), int(np.ceil(MAX_SIDE_IN * dpi * 1.15))


def _find_outlines(page: _Page) -> list[_Outline]:
    """Tick box outlines on the (pooled) page."""
    ink = page.ink
    shortest, longest = _side_range(page.dpi)
    every = _row_runs(ink, 2, longest)  # a ring's top is shorter than a box's
    rows, starts, ends = (part[every[2] - every[1] >= shortest] for part in every)
    # The first and the last row of a line are where a box's top and bottom lines begin and end;
    # of those, keep the ones with ink going down (up) from both ends, as a box's sides do.
    top = ~_has_twin(rows, starts, ends, -1, ink.shape[1]) & _sides_follow(ink, rows, starts, ends, 1)
    bottom = ~_has_twin(rows, starts, ends, 1, ink.shape[1]) & _sides_follow(ink, rows, starts, ends, -1)
    found = []
    for t, b in _pairs(ink, rows, starts, ends, np.nonzero(top)[0], np.nonzero(bottom)[0]):
        outline = _check_outline(page, rows[t], rows[b] + 1, (starts[t], ends[t]), (starts[b], ends[b]))
        if outline is not None:
            found.append(outline)
    squares = [o for o in _outermost(found) if not o.crowded and not _in_comb(ink, o)]
    return squares + [r for r in _find_rings(page, every) if not any(_meet(r, o) for o in squares)]


# ---------------------------------------------------------------- round buttons

_RING_ANGLES = 32  # points round a ring at which its line is looked for
_RING_LINE = 0.95  # share of them that must be ink
_RING_OUTSIDE = 0.13  # share of points just outside a ring that may be ink (a tick running out of it)
_RING_LINE_IN = 0.02  # a button's line is thinner than this (a bold letter's stroke is not)
_RING_THIN = 0.2  # ... and no thicker than a fifth of its radius
_RING_MIN_IN = 0.09  # smallest button looked for: the loops of digits and small letters are smaller


def _find_rings(page: _Page, runs: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[_Outline]:
    """Round buttons (radio buttons) on the (pooled) page, empty, dotted, crossed or ticked.

    Each horizontal run of ink with paper above it may be the top of a ring: a ring of each diameter in the
    tick box range is tried below it, first by the ink at its bottom, then by ink at nearly every point round
    its line, paper at most points just outside it, and no letters close by on either side (an O in a word).
    """
    ink = page.ink
    h, w = ink.shape
    shortest, longest = max(7, int(_RING_MIN_IN * page.dpi)), _side_range(page.dpi)[1]
    rows, starts, ends = runs
    keep = (rows > 0) & (rows < h - shortest) & (ends - starts <= 0.8 * longest)
    rows, starts, ends = rows[keep], starts[keep], ends[keep]
    # Paper above (a speck may sit on the line): the top of something.
    above = sum(ink[rows - 1, starts + (ends - 1 - starts) * k // 4].astype(int) for k in range(5))
    keep = above <= 1
    rows, starts, ends = rows[keep], starts[keep], ends[keep]
    mid, length = (starts + ends - 1) // 2, ends - starts
    sizes = np.arange(shortest, longest + 1)
    # The bottom of the ring: ink a diameter down, in the column through the top's middle.
    bottom = np.clip(rows[:, None] + sizes[None, :] - 1, 0, h - 1)
    hit = ink[bottom, mid[:, None]] | ink[np.clip(bottom - 1, 0, h - 1), mid[:, None]]
    # A ring's top run is a chord of its line, well short of its diameter.
    hit &= (length[:, None] <= 0.75 * sizes[None, :]) & (bottom < h - 2)
    cand, size_at = np.nonzero(hit)
    d = sizes[size_at].astype(np.float64)
    cy, cx, outer = rows[cand] + (d - 1) / 2, mid[cand].astype(np.float64), (d - 1) / 2
    # Then, cheaply, its sides: ink on its line left and right of the centre, paper beyond (the top's middle is
    # the ring's to a pixel either way, so both are looked for a pixel wider).
    y = np.rint(cy).astype(np.int64)

    def level(dx: np.ndarray) -> np.ndarray:
        return ink[y, np.clip(np.floor(cx + dx + 0.5), 0, w - 1).astype(np.int64)]

    near = ~level(-outer - 3) & ~level(outer + 3)
    for sign in (-1, 1):
        near &= level(sign * (outer - 1)) | level(sign * outer) | level(sign * (outer + 1)) | level(sign * (outer + 2))
    cy, cx, d = cy[near], cx[near], d[near]
    # Each of the three centres is tried.
    cy, d, cx = np.repeat(cy, 3), np.repeat(d, 3), np.repeat(cx, 3) + np.tile([-1.0, 0.0, 1.0], len(cx))
    round_it = np.linspace(0, 2 * np.pi, _RING_ANGLES, endpoint=False)

    def ink_at(radius: np.ndarray, angles: np.ndarray = round_it) -> np.ndarray:
        ys = np.clip(np.rint(cy[:, None] + radius[:, None] * np.sin(angles)[None, :]), 0, h - 1).astype(np.int64)
        xs = np.clip(np.rint(cx[:, None] + radius[:, None] * np.cos(angles)[None, :]), 0, w - 1).astype(np.int64)
        return ink[ys, xs]

    outer = (d - 1) / 2
    keep = (ink_at(outer) | ink_at(outer - 1)).mean(axis=1) >= _RING_LINE
    keep &= ink_at(outer + 2).mean(axis=1) <= _RING_OUTSIDE
    # Paper at the corners of the square round it (but one, where a tick may run out): no D, no square box; and
    # just outside it level with its centre and under it (its sides do not run on, as a D's stem does).
    keep &= ink_at(outer + 1.5, np.pi / 4 * np.array([1, 3, 5, 7])).sum(axis=1) <= 1
    keep &= ink_at(outer + 1, np.array([0, np.pi / 2, np.pi])).sum(axis=1) <= 1
    # A thin line all round, round a dot, a cross or a tick, not a blob of letters nor a bold O; or a ring filled
    # in, solid halfway to its line all round.
    filled = ink_at(0.5 * outer).mean(axis=1) >= 0.95
    thin, line = _thin_rings(page, cy[keep], cx[keep], outer[keep])
    width = np.zeros_like(outer)  # a filled ring's inside is read as before, clear of no line in particular
    width[keep] = np.where(thin, line, 0.0)
    keep[keep] = filled[keep] | thin
    found = []
    for x, y, r, line_width in zip(cx[keep], cy[keep], outer[keep], width[keep]):
        left, top, right, bottom_ = int(round(x - r)), int(round(y - r)), int(round(x + r)) + 1, int(round(y + r)) + 1
        if left < 1 or top < 1 or right >= w - 1 or bottom_ >= h - 1:
            continue
        if _letter_beside(ink, top, bottom_, left, right, page.dpi):
            continue
        found.append(_Outline(left, top, right, bottom_, _ring_inner_ink(ink, x, y, r, line_width), False))
    return _outermost(found)


def _thin_rings(page: _Page, cy: np.ndarray, cx: np.ndarray, outer: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each ring (centre and outer radius on the pooled page), whether its line is thin all round, and how
    far in from its outer edge its ink reaches on the pooled page.

    Measured on the page before pooling, which thickens a line by up to a pixel of the pooled page: enough to
    make the line of a button a tenth of an inch across as thick, against its size, as the stroke of a bold O.
    Along each ray inward from the outer edge the line is the ink up to the first paper; its usual thickness over
    all rays counts (a tick or a cross touches the line on a few rays only), against the radius and in inches.
    """
    f, ink = page.factor, page.fine
    h, w = ink.shape
    cy, cx = cy * f + (f - 1) / 2, cx * f + (f - 1) / 2
    radius = (outer + 0.5) * f
    angles = np.linspace(0, 2 * np.pi, _RING_ANGLES, endpoint=False)
    depth = np.arange(0.0, 0.6, 0.02)  # share of the radius in from the outer edge
    r = radius[:, None, None] * (1 - depth[None, None, :])
    ys = np.clip(np.rint(cy[:, None, None] + r * np.sin(angles)[None, :, None]), 0, h - 1).astype(np.int64)
    xs = np.clip(np.rint(cx[:, None, None] + r * np.cos(angles)[None, :, None]), 0, w - 1).astype(np.int64)
    rays = ink[ys, xs]  # ring, angle, depth
    # The line starts at the first ink along a ray and ends at the first paper after it; its thickness is where it
    # is at least half as dark as at its darkest (the soft edges a blurred, enlarged scan gives a line count not).
    steps = np.arange(len(depth))[None, None, :]
    start = np.argmax(rays, axis=2)[:, :, None]
    line = np.cumprod(rays | (steps < start), axis=2).astype(bool) & (steps >= start)
    dark = np.where(line, page.paper - page.gray_fine[ys, xs].astype(np.int32), 0)
    width = (dark * 2 >= dark.max(axis=2, keepdims=True)) & line
    step = 0.02 * radius  # pixels of the page before pooling
    thickness = np.median(width.sum(axis=2), axis=1) * step
    reach = (np.median(line.sum(axis=2), axis=1) * step + f - 1) / f
    return (thickness <= _RING_THIN * radius) & (thickness <= _RING_LINE_IN * page.dpi * f), reach


def _ring_inner_ink(ink: np.ndarray, cx: float, cy: float, r: float, line: float) -> float:
    """Share of the inside of a ring, well clear of its line (line pixels in from its outer edge), that is ink
    (specks left out)."""
    inner = r - max(2.0, 0.35 * r, line + 1.5)
    top, left = int(np.floor(cy - inner)), int(np.floor(cx - inner))
    patch = ink[top:int(np.ceil(cy + inner)) + 1, left:int(np.ceil(cx + inner)) + 1]
    ys, xs = np.mgrid[top:top + patch.shape[0], left:left + patch.shape[1]]
    disc = (ys - cy) ** 2 + (xs - cx) ** 2 <= inner ** 2
    return float((_despeckle(patch) & disc).sum() / max(disc.sum(), 1))


def _letter_beside(ink: np.ndarray, top: int, bottom: int, left: int, right: int, dpi: float) -> bool:
    """Whether ink stands as close as a letter in a word on either side of the middle half of a ring's height:
    a round letter ('O' in 'Other', '0' in '000') has a neighbour that close, a button its label farther off."""
    gap = max(2, round(_LETTER_GAP_IN * dpi), round(0.25 * (bottom - top)))  # letters stand closer the bigger they are
    quarter = (bottom - top) // 4
    rows = slice(top + quarter, bottom - quarter)
    beside = (ink[rows, max(left - 1 - gap, 0):max(left - 1, 0)], ink[rows, right + 1:right + 1 + gap])
    return any(part.size and part.any(axis=1).mean() >= _NEIGHBOUR_ROWS for part in beside)


def _meet(a: _Outline, b: _Outline) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def _row_runs(ink: np.ndarray, shortest: int, longest: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, first column and end column (exclusive) of each horizontal run of ink in the length range,
    in order of row, then column."""
    h, w = ink.shape
    padded = np.zeros((h, w + 2), dtype=bool)
    padded[:, 1:-1] = ink
    # Bridge one-pixel gaps: a printed line stays one run through scanner noise, and the letters of
    # a bold word, a pixel apart at 100 dpi, merge into a run too long for a box.
    padded[:, 2:-2] |= padded[:, 1:-3] & padded[:, 3:-1]
    rows, cols = np.nonzero(padded[:, 1:] != padded[:, :-1])
    starts, ends, rows = cols[0::2], cols[1::2], rows[0::2]
    length = ends - starts
    keep = (length >= shortest) & (length <= longest)
    return rows[keep], starts[keep], ends[keep]


def _has_twin(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, step: int, width: int) -> np.ndarray:
    """For each run, whether the row above (step -1) or below (+1) has a run of the same extent, give or take a pixel."""
    twin = np.zeros(len(rows), dtype=bool)
    if not len(rows):
        return twin
    stride = width + 4
    keys = rows * stride + starts + 1  # sorted, as the runs are
    for shift in (-1, 0, 1):
        wanted = keys + step * stride + shift
        at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        twin |= (keys[at] == wanted) & (np.abs(ends[at] - ends) <= 1)
    return twin


def _sides_follow(ink: np.ndarray, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, step: int) -> np.ndarray:
    """For each run, whether there is ink near both its ends a third and a half its length down (step 1) or up."""
    h, w = ink.shape
    length = ends - starts
    # From a pixel beyond each end (the outermost row of a line can be a pixel short) to as far in
    # as a stroke past a corner can lengthen a run.
    near = np.maximum(4, length // 4) + 1
    offsets = np.arange(int(near.max()) if len(near) else 1)
    inside = offsets < near[:, None]
    left = np.clip(starts[:, None] - 1 + offsets, 0, w - 1)
    right = np.clip(ends[:, None] - offsets, 0, w - 1)
    follow = np.ones(len(rows), dtype=bool)
    for share in (0.35, 0.55):
        row = np.clip(rows + step * (length * share).astype(np.int64), 0, h - 2)[:, None]
        # Two rows at a time: a hairline side can break up in a noisy scan.
        near_left = (ink[row, left] | ink[row + 1, left]) & inside
        near_right = (ink[row, right] | ink[row + 1, right]) & inside
        follow &= near_left.any(axis=1) & near_right.any(axis=1)
    return follow


def _pairs(ink: np.ndarray, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, tops: np.ndarray,
           bottoms: np.ndarray) -> list[tuple[int, int]]:
    """Top and bottom runs, as indices, that could be the top and bottom lines of one box.

    Bottoms are looked up by the middle of their run, so a stroke that runs past a corner and
    lengthens one of the two runs does not keep them apart. Most pairs in running text are the
    tops and bottoms of letters inside a line of letters, with ink just above or below; the rest
    must have a line down both sides and not much ink beside it (looked at in nine rows).
    """
    if not len(tops) or not len(bottoms):
        return []
    h, w = ink.shape
    stride = 4 * h + 8  # more than any row a bottom is looked for at
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
    # Strokes past the corners can lengthen either run at both ends: the shorter must lie along the longer.
    shorter, longer = np.minimum(b1 - a1, b2 - a2), np.maximum(b1 - a1, b2 - a2)
    keep = (np.minimum(b1, b2) - np.maximum(a1, a2) >= 0.8 * shorter) & (shorter >= 0.6 * longer)
    height = rows[b] - rows[t] + 1
    keep &= (height >= _MIN_ASPECT * 0.9 * shorter) & (height <= _MAX_ASPECT * 1.1 * shorter + 2)

    t, b, a1, b1, a2, b2, shorter = t[keep], b[keep], a1[keep], b1[keep], a2[keep], b2[keep], shorter[keep]
    if not len(t):
        return []

    columns = np.arange(int((b1 - a1).max()))
    above = ink[np.maximum(rows[t] - 2, 0)[:, None], np.clip(a1[:, None] + columns, 0, w - 1)]
    below = ink[np.minimum(rows[b] + 2, h - 1)[:, None], np.clip(a2[:, None] + columns, 0, w - 1)]
    keep = (above & (columns < (b1 - a1)[:, None])).sum(axis=1) <= _ROW_BEYOND * (b1 - a1)
    keep &= (below & (columns < (b2 - a2)[:, None])).sum(axis=1) <= _ROW_BEYOND * (b2 - a2)

    # Down both sides: a line, and not much beside it. Looked at in nine rows, two pixels tall.
    offsets = np.arange(_SIDE_WINDOW)
    left_cols = np.clip(np.minimum(a1, a2)[:, None] - 1 + offsets, 0, w - 1)
    left_open = offsets < np.minimum(np.abs(a1 - a2) + 3, _SIDE_WINDOW)[:, None]
    right_cols = np.clip(np.maximum(b1, b2)[:, None] - offsets, 0, w - 1)
    right_open = offsets < np.minimum(np.abs(b1 - b2) + 3, _SIDE_WINDOW)[:, None]
    reach = np.maximum(2, (0.2 * shorter).astype(np.int64))
    beside = np.arange(int(reach.max()))
    beside_open = beside < reach[:, None]
    beside_left = np.clip(np.minimum(a1, a2)[:, None] - 2 - beside, 0, w - 1)
    beside_right = np.clip(np.maximum(b1, b2)[:, None] + 1 + beside, 0, w - 1)
    ink_left = ink_right = 0
    for share in np.linspace(0.1, 0.9, 9):
        row = np.clip(rows[t] + ((rows[b] - rows[t]) * share).astype(np.int64), 0, h - 2)[:, None]
        keep &= ((ink[row, left_cols] | ink[row + 1, left_cols]) & left_open).any(axis=1)
        keep &= ((ink[row, right_cols] | ink[row + 1, right_cols]) & right_open).any(axis=1)
        ink_left = ink_left + (ink[row, beside_left] & beside_open).sum(axis=1)
        ink_right = ink_right + (ink[row, beside_right] & beside_open).sum(axis=1)
    keep &= (ink_left <= _BESIDE_INK * 9 * reach) & (ink_right <= _BESIDE_INK * 9 * reach)
    return list(zip(t[keep].tolist(), b[keep].tolist()))


def _check_outline(page: _Page, top: int, bottom: int, top_run: tuple[int, int],
                   bottom_run: tuple[int, int]) -> _Outline | None:
    """The box between a top and a bottom run (bottom exclusive) if it is a square outline of its own."""
    ink = page.ink
    (a, b), (a2, b2) = top_run, bottom_run
    h = bottom - top
    # The outermost row of a line can be a pixel shorter than the line (antialiasing), so the
    # sides are looked for from a pixel beyond the runs, as bands two pixels wide: a thin line
    # steps a column on a skewed page.
    x0 = max(min(a, a2) - 1, 0)
    span = ink[top:bottom, x0:max(b, b2) + 1]
    bands = (span[:, :-1] | span[:, 1:]).mean(axis=0)
    left_bands = np.nonzero(bands[:max(a, a2) - x0 + 1] >= _SIDE_BAND)[0]
    right_from = min(b, b2) - 2 - x0
    right_bands = np.nonzero(bands[right_from:] >= _SIDE_BAND)[0]
    if not left_bands.size or not right_bands.size:
        return None
    # A side's outer column counts when it is mostly ink; the column beyond the runs only when it
    # meets them in square corners, as the soft edge of a line does and the curve of a letter not.
    coverage = span.mean(axis=0)
    i, j = int(left_bands[0]), right_from + int(right_bands[-1])
    left, right = x0 + i, x0 + j + 2
    if coverage[i] < 0.5 or (left < min(a, a2) and not _meets_square(page, top, bottom, left, max(b, b2), left)):
        left += 1
    if coverage[j + 1] < 0.5 or (right > max(b, b2) and not _meets_square(page, top, bottom, x0, right, right - 1)):
        right -= 1
    w = right - left
    if left < 2 or top < 2 or right > ink.shape[1] - 2 or bottom > ink.shape[0] - 2:
        return None  # cut by the edge of the page, with no paper round it to tell it by
    shortest, longest = _side_range(page.dpi)
    if not (shortest <= min(w, h) and max(w, h) <= longest and _MIN_ASPECT * w <= h <= _MAX_ASPECT * w):
        return None
    # The top or the bottom line must end at each side: the bars of a '#' run on past both.
    tol = max(1, round(0.1 * w))
    if min(abs(a - left), abs(a2 - left)) > tol or min(abs(b - right), abs(b2 - right)) > tol:
        return None
    if not _stands_alone(ink, top, bottom, left, right):
        return None

    body = ink[top:bottom, left:right]
    cap = max(1, min(h, w) // 3)  # a filled box stops the count of line rows at a third of the side
    rows_solid, cols_solid = body.mean(axis=1) >= _SOLID, body.mean(axis=0) >= _SOLID
    lines = (_line(rows_solid, cap), _line(rows_solid[::-1], cap), _line(cols_solid, cap), _line(cols_solid[::-1], cap))
    if any(line is None for line in lines):
        return None
    (t0, t1), (b0, b1), (l0, l1), (r0, r1) = lines
    # Ruled lines are thin beside the box they make; the strokes of a bold letter that passes for a
    # box at 100 to 150 dpi leave little room inside. A filled box is solid up to the cap all round.
    filled = min(t1, b1, l1, r1) >= cap or body[2:-2, 2:-2].mean() >= _FILLED
    if not filled and not _open_inside(lines, h, w):
        # A bold X or a heavy tick reaching into the corners makes the rows next to a line mostly ink
        # too; counted as line only where a ruled line is (ink from side to side), the box is open.
        rows_ruled, cols_ruled = body.mean(axis=1) >= _STRAIGHT, body.mean(axis=0) >= _STRAIGHT
        strict = (_line(rows_ruled, cap), _line(rows_ruled[::-1], cap), _line(cols_ruled, cap),
                  _line(cols_ruled[::-1], cap))
        if any(line is None for line in strict) or not _open_inside(strict, h, w):
            return None
        lines = strict
        (t0, t1), (b0, b1), (l0, l1), (r0, r1) = lines
    # Each side is one straight line: some single row or column of it is ink from corner to corner
    # (the corner pixels aside, which antialiasing can leave light), where the curved side of a
    # letter wanders from column to column.
    if min(body[t0:t1, 1:-1].mean(axis=1).max(), body[h - b1:h - b0, 1:-1].mean(axis=1).max(),
           body[1:-1, l0:l1].mean(axis=0).max(), body[1:-1, w - r1:w - r0].mean(axis=0).max()) < _STRAIGHT:
        return None
    if not _nothing_beyond(page, top, bottom, left, right, max(t1, b1, l1, r1)):
        return None
    if not _square_corners(page, top, bottom, left, right, lines):
        return None
    # One pixel more than the lines stays out of the measure: the soft inner edge of a line is no tick.
    inner = body[t1 + 1:h - b1 - 1, l1 + 1:w - r1 - 1]
    if inner.size == 0:
        return None
    return _Outline(left, top, right, bottom, float(_despeckle(inner).mean()),
                    crowded=_crowded(ink, top, bottom, left, right, page.dpi))


def _open_inside(lines: tuple[tuple[int, int], ...], h: int, w: int) -> bool:
    """Whether the room inside a box's lines is most of its height and of its width."""
    (_, t1), (_, b1), (_, l1), (_, r1) = lines
    return h - t1 - b1 >= _OPEN_INSIDE * h and w - l1 - r1 >= _OPEN_INSIDE * w


def _meets_square(page: _Page, top: int, bottom: int, left: int, right: int, col: int) -> bool:
    """Whether a side column meets the top and bottom rows of the box in square corners.

    On an antialiased render a line that falls between two pixels colours both partly; where two
    such lines meet, the corner pixel is covered about as much as its row times its column. A
    1-bit scan rounds the outer corner of a line two pixels thick off: the row inside meets it then.
    """
    cover = _cover(page, top, bottom, left, right)
    c = col - left
    bilevel = bool(np.isin(cover, (0.0, 1.0)).all())
    corners = ((0, 1), (-1, -2)) if bilevel else ((0,), (-1,))
    return all(any(cover[r, c] >= _EDGE_CORNER_COVER * cover[r].mean() * cover[:, c].mean() for r in rows)
               for rows in corners)


def _cover(page: _Page, top: int, bottom: int, left: int, right: int) -> np.ndarray:
    """How much of each pixel of the box the ink covers: 0 for paper, 1 for the darkest ink in the box."""
    box = page.gray[top:bottom, left:right].astype(np.float32)
    return np.clip((page.paper - box) / max(page.paper - float(box.min()), 1.0), 0.0, 1.0)


def _line(flags: np.ndarray, cap: int) -> tuple[int, int] | None:
    """First and end index of the line at the start of flags (solid rows or columns, from the outside in).

    The outermost row of a slightly skewed line can be only partly ink; the line then starts one in.
    A filled box stops the count at cap. None when no solid line starts within the first two.
    """
    solid = np.nonzero(flags[:cap])[0]
    if not solid.size or solid[0] > 1:
        return None
    first = int(solid[0])
    gaps = np.nonzero(~flags[first:cap])[0]
    return first, first + (int(gaps[0]) if gaps.size else cap - first)


def _stands_alone(ink: np.ndarray, top: int, bottom: int, left: int, right: int) -> bool:
    """Whether the paper just outside the box is blank but for a stroke or two crossing it."""
    h, w = bottom - top, right - left
    # Drawn through the inner rows of a round letter (O, D, 0), a box has the rest of the letter here.
    reach = max(2, round(0.2 * min(w, h)))
    outside = (ink[max(top - reach, 0):top, left:right], ink[bottom:bottom + reach, left:right],
               ink[top:bottom, max(left - reach, 0):left], ink[top:bottom, right:right + reach])
    if any(part.size and part.mean() > _OUTSIDE_INK for part in outside):
        return False
    # A side that runs on well past the box makes it a cell of a column of boxes or of a table.
    band, reach = max(2, round(0.1 * w)), max(2, h // 2)
    for col in (slice(left, left + band), slice(right - band, right)):
        above = ink[max(top - reach, 0):top, col].any(axis=1)
        below = ink[bottom:bottom + reach, col].any(axis=1)
        if (above.size == reach and above.all()) or (below.size == reach and below.all()):
            return False
    return True


def _nothing_beyond(page: _Page, top: int, bottom: int, left: int, right: int, line: int) -> bool:
    """Whether the row or column just outside each side is paper, or far lighter than the side's line.

    A box drawn through the inner rows of a round letter has a row of the letter, as dark as its
    lines, just outside; a ruled box has at most the faint edge of its line there.
    """
    around = page.gray[top - 1:bottom + 1, left - 1:right + 1]  # boxes keep clear of the page's edges
    darkness = np.clip(page.threshold - around.astype(np.int32), 0, None)
    k = line + 1
    for dark in (darkness, darkness.T):
        n = dark.shape[0]
        inside = dark[1:n - 1, 1:-1]
        for rows, outside in ((slice(0, k), dark[0, 1:-1]), (slice(n - 2 - k, n - 2), dark[n - 1, 1:-1])):
            if outside.sum() > _ADJACENT_DARK * inside[rows].sum(axis=1).max():
                return False
    return True


def _square_corners(page: _Page, top: int, bottom: int, left: int, right: int,
                    lines: tuple[tuple[int, int], ...]) -> bool:
    """Whether at each corner the top or bottom line and the side line run on into each other.

    Near each corner, the darkest row of the top (bottom) line and the darkest column of the side
    are found from the stretch of each line next to the corner (so a skewed line's row there
    counts, not its row at the far end); where they cross, a ruled box's pixel is covered about as
    much as the lines. A round letter that passes every other test at 100 dpi (O, D, 0) has them
    cross outside its curve, on light or blank pixels.
    """
    cover = _cover(page, top, bottom, left, right)
    h, w = cover.shape
    (t0, t1), (b0, b1), (l0, l1), (r0, r1) = lines
    reach = max(2, min(h, w) // 4)
    for rows, row_ends in ((range(t0, t1), t1), (range(h - b1, h - b0), h - b1)):
        for cols, col_ends in ((range(l0, l1), l1), (range(w - r1, w - r0), w - r1)):
            # The stretch of the top (bottom) line just beyond the side, and of the side beyond that line.
            along = slice(l1, l1 + reach) if col_ends == l1 else slice(w - r1 - reach, w - r1)
            down = slice(t1, t1 + reach) if row_ends == t1 else slice(h - b1 - reach, h - b1)
            row_ink = {r: cover[r, along].mean() for r in rows}
            col_ink = {c: cover[down, c].mean() for c in cols}
            line_cover = max(max(row_ink.values()), max(col_ink.values()))
            # A line that falls between two pixel rows gives two rows about as dark: either may be it.
            darkest_rows = [r for r, v in row_ink.items() if v >= 0.9 * max(row_ink.values())]
            darkest_cols = [c for c, v in col_ink.items() if v >= 0.9 * max(col_ink.values())]
            if max(cover[r, c] for r in darkest_rows for c in darkest_cols) < _CORNER_COVER * line_cover:
                return False
    return True


def _despeckle(inner: np.ndarray) -> np.ndarray:
    """The inside of a box without lone ink pixels (scanner noise), which no pen stroke leaves."""
    padded = np.pad(inner, 1)
    neighbours = sum(
        padded[1 + dy:padded.shape[0] - 1 + dy, 1 + dx:padded.shape[1] - 1 + dx].astype(np.uint8)
        for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx
    )
    return inner & (neighbours > 0)


def _crowded(ink: np.ndarray, top: int, bottom: int, left: int, right: int, dpi: float) -> bool:
    """Whether ink stands close on both sides, as letters do round a letter in a word.

    A box has its label on one side at most; a stroke that strays out of the box passes few rows.
    """
    gap = max(2, round(_LETTER_GAP_IN * dpi))
    # The column right next to a side may hold the soft edge of its line; neighbours start one further.
    beside = (ink[top:bottom, max(left - 1 - gap, 0):max(left - 1, 0)], ink[top:bottom, right + 1:right + 1 + gap])
    return all(part.size and part.any(axis=1).mean() >= _NEIGHBOUR_ROWS for part in beside)


def _in_comb(ink: np.ndarray, o: _Outline) -> bool:
    """Whether a box of the same height stands right beside this one, as in a row of comb boxes for digits.

    Looked for in the image rather than among the boxes found: the strip of paper between comb
    boxes is too narrow for all of them to pass as boxes on their own.
    """
    h, w = o.bottom - o.top, o.right - o.left
    reach, line = max(2, round(_COMB_MAX_GAP * w)), max(2, round(0.12 * h))
    rows = ink[o.top:o.bottom]
    for near, far, step in ((o.right, o.right + reach, 1), (o.left - 1, o.left - 1 - reach, -1)):
        for c in range(near, far, step):
            if not 0 <= c < ink.shape[1] or rows[line:h - line, c].mean() < _COMB_SIDE:
                continue
            # The neighbour's side found: its top and bottom lines run on from it, level with this box's.
            span = slice(c, c + w - 2) if step > 0 else slice(max(c - (w - 2), 0), c + 1)
            if rows[:line, span].any(axis=0).mean() >= _COMB_SIDE and rows[h - line:, span].any(axis=0).mean() >= _COMB_SIDE:
                return True
    return False


def _outermost(outlines: list[_Outline]) -> list[_Outline]:
    """One outline per box: a thick line or a filled box yields nested candidates; keep the largest."""
    kept: list[_Outline] = []
    for o in sorted(outlines, key=lambda o: (o.right - o.left) * (o.bottom - o.top), reverse=True):
        cx, cy = (o.left + o.right) / 2, (o.top + o.bottom) / 2
        if not any(k.left <= cx <= k.right and k.top <= cy <= k.bottom for k in kept):
            kept.append(o)
    return kept


# ---------------------------------------------------------------- comb boxes

COMB_MIN_SIDE_IN = 0.12  # heights of the comb boxes looked for, in inches
COMB_MAX_SIDE_IN = 0.5
COMB_WORK_DPI = 100  # pages finer than this are pooled down to this or a little finer before combs are looked for
_COMB_MIN_CELLS = 4  # fewer boxes in a row are tick boxes or a small table, not a number written one digit a box
_COMB_ROW_GAP = 2.0  # widest gap, in box heights, between two boxes of one comb (an SSN's dash stands in one)
_COMB_CELL_WIDTH = (0.4, 1.7)  # width of a box as a share of its height
_COMB_LINE_COVER = 0.85  # share of a box's width its top and its bottom line cover
_COMB_INSIDE_INK = 0.4  # ink share of the inside of a box above which it is no box (a bold letter, a solid fill) ...
_COMB_WRITTEN_INK = 0.62  # ... unless other boxes of its comb read clearly: a big handwritten digit, up to this


class Comb(NamedTuple):
    """A row of comb boxes for one digit each: the inside of each box, in pixels of the page; right and
    bottom exclusive."""

    cells: list[tuple[int, int, int, int]]


def find_combs(gray: Image.Image, dpi: float) -> list[Comb]:
    """Rows of comb boxes on an upright grayscale page, top to bottom.

    Found from their sides: short upright lines of one height, their tops and bottoms level, standing a
    box width apart, with a line along the top and the bottom between each two. Boxes drawn edge to edge
    share their sides; boxes drawn apart each have two. The sides of a table's cells run on past one row
    and the boxes of a tick-box question stand far apart, so neither makes a comb.
    """
    pixels = np.asarray(gray if gray.mode == "L" else gray.convert("L"), dtype=np.uint8)
    if pixels.size == 0:
        return []
    # Dark ink only: a shaded caption's grey would close the gaps between the stems of its letters.
    threshold = ink_thresholds(pixels)[1]
    factor = max(1, int(dpi // COMB_WORK_DPI))
    ink = min_pool(pixels, factor) < threshold
    work_dpi = dpi / factor
    shortest, longest = int(COMB_MIN_SIDE_IN * work_dpi), int(np.ceil(COMB_MAX_SIDE_IN * work_dpi))
    combs = []
    seen: set[tuple[int, int, int, int]] = set()
    for row in _level_sides(ink, shortest, longest, max(2, round(0.03 * work_dpi))):
        for cells in _comb_cells(ink, row):
            if len(cells) < _COMB_MIN_CELLS or seen & set(cells):
                continue
            seen |= set(cells)
            combs.append(Comb([(l * factor, t * factor, r * factor, b * factor) for l, t, r, b in cells]))
    return sorted(combs, key=lambda c: (c.cells[0][1], c.cells[0][0]))


class _Side(NamedTuple):
    left: int  # columns of the line; right exclusive
    right: int
    top: int  # rows; bottom exclusive
    bottom: int


def _level_sides(ink: np.ndarray, shortest: int, longest: int, thickest: int) -> list[list[_Side]]:
    """Upright lines of the comb box heights, in groups whose tops and bottoms are level, left to right."""
    cols, starts, ends = _row_runs(np.ascontiguousarray(ink.T), shortest, longest)
    # Runs in neighbouring columns with the same extent are one line a few pixels thick.
    sides: list[_Side] = []
    open_sides: dict[tuple[int, int], _Side] = {}
    for c, s, e in sorted(zip(cols.tolist(), starts.tolist(), ends.tolist())):
        key = next(((ks, ke) for ks, ke in open_sides
                    if abs(ks - s) <= 2 and abs(ke - e) <= 2 and open_sides[(ks, ke)].right >= c), None)
        if key is not None:
            side = open_sides.pop(key)
            open_sides[(s, e)] = side._replace(right=c + 1, top=min(side.top, s), bottom=max(side.bottom, e))
            continue
        for k in [k for k, v in open_sides.items() if v.right < c]:
            sides.append(open_sides.pop(k))
        open_sides[(s, e)] = _Side(c, c + 1, s, e)
    sides.extend(open_sides.values())
    sides = [s for s in sides if s.right - s.left <= thickest]
    groups: list[list[_Side]] = []
    for side in sorted(sides, key=lambda s: (s.top, s.left)):
        tol = max(2, round(0.12 * (side.bottom - side.top)))
        group = next((g for g in groups if abs(g[0].top - side.top) <= tol and abs(g[0].bottom - side.bottom) <= tol), None)
        if group is None:
            groups.append([side])
        else:
            group.append(side)
    rows = []
    for group in groups:
        if len(group) < 2:
            continue
        top, bottom = int(np.median([s.top for s in group])), int(np.median([s.bottom for s in group]))
        h, tol = bottom - top, max(2, round(0.12 * (bottom - top)))
        # A side that touches a line or a speck beyond the box runs on past it: it still closes the box.
        level = [_Side(s.left, s.right, top, bottom) for s in sides
                 if top - h // 2 <= s.top <= top + tol and bottom - tol <= s.bottom <= bottom + h // 2]
        if len(level) >= 3:
            rows.append(sorted(set(level), key=lambda s: s.left))
    return rows


def _comb_cells(ink: np.ndarray, sides: list[_Side]) -> list[list[tuple[int, int, int, int]]]:
    """The boxes between level sides, a box width apart and closed by a line along the top and the bottom,
    in runs with no wider gap between two boxes than an SSN's dash: one run per comb (an SSN and an EIN
    can stand side by side)."""
    runs: list[list[tuple[tuple[int, int, int, int], float]]] = [[]]
    for a, b in zip(sides, sides[1:]):
        top, bottom = a.top, a.bottom
        h, width = bottom - top, b.left - a.right
        line = max(2, round(0.15 * h))
        closed = (width > 0 and ink[max(top - 1, 0):top + line, a.right:b.left].any(axis=0).mean() >= _COMB_LINE_COVER
                  and ink[max(bottom - line, 0):bottom + 1, a.right:b.left].any(axis=0).mean() >= _COMB_LINE_COVER)
        inside = float(ink[top + line:bottom - line, a.right:b.left].mean()) if closed else 1.0
        if inside < _COMB_WRITTEN_INK and _COMB_CELL_WIDTH[0] * h <= width <= _COMB_CELL_WIDTH[1] * h:
            if runs[-1] and a.left - runs[-1][-1][0][2] > _COMB_ROW_GAP * h:
                runs.append([])
            runs[-1].append(((a.right, top, b.left, bottom), inside))
        elif width > _COMB_ROW_GAP * h and runs[-1]:
            runs.append([])
    out = []
    for run in runs:
        # A big, bold handwritten digit fills much of its box (more so on the pooled page): such boxes count
        # among boxes that read clearly as boxes, never on their own (a solid fill, a bold word).
        if sum(inside < _COMB_INSIDE_INK for _, inside in run) < 2:
            run = [(cell, inside) for cell, inside in run if inside < _COMB_INSIDE_INK]
        if run:
            usual = float(np.median([r - l for (l, _, r, _), _ in run]))
            out.append([c for c, _ in run if 0.7 * usual <= c[2] - c[0] <= 1.4 * usual])
    return out
