"""`make demo`'s script on a few samples: it runs the whole pipeline and its accounting table adds up."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_the_demo_accounts_for_every_object_it_dropped(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BACKOFFICE_", "PREFECT_", "AWS_"))}
    done = subprocess.run([sys.executable, str(ROOT / "demo" / "run_demo.py"), "--limit", "8",
                           "--data-dir", str(tmp_path / "demo")],
                          env=env, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("client "))
    rows = [line.split() for line in lines[header + 1:header + 3]]
    assert sorted(r[0] for r in rows) == ["lakeside", "northwind"]
    for client, seen, posted, review, quarantined, duplicates, other, adds_up in rows:
        assert int(seen) == int(posted) + int(review) + int(quarantined) + int(duplicates) + int(other)
        assert adds_up == "yes" and int(other) == 0
    lakeside = next(r for r in rows if r[0] == "lakeside")
    assert int(lakeside[5]) == 1  # the file it sent twice is one document and one duplicate drop
    assert "invoice_lost_in_the_mail.pdf is missing" in done.stdout
    assert not [p for p in (tmp_path / "demo" / "tmp").glob("*/*")]  # no temporary download left
