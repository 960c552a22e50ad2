"""process: read, classify, extract, validate and route registered objects in batches; tag them once committed."""

from __future__ import annotations

from collections import Counter

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from backoffice import jobs
from backoffice.pipeline import PagePool
from backoffice.settings import ReaderSettings
from flows.common import describe, recorded, settings, with_io_retries


@task(name="find pending objects", cache_policy=NO_CACHE)
def pending_batches(current, limit: int | None) -> list[list[jobs.PendingObject]]:  # noqa: ANN001
    return jobs.pending_batches(current, limit=limit)


@task(name="download batch", cache_policy=NO_CACHE)
def download(current, batch: list[jobs.PendingObject]) -> list[jobs.Fetched]:  # noqa: ANN001
    folder = jobs.work_folder(current)
    try:
        return jobs.download_batch(current, batch, folder)
    except BaseException:
        jobs.discard_folder(folder)  # a retry downloads afresh
        raise


@task(name="process batch", cache_policy=NO_CACHE)
def process_batch(current, fetched: list[jobs.Fetched], pool: PagePool) -> list[jobs.Outcome]:  # noqa: ANN001
    try:
        return jobs.process_batch(current, fetched, pool=pool)
    finally:
        jobs.discard_fetched(fetched)


@task(name="tag objects", cache_policy=NO_CACHE)
def tag(current, outcomes: list[jobs.Outcome]) -> int:  # noqa: ANN001
    return jobs.tag_objects(current, outcomes)


@task(name="check manifests", cache_policy=NO_CACHE)
def check_manifests(current) -> list[dict]:  # noqa: ANN001
    return jobs.check_manifests(current)


@flow(name="process")
def process(limit: int | None = None) -> list[jobs.Outcome]:
    """Every registered (or earlier failed) object, batch by batch: the next batch downloads while one is read.
    One pool of OCR workers serves every batch (a pool per batch spent a second or more per worker starting)."""
    logger = get_run_logger()
    current = settings()
    with recorded(current, "process") as summary, PagePool(ReaderSettings().workers) as pool:
        batches = pending_batches(current, limit)
        downloading = with_io_retries(download, current)
        tagging = with_io_retries(tag, current)
        outcomes: list[jobs.Outcome] = []
        tags = []
        # S3 work overlaps the reading: the next batch downloads and the last one is tagged while a batch is read.
        next_download = downloading.submit(current, batches[0]) if batches else None
        for i in range(len(batches)):
            fetched = next_download.result()
            next_download = downloading.submit(current, batches[i + 1]) if i + 1 < len(batches) else None
            done = process_batch(current, fetched, pool)
            for outcome in done:
                (logger.warning if outcome.state == "failed" else logger.info)(describe(outcome))
            tags.append(tagging.submit(current, done))
            outcomes += done
        for tagged in tags:
            tagged.result()
        problems = with_io_retries(check_manifests, current)(current) if outcomes else []
        states = Counter(o.status if o.state == "processed" else o.state for o in outcomes)
        summary.update(objects=len(outcomes), batches=len(batches), outcomes=dict(states),
                       manifest_problems=len(problems))
        if outcomes:
            create_table_artifact(
                key="process-outcomes", description=f"{len(outcomes)} objects in {len(batches)} batches: "
                                                    + ", ".join(f"{n} {s}" for s, n in sorted(states.items())),
                table=[dict(object=o.key, state=o.state, document=o.document_id, type=o.doc_type or "",
                            status=o.status or "", issues=", ".join(o.codes), reason=o.reason or "")
                       for o in outcomes])
    return outcomes
