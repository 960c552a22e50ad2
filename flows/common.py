"""What every flow shares: settings, retry policy for I/O tasks, the run record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from prefect import runtime
from prefect.tasks import Task, exponential_backoff

from backoffice import jobs
from backoffice.errors import ConfigError, UsageError
from backoffice.masking import mask_log_handlers
from backoffice.settings import PipelineSettings, load_settings
from connectors.s3 import S3Error, S3Unavailable


_migrated: set[str] = set()


def settings() -> PipelineSettings:
    """The effective settings, exported so code reading the environment (models.db, connectors) agrees, and the
    database migrated (idempotent; once per process): a worker may start a flow on a fresh database."""
    from models import migrate

    # A second guard behind masking at the source: a traceback Prefect logs of a crashed task is masked too.
    mask_log_handlers("prefect", "prefect.extra", "prefect.flow_runs", "prefect.task_runs", "prefect.workers")
    loaded = load_settings()
    loaded.export()
    if loaded.database_url not in _migrated:
        migrate(loaded.database_url)
        _migrated.add(loaded.database_url)
    return loaded


def worth_retrying(task: Task, task_run: Any, state: Any) -> bool:
    """Retry what may pass (an endpoint down, a connection dropped), not what will fail the same way again
    (a bad settings or master-data file, S3 refusing our credentials)."""
    error = state.data
    if isinstance(error, (ConfigError, UsageError)):
        return False
    return not isinstance(error, S3Error) or isinstance(error, S3Unavailable)


def with_io_retries(task: Task, current: PipelineSettings) -> Task:
    """S3 and posting tasks retry with exponential backoff (BACKOFFICE_IO_RETRIES, BACKOFFICE_IO_RETRY_DELAY_S)."""
    return task.with_options(retries=current.io_retries,
                             retry_delay_seconds=exponential_backoff(backoff_factor=current.io_retry_delay_s),
                             retry_jitter_factor=0, retry_condition_fn=worth_retrying)


@contextmanager
def recorded(current: PipelineSettings, flow: str) -> Iterator[dict[str, Any]]:
    flow_run_id = runtime.flow_run.id
    with jobs.recorded_run(current, flow, str(flow_run_id) if flow_run_id else None) as summary:
        yield summary


def describe(outcome: jobs.Outcome) -> str:
    """One log line per source object: where it went, never a value from the document."""
    parts = [outcome.key, outcome.state]
    if outcome.document_id is not None:
        parts.append(f"document {outcome.document_id}")
    if outcome.doc_type:
        parts.append(outcome.doc_type)
    if outcome.status and outcome.status != outcome.state:
        parts.append(outcome.status)
    if outcome.codes:
        parts.append("issues: " + ", ".join(outcome.codes))
    if outcome.reason:
        parts.append(f"({outcome.reason})")
    return " | ".join(parts)

