"""A system of record that takes files: one JSON per document in an S3 bucket, for clients whose ERP imports them.

The object key is derived from the idempotency key, and the object is written only if it is not there yet
(If-None-Match: *), so a second post, or two at once, leave the first file as it was.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from backoffice.document import Document
from connectors.base import PostingError

log = logging.getLogger(__name__)


class FileExport:
    """Posts by writing s3://bucket/<prefix><client>/<sha256>.json; the external id is that URI."""

    name = "export"

    def __init__(self, s3_client: Any, bucket: str, prefix: str = "exports/"):
        self.s3 = s3_client
        self.bucket = bucket
        self.prefix = prefix if not prefix or prefix.endswith("/") else prefix + "/"

    def key_for(self, idempotency_key: str) -> str:
        return f"{self.prefix}{idempotency_key}.json"

    def post(self, doc: Document, *, client_id: str, idempotency_key: str) -> str:
        from botocore.exceptions import BotoCoreError, ClientError

        key = self.key_for(idempotency_key)
        uri = f"s3://{self.bucket}/{key}"
        body = json.dumps({**doc.to_json(), "client": client_id, "idempotency_key": idempotency_key},
                          ensure_ascii=False, indent=1).encode()
        try:
            if self._exists(key):
                return uri
            self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType="application/json",
                               IfNoneMatch="*")
        except ClientError as problem:
            if problem.response.get("Error", {}).get("Code") in ("PreconditionFailed", "ConditionalRequestConflict"):
                return uri  # written by another poster a moment ago: theirs stands
            raise PostingError(f"could not write {uri}: {problem.response.get('Error', {}).get('Code')}",
                               hint="check the export bucket exists and the credentials may write to it") from None
        except BotoCoreError as problem:
            raise PostingError(f"could not reach the export bucket {self.bucket}: {type(problem).__name__}",
                               hint="check BACKOFFICE_S3_ENDPOINT_URL and the network") from None
        log.info("exported %s to %s", idempotency_key, uri)
        return uri

    def held_keys(self, idempotency_keys: list[str]) -> dict[str, str]:
        """The keys whose JSON is in the export folder (one listing of it, not a request per key)."""
        wanted = {self.key_for(k): k for k in idempotency_keys}
        held: dict[str, str] = {}
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix):
            for item in page.get("Contents", []):
                if item["Key"] in wanted:
                    held[wanted[item["Key"]]] = f"s3://{self.bucket}/{item['Key']}"
        return held

    def _exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as problem:
            if problem.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True
