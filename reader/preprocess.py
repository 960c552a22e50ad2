"""Scan preprocessing before OCR: find which way up the page lies and how skewed it is, then straighten it.

All of it works on the coordinates of dark pixels of a small copy of the page (numpy
projection profiles), so it costs a few tens of milliseconds, not a tesseract pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

from reader.marks import ink_thresholds, min_pool

_ANALYSIS_SIDE = 1200  # long side of the copy we analyse, in pixels
_MAX_POINTS = 150_000
_MAX_SKEW = 6.0
_MIN_SKEW_TO_STRAIGHTEN = 0.3


@dataclass(frozen=True)
class Orientation:
    rotation: int  # degrees counter-clockwise to turn the scan so it reads upright: 0, 90, 180, 270
    skew: float  # degrees the upright page is tilted counter-clockwise; straightening turns it back
    upright_margin: float  # how sure the up/down decision is (0: a coin toss)
    blank: bool = False  # next to no ink: nothing to read


def ink_points(gray: Image.Image, rng_seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of dark pixels of a small copy of the page (a sample when there are many)."""
    small = gray.copy()
    small.thumbnail((_ANALYSIS_SIDE, _ANALYSIS_SIDE))
    arr = np.asarray(small, dtype=np.uint8)
    # Levelled as for OCR first: light toner's print is lighter than the ink threshold, and the page's dust
    # alone decided which way up it lay (judged on the page itself: the small copy's strokes are lighter).
    lut = _levelling(np.asarray(gray, dtype=np.uint8))
    if lut is not None:
        arr = lut[arr]
    threshold = min(160, int(arr.mean()) - 40) if arr.size else 128
    ink = arr < threshold
    ink &= ~_solid_fills(ink)
    ys, xs = np.nonzero(ink)
    if len(ys) > _MAX_POINTS:
        pick = np.random.default_rng(rng_seed).choice(len(ys), _MAX_POINTS, replace=False)
        ys, xs = ys[pick], xs[pick]
    return ys.astype(np.float64), xs.astype(np.float64)


_FILL_SQUARE = 6  # pixels of the analysis copy (about 0.05 in): solid fills are looked for in squares this wide
_FILL_SHARE = 0.55  # ... an area whose squares are this much ink on average, three squares each way, is a fill


def _solid_fills(ink: np.ndarray) -> np.ndarray:
    """The pixels of solid dark areas (a header block, a sidebar, a title bar with light print on it).

    Their ink is no text line: a dark block a quarter of the page wide outweighs every line of print in the
    profiles, and turned the page a quarter (a dark sidebar) or upside down (a header block on a page scanned
    sideways), so tesseract read the page's lines top to bottom. Print is thin: even a bold heading leaves
    a square of three by three squares well under half ink.
    """
    side = _FILL_SQUARE
    h, w = ink.shape[0] // side, ink.shape[1] // side
    if h < 3 or w < 3:
        return np.zeros_like(ink)
    share = ink[:h * side, :w * side].reshape(h, side, w, side).mean(axis=(1, 3))
    padded = np.pad(share, 1)
    around = sum(padded[1 + dy:h + 1 + dy, 1 + dx:w + 1 + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)) / 9
    filled = _grown(around >= _FILL_SHARE)
    out = np.repeat(np.repeat(filled, side, axis=0), side, axis=1)
    # The rows and columns past the last whole square go with it (a fill runs to the page's edge).
    return np.pad(out, ((0, ink.shape[0] - out.shape[0]), (0, ink.shape[1] - out.shape[1])), mode="edge")


def _profile(ys: np.ndarray, xs: np.ndarray, angle: float) -> np.ndarray:
    """Ink per line when the page is turned by `angle` degrees: rows of text give sharp peaks."""
    a = np.deg2rad(angle)
    p = ys * np.cos(a) - xs * np.sin(a)
    p -= p.min()
    return np.bincount(p.astype(np.int64))


def _sharpness(ys: np.ndarray, xs: np.ndarray, angle: float) -> float:
    prof = _profile(ys, xs, angle).astype(np.float64)
    return float(np.sum(np.diff(prof) ** 2))


def _best_angle(ys: np.ndarray, xs: np.ndarray) -> tuple[float, float]:
    """The skew angle in [-6, 6] degrees whose profile is sharpest, coarse then fine."""
    coarse = np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.5)
    scores = [_sharpness(ys, xs, a) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    scores = [_sharpness(ys, xs, a) for a in fine]
    i = int(np.argmax(scores))
    return float(fine[i]), float(scores[i])


def _upright_vote(ys: np.ndarray, xs: np.ndarray, angle: float) -> float:
    """> 0 when the text reads upright, < 0 when upside down.

    Latin text has more ascenders (b d f h k l t, capitals, digits) than descenders (g j p q y),
    so within each text line the dense x-height band sits in the lower part of the line.
    """
    prof = _profile(ys, xs, angle).astype(np.float64)
    if prof.size < 10:
        return 0.0
    on = prof > max(prof.max() * 0.04, 1.0)
    vote = weight = 0.0
    start = None
    for i, flag in enumerate(np.append(on, False)):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            seg = prof[start:i]
            if len(seg) >= 5:
                pos = np.arange(len(seg), dtype=np.float64)
                centroid = float((seg * pos).sum() / seg.sum()) / (len(seg) - 1)
                vote += (centroid - 0.5) * seg.sum()
                weight += seg.sum()
            start = None
    return vote / weight if weight else 0.0


def analyse(gray: Image.Image) -> Orientation:
    """How to turn a grayscale scan so that it reads upright and level."""
    ys, xs = ink_points(gray)
    if len(ys) < 200:  # blank or nearly blank page: nothing to straighten or read
        return Orientation(0, 0.0, 1.0, blank=True)
    h_angle, h_score = _best_angle(ys, xs)
    # Swapping axes looks at the page turned a quarter: text lines that run top to bottom.
    v_angle, v_score = _best_angle(xs, ys)
    if v_score > h_score * 1.15:
        # Turn the points a quarter counter-clockwise (x' = y, y' = W - x) and decide up/down there.
        ys, xs = xs.max() - xs, ys
        angle, base = _best_angle(ys, xs)[0], 90
    else:
        angle, base = h_angle, 0
    vote = _upright_vote(ys, xs, angle)
    rotation = base if vote >= 0 else (base + 180) % 360
    # The profile angle that levels the lines is the tilt with its sign turned. Below a small tilt
    # tesseract reads as well without the turn, which would only cost time.
    skew = round(-angle, 2) + 0.0 if abs(angle) >= _MIN_SKEW_TO_STRAIGHTEN else 0.0
    return Orientation(rotation=rotation, skew=skew, upright_margin=round(abs(vote), 4))


def straighten(gray: Image.Image, orientation: Orientation) -> Image.Image:
    """The page turned upright and deskewed, white where the turn uncovers the corners."""
    turn = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}
    if orientation.rotation:
        gray = gray.transpose(turn[orientation.rotation])
    if orientation.skew:
        gray = gray.rotate(-orientation.skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return gray


# ---------------------------------------------------------------- cleaning a page for OCR

RULE_MIN_IN = 0.4  # a straight run of ink at least this long is a ruling, not part of a letter
RULE_MAX_THICK_IN = 0.03  # ... and no thicker than this (the stem of a big letter is thicker)
_RULE_DPI = 150  # rulings are looked for on a copy of the page pooled down to about this resolution
SPECK_IN = 0.012  # dust: a dot of ink no wider than this ...
SPECK_CLEAR_IN = 0.035  # ... with no other ink this close round it (a decimal point or an i's dot has)
SHADE_BLOCK_IN = 0.1  # shading is looked for in squares this wide
_SHADE_STEP = 0.05  # paper darker than the page's by this share of the way to its darkest ink is shaded


def for_ocr(gray: Image.Image, dpi: float, *, form: bool) -> Image.Image:
    """The upright page as tesseract reads it best: white print on black bands turned to dark print on paper,
    shaded areas (grey cell fills, screened backgrounds) turned to paper but for the ink on them, without the
    rulings down the page, and on a form without the rulings of its boxes and entry lines too.

    tesseract reads the grain of a screened fill as specks among the letters, and on a form it reads a
    ruling that touches a word as letters ('|', '_', 'J') and takes a ruled table of captions and entries
    for a picture. Tick boxes and comb boxes stay: their sides are shorter than a ruling, and the marks
    search reads them from the page as scanned. The rules across a table of figures (an invoice's lines, a
    payroll register) stay: there they keep tesseract from running a row into the next; its rules down go,
    or tesseract takes a ruled grid for a picture and reads its rows as noise.
    Dust goes everywhere: a speck in the blank before a figure makes tesseract read ". 1" as "at".
    """
    pixels = np.asarray(gray, dtype=np.uint8)
    levelled = _levelled(pixels)
    if levelled is not pixels:  # (most pages are white paper with dark print: they stay the image they were)
        pixels, gray = levelled, Image.fromarray(levelled, mode="L")
    faint, dark, paper = ink_thresholds(pixels)
    lightened, fill = _dark_fills_lightened(pixels, dpi, dark, paper) or (pixels, 0.0)
    # tesseract reads light print on a light grey band itself; on a mid grey or black one it reads noise. Rules
    # are looked for with any band lightened: the fill between two white letters is no rule.
    base = pixels if fill > BLACK_FILL * paper else lightened
    cleaned = _unshaded(base, dpi, dark, paper)
    if cleaned is None and lightened is not pixels:  # a copy the rulings can be taken out of
        cleaned = pixels.copy() if base is pixels else base
    # A table's rules across keep its rows apart; its rules down make tesseract take a ruled grid for a picture.
    cleaned = _without_rulings(lightened, dpi, dark, cleaned, axes=(1, 0) if form else (0,))
    specked = _without_specks(pixels if cleaned is None else cleaned, dpi, faint)
    cleaned = cleaned if specked is None else specked
    return gray if cleaned is None else Image.fromarray(cleaned, mode="L")


PAPER_WHITE = 235  # paper at least this light, and ...
PRINT_BLACK = 90  # ... print at least this dark, reads as it is


def _levelled(pixels: np.ndarray) -> np.ndarray:
    """Grey or tinted paper turned white and light print (light toner, a faint copy) stretched to black.

    tesseract thresholds the page as a whole: grey paper with grey print and white margins (where a skewed
    sheet did not cover the glass) was split between the margins and the paper, and the page read as noise
    (a W-9 on grey paper, printed with light toner, read as no document at all). Pages on white paper with
    dark print stay as they are.
    """
    lut = _levelling(pixels)
    return pixels if lut is None else lut[pixels]


def _levelling(pixels: np.ndarray) -> np.ndarray | None:
    """The lookup table `_levelled` puts the page through; None for white paper with dark print."""
    step = max(1, int(np.ceil(np.sqrt(pixels.size / 250_000))))
    sample = pixels[::step, ::step]
    paper = float(np.median(sample))
    darkest = float(np.percentile(sample, 0.5))
    if (paper >= PAPER_WHITE and darkest <= PRINT_BLACK) or paper - darkest < 40:
        return None
    # The paper's grain goes to white with it; what is darker keeps its share of the way to the darkest print.
    white = paper - 0.15 * (paper - darkest)
    black = max(0.0, darkest - 10)
    return np.clip((np.arange(256, dtype=np.float32) - black) * 255 / (white - black), 0, 255).astype(np.uint8)


def _without_specks(pixels: np.ndarray, dpi: float, faint: int) -> np.ndarray | None:
    """`pixels` (a copy) with isolated dots of dust turned to paper; None when there are none.

    Ink is anything darker than `faint`, so that a thin light glyph (a '#', a hairline '1') counts whole and is
    no speck.
    Counted on squares SPECK_IN wide: a square holds dust when all the ink within SPECK_CLEAR_IN of it lies in
    it and the squares next to it, and is no more than a speck's area: the dot stands alone. Full stops,
    decimal points, commas and the dots of i, j, ä and ü have their letters or digits that close and stay.
    """
    side = max(1, round(SPECK_IN * dpi))
    share = _ink_share(pixels, side, faint)
    if share is None:
        return None
    counts = np.rint(share * (side * side)).astype(np.int32)
    close = _box_sums(counts, 1)
    specks = (counts > 0) & (close <= side * side)
    if not specks.any():
        return None
    specks &= _box_sums(counts, max(2, math.ceil(SPECK_CLEAR_IN * dpi / side))) == close
    if not specks.any():
        return None
    cleaned = pixels.copy()
    for row, col in zip(*np.nonzero(specks)):
        square = cleaned[row * side:(row + 1) * side, col * side:(col + 1) * side]
        square[square < faint] = 255
    return cleaned


def _ink_share(pixels: np.ndarray, side: int, below: int) -> np.ndarray | None:
    """For each square `side` pixels wide, the share of its pixels darker than `below`; None when the page is
    smaller than one square. Pillow's box reduction of the ink mask does it in a tenth of numpy's time."""
    h, w = pixels.shape[0] // side, pixels.shape[1] // side
    if not h or not w:
        return None
    mask = Image.fromarray(pixels[:h * side, :w * side]).point([255] * below + [0] * (256 - below))
    return np.asarray(mask.reduce(side), dtype=np.float32) / 255


def _box_sums(counts: np.ndarray, radius: int) -> np.ndarray:
    """For each cell, the sum of `counts` over the square of side 2 * radius + 1 centred on it."""
    padded = np.pad(counts, radius)
    sums = np.zeros((padded.shape[0] + 1, padded.shape[1] + 1), dtype=np.int32)
    np.cumsum(padded, axis=0, dtype=np.int32, out=sums[1:, 1:])
    np.cumsum(sums[1:, 1:], axis=1, out=sums[1:, 1:])
    k = 2 * radius + 1
    return sums[k:, k:] - sums[:-k, k:] - sums[k:, :-k] + sums[:-k, :-k]


def _unshaded(pixels: np.ndarray, dpi: float, dark: int, paper: int) -> np.ndarray | None:
    """The page with shaded areas turned to paper but for what is printed on them; None when nothing is shaded.

    The background of each small square is its median grey (of every other pixel): the paper beside letters
    or pen strokes, the fill of a shaded cell.
    Where that is well darker than the page's paper, the square is shaded. Dithered shading (dark dots on
    white) and solid dark fills (white letters on black) are left as they are."""
    block = max(4, round(SHADE_BLOCK_IN * dpi)) // 2 * 2
    h, w = pixels.shape[0] // block, pixels.shape[1] // block
    if not h or not w:
        return None
    half = block // 2
    sample = pixels[:h * block:2, :w * block:2].reshape(h, half, w, half).transpose(0, 2, 1, 3).reshape(h, w, -1)
    kth = int(0.5 * (half * half - 1))
    background = np.partition(sample, kth, axis=2)[:, :, kth].astype(np.float32)
    step = max(8.0, 0.1 * (paper - dark))
    grey = (background < paper - step) & (background > dark)
    # A fill covers an area: a grey square with grey all round, or squares darker still where bold letters
    # cover more than half of one (pen strokes and letters on paper make a square or two look grey, never a
    # patch of them); and the squares at the patch's edge.
    filled = grey | (background <= dark)
    core = grey.copy()
    core[1:-1, 1:-1] &= np.all([filled[1 + dy:h - 1 + dy, 1 + dx:w - 1 + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)],
                               axis=0)
    core[[0, -1], :] = False
    core[:, [0, -1]] = False
    if not core.any():
        return None
    shaded = _grown(core) & filled
    fill = np.where(grey, background, float(np.median(background[core])))
    cleaned = pixels.copy()
    # Halfway from the fill's grey to dark ink: lighter is the fill and its grain, darker what is printed on it.
    cut = np.where(shaded, (fill + dark) / 2, 256).astype(np.float32)
    for r0, r1 in _spans(np.nonzero(shaded)[0]):
        area = cleaned[r0 * block:r1 * block, :w * block]
        area[area >= np.repeat(np.repeat(cut[r0:r1], block, axis=0), block, axis=1)] = 255
    return cleaned


def _grown(mask: np.ndarray) -> np.ndarray:
    """`mask` with the squares next to its squares, across and along the diagonals, set too."""
    grown = mask.copy()
    grown[1:] |= mask[:-1]
    grown[:-1] |= mask[1:]
    grown[:, 1:] |= grown[:, :-1].copy()
    grown[:, :-1] |= grown[:, 1:].copy()
    return grown


def _spans(indices: np.ndarray) -> list[tuple[int, int]]:
    """Runs of consecutive values among sorted indices, as (first, end exclusive)."""
    values = np.unique(indices)
    breaks = np.flatnonzero(np.diff(values) > 1)
    starts = np.concatenate(([values[0]], values[breaks + 1]))
    ends = np.concatenate((values[breaks], [values[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist()))


def _without_rulings(pixels: np.ndarray, dpi: float, dark: int, cleaned: np.ndarray | None,
                     axes: tuple[int, ...] = (1, 0)) -> np.ndarray | None:
    """`cleaned` (or a copy of the page) with the rulings of the page taken out; None when it has none."""
    factor = max(1, round(dpi / _RULE_DPI))
    ink = min_pool(pixels, factor) < dark
    length = max(8, round(RULE_MIN_IN * dpi / factor))
    thick = max(2, round(RULE_MAX_THICK_IN * dpi / factor))
    for axis in axes:
        rows, cols = np.nonzero(_rulings(ink if axis == 1 else ink.T, length, thick))
        if not rows.size:
            continue
        if axis == 0:
            rows, cols = cols, rows
        if cleaned is None:
            cleaned = pixels.copy()
        # Each pooled pixel of a line stands for a square of the page's; the soft edges of a line, a pixel
        # either side of it, go with it.
        offsets = np.arange(-1, factor + 1)
        across = (rows if axis == 1 else cols)[:, None] * factor + offsets
        along = ((cols if axis == 1 else rows)[:, None] * factor + np.arange(factor))
        across = np.clip(across, 0, pixels.shape[1 - axis] - 1)
        along = np.clip(along, 0, pixels.shape[axis] - 1)
        a, b = np.broadcast_arrays(across[:, :, None], along[:, None, :])
        if axis == 1:
            cleaned[a, b] = 255
        else:
            cleaned[b, a] = 255
    return cleaned


def _rulings(ink: np.ndarray, length: int, thick: int) -> np.ndarray:
    """The pixels of lines along the rows at least `length` long and at most `thick` thick.

    Looked for in blocks of a few pixels along the rows, each ink if all of it is: a tenth of the work,
    and a line's pixels fill its blocks. The blocks at the ends of a line go with it.
    """
    h, n = ink.shape
    step = max(1, length // 10)
    blocks = n // step
    coarse = ink[:, :blocks * step].reshape(h, blocks, step).all(axis=2)
    lines = _long_runs(coarse, max(1, length // step - 1), 1)
    if not lines.any():
        return np.zeros((h, n), dtype=bool)
    lines &= ~_long_runs(lines, thick + 1, 0)
    lines[:, 1:] |= lines[:, :-1]
    lines[:, :-1] |= lines[:, 1:]
    out = np.zeros((h, n), dtype=bool)
    out[:, :blocks * step] = np.repeat(lines, step, axis=1)
    return out & ink


def _long_runs(ink: np.ndarray, length: int, axis: int) -> np.ndarray:
    """The pixels of unbroken runs of ink at least `length` long along the axis (1: along rows)."""
    rows = ink if axis == 1 else ink.T
    h, n = rows.shape
    if n < length:
        return np.zeros_like(ink)
    sums = np.zeros((h, n + 1), dtype=np.int32)
    np.cumsum(rows, axis=1, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # the window of `length` from each column is all ink
    # A pixel lies in a long run when a full window starting up to `length` - 1 before it covers it.
    starts = np.zeros((h, n - length + 2), dtype=np.int32)
    np.cumsum(full, axis=1, out=starts[:, 1:])
    covered = np.empty((h, n), dtype=bool)
    covered[:, :n - length + 1] = starts[:, 1:] > starts[:, :n - length + 1].take(
        np.maximum(np.arange(n - length + 1) - length + 1, 0), axis=1)
    covered[:, n - length + 1:] = starts[:, -1:] > starts[:, np.arange(n - length + 1, n) - length + 1]
    return covered if axis == 1 else covered.T


# ---------------------------------------------------------------- white print on dark fills

DARK_FILL_REACH_IN = 0.2  # paper-light print on a dark fill has fill this close round it on all four sides
DARK_FILL_MIN_IN = 1.0  # a dark band (a table's header, a title bar) is at least this long
DARK_FILL_SQUARE_IN = 0.05  # dark fills are looked for in squares this wide
_FADE_PX = 3  # a scanned fill fades into the paper over this many pixels either side of its edge
# A fill darker than this share of the paper's grey has its print turned before OCR. At 0.3 (black only), white
# print on a mid grey header block (a register's employer and period, its column names) read as noise.
BLACK_FILL = 0.5


def _dark_fills_lightened(pixels: np.ndarray, dpi: float, dark: int, paper: int) -> tuple[np.ndarray, float] | None:
    """The page with light print on dark fills (a table's header band, a title bar: white letters on black or
    dark grey) turned to dark print on paper, and the fill's grey; None when the page has none.

    tesseract reads white letters on a black band as noise or not at all, so a table's header, the words that
    name its columns, is lost. A band is a run of squares mostly darker than dark ink; on it, what is lighter
    than halfway to the paper is print where the band's fill stands close round it on all four sides (paper just
    outside the band has fill on one side only).
    """
    block = max(4, round(DARK_FILL_SQUARE_IN * dpi)) // 2 * 2
    share = _ink_share(pixels, block, dark)  # the share of each square darker than dark ink
    if share is None:
        return None
    # A band is fill all along its row: squares three quarters fill or more (white print lights less of them),
    # most of every inch of its row (a bold heading's letters leave paper between them, a logo's blot is short).
    full = share >= 0.75
    span = max(3, round(DARK_FILL_MIN_IN / DARK_FILL_SQUARE_IN))
    sums = np.zeros((full.shape[0], full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=sums[:, 1:])
    windows = sums[:, span:] - sums[:, :-span] >= 0.6 * span  # the inch from each square on is mostly fill
    core = np.zeros_like(full)
    for k in range(span):  # a square lies in such an inch
        core[:, k:k + windows.shape[1]] |= windows
    core &= full
    if not core.any():
        return None
    rows, cols = np.nonzero(core)
    pick = np.linspace(0, len(rows) - 1, min(len(rows), 200)).astype(np.int64)
    fill = float(np.median([np.median(pixels[r * block:(r + 1) * block, c * block:(c + 1) * block])
                            for r, c in zip(rows[pick], cols[pick])]))
    if paper - fill < 60:  # no print light enough to tell from the fill
        return None
    # The band: its squares and the squares round them a quarter fill or more (where its edge falls inside a
    # square), with the squares a white letter lit between them.
    band = _grown(core) & (share >= 0.25)
    band = _gaps_closed(_gaps_closed(band, 4, axis=1), 3, axis=0)
    cut = (fill + paper) / 2
    reach = max(2, round(DARK_FILL_REACH_IN * dpi))
    cleaned = pixels.copy()
    # The squares round the band hold its edge where that falls inside a square: its fill goes there too.
    edge = _grown(band)
    for r0, r1 in _spans(np.nonzero(edge.any(axis=1))[0]):
        cols = np.nonzero(edge[r0:r1].any(axis=0))[0]
        c0, c1 = int(cols.min()), int(cols.max()) + 1
        area = pixels[r0 * block:r1 * block, c0 * block:c1 * block]
        in_band = np.repeat(np.repeat(band[r0:r1, c0:c1], block, axis=0), block, axis=1)
        at_edge = np.repeat(np.repeat(edge[r0:r1, c0:c1], block, axis=0), block, axis=1)
        on_fill = area < cut
        # Print on the band has the band's fill close round it; paper just outside the band has fill on one side.
        enclosed = _fill_within(on_fill & in_band, reach, axis=1) & _fill_within(on_fill & in_band, reach, axis=0)
        # ... and at its edge, only what is as grey as the fill is fill (print beside a band is darker).
        lit = (in_band & (on_fill | enclosed)) | (at_edge & on_fill & (area >= fill - 0.25 * (paper - fill)))
        # Fill to the page's paper grey, print to ink, the grey between in proportion (soft edges stay soft).
        turned = np.clip(paper - (area.astype(np.float32) - fill) * (paper / (paper - fill)), 0, 255)
        # But the band's edge, where its fill fades into the paper round it, goes to paper: turned, that fade drew
        # a grey box round the header, and tesseract read the words in it and the row under it as noise. The fade
        # is what stands close to both the band's fill and the paper outside it (print on the band is no paper).
        fill_like, paper_like = lit & on_fill, ~on_fill & ~enclosed
        fade = (fill_like | paper_like) & (_box_sums(fill_like.astype(np.int32), _FADE_PX) > 0) \
            & (_box_sums(paper_like.astype(np.int32), _FADE_PX) > 0)
        turned[fade] = paper
        cleaned[r0 * block:r1 * block, c0 * block:c1 * block] = np.where(lit | fade, turned.astype(np.uint8), area)
    return cleaned, fill


def _fill_within(on_fill: np.ndarray, reach: int, axis: int) -> np.ndarray:
    """Pixels with fill within `reach` before them and within `reach` after them along the axis (1: the row)."""
    along = on_fill if axis == 1 else on_fill.T
    h, n = along.shape
    sums = np.zeros((h, n + 1), dtype=np.int32)
    np.cumsum(along, axis=1, out=sums[:, 1:])
    idx = np.arange(n)
    before = sums[:, idx] - sums[:, np.maximum(idx - reach, 0)] > 0
    after = sums[:, np.minimum(idx + 1 + reach, n)] - sums[:, idx + 1] > 0
    both = before & after
    return both if axis == 1 else both.T


def _gaps_closed(mask: np.ndarray, gap: int, axis: int) -> np.ndarray:
    """`mask` with runs of up to `gap` unset squares between two set ones along the axis (1: the row) set."""
    rows = mask if axis == 1 else mask.T
    n = rows.shape[1]
    idx = np.arange(n)
    # Where the last set square at or before each square stands, and the first at or after it.
    last = np.maximum.accumulate(np.where(rows, idx, -n - gap), axis=1)
    first = np.minimum.accumulate(np.where(rows, idx, 2 * n + gap)[:, ::-1], axis=1)[:, ::-1]
    closed = rows | (first - last <= gap + 1)
    return closed if axis == 1 else closed.T
