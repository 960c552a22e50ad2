"""Shared fixtures: the contract schema, the committed samples, and running `backoffice extract` as a user would."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from backoffice.cli import main

pytest_plugins = [
    "tests.fixtures_pg", "tests.fixtures_store",  # PostgreSQL server; pipeline databases, samples
    "tests.fixtures_s3", "tests.fixtures_prefect",  # moto S3 server and a bucket per test; a Prefect server
]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_docs"
CONTRACT = Path(os.environ.get("BACKOFFICE_CONTRACT_DIR", ROOT.parent / "shared" / "contract"))


@pytest.fixture(scope="session")
def schema() -> dict:
    path = CONTRACT / "document-result.schema.json"
    if not path.exists():
        pytest.fail(f"the extraction contract is missing at {path}: put ../shared beside the repo "
                    "or set BACKOFFICE_CONTRACT_DIR")
    return json.loads(path.read_text())


def extract(*paths: str | Path, args: tuple[str, ...] = ()) -> tuple[int, list[dict], str]:
    """Run `backoffice extract` in-process; returns exit code, parsed JSONL lines and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(["extract", *map(str, paths), "--format", "jsonl", *args], out=out, err=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return code, lines, err.getvalue()


def extract_drawn(folder: Path, forms: dict[str, Callable[[], bytes]]) -> dict[str, dict]:
    """Write each drawn document (name -> its bytes) into `folder`, run `backoffice extract` over them all once and
    return the result lines by file name."""
    for name, draw in forms.items():
        (folder / name).write_bytes(draw())
    code, lines, err = extract(*sorted(folder.iterdir()))
    assert code == 0, err
    return {line["source"].rsplit("/", 1)[-1]: line for line in lines}


def truth_of(path: Path) -> dict:
    return json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json").read_text())


@pytest.fixture(scope="session")
def sample_results() -> dict[str, dict]:
    """`backoffice extract sample_docs` once per test session, by file name."""
    code, lines, err = extract(SAMPLES)
    assert code == 0, err
    return {Path(line["source"]).name: line for line in lines}
