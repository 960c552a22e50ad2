"""Shared pieces of the workbench tests (no tests here): real sample documents extracted once and saved through
models.store, users, the app served by uvicorn on a free port, and Debian's Chromium through Playwright."""

from __future__ import annotations

import copy
import hashlib
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from backoffice.document import Document
from backoffice.pipeline import RunContext, process_files
from connectors.sor import SqlSystemOfRecord
from models.blobs import put_blob
from models.db import migrate, session_scope
from models.store import save_result
from validators import load_master_data
from workbench.app import WorkbenchConfig, create_app
from workbench.auth import save_user

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
LAKESIDE = Path(__file__).resolve().parent.parent / "demo" / "master-data" / "lakeside"
PASSWORD = "correct horse battery"
REVIEW_SAMPLES = ("invoice_total_mismatch.pdf", "invoice_subtotal_mismatch.pdf", "invoice_due_before_date.pdf")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def extracted() -> dict[str, Document]:
    """Digital samples that need review, read once per session by the real pipeline (no master data)."""
    items = [(SAMPLES / name, str(SAMPLES / name)) for name in REVIEW_SAMPLES]
    return {Path(doc.source).name: doc for doc in process_files(items, RunContext())}


@pytest.fixture(scope="session")
def bank_change() -> Document:
    """A direct deposit moving pay to another account than the one on file (lakeside's master data)."""
    path = SAMPLES / "dd_a_digital.pdf"
    [doc] = process_files([(path, str(path))], RunContext(master_data=load_master_data(LAKESIDE)))
    assert any(i.code == "direct_deposit.bank_account_changed" for i in doc.issues)
    return doc


def variant(doc: Document, n: int) -> Document:
    """The same extracted document as if other bytes had been dropped (another sha256): one more queue entry."""
    copied = copy.deepcopy(doc)
    copied.sha256 = hashlib.sha256(f"{doc.sha256}:{n}".encode()).hexdigest()
    return copied


def save(url: str, doc: Document, client_id: str) -> int:
    """Save a document as the pipeline does, its file kept as a blob; returns the document id."""
    path = Path(doc.source)
    with session_scope(url) as session:
        record = save_result(session, doc, client_id=client_id, source=doc.source,
                             blob_uri=put_blob(path, doc.sha256, path.suffix))
        return record.id


def add_user(url: str, username: str, role: str = "operator", clients: tuple[str, ...] = ("acme",)) -> None:
    with session_scope(url) as session:
        save_user(session, username, PASSWORD, role=role, clients=list(clients))


@pytest.fixture
def workbench(tmp_path, monkeypatch) -> WorkbenchConfig:
    """An empty workbench on SQLite in a temporary data folder, posting to an SQL system of record there."""
    monkeypatch.setenv("BACKOFFICE_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'backoffice.db'}"
    migrate(url)
    return WorkbenchConfig(database_url=url, data_dir=tmp_path, secret_key="test-secret-" + "x" * 20,
                           connector=SqlSystemOfRecord(f"sqlite:///{tmp_path / 'sor.db'}"))


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def sign_in(client, username: str, password: str = PASSWORD) -> str:  # noqa: ANN001 - a TestClient
    """Sign a TestClient in; returns the session's CSRF token."""
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": username, "password": password, "csrf": token})
    assert response.status_code == 200 and response.url.path == "/", response.text[:300]
    return csrf_of(response.text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(config: WorkbenchConfig) -> Iterator[str]:
    """The workbench served by uvicorn in a thread; yields its base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workbench did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def browser_sign_in(page, base: str, username: str) -> None:  # noqa: ANN001 - a Playwright page
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{base}/")
