"""Personal data never reaches what ops engineers see in Prefect or what the nightly report leaves in the bucket:
the real flows run on W-9s and direct deposits (one with an invalid routing number, one moving an employee's pay
to another account, one W-9 whose TIN is not the one on file), then every log line and artifact of those flow runs
is read back from the Prefect API, and the report files from the bucket."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import select

from backoffice.cli import main
from models import RunRecord, session_scope
from tests.conftest import SAMPLES, truth_of
from tests.fixtures_s3 import drop, s3_client

pytestmark = pytest.mark.usefixtures("prefect_server")
MASTER_DATA = SAMPLES.parent / "demo" / "master-data" / "northwind"
DOCUMENTS = ["w9_a_digital.pdf", "w9_d_digital.pdf", "dd_a_digital.pdf", "dd_routing_invalid.pdf"]
PERSONAL_FIELDS = ("ssn", "ein", "vendor_tax_id", "routing_number", "account_number")
TAX_ID_ON_FILE = "98-7654321"  # the master data's TIN for the vendor of w9_d_digital.pdf: not the form's


def client_master_data() -> dict[str, bytes]:
    """Northwind's master data, with Tyrone Chen's account on file changed (his form moves his pay) and the vendor
    of w9_d_digital.pdf on file with another TIN."""
    files = {p.name: p.read_bytes() for p in MASTER_DATA.iterdir() if p.is_file()}
    employees = files["employees.csv"].decode()
    assert "10674,Tyrone Chen,,4957," in employees
    files["employees.csv"] = employees.replace("10674,Tyrone Chen,,4957,", "10674,Tyrone Chen,,1234,").encode()
    vendors = files["vendors.csv"].decode()
    assert "Granite State Logistics Corporation,13-0378193," in vendors
    files["vendors.csv"] = vendors.replace("Granite State Logistics Corporation,13-0378193,",
                                           f"Granite State Logistics Corporation,{TAX_ID_ON_FILE},").encode()
    return files


def personal_values() -> list[str]:
    """Every TIN, SSN, routing and account number of the dropped documents (truth files), and the TIN on file."""
    values = [TAX_ID_ON_FILE]
    for name in DOCUMENTS:
        fields = truth_of(SAMPLES / name)["fields"]
        values += [str(fields[f]) for f in PERSONAL_FIELDS if fields.get(f)]
    return values


def leaks(text: str, values: list[str]) -> list[str]:
    """The values found whole in `text`, written with or without dashes or spaces between their digits."""
    found = []
    for value in values:
        digits = re.sub(r"\D", "", value)
        if re.search(r"(?<!\d)" + r"[\s-]?".join(digits) + r"(?!\d)", text):
            found.append(value)
    return found


def flow_run_ids(url: str) -> list[str]:
    with session_scope(url) as session:
        return [r for r in session.execute(select(RunRecord.flow_run_id)).scalars() if r]


def prefect_logs_and_artifacts(flow_run_ids: list[str]) -> tuple[list[str], list[str]]:
    """Every log line (flow and task runs) and every artifact of these flow runs, from the Prefect API."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (ArtifactFilter, ArtifactFilterFlowRunId, LogFilter,
                                                LogFilterFlowRunId)
    from prefect.logging.handlers import APILogHandler

    APILogHandler().flush()  # logs are sent in batches: the last ones may still be on their way
    lines: list[str] = []
    with get_client(sync_client=True) as client:
        while True:
            page = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=flow_run_ids)),
                                    limit=200, offset=len(lines))
            lines += [log.message for log in page]
            if len(page) < 200:
                break
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=flow_run_ids)))
    texts = [f"{a.key} {a.description or ''} "
             + (a.data if isinstance(a.data, str) else json.dumps(a.data, default=str)) for a in artifacts]
    return lines, texts


def report_files(endpoint: str, bucket: str, keys: list[str]) -> tuple[str, str]:
    """The CSV report as text, and every cell of the XLSX report as text."""
    from openpyxl import load_workbook

    s3 = s3_client(endpoint)
    csv_key = next(k for k in keys if k.endswith(".csv"))
    xlsx_key = next(k for k in keys if k.endswith(".xlsx"))
    csv_text = s3.get_object(Bucket=bucket, Key=csv_key)["Body"].read().decode()
    workbook = load_workbook(io.BytesIO(s3.get_object(Bucket=bucket, Key=xlsx_key)["Body"].read()))
    cells = [str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
             if cell is not None]
    return csv_text, "\n".join(cells)


def test_no_tin_ssn_routing_or_account_number_reaches_prefect_logs_artifacts_or_reports(
        pipeline_env, moto_endpoint):
    from flows.reconcile import reconcile
    from flows.report import report

    bucket = pipeline_env["BACKOFFICE_BUCKET"]
    for name, data in client_master_data().items():
        drop(moto_endpoint, bucket, f"master-data/acme/{name}", data)
    for name in DOCUMENTS:
        drop(moto_endpoint, bucket, f"inbox/acme/hr/{name}", (SAMPLES / name).read_bytes())
    out, err = io.StringIO(), io.StringIO()
    assert main(["run", "--once"], out=out, err=err) == 0, err.getvalue()
    assert reconcile()["ok"]
    written = report()

    lines, artifacts = prefect_logs_and_artifacts(flow_run_ids(pipeline_env["BACKOFFICE_DATABASE_URL"]))
    csv_text, xlsx_text = report_files(moto_endpoint, bucket, [u.split(f"s3://{bucket}/", 1)[1] for u in written])
    secrets = personal_values()
    assert len(secrets) == 7  # an SSN, an EIN, two routing and two account numbers, the TIN on file

    # What is read back is what was run: a line per document with its issue codes, the outcome table, the report.
    logged = "\n".join(lines)
    for name in DOCUMENTS:
        assert f"inbox/acme/hr/{name}" in logged, name
    assert "direct_deposit.routing_invalid" in logged and "direct_deposit.bank_account_changed" in logged
    assert "vendor.tax_id_mismatch" in logged
    outcome_table = next(a for a in artifacts if a.startswith("process-outcomes"))
    assert all(f"inbox/acme/hr/{name}" in outcome_table for name in DOCUMENTS)
    assert any(a.startswith("reconcile") for a in artifacts) and any(a.startswith("client-report") for a in artifacts)
    assert next(csv.reader(io.StringIO(csv_text)))[0] and "acme" in csv_text and "acme" in xlsx_text

    assert {line: leaks(line, secrets) for line in lines if leaks(line, secrets)} == {}
    assert {a[:80]: leaks(a, secrets) for a in artifacts if leaks(a, secrets)} == {}
    assert leaks(csv_text, secrets) == [] and leaks(xlsx_text, secrets) == []


def test_the_traceback_prefect_logs_of_a_crashing_task_reaches_the_ui_masked(pipeline_env):
    """Our messages mask personal data where they are written; a third party's exception text is not ours to write.
    The filter every flow puts on Prefect's log handlers masks what is shaped like a TIN or account number."""
    from prefect import flow, task

    from flows.common import settings

    @task
    def look_up_account():
        raise LookupError("bank answered: account 000123456789 of holder SSN 537-53-9102 is closed")

    @flow
    def crashing():
        settings()
        look_up_account()

    state = crashing(return_state=True)
    assert state.is_failed()
    lines, _ = prefect_logs_and_artifacts([str(state.state_details.flow_run_id)])
    logged = "\n".join(lines)
    assert "LookupError" in logged and "Traceback" in logged  # the crash is there to read, with its traceback
    assert "********6789" in logged and "*****9102" in logged
    assert leaks(logged, ["000123456789", "537-53-9102"]) == []
