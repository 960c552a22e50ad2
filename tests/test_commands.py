"""The pipeline commands as ops engineers type them: config show, master-data load, status, and clear errors."""

from __future__ import annotations

import io
import json

from backoffice.cli import main
from tests.conftest import SAMPLES


def backoffice(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_config_show_prints_the_effective_settings_with_secrets_masked(tmp_path, monkeypatch):
    settings_file = tmp_path / "backoffice.toml"
    settings_file.write_text('bucket = "from-the-file"\nbatch_size = 20\n'
                             'database_url = "postgresql://pipeline:hunter2-secret@db.internal:5432/backoffice"\n')
    monkeypatch.setenv("BACKOFFICE_SETTINGS", str(settings_file))
    monkeypatch.setenv("BACKOFFICE_BATCH_SIZE", "80")  # the environment wins over the file
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")
    monkeypatch.delenv("BACKOFFICE_BUCKET", raising=False)
    monkeypatch.delenv("BACKOFFICE_DATABASE_URL", raising=False)
    code, out, _ = backoffice("config", "show")
    assert code == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line and not line.startswith("#")}
    assert rows["BACKOFFICE_BUCKET"] == ["from-the-file", "file"]
    assert rows["BACKOFFICE_BATCH_SIZE"] == ["80", "env"]
    assert rows["BACKOFFICE_DATABASE_URL"] == ["postgresql://pipeline:***@db.internal:5432/backoffice", "file"]
    assert rows["AWS_SECRET_ACCESS_KEY"][0].endswith("EKEY") and "hunter2" not in out and "wJalr" not in out


def test_a_settings_file_with_an_unknown_key_is_refused_naming_it(tmp_path, monkeypatch):
    settings_file = tmp_path / "backoffice.toml"
    settings_file.write_text('bukket = "typo"\n')
    monkeypatch.setenv("BACKOFFICE_SETTINGS", str(settings_file))
    code, _, err = backoffice("config", "show")
    assert code == 3 and "unknown keys: bukket" in err


def test_run_without_a_bucket_says_what_to_set(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKOFFICE_BUCKET", raising=False)
    monkeypatch.delenv("BACKOFFICE_SETTINGS", raising=False)
    monkeypatch.setenv("BACKOFFICE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("BACKOFFICE_DATABASE_URL", raising=False)
    code, _, err = backoffice("run", "--once")
    assert code == 3 and "set BACKOFFICE_BUCKET" in err


def test_master_data_load_stores_a_clients_folder_once_and_refuses_a_bad_one(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKOFFICE_SETTINGS", raising=False)
    monkeypatch.setenv("BACKOFFICE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BACKOFFICE_DATABASE_URL", f"sqlite:///{tmp_path / 'state.db'}")
    folder = SAMPLES.parent / "demo" / "master-data" / "lakeside"
    assert backoffice("master-data", "load", "lakeside", str(folder))[1].startswith("master data of lakeside loaded")
    assert "unchanged" in backoffice("master-data", "load", "lakeside", str(folder))[1]

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "vendors.csv").write_text("this is not,a vendor file\n1,2\n")
    code, _, err = backoffice("master-data", "load", "lakeside", str(broken))
    assert code == 3 and "vendors.csv" in err
    assert backoffice("master-data", "load", "no such/client", str(folder))[0] == 2

    code, out, _ = backoffice("status", "--json")
    assert code == 0 and [c["client"] for c in json.loads(out)["clients"]] == []  # nothing dropped yet
