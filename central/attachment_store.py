"""Where whole attachments (document photos) are kept: a folder, or S3-compatible storage.

The database holds which attachments an application has and how far each
upload got; the photos themselves, encrypted like answers
(:meth:`central.personal_data.DataProtection.seal_bytes`), live outside it,
so the database stays small and its backups quick. By default they are files
under ``attachments/`` beside a SQLite database (or in the data folder);
with ``KIOSK_CENTRAL_S3_BUCKET`` set they are objects in that bucket of any
S3-compatible store (``KIOSK_CENTRAL_S3_ENDPOINT`` for one that is not AWS,
credentials from the usual ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``
or the machine's role). Keys are ``APPLICATION-UUID/DIGEST``: writing the
same attachment twice writes the same bytes under the same key, so a retried
completion is harmless.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from central.database import Database, Dialect, create_private_file, data_dir

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

FOLDER_VARIABLE = "KIOSK_CENTRAL_ATTACHMENT_DIR"
BUCKET_VARIABLE = "KIOSK_CENTRAL_S3_BUCKET"
ENDPOINT_VARIABLE = "KIOSK_CENTRAL_S3_ENDPOINT"
REGION_VARIABLE = "KIOSK_CENTRAL_S3_REGION"
PREFIX_VARIABLE = "KIOSK_CENTRAL_S3_PREFIX"


class AttachmentStore(Protocol):
    """Keeps and gives back whole, encrypted attachments by key."""

    def put(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key`` (replacing what was there: the same bytes)."""
        ...

    def get(self, key: str) -> bytes:
        """The bytes under ``key``; KeyError when there are none."""
        ...


def attachment_key(application_uuid: str, digest: str) -> str:
    """Where one attachment is kept (both parts are checked hex and UUID text)."""
    return f"{application_uuid}/{digest}"


@dataclass(frozen=True)
class FolderStore:
    """Attachments as files in a folder (mode 0600, written whole then renamed)."""

    root: Path

    def put(self, key: str, data: bytes) -> None:
        """Write to a private temporary file, then rename it into place."""
        target = self.root / key
        draft = target.with_name(f".{target.name}.part")
        draft.unlink(missing_ok=True)
        create_private_file(draft)
        with draft.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        draft.replace(target)

    def get(self, key: str) -> bytes:
        """The file's bytes; KeyError when it is missing."""
        try:
            return (self.root / key).read_bytes()
        except FileNotFoundError as error:
            raise KeyError(key) from error


@dataclass(frozen=True)
class S3Store:
    """Attachments as objects in a bucket of an S3-compatible store, through boto3."""

    client: S3Client
    bucket: str
    prefix: str = ""

    def put(self, key: str, data: bytes) -> None:
        """One PUT of the whole object (an attachment is at most 300 KB)."""
        self.client.put_object(Bucket=self.bucket, Key=self.prefix + key, Body=data)

    def get(self, key: str) -> bytes:
        """The object's bytes; KeyError when there is none."""
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)
        except self.client.exceptions.NoSuchKey as error:
            raise KeyError(key) from error
        return answer["Body"].read()


def s3_client(endpoint: str | None, region: str | None) -> S3Client:
    """A boto3 S3 client for ``endpoint`` (None: AWS itself), path-style addressing so
    that any S3-compatible server answers."""
    import boto3
    from botocore.config import Config

    options: dict[str, Any] = {"config": Config(s3={"addressing_style": "path"})}
    if endpoint:
        options["endpoint_url"] = endpoint
    if region:
        options["region_name"] = region
    return boto3.client("s3", **options)


def store_from_environment(database: Database) -> AttachmentStore:
    """The store the environment configures: S3 when a bucket is named, else a folder."""
    bucket = os.environ.get(BUCKET_VARIABLE, "").strip()
    if bucket:
        client = s3_client(
            os.environ.get(ENDPOINT_VARIABLE) or None, os.environ.get(REGION_VARIABLE) or None
        )
        return S3Store(client, bucket, os.environ.get(PREFIX_VARIABLE, ""))
    chosen = os.environ.get(FOLDER_VARIABLE)
    if chosen:
        return FolderStore(Path(chosen))
    if database.dialect is Dialect.SQLITE:
        return FolderStore(database.sqlite_path.with_name("attachments"))
    return FolderStore(data_dir() / "attachments")
