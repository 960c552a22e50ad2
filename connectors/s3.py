"""The one module that talks to S3 (boto3): list the inbox, stream objects to disk, tag, put reports.

Works with AWS, MinIO and moto's server alike: the endpoint comes from the settings. botocore's own
exceptions stop here: an endpoint that cannot be reached is `S3Unavailable` (worth retrying), an object
that is gone or changed is `ObjectGone` (that object only), anything else `S3Error`.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from backoffice.errors import BackofficeError
from backoffice.settings import PipelineSettings

CHUNK = 1 << 20
MANIFEST_NAME = "manifest.csv"
STATE_TAG = "backoffice-state"
DOCUMENT_TAG = "backoffice-document"


class S3Error(BackofficeError):
    exit_code = 5


class S3Unavailable(S3Error):
    """The endpoint did not answer (down, unreachable, refusing): nothing was read or changed."""


class ObjectGone(S3Error):
    """The object (version) was deleted or overwritten after it was listed."""


@dataclass(frozen=True)
class ListedObject:
    key: str
    version: str  # the S3 version id in a versioned bucket, else the ETag
    etag: str
    size: int
    versioned: bool

    @property
    def name(self) -> str:
        return self.key.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Download:
    path: Path | None  # None when the object was over the size cap (nothing kept on disk)
    sha256: str
    size: int


def _translate(exc: Exception, what: str) -> S3Error:
    from botocore.exceptions import BotoCoreError, ClientError, ConnectionError as BotoConnectionError
    from botocore.exceptions import EndpointConnectionError

    if isinstance(exc, (EndpointConnectionError, BotoConnectionError)):
        return S3Unavailable(f"S3 did not answer while trying to {what}: {exc}",
                             hint="check BACKOFFICE_S3_ENDPOINT_URL and that the endpoint is up; nothing was lost, "
                                  "the next run picks up where this one stopped")
    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in ("NoSuchKey", "NoSuchVersion", "PreconditionFailed", "404", "412") or status in (404, 412):
            return ObjectGone(f"could not {what}: the object was deleted or replaced after it was listed ({code})",
                              hint="a replacement is registered as a new version by the next run")
        if code in ("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "403"):
            return S3Error(f"S3 refused to {what} ({code})",
                           hint="check the AWS_* credentials and the bucket policy")
        if code == "NoSuchBucket":
            return S3Error(f"could not {what}: the bucket does not exist", hint="check BACKOFFICE_BUCKET")
        return S3Error(f"could not {what}: {code or exc}")
    if isinstance(exc, BotoCoreError):
        return S3Unavailable(f"S3 failed while trying to {what}: {exc}")
    return S3Error(f"could not {what}: {exc}")


_CLIENT_SETTINGS = ("s3_endpoint_url", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
                    "aws_region")
_clients: dict[tuple, object] = {}
_clients_lock = threading.Lock()


def _client_for(settings: PipelineSettings):  # noqa: ANN202 - a boto3 S3 client
    """One boto3 client per endpoint and credentials per process: making one costs a tenth of a second or more,
    and clients are safe to share between threads."""
    key = tuple(settings.get(name) or None for name in _CLIENT_SETTINGS)
    with _clients_lock:
        if key not in _clients:
            import boto3
            from botocore.config import Config

            endpoint, key_id, secret, token, region = key
            # botocore retries a little itself; the flows retry with backoff on top, so an attempt gives up
            # within seconds rather than hanging.
            config = Config(retries={"max_attempts": 2, "mode": "standard"}, connect_timeout=5, read_timeout=60,
                            signature_version="s3v4", max_pool_connections=20)
            _clients[key] = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=key_id,
                                         aws_secret_access_key=secret, aws_session_token=token,
                                         region_name=region, config=config)
        return _clients[key]


class Bucket:
    """One bucket on one endpoint, as the pipeline uses it."""

    def __init__(self, settings: PipelineSettings):
        self.name = settings.bucket
        self.client = _client_for(settings)
        self._versioned: bool | None = None

    def uri(self, key: str) -> str:
        return f"s3://{self.name}/{key}"

    def versioned(self) -> bool:
        if self._versioned is None:
            try:
                answer = self.client.get_bucket_versioning(Bucket=self.name)
            except Exception as exc:  # noqa: BLE001 - translated at this boundary
                raise _translate(exc, f"read the versioning of bucket {self.name}") from exc
            self._versioned = answer.get("Status") in ("Enabled", "Suspended")
        return self._versioned

    def folders(self, prefix: str) -> list[str]:
        """The names of the 'folders' right under a prefix (inbox/ -> ['lakeside', 'northwind'])."""
        names: list[str] = []
        try:
            for page in self.client.get_paginator("list_objects_v2").paginate(
                    Bucket=self.name, Prefix=prefix, Delimiter="/"):
                names += [p["Prefix"][len(prefix):].rstrip("/") for p in page.get("CommonPrefixes", [])]
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc, f"list {self.uri(prefix)}") from exc
        return sorted(names)

    def list(self, prefix: str) -> list[ListedObject]:
        """Every object under a prefix: every version of it in a versioned bucket (delete markers aside),
        so an overwritten file is a new object too. Folder markers (keys ending in '/') are not objects."""
        try:
            return [o for o in self._list(prefix) if not o.key.endswith("/")]
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc, f"list {self.uri(prefix)}") from exc

    def _list(self, prefix: str) -> Iterator[ListedObject]:
        if self.versioned():
            for page in self.client.get_paginator("list_object_versions").paginate(Bucket=self.name, Prefix=prefix):
                for v in page.get("Versions", []):
                    yield ListedObject(key=v["Key"], version=v["VersionId"], etag=v["ETag"].strip('"'),
                                       size=v["Size"], versioned=True)
        else:
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name, Prefix=prefix):
                for o in page.get("Contents", []):
                    etag = o["ETag"].strip('"')
                    yield ListedObject(key=o["Key"], version=etag, etag=etag, size=o["Size"], versioned=False)

    def _get(self, key: str, version: str, etag: str) -> dict:
        # In an unversioned bucket the 'version' is the ETag: If-Match makes sure the bytes read are the ones
        # registered, not a later overwrite (that one is registered as an object of its own).
        if version != etag:
            return self.client.get_object(Bucket=self.name, Key=key, VersionId=version)
        return self.client.get_object(Bucket=self.name, Key=key, IfMatch=f'"{etag}"')

    def download(self, key: str, version: str, etag: str, folder: Path, *, max_bytes: int) -> Download:
        """Stream one object version to a temporary file in `folder`, hashing as it goes. Over `max_bytes` the file
        is dropped and the rest only hashed, so the document still has its true sha256 and the disk stays bounded."""
        suffix = Path(key).suffix.lower()[:10]
        try:
            body = self._get(key, version, etag)["Body"]
            digest, size = hashlib.sha256(), 0
            with tempfile.NamedTemporaryFile(dir=folder, suffix=suffix, delete=False) as out:
                path: Path | None = Path(out.name)
                for block in iter(lambda: body.read(CHUNK), b""):
                    digest.update(block)
                    size += len(block)
                    if path is not None and size > max_bytes:
                        out.close()
                        path.unlink()
                        path = None
                    elif path is not None:
                        out.write(block)
        except Exception as exc:  # noqa: BLE001
            if "path" in locals() and path is not None:
                path.unlink(missing_ok=True)
            raise _translate(exc, f"download {self.uri(key)}") from exc
        return Download(path=path, sha256=digest.hexdigest(), size=size)

    def read(self, key: str, *, max_bytes: int = 20 * 1024 * 1024) -> bytes:
        """A small object's bytes (manifests, master data)."""
        try:
            body = self.client.get_object(Bucket=self.name, Key=key)["Body"]
            data = body.read(max_bytes + 1)
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc, f"read {self.uri(key)}") from exc
        if len(data) > max_bytes:
            raise S3Error(f"{self.uri(key)} is over {max_bytes // (1024 * 1024)} MB; too large for a control file")
        return data

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        try:
            self.client.put_object(Bucket=self.name, Key=key, Body=data, ContentType=content_type)
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc, f"write {self.uri(key)}") from exc
        return self.uri(key)

    def tag(self, key: str, version: str, etag: str, tags: dict[str, str]) -> None:
        """Set our tags on one object version, keeping the tags client IT put there."""
        version_args = {"VersionId": version} if version != etag else {}
        try:
            current = self.client.get_object_tagging(Bucket=self.name, Key=key, **version_args)["TagSet"]
            merged = {t["Key"]: t["Value"] for t in current} | tags
            self.client.put_object_tagging(Bucket=self.name, Key=key, **version_args, Tagging={
                "TagSet": [{"Key": k, "Value": v} for k, v in sorted(merged.items())]})
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc, f"tag {self.uri(key)}") from exc

    def tags(self, key: str, version: str | None = None) -> dict[str, str]:
        version_args = {"VersionId": version} if version else {}
        try:
            current = self.client.get_object_tagging(Bucket=self.name, Key=key, **version_args)["TagSet"]
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc, f"read the tags of {self.uri(key)}") from exc
        return {t["Key"]: t["Value"] for t in current}
