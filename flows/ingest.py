"""ingest: list inbox/ (every object version), register each once, load changed master data, check manifests."""

from __future__ import annotations

from dataclasses import dataclass

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from backoffice import jobs
from flows.common import recorded, settings, with_io_retries


@dataclass
class IngestResult:
    listing: jobs.InboxListing
    registered: list[jobs.Registered]
    manifest_problems: list[dict]
    master_data_changed: dict[str, bool]


@task(name="list inbox", cache_policy=NO_CACHE)
def list_inbox(current) -> jobs.InboxListing:  # noqa: ANN001
    return jobs.list_inbox(current)


@task(name="register objects", cache_policy=NO_CACHE)
def register(current, listing: jobs.InboxListing) -> list[jobs.Registered]:  # noqa: ANN001
    return jobs.register(current, listing)


@task(name="load master data", cache_policy=NO_CACHE)
def sync_master_data(current) -> dict[str, bool]:  # noqa: ANN001
    return jobs.sync_master_data(current)


@task(name="check manifests", cache_policy=NO_CACHE)
def check_manifests(current) -> list[dict]:  # noqa: ANN001
    return jobs.check_manifests(current)


@flow(name="ingest")
def ingest() -> IngestResult:
    """Find new objects under inbox/<client>/ and register each object version exactly once."""
    logger = get_run_logger()
    current = settings()
    with recorded(current, "ingest") as summary:
        changed = with_io_retries(sync_master_data, current)(current)
        for client_id, was_changed in changed.items():
            if was_changed:
                logger.info("master data of %s loaded (changed since the last run)", client_id)
        listing = with_io_retries(list_inbox, current)(current)
        registered = register(current, listing)
        for r in registered:
            logger.info("%s: %d new object(s) registered, %d known, %d manifest(s)", r.client_id, r.new, r.known,
                        r.manifests)
        for key in listing.unplaced:
            logger.error("%s is not inside a client folder (inbox/<client>/): not processed", key)
        problems = with_io_retries(check_manifests, current)(current)
        for p in problems:
            logger.warning("manifest %s: %s %s (%s)", p["manifest"], p["file"], p["problem"], p["detail"])
        summary.update(seen=listing.count, new=sum(r.new for r in registered), unplaced=listing.unplaced,
                       manifest_problems=len(problems))
        if listing.unplaced:
            summary["problems"] = [f"{k}: not in a client folder" for k in listing.unplaced]
    return IngestResult(listing, registered, problems, changed)
