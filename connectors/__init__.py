"""Systems of record: the place approved documents are posted to, exactly once (connectors.posting)."""

from connectors.base import Connector, PostingError, idempotency_key

__all__ = ["Connector", "PostingError", "idempotency_key"]
