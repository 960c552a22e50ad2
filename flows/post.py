"""post: send every approved document to the system of record exactly once; tag its objects as posted."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from backoffice import jobs
from flows.common import recorded, settings, with_io_retries
from models.tables import utcnow


@task(name="post approved documents", cache_policy=NO_CACHE)
def post_approved(current, limit: int | None) -> int:  # noqa: ANN001
    return jobs.post_approved(current, limit=limit)


@task(name="tag posted objects", cache_policy=NO_CACHE)
def tag_posted(current, outcomes: list[jobs.Outcome]) -> int:  # noqa: ANN001
    return jobs.tag_objects(current, outcomes, state="posted")


@flow(name="post")
def post(limit: int | None = None) -> list[jobs.Outcome]:
    """Posting is idempotent, so a retry after a failure half way posts nothing twice. Documents that still cannot
    be posted after the retries fail the run, by name, once the others are posted and tagged."""
    logger = get_run_logger()
    current = settings()
    started = utcnow()
    incomplete: jobs.PostingIncomplete | None = None
    with recorded(current, "post") as summary:
        try:
            with_io_retries(post_approved, current)(current, limit)
        except jobs.PostingIncomplete as problem:
            incomplete = problem
            for document_id, reason in problem.failures:
                logger.error("document %s not posted: %s", document_id, reason)
        posted = jobs.posted_since(current, started)
        for document_id in sorted({o.document_id for o in posted}):
            logger.info("document %s posted", document_id)
        with_io_retries(tag_posted, current)(current, posted)
        summary.update(posted=len({o.document_id for o in posted}),
                       not_posted=len(incomplete.failures) if incomplete else 0)
        if incomplete:
            summary["problems"] = [f"document {d}: {r}" for d, r in incomplete.failures]
    if incomplete:
        raise incomplete
    return posted
