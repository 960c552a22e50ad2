"""Settings: limits and knobs, from environment variables with defaults that suit a laptop."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class Limits:
    """What the reader accepts before it quarantines a file (cheap checks run before any OCR)."""

    max_file_mb: float = field(default_factory=lambda: float(_env("BACKOFFICE_MAX_FILE_MB", "50")))
    max_pages: int = field(default_factory=lambda: int(_env("BACKOFFICE_MAX_PAGES", "200")))
    # A 300-dpi A3 scan is about 17.5 million pixels; 80 million leaves room for posters and
    # stops decompression bombs long before memory runs out.
    max_pixels: int = field(default_factory=lambda: int(_env("BACKOFFICE_MAX_PIXELS", "80000000")))
    ocr_timeout_s: float = field(default_factory=lambda: float(_env("BACKOFFICE_OCR_TIMEOUT_S", "120")))


@dataclass(frozen=True)
class ReaderSettings:
    limits: Limits = field(default_factory=Limits)
    ocr_dpi: int = field(default_factory=lambda: int(_env("BACKOFFICE_OCR_DPI", "300")))
    ocr_lang: str = field(default_factory=lambda: _env("BACKOFFICE_OCR_LANG", "eng+deu"))
    workers: int = field(default_factory=lambda: int(_env("BACKOFFICE_WORKERS", str(os.cpu_count() or 1))))
