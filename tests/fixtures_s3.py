"""S3 for tests: moto's real server on loopback, spoken to over HTTP by boto3, one fresh bucket per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

_bucket_numbers = itertools.count(1)
TEST_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing-secret",
                    "AWS_DEFAULT_REGION": "us-east-1"}


def start_moto() -> tuple[object, str]:
    """A ThreadedMotoServer on a free loopback port and its endpoint URL."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """One moto server for the session (its state is per bucket, and every test gets its own bucket)."""
    for name, value in TEST_CREDENTIALS.items():
        os.environ.setdefault(name, value)
    server, endpoint = start_moto()
    yield endpoint
    server.stop()


def s3_client(endpoint: str):  # noqa: ANN201 - boto3 client
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing-secret")


@pytest.fixture()
def pipeline_env(moto_endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A fresh bucket on the moto server and the environment that points the pipeline at it, with SQLite and
    local state in tmp_path. Returns the variables set."""
    bucket = f"drop-{os.getpid()}-{next(_bucket_numbers)}"
    s3_client(moto_endpoint).create_bucket(Bucket=bucket)
    env = {
        **TEST_CREDENTIALS,
        "BACKOFFICE_S3_ENDPOINT_URL": moto_endpoint,
        "BACKOFFICE_BUCKET": bucket,
        "BACKOFFICE_DATA_DIR": str(tmp_path / "var"),
        "BACKOFFICE_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'backoffice.db'}",
        "BACKOFFICE_SOR_URL": f"sqlite:///{tmp_path / 'sor.db'}",
        "BACKOFFICE_IO_RETRIES": "2",
        "BACKOFFICE_IO_RETRY_DELAY_S": "0.2",
        "BACKOFFICE_WORKERS": "1",
    }
    (tmp_path / "var").mkdir(exist_ok=True)
    monkeypatch.delenv("BACKOFFICE_SETTINGS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def drop(endpoint: str, bucket: str, key: str, data: bytes) -> None:
    """What client IT does: put a file into the bucket."""
    s3_client(endpoint).put_object(Bucket=bucket, Key=key, Body=data)
