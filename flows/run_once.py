"""run_once: ingest, process and post as one parent flow run; says which objects are not accounted for."""

from __future__ import annotations

from dataclasses import dataclass, field

from prefect import flow, get_run_logger

from backoffice import jobs
from flows.common import recorded, settings
from flows.ingest import ingest
from flows.post import post
from flows.process import process


@dataclass
class RunOnceResult:
    seen: int
    processed: int
    posted: int
    unaccounted: list[str] = field(default_factory=list)
    manifest_problems: list[dict] = field(default_factory=list)


@flow(name="run-once")
def run_once() -> RunOnceResult:
    logger = get_run_logger()
    current = settings()
    with recorded(current, "run_once") as summary:
        ingested = ingest()
        outcomes = process()
        posted = post()
        open_problems = jobs.open_manifest_problems(current)
        missing = jobs.unaccounted(current, ingested.listing)
        result = RunOnceResult(seen=ingested.listing.count, processed=len(outcomes),
                               posted=len({o.document_id for o in posted}), unaccounted=missing,
                               manifest_problems=open_problems)
        for line in missing:
            logger.error("not accounted for: %s", line)
        summary.update(seen=result.seen, processed=result.processed, posted=result.posted,
                       unaccounted=len(missing), problems=missing)
    return result
