"""Command line: a random benchmark set (`--count`) or the committed sample set (`--samples`)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from samplegen.committed import write_committed
from samplegen.generate import plan, summary, write_all


def _share(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"expected a share between 0 and 1, got {text}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m samplegen",
        description="Write synthetic back-office documents, each with NAME.truth.json ground truth beside it.")
    p.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    p.add_argument("--samples", action="store_true",
                   help="regenerate the committed demo/test set (fixed list, dev families only)")
    p.add_argument("--seed", type=int, default=1, help="seed of a random set (default 1)")
    p.add_argument("--count", type=int, help="number of documents in a random set")
    p.add_argument("--scan-share", type=_share, default=0.5, help="share of scanned documents (default 0.5)")
    p.add_argument("--families", choices=("dev", "eval", "all"), default="all",
                   help="layout families to draw from; eval families are held back for evaluation (default all)")
    p.add_argument("--faulty-share", type=_share, default=0.1,
                   help="share of deliberately faulty documents: broken files and failing checks (default 0.1)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per CPU)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    started = time.perf_counter()
    if args.samples:
        if args.count is not None:
            parser().error("--samples writes a fixed set; leave out --count")
        results = write_committed(args.out, args.jobs)
    else:
        if args.count is None or args.count < 1:
            parser().error("give --count N (N >= 1), or --samples")
        orders = plan(args.seed, args.count, scan_share=args.scan_share, which=args.families,
                      faulty_share=args.faulty_share)
        results = write_all(orders, args.out, args.jobs)
    print(f"{summary(results)}; written to {args.out} in {time.perf_counter() - started:.1f} s")
    return 0
