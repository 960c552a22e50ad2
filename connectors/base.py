"""What every system-of-record connector promises: post a document once per idempotency key, whatever happens."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from backoffice.document import Document
from backoffice.errors import BackofficeError


class PostingError(BackofficeError):
    """A document the system of record cannot take, or a system of record that cannot be reached."""


@runtime_checkable
class Connector(Protocol):
    """A system of record. `post` is idempotent by key: posting a key already posted writes nothing and returns
    the external id the first post got; the key is written in the same transaction as the posting itself."""

    name: str

    def post(self, doc: Document, *, client_id: str, idempotency_key: str) -> str:
        """Post the document; returns the system of record's id for it."""
        ...

    def held_keys(self, idempotency_keys: list[str]) -> dict[str, str]:
        """Which of these keys the system of record holds, with the external id of each: what nightly reconcile
        compares our postings with."""
        ...


def idempotency_key(client_id: str, sha256: str) -> str:
    """One key per client and file content: the same bytes are one document, posted once."""
    return f"{client_id}/{sha256}"
