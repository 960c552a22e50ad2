"""reconcile (nightly): every object in the bucket accounted for in the database, every approved document posted and
held by the system of record under the id we recorded, control totals per client. A markdown artifact says what is out of line; the run fails when anything is."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from backoffice import accounting
from backoffice.errors import BackofficeError
from flows.common import recorded, settings, with_io_retries
from flows.ingest import list_inbox


class OutOfBalance(BackofficeError):
    exit_code = 7


@flow(name="reconcile")
def reconcile() -> dict:
    logger = get_run_logger()
    current = settings()
    with recorded(current, "reconcile") as summary:
        listing = with_io_retries(list_inbox, current)(current)
        from connectors.posting import connector_from_settings

        result = accounting.reconcile(current, listing, connector_from_settings())
        for problem in result["problems"]:
            logger.error(problem)
        create_markdown_artifact(key="reconcile", markdown=accounting.reconcile_markdown(result),
                                 description="objects accounted for, approved documents posted, control totals")
        summary.update(clients=result["clients"], problems=result["problems"])
    if not result["ok"]:
        raise OutOfBalance(f"{len(result['problems'])} problem(s): " + "; ".join(result["problems"][:5]),
                           hint="see the reconcile artifact in the Prefect UI")
    return result
