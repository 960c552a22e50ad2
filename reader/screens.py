"""Print on a screened fill of a black-and-white scan, turned to dark print on paper before OCR.

A fax or a 1-bit scan cannot print grey: a grey band (an invoice's total row, a table's header band) comes out as a
screen of black dots, with the white letters of its words cut out of it. tesseract reads such a band as noise, so the
total or the column names are lost. Smoothed over a few pixels the screen is an even grey and the letters stay paper
white: the band turns to paper and its letters to ink, as preprocess does for bands of solid fill.
"""

from __future__ import annotations

import numpy as np

from reader.preprocess import _box_sums, _gaps_closed

SQUARE_IN = 0.05  # screens are looked for in squares this wide
SCREEN_INK = (0.25, 0.9)  # a screen's share of ink: lighter is paper with specks, darker is a solid fill
# A screen is dots: along a row its pixels change from ink to paper and back far more often than across print, whose
# strokes are runs (a dithered grey of 50-65 % ink changes at about every other pixel).
SCREEN_CHANGES = 0.25
SCREEN_OPEN_PAPER = 0.12  # share of its paper with paper on all four sides at most (a 65 % dither: about none)
SOLID_INK = 0.9  # a square this full of ink is solid fill
SCREEN_SOLID = 0.5  # share of a screen's ink with ink on all four sides at most (a 65 % dither: about a third)
EDGE_INK = 0.08  # a band's rim: this share of ink along a piece of its edge at least
MIN_LENGTH_IN = 1.0  # a band is at least this long (a bold heading's letters are short and leave paper between them)


def _bilevel(pixels: np.ndarray) -> bool:
    sample = pixels[::7, ::7]
    return bool(np.all((sample == 0) | (sample == 255)))


def _squares(values: np.ndarray, block: int) -> np.ndarray:
    rows, cols = values.shape[0] // block, values.shape[1] // block
    return values[:rows * block, :cols * block].reshape(rows, block, cols, block).mean(axis=(1, 3))


def _bands(ink: np.ndarray, block: int) -> tuple[np.ndarray, np.ndarray]:
    """Squares of screened bands: screen squares in rows of at least MIN_LENGTH_IN, with the squares their cut-out
    letters lighten closed in."""
    share = _squares(ink, block)
    changes = _squares((ink[:, 1:] != ink[:, :-1]), block)
    rows, cols = min(share.shape[0], changes.shape[0]), min(share.shape[1], changes.shape[1])
    share, changes = share[:rows, :cols], changes[:rows, :cols]
    # A square of screen: a share of ink between paper's and a solid fill's, changing often along its rows; its dots
    # small (few of its ink pixels have ink on all four sides, where a solid fill round white letters, a black
    # band's print, is mostly such pixels) ...
    inside = np.zeros_like(ink)
    inside[1:-1, 1:-1] = ink[1:-1, 1:-1] & ink[:-2, 1:-1] & ink[2:, 1:-1] & ink[1:-1, :-2] & ink[1:-1, 2:]
    solid = _squares(inside, block)[:rows, :cols] / np.maximum(share, 1e-6)
    # ... and its paper specks between dots too (print, however small and dense, leaves paper round its letters
    # and between its lines, where paper pixels have paper on all four sides).
    paper = ~ink
    open_paper = np.zeros_like(paper)
    open_paper[1:-1, 1:-1] = paper[1:-1, 1:-1] & paper[:-2, 1:-1] & paper[2:, 1:-1] & paper[1:-1, :-2] & paper[1:-1, 2:]
    spacious = _squares(open_paper, block)[:rows, :cols] / np.maximum(1 - share, 1e-6)
    screen = (share >= SCREEN_INK[0]) & (share <= SCREEN_INK[1]) & (changes >= SCREEN_CHANGES) & (solid < SCREEN_SOLID) \
        & (spacious < SCREEN_OPEN_PAPER)
    span = max(3, round(MIN_LENGTH_IN / SQUARE_IN))
    if screen.shape[1] < span:
        return np.zeros_like(screen), share
    # Letters cut out of the band leave squares of less ink between screen squares: close over a word's length.
    closed = _gaps_closed(screen, span // 2, axis=1)
    sums = np.zeros((rows, cols + 1), dtype=np.int32)
    np.cumsum(closed, axis=1, out=sums[:, 1:])
    windows = sums[:, span:] - sums[:, :-span] >= span  # the inch from each square on is screen or a letter in it
    band = np.zeros_like(closed)
    for k in range(span):
        band[:, k:k + windows.shape[1]] |= windows
    band &= closed
    # A band is at least two squares high (a line of print one square high is no fill), and a letter's squares
    # above or below a screen's are closed in too.
    band = _gaps_closed(band, 2, axis=0)
    band &= np.roll(band, 1, axis=0) | np.roll(band, -1, axis=0)
    # A word cut out of the band can be longer than the gaps closed above, or stand at its end: the squares of ink
    # that run on from the band along its row, up to the first square of paper, are the band's too.
    inked = share >= SCREEN_INK[0]
    for r in np.nonzero(band.any(axis=1))[0]:
        runs = np.cumsum(~inked[r])  # squares of one run of ink share a number
        band[r] |= inked[r] & np.isin(runs, runs[band[r]])
    return _gaps_closed(band, 2, axis=0), share  # and the letters' squares between such rows


def _holes(fill: np.ndarray) -> np.ndarray:
    """The pixels the fill encloses: what of the rest cannot be reached from the area's border without crossing it
    (the letters cut out of a band, not the paper round it)."""
    free = ~fill
    outside = np.zeros_like(free)
    outside[0, :], outside[-1, :], outside[:, 0], outside[:, -1] = free[0, :], free[-1, :], free[:, 0], free[:, -1]
    while True:
        grown = outside.copy()
        grown[1:] |= outside[:-1]
        grown[:-1] |= outside[1:]
        grown[:, 1:] |= outside[:, :-1]
        grown[:, :-1] |= outside[:, 1:]
        grown &= free
        if np.array_equal(grown, outside):
            return free & ~outside
        outside = grown


def _rims_joined(ink: np.ndarray, in_band: np.ndarray, margin: int, piece: int) -> None:
    """The band's edges fall inside squares, and a scan blurs them into a rim: the rows (columns) of pixels just
    outside it that hold ink all along a short piece of its edge join it (in place), piece by piece, so a band
    scanned a little askew is followed too. A blank row stops it: print beside a band stays."""
    for grid, mask in ((ink, in_band), (ink.T, in_band.T)):  # top and bottom rims, then left and right
        for p0 in range(0, mask.shape[1], piece):
            cols = slice(p0, p0 + piece)
            held = np.nonzero(mask[:, cols].any(axis=1))[0]
            if held.size == 0:
                continue
            for start, step in ((held[0], -1), (held[-1], 1)):
                span = mask[start, cols].copy()
                if not span.any():
                    continue
                for y in range(start + step, start + step * (margin + 1), step):
                    if not 0 <= y < grid.shape[0] or grid[y, cols][span].mean() < EDGE_INK:
                        break
                    mask[y, cols] |= span


def screens_turned(pixels: np.ndarray, dpi: float) -> np.ndarray | None:
    """The page with its screened bands turned to paper and their letters to ink; None when it has none (or is no
    black-and-white scan: a grey scan shows a grey band as grey, which preprocess handles)."""
    if pixels.ndim != 2 or not _bilevel(pixels):
        return None
    block = max(4, round(SQUARE_IN * dpi))
    ink = pixels < 128
    bands, share = _bands(ink, block)
    if not bands.any():
        return None
    turned = pixels.copy()
    rows = np.nonzero(bands.any(axis=1))[0]
    starts = np.r_[0, np.nonzero(np.diff(rows) > 1)[0] + 1]
    ends = np.r_[starts[1:], len(rows)]
    for s, e in zip(starts, ends):
        r0, r1 = rows[s], rows[e - 1] + 1
        cols = np.nonzero(bands[r0:r1].any(axis=0))[0]
        c0, c1 = int(cols.min()), int(cols.max()) + 1
        # White print on a solid fill, read small, can look like a screen; solid fill above or below says it is one
        # (preprocess turns those).
        if any(0 <= r < share.shape[0] and np.mean(share[r, c0:c1] >= SOLID_INK) >= 0.5 for r in (r0 - 1, r1)):
            continue
        # The band's squares, and a square's width round them for its edges.
        y0, x0 = max(r0 * block - block, 0), max(c0 * block - block, 0)
        y1, x1 = min(r1 * block + block, ink.shape[0]), min(c1 * block + block, ink.shape[1])
        in_band = np.zeros((y1 - y0, x1 - x0), dtype=bool)
        squares = np.repeat(np.repeat(bands[r0:r1, c0:c1], block, axis=0), block, axis=1)
        in_band[r0 * block - y0:r0 * block - y0 + squares.shape[0], c0 * block - x0:c0 * block - x0 + squares.shape[1]] \
            = squares
        area = ink[y0:y1, x0:x1]
        _rims_joined(area, in_band, block, piece=4 * block)
        # The share of ink round each pixel, over its 3 x 3 neighbours: the screen's grey, a letter's paper (a
        # wider look blurs a thin serif letter's strokes into the screen).
        grey = _box_sums(area.astype(np.int32), 1) / 9
        fill = float(np.median(grey[in_band]))
        if fill < SCREEN_INK[0] - 0.05:
            continue
        # Letters are what the screen encloses: the screen round the band's squares counts (a word's top may reach
        # into the squares of its edge), but only what lies in the band turns.
        letter = _holes(grey >= fill / 2) & in_band
        letter &= _box_sums(letter.astype(np.int32), 1) >= 3  # a lone speck of paper between dots is no letter
        turned[y0:y0 + area.shape[0], x0:x0 + area.shape[1]] = np.where(
            in_band, np.where(letter, 0, 255), turned[y0:y0 + area.shape[0], x0:x0 + area.shape[1]]).astype(np.uint8)
    return turned
