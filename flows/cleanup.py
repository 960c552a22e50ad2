"""cleanup (nightly): temporary downloads, expired review locks, local copies past retention, stale S3 copies."""

from __future__ import annotations

from prefect import flow, get_run_logger

from backoffice import jobs
from flows.common import recorded, settings


@flow(name="cleanup")
def cleanup() -> dict:
    logger = get_run_logger()
    current = settings()
    with recorded(current, "cleanup") as summary:
        done = jobs.cleanup(current)
        logger.info("removed %(temp_removed)d temporary download(s), released %(locks_released)d expired review "
                    "lock(s), removed %(blobs_removed)d local copies past retention and %(s3_copies_removed)d copies of S3 "
                    "documents nobody opened for a day", done)
        summary.update(done)
    return done
