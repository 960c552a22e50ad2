"""report (nightly): per client volumes, straight-through rate, exceptions by code, oldest open exception;
a table and a markdown artifact with a chart, and CSV + XLSX files under reports/ in the bucket."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from backoffice import accounting
from flows.common import recorded, settings, with_io_retries
from models.tables import utcnow


@task(name="write report files", cache_policy=NO_CACHE)
def write_files(current, reports: list[accounting.ClientReport]) -> list[str]:  # noqa: ANN001
    return accounting.write_report_files(current, reports, utcnow())


@flow(name="report")
def report(days: float = 1.0) -> list[str]:
    logger = get_run_logger()
    current = settings()
    with recorded(current, "report") as summary:
        reports = accounting.client_reports(current, days=days)
        create_table_artifact(key="client-report", table=accounting.report_rows(reports),
                              description=f"per client, documents of the last {days:g} day(s)")
        create_markdown_artifact(key="client-report-chart", markdown=accounting.report_markdown(reports, days),
                                 description="exceptions by code")
        written = with_io_retries(write_files, current)(current, reports)
        for uri in written:
            logger.info("report written to %s", uri)
        summary.update(clients=len(reports), files=written)
    return written
