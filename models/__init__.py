"""The pipeline's database: SQLModel tables, the engine (SQLite in WAL mode by default, PostgreSQL by URL)
and Alembic migrations. Flows and the workbench read and write state only through here."""

from models.db import database_url, engine_for, migrate, session_scope
from models.tables import (
    AuditEvent,
    Client,
    DocumentRecord,
    ExtractedValue,
    IssueRecord,
    ManifestProblem,
    MasterDataFile,
    Posting,
    ReviewTask,
    RunRecord,
    SourceObject,
    User,
)

__all__ = [
    "AuditEvent", "Client", "DocumentRecord", "ExtractedValue", "IssueRecord", "ManifestProblem", "MasterDataFile",
    "Posting", "ReviewTask", "RunRecord", "SourceObject", "User",
    "database_url", "engine_for", "migrate", "session_scope",
]
