"""Where the centre keeps document photos: a folder by default, S3-compatible storage when
configured (moto's standalone server here, reached through boto3 as in a deployment)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from central.attachment_store import (
    BUCKET_VARIABLE,
    ENDPOINT_VARIABLE,
    FOLDER_VARIABLE,
    REGION_VARIABLE,
    FolderStore,
    S3Store,
    s3_client,
    store_from_environment,
)
from central.database import Database
from kiosk.clock import FixedClock
from sync.enrolment import enrol
from tests.central.platform import start_platform
from tests.central.s3_server import ACCESS_KEY, REGION, SECRET_KEY, s3_server
from tests.sync.conftest import KIOSK_CODE, make_kiosk
from tests.sync.test_attachment_upload import photo_bytes, submit_with_photo

BUCKET = "kiosk-photos"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A running S3-compatible server with the bucket made."""
    with s3_server() as endpoint:
        with pytest.MonkeyPatch.context() as patch:
            _credentials(patch)
            s3_client(endpoint, REGION).create_bucket(Bucket=BUCKET)
        yield endpoint


def _credentials(patch: pytest.MonkeyPatch) -> None:
    patch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    patch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)


@pytest.fixture
def s3_environment(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The environment a deployment sets to keep photos in the bucket."""
    _credentials(monkeypatch)
    monkeypatch.setenv(BUCKET_VARIABLE, BUCKET)
    monkeypatch.setenv(ENDPOINT_VARIABLE, s3_endpoint)
    monkeypatch.setenv(REGION_VARIABLE, REGION)
    return s3_endpoint


def test_without_configuration_photos_are_files_beside_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(BUCKET_VARIABLE, raising=False)
    monkeypatch.delenv(FOLDER_VARIABLE, raising=False)
    store = store_from_environment(Database(f"sqlite:///{tmp_path / 'central.db'}"))

    assert store == FolderStore(tmp_path / "attachments")
    store.put("u/d", b"sealed")
    assert store.get("u/d") == b"sealed"
    with pytest.raises(KeyError):
        store.get("u/missing")


def test_a_named_bucket_keeps_photos_in_s3(s3_environment: str, tmp_path: Path) -> None:
    store = store_from_environment(Database(f"sqlite:///{tmp_path / 'central.db'}"))

    assert isinstance(store, S3Store)
    store.put("u/d", b"sealed bytes")
    assert store.get("u/d") == b"sealed bytes"
    with pytest.raises(KeyError):
        store.get("u/missing")


def test_an_uploaded_photo_lands_in_the_bucket_encrypted(
    s3_environment: str, tmp_path: Path
) -> None:
    clock = FixedClock(datetime(2026, 11, 27, 3, 30, tzinfo=UTC))
    platform = start_platform(Database(f"sqlite:///{tmp_path / 'central.db'}"), clock, tmp_path)
    try:
        kiosk = make_kiosk(tmp_path / "kiosk.db", platform.url)
        enrol(kiosk.db, kiosk.client, platform.enrolment_code(KIOSK_CODE), kiosk.clock)
        data = photo_bytes()
        uuid = submit_with_photo(kiosk, data)
        assert kiosk.worker.run_once().error is None
    finally:
        platform.server.stop()

    objects = s3_client(s3_environment, REGION).list_objects_v2(Bucket=BUCKET, Prefix=uuid)
    (stored,) = objects["Contents"]
    body = s3_client(s3_environment, REGION).get_object(Bucket=BUCKET, Key=stored["Key"])
    sealed = body["Body"].read()
    assert data[:200] not in sealed and len(sealed) > len(data)
    assert not (tmp_path / "attachments").exists()
