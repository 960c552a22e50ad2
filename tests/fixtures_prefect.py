"""Prefect for tests: one real (temporary) Prefect server for the whole session, started on first use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """`prefect_test_harness`: flows run against a real API backed by a throwaway SQLite database."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield
