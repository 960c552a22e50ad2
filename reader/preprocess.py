"""Scan preprocessing before OCR: find which way up the page lies and how skewed it is, then straighten it.

All of it works on the coordinates of dark pixels of a small copy of the page (numpy
projection profiles), so it costs a few tens of milliseconds, not a tesseract pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

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
    threshold = min(160, int(arr.mean()) - 40) if arr.size else 128
    ys, xs = np.nonzero(arr < threshold)
    if len(ys) > _MAX_POINTS:
        pick = np.random.default_rng(rng_seed).choice(len(ys), _MAX_POINTS, replace=False)
        ys, xs = ys[pick], xs[pick]
    return ys.astype(np.float64), xs.astype(np.float64)


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
