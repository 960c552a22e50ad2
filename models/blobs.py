"""The documents' own bytes, kept by content (sha256) under BACKOFFICE_DATA_DIR/blobs, so pages can be shown
long after the bucket they came from is emptied or gone."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from backoffice.errors import BackofficeError
from models.db import data_dir


class BlobMissing(BackofficeError):
    """A stored document file that cannot be read back."""


def blob_dir() -> Path:
    return data_dir() / "blobs"


def put_blob(path_or_bytes: Path | str | bytes, sha256: str, suffix: str = "") -> str:
    """Keep a copy of the file under its sha256; returns its file:// URI. Storing the same bytes again is free."""
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    suffix = suffix if not suffix or suffix.startswith(".") else f".{suffix}"
    target = blob_dir() / sha256[:2] / f"{sha256}{suffix.lower()}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed: a reader never sees half a file, two writers never clash.
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".incoming-", delete=False) as out:
            if isinstance(path_or_bytes, bytes):
                out.write(path_or_bytes)
            else:
                with open(path_or_bytes, "rb") as source:
                    shutil.copyfileobj(source, out)
        os.replace(out.name, target)
    return target.as_uri()


def open_blob(uri: str) -> Path:
    """A local path to the bytes behind a file:// URI, or an s3://bucket/key[?versionId=...] URI (downloaded
    once into the blob folder's cache, through BACKOFFICE_S3_ENDPOINT_URL when set)."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path))
        if not path.is_file():
            raise BlobMissing(f"the stored file {path} is gone",
                              hint="restore BACKOFFICE_DATA_DIR/blobs from backup, or have the client drop the "
                                   "file again")
        return path
    if parsed.scheme == "s3":
        return _from_s3(uri, parsed.netloc, unquote(parsed.path.lstrip("/")),
                        parse_qs(parsed.query).get("versionId", [None])[0])
    raise BlobMissing(f"cannot read a document stored at {uri!r}", hint="stored files are file:// or s3:// URIs")


def _from_s3(uri: str, bucket: str, key: str, version: str | None) -> Path:
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    cached = blob_dir() / "s3-cache" / f"{hashlib.sha256(uri.encode()).hexdigest()}{Path(key).suffix.lower()}"
    if cached.is_file():
        cached.touch()  # in use: cleanup prunes copies nobody opened for a day
        return cached
    cached.parent.mkdir(parents=True, exist_ok=True)
    client = boto3.client("s3", endpoint_url=os.environ.get("BACKOFFICE_S3_ENDPOINT_URL") or None)
    extra = {"VersionId": version} if version else {}
    try:
        with tempfile.NamedTemporaryFile(dir=cached.parent, prefix=".incoming-", delete=False) as out:
            body = client.get_object(Bucket=bucket, Key=key, **extra)["Body"]
            shutil.copyfileobj(body, out)
    except (BotoCoreError, ClientError) as problem:
        Path(out.name).unlink(missing_ok=True)
        raise BlobMissing(f"cannot read s3://{bucket}/{key} ({type(problem).__name__}: {problem})",
                          hint="check the bucket is reachable (BACKOFFICE_S3_ENDPOINT_URL, credentials)") from None
    os.replace(out.name, cached)
    return cached


def prune_s3_cache(max_age_hours: float = 24.0) -> int:
    """Remove local copies of S3 documents (and downloads a killed process left half-written) nobody opened for
    `max_age_hours`; the next view downloads the document again. Returns how many files went."""
    folder = blob_dir() / "s3-cache"
    if not folder.is_dir():
        return 0
    cutoff = time.time() - max_age_hours * 3600
    removed = 0
    for entry in folder.iterdir():
        try:
            if entry.is_file() and entry.stat().st_mtime < cutoff:
                entry.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # another cleanup took it
    return removed
