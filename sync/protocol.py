"""The sync protocol between kiosks and the central platform, declared once.

Both sides import these models: the central platform (``central/``) to parse
requests and to generate its OpenAPI schema, the kiosk (``sync/``) to build
requests and to read answers. A change here is a change of the protocol, so
it is versioned: every path lives under :data:`API_PREFIX`, and a breaking
change gets a new prefix rather than a silent new meaning.

Limits are part of the protocol so that the kiosk never builds a request the
centre would refuse as too large.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import stat
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter

from kiosk import feedback_rules as feedback_topics
from kiosk.decompression import gunzip
from kiosk.forms.model import MAX_FORM_VERSION, MAX_REPEAT_ITEMS
from kiosk.photos import MAX_PHOTO_BYTES, PHOTO_MEDIA_TYPES
from kiosk.update_guard import State

PROTOCOL_VERSION = 1
API_PREFIX = "/api/v1"

MAX_BATCH_ITEMS = 500
"""Applications in one submit batch."""
MAX_BODY_BYTES = 4 * 1024 * 1024
"""Largest request body accepted, as sent (compressed) and after decompression."""
MAX_FEED_ITEMS = 500
MAX_ANCHOR_LINKS = 2000
MAX_COUNT = 2**53 - 1
"""The largest count, cursor or serial: a 64-bit column stores it, and every JSON
reader (one that reads numbers as doubles too) holds it exactly."""

BUNDLE_SIGNATURE_CONTEXT = b"township-kiosk/form-bundle/v1\n"
"""Prefixed to what is signed, so a form signature can never be replayed as another kind."""
TRUST_LIST_SIGNATURE_CONTEXT = b"township-kiosk/trust-list/v1\n"
"""The same for issuer trust lists: a form signature never verifies as a trust list."""
FLEET_SETTINGS_SIGNATURE_CONTEXT = b"township-kiosk/fleet-settings/v1\n"
"""The same for fleet settings."""

KIOSK_CODE_PATTERN = r"^[A-Z0-9]{2,8}$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
FORM_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
HASH_PATTERN = r"^[0-9a-f]{64}$"
TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$"

Uuid = Annotated[str, Field(pattern=UUID_PATTERN)]


def _not_a_boolean(value: object) -> object:
    """JSON's ``true`` is no integer (pydantic would read it as 1); ``352.0`` is one."""
    if isinstance(value, bool):
        raise ValueError("a whole number is expected, not true or false")
    return value


_WHOLE = BeforeValidator(_not_a_boolean)
"""After the bounds in ``Annotated``: an integer as JSON Schema means it, never a boolean."""
Boolean = Annotated[bool, Field(strict=True)]
"""``true`` or ``false`` only (not 0, 1 or "yes")."""
FormVersion = Annotated[int, Field(ge=1, le=MAX_FORM_VERSION), _WHOLE]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT), _WHOLE]
"""A count or cursor: never negative, and always storable as a signed 64-bit integer."""
FormId = Annotated[str, Field(pattern=FORM_ID_PATTERN)]
Timestamp = Annotated[str, Field(pattern=TIMESTAMP_PATTERN)]
ShortText = Annotated[str, Field(max_length=2000)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$")]


MAX_ANSWERS = 1000
"""Answers in one application (or one item of a repeating group), far above any form."""
MAX_ANSWER_CHARS = 10_000
"""The longest text answer, and the most values in a list (choices, address codes)."""
MAX_ANSWER_KEY = 64

_AnswerKey = Annotated[str, Field(max_length=MAX_ANSWER_KEY)]
_AnswerText = Annotated[str, Field(max_length=MAX_ANSWER_CHARS)]
_AnswerWhole = Annotated[int, Field(ge=-MAX_COUNT, le=MAX_COUNT)]
"""A whole-number answer: any JSON reader holds it exactly."""
_ScalarAnswer = (
    Boolean
    | _AnswerWhole
    | float
    | _AnswerText
    | Annotated[list[_AnswerText], Field(max_length=MAX_ANSWER_CHARS)]
    | None
)
"""One question's answer as the kiosk stores it: yes/no, a number, a text, or a list
of texts (choices, address codes)."""
_Item = Annotated[dict[_AnswerKey, _ScalarAnswer], Field(max_length=MAX_ANSWERS)]
"""One item of a repeating group (one household member)."""
Answers = Annotated[
    dict[_AnswerKey, _ScalarAnswer | Annotated[list[_Item], Field(max_length=MAX_REPEAT_ITEMS)]],
    Field(max_length=MAX_ANSWERS),
]
"""An application's answers by field id; a repeating group's are at most
:data:`~kiosk.forms.model.MAX_REPEAT_ITEMS` items of such answers."""


class _Model(BaseModel):
    """Strict shapes: an unknown field is a mistake on the other side, not noise.

    Only field names are kept in pydantic's string cache (``cache_strings``): it
    is the process's, keeps up to 16,384 strings for good, and the values here
    are mostly met once — an application's UUID in each answer to the kiosk, a
    person's answers at the platform. Cached, they were a kiosk's memory growing
    by about 80 bytes per application until the cache was full, and personal
    data held after its request was done.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, cache_strings="keys")


class ErrorBody(_Model):
    """Every 4xx answer: a stable code to act on and a message for a person."""

    code: str
    message: str


class EnrolRequest(_Model):
    """A kiosk exchanging its one-time enrolment code for a lasting credential.

    ``kiosk_public_key`` (raw Ed25519, base64) lets the centre verify the
    kiosk's signed USB exports later.
    """

    enrolment_code: Annotated[str, Field(min_length=8, max_length=64)]
    kiosk_public_key: Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$")] | None = None


class EnrolResponse(_Model):
    """The kiosk's identity, credential and the key its form bundles are signed with."""

    kiosk_code: Annotated[str, Field(pattern=KIOSK_CODE_PATTERN)]
    credential: str
    signing_public_key: str
    """Raw Ed25519 public key, base64."""
    server_time: Timestamp
    transfer_public_key: str | None = None
    """Raw X25519 public key, base64, that USB exports are encrypted to (if set up)."""


IdentityWord = Annotated[str, Field(pattern=r"^[a-z0-9_]{0,40}$")]


class IdentityCheck(_Model):
    """How the applicant was identified, for the back office: no personal data.

    ``format`` is ``typed`` for a number typed on the keypad, else the code's
    format (``claim169``, ``prc_id_number``, ``json_record``); ``outcome`` is
    the verification verdict (``verified``, ``unknown_issuer``, ``key_revoked``,
    ``bad_signature``, …, or ``typed``). ``issuer`` and ``key_id`` name who
    signed the code; ``trust_list_issued`` dates the list it was checked against.
    """

    format: IdentityWord
    outcome: IdentityWord
    issuer: ShortText | None = None
    key_id: Annotated[str, Field(max_length=200)] | None = None
    checked_at: Timestamp | None = None
    trust_list_issued: Timestamp | None = None
    claims_provided: Annotated[list[IdentityWord], Field(max_length=20)] = []


class ApplicationRecord(_Model):
    """One submitted application as it leaves the kiosk; the UUID makes it unique.

    ``identity`` is absent in what kiosks older than the identity check send.
    """

    uuid: Uuid
    form_id: FormId
    form_version: FormVersion
    language: LanguageCode
    tracking_number: Annotated[str, Field(pattern=r"^[A-Z0-9]{2,8}-\d{6}-\d{4,6}-[0-9A-Z]$")]
    submitted_at: Timestamp
    assisted: Boolean
    answers: Answers
    identity: IdentityCheck | None = None


class SubmitBatch(_Model):
    """Applications sent together (gzip on the wire), plus what still waits behind them."""

    protocol: Literal[1] = 1
    items: Annotated[list[ApplicationRecord], Field(min_length=1, max_length=MAX_BATCH_ITEMS)]
    backlog: Count = 0
    """Applications still in the kiosk's outbox after this batch (for the administrator)."""


class ItemOutcome(StrEnum):
    """What the centre did with one application of a batch."""

    STORED = "stored"
    ALREADY_STORED = "already_stored"
    REFUSED = "refused"


class ItemResult(_Model):
    """The outcome for one UUID; ``reason`` says why it was refused."""

    uuid: str
    outcome: ItemOutcome
    reason: str | None = None


class SubmitResult(_Model):
    """One result per item of the batch, in the batch's order."""

    results: list[ItemResult]


ATTACHMENT_CHUNK_BYTES = 64 * 1024
"""Bytes of a photo in one upload request: about 8 s of a 64 kbit/s 2G link, so a cut
loses at most that much, while one round trip (600 ms) and the request's headers and
work at the centre stay a small share of each chunk's time."""
MAX_ATTACHMENT_BYTES = MAX_PHOTO_BYTES
"""Largest attachment: a document photo as the kiosk keeps it."""
ATTACHMENT_MEDIA_TYPES = tuple(sorted(PHOTO_MEDIA_TYPES))


class AttachmentStatus(_Model):
    """How much of one attachment the centre holds; the answer to every upload request.

    ``received`` is where the next chunk starts: the kiosk asks for it after a
    cut link and sends from there. ``complete`` is true once all ``size``
    bytes arrived and their SHA-256 matched the digest the answers name.
    """

    uuid: str
    digest: str
    size: Annotated[int, Field(ge=0, le=MAX_ATTACHMENT_BYTES), _WHOLE]
    received: Annotated[int, Field(ge=0, le=MAX_ATTACHMENT_BYTES), _WHOLE]
    complete: Boolean


class FormBundleSummary(_Model):
    """A published form version as listed to kiosks."""

    form_id: str
    version: FormVersion
    sha256: Annotated[str, Field(pattern=HASH_PATTERN)]
    published_at: Timestamp
    retired: Boolean


class FormBundleList(_Model):
    """Every form version a kiosk should know about, retired ones flagged."""

    bundles: list[FormBundleSummary]


class FormBundle(_Model):
    """A form definition (its texts in every language) and the administrator's signature.

    ``definition`` is the exact JSON text that was signed; the kiosk verifies
    the signature over :func:`bundle_signed_bytes` before parsing it.
    """

    form_id: str
    version: FormVersion
    definition: str
    signature: str
    """Ed25519 signature, base64."""
    published_at: Timestamp


class SerialDocument(_Model):
    """A document the administrator signs with a serial that grows with every publication.

    A kiosk installs only a serial newer than its own, so an old document
    cannot be replayed. ``document`` is the exact JSON text signed together
    with the serial, under a context of its own per kind of document.
    """

    serial: Annotated[int, Field(ge=1, le=MAX_COUNT), _WHOLE]
    document: Annotated[str, Field(max_length=1024 * 1024)]
    signature: str
    """Ed25519 signature, base64."""
    published_at: Timestamp


class TrustListBundle(SerialDocument):
    """The issuer trust list (docs/identity.md), signed over :func:`trust_list_signed_bytes`.

    An old list (with a key since revoked) must never be installed again.
    """


class TrustListUpdate(_Model):
    """The answer to "anything newer than my serial?": the newest list, or nothing."""

    bundle: TrustListBundle | None = None


class FleetSettingsBundle(SerialDocument):
    """Settings for the fleet (docs/fleet-settings.md), signed over
    :func:`fleet_settings_signed_bytes`."""


class FleetSettingsUpdate(_Model):
    """The answer to "any settings newer than my serial?": the newest, or nothing."""

    bundle: FleetSettingsBundle | None = None


class ApplicationStatus(StrEnum):
    """Where an application stands at the county office."""

    RECEIVED = "received"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    DOCUMENTS_NEEDED = "documents_needed"


class StatusUpdate(_Model):
    """One status change; ``cursor`` orders the feed of one kiosk."""

    cursor: Count
    application_uuid: str
    tracking_number: str
    status: ApplicationStatus
    note: dict[str, str]
    """The administrator's note or rejection reason, by language code."""
    changed_at: Timestamp


class StatusFeed(_Model):
    """A page of the kiosk's status feed after a cursor."""

    updates: list[StatusUpdate]
    next_cursor: Count
    more: Boolean


MAX_ID_LOOKUP_ITEMS = 50
"""Applications in one answer to a check by ID number (a person has a handful)."""
ISO_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class IdLookupRequest(_Model):
    """A person's check of their applications by ID number and date of birth.

    For a lost receipt. The date must be the one the ID number carries; a
    wrong one is answered like an ID number with no applications.
    """

    id_number: Annotated[str, Field(pattern=r"^\d{17}[\dX]$")]
    """Normalised: 18 characters, only the last may be X."""
    birth_date: Annotated[str, Field(pattern=ISO_DATE_PATTERN)]


class IdLookupItem(_Model):
    """One application found: nothing that identifies the person."""

    form_id: FormId
    form_version: FormVersion
    tracking_number: Annotated[str, Field(max_length=64)]
    status: ApplicationStatus
    day: Annotated[str, Field(pattern=ISO_DATE_PATTERN)]
    """The date of that status (or of arrival, while received)."""


class IdLookupAnswer(_Model):
    """The applications found for an ID number and date of birth, newest first."""

    applications: Annotated[list[IdLookupItem], Field(max_length=MAX_ID_LOOKUP_ITEMS)]


class AuditLink(_Model):
    """One link of the kiosk's audit chain: ids and hashes only, never content."""

    id: Annotated[int, Field(ge=1, le=MAX_COUNT), _WHOLE]
    prev_hash: Annotated[str, Field(pattern=HASH_PATTERN)]
    hash: Annotated[str, Field(pattern=HASH_PATTERN)]


class AnchorRequest(_Model):
    """The links added since the last anchor; the last one is the new head."""

    links: Annotated[list[AuditLink], Field(min_length=1, max_length=MAX_ANCHOR_LINKS)]
    backlog: Count = 0


class AnchorResponse(_Model):
    """The head the centre now holds for this kiosk."""

    head_id: Count
    head_hash: str


class UnlockSecret(_Model):
    """The secret that opens a kiosk's wrapped keys after a reboot (base64 of 32 bytes).

    The kiosk sends it once (``PUT /unlock-secret``) and forgets it; after a
    reboot it asks for it back (``GET /unlock-secret``) with its credential,
    which the administrator revokes when a kiosk is stolen.
    """

    secret: Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$")]


class HealthResponse(_Model):
    """What a load balancer or a kiosk probing the link gets."""

    status: Literal["ok"] = "ok"
    protocol: Annotated[int, Field(ge=1, le=1000), _WHOLE] = PROTOCOL_VERSION


MAX_REPORTED_FORMS = 200
"""Installed form versions in one kiosk report (a kiosk holds a few dozen at most)."""


class PrinterReport(StrEnum):
    """The kiosk printer's state when it was last asked: the printing layer's codes."""

    READY = "ready"
    PAPER_LOW = "paper_low"
    """It prints, but the roll is nearly out."""
    NOT_CONFIGURED = "not_configured"
    OFFLINE = "offline"
    SPOOLER_DOWN = "spooler_down"
    QUEUE_DISABLED = "queue_disabled"
    OUT_OF_PAPER = "out_of_paper"
    COVER_OPEN = "cover_open"
    PRINTER_ERROR = "printer_error"


class InstalledFormVersion(_Model):
    """One form version installed at the kiosk."""

    form_id: FormId
    version: FormVersion
    retired: Boolean = False


SOFTWARE_VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$"
SoftwareVersion = Annotated[str, Field(pattern=SOFTWARE_VERSION_PATTERN)]


class SoftwareUpdateReport(_Model):
    """A kiosk's software update, as it tells the centre: what, how far, and what failed."""

    state: State
    version: SoftwareVersion | None = None
    """The version downloading, staged, on trial, healthy or rolled back."""
    previous: SoftwareVersion | None = None
    detail: Annotated[str, Field(max_length=300)] = ""
    refused: Annotated[list[SoftwareVersion], Field(max_length=10)] = []
    """Versions that failed on this kiosk (rolled back), never tried again there."""


class KioskReport(_Model):
    """What a kiosk says about itself at each sync, for the administrator: no personal data.

    Sent by kiosks from the release that added it; an older kiosk never sends
    one and the console shows "not reported". ``printer`` is None until the
    kiosk has asked its printer once.
    """

    software_version: SoftwareVersion
    forms: Annotated[list[InstalledFormVersion], Field(max_length=MAX_REPORTED_FORMS)]
    printer: PrinterReport | None = None
    printer_checked_at: Timestamp | None = None
    disk_free_bytes: Count
    disk_total_bytes: Count
    fleet_settings_serial: Count | None = None
    """The serial of the fleet settings the kiosk holds (None: a kiosk from before they
    were reported; 0: none received). They take effect at its next start."""
    software_update: SoftwareUpdateReport | None = None
    """None on a kiosk that is not installed in the versioned layout (a source checkout)."""


def bundle_signed_bytes(form_id: str, version: int, definition: str) -> bytes:
    """The exact bytes an administrator signs and a kiosk verifies for a form bundle."""
    header = f"{form_id}\n{version}\n".encode()
    return BUNDLE_SIGNATURE_CONTEXT + header + definition.encode("utf-8")


def trust_list_signed_bytes(serial: int, document: str) -> bytes:
    """The exact bytes an administrator signs and a kiosk verifies for a trust list."""
    return TRUST_LIST_SIGNATURE_CONTEXT + f"{serial}\n".encode() + document.encode("utf-8")


def fleet_settings_signed_bytes(serial: int, document: str) -> bytes:
    """The exact bytes an administrator signs and a kiosk verifies for fleet settings."""
    return FLEET_SETTINGS_SIGNATURE_CONTEXT + f"{serial}\n".encode() + document.encode("utf-8")


_TOKEN = re.compile(r"^([A-Z0-9]{2,8})\.([A-Za-z0-9_-]{20,100})$")


def split_credential(credential: str) -> tuple[str, str] | None:
    """``KIOSK.secret`` into its kiosk code and secret, or None when malformed."""
    match = _TOKEN.fullmatch(credential)
    return None if match is None else (match.group(1), match.group(2))


USB_EXPORT_FORMAT = "township-kiosk/usb-export/v1"
USB_RECEIPT_FORMAT = "township-kiosk/usb-receipt/v1"
USB_BUNDLES_FORMAT = "township-kiosk/usb-form-bundles/v1"


class UsbExport(_Model):
    """The outbox sealed for the centre: encrypted to its transfer key, signed by the kiosk.

    The plaintext is a gzip-compressed JSON list of :class:`ApplicationRecord`;
    the kiosk's signature covers :func:`usb_export_signed_bytes`.
    """

    format: Literal["township-kiosk/usb-export/v1"] = "township-kiosk/usb-export/v1"
    kiosk_code: Annotated[str, Field(pattern=KIOSK_CODE_PATTERN)]
    created_at: Timestamp
    ephemeral_public_key: str
    nonce: str
    ciphertext: str
    signature: str


class UsbReceipt(_Model):
    """The centre's signed list of UUIDs it holds, carried back to the kiosk on USB."""

    format: Literal["township-kiosk/usb-receipt/v1"] = "township-kiosk/usb-receipt/v1"
    kiosk_code: str
    acknowledged: list[str]
    signature: str = ""


class UsbFormBundles(_Model):
    """Signed form bundles on a USB stick, verified by the kiosk exactly as if fetched.

    ``trust_list`` and ``fleet_settings`` are written only when one was
    published, so kiosks older than them still read files without them.
    """

    format: Literal["township-kiosk/usb-form-bundles/v1"] = "township-kiosk/usb-form-bundles/v1"
    bundles: list[FormBundle]
    trust_list: TrustListBundle | None = None
    fleet_settings: FleetSettingsBundle | None = None


def usb_export_signed_bytes(export: UsbExport) -> bytes:
    """What the kiosk signs in an export: every field but the signature."""
    fields = export.model_dump(exclude={"signature"})
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")


def usb_receipt_signed_bytes(receipt: UsbReceipt) -> bytes:
    """What the administrator's key signs in a receipt."""
    fields = receipt.model_dump(exclude={"signature"})
    return b"township-kiosk/usb-receipt/v1\n" + json.dumps(
        fields, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")


MAX_FEEDBACK_ITEMS = 200
"""Ratings, complaints and suggestions in one feedback batch."""

FEEDBACK_TOPIC_PATTERN = "^(" + "|".join(feedback_topics.TOPICS) + ")$"
"""What a complaint or suggestion is about: one of the kiosk's own topics."""


class FeedbackRecord(_Model):
    """One rating and/or complaint or suggestion from the public; the UUID makes it unique."""

    uuid: Uuid
    created_at: Timestamp
    language: LanguageCode
    rating: Annotated[int, Field(ge=1, le=5), _WHOLE] | None = None
    topic: Annotated[str, Field(pattern=FEEDBACK_TOPIC_PATTERN)] | None = None
    comment: Annotated[str, Field(max_length=feedback_topics.MAX_COMMENT)] | None = None
    contact: Annotated[str, Field(max_length=feedback_topics.MAX_CONTACT)] | None = None


class FeedbackBatch(_Model):
    """Feedback sent together; storing it again is harmless (idempotent on the UUID)."""

    protocol: Literal[1] = 1
    items: Annotated[list[FeedbackRecord], Field(min_length=1, max_length=MAX_FEEDBACK_ITEMS)]


class FeedbackResult(_Model):
    """The UUIDs the centre now holds (new or already stored)."""

    stored: list[str]


STAFF_SIGNATURE_CONTEXT = b"township-kiosk/staff-record/v1\n"
ALL_KIOSKS = "*"
"""The ``kiosk_code`` of a staff record meant for every kiosk of the platform."""


class StaffRecord(_Model):
    """One member of staff as provisioned to kiosks, signed by the administrator's key.

    The PIN travels only as its argon2id hash. ``kiosk_code`` names the one
    kiosk the account works on, or :data:`ALL_KIOSKS`; a kiosk refuses a
    record for another kiosk, and any record whose signature does not verify,
    so whoever controls the central database still cannot mint an account.
    """

    staff_id: Annotated[str, Field(pattern=r"^[0-9]{1,12}$")]
    kiosk_code: Annotated[str, Field(pattern=r"^(\*|[A-Z0-9]{2,8})$")]
    display_name: Annotated[str, Field(min_length=1, max_length=100)]
    role: Literal["clerk", "supervisor", "administrator"]
    pin_hash: Annotated[str, Field(max_length=300)]
    active: Boolean
    signed_at: Timestamp
    signature: str
    """Ed25519 signature over :func:`staff_signed_bytes`, base64."""


class StaffList(_Model):
    """Every staff record that applies to the calling kiosk, disabled ones included."""

    staff: list[StaffRecord]


def staff_signed_bytes(record: StaffRecord) -> bytes:
    """The exact bytes an administrator signs and a kiosk verifies for a staff record."""
    fields = [
        record.staff_id,
        record.kiosk_code,
        record.display_name,
        record.role,
        record.pin_hash,
        record.active,
        record.signed_at,
    ]
    return STAFF_SIGNATURE_CONTEXT + json.dumps(fields, ensure_ascii=False).encode("utf-8")


# Sealing a USB export for the centre: X25519 + HKDF-SHA256 + AES-256-GCM, Ed25519-signed.
#
# The kiosk encrypts to the centre's transfer key with a fresh ephemeral key
# per file, so a lost USB stick reveals nothing, and signs the envelope with
# its own key registered at enrolment, so the centre knows which kiosk wrote
# it and that nobody altered it. Both sides use these functions, so they
# belong to the protocol.

USB_RECORDS = TypeAdapter(list[ApplicationRecord])
"""The sealed plaintext: a JSON list of application records (gzip-compressed)."""


def records_plaintext(records: list[ApplicationRecord]) -> bytes:
    """The applications of an export, as the plaintext that gets sealed."""
    return gzip.compress(USB_RECORDS.dump_json(records), mtime=0)


MAX_EXPORT_PLAINTEXT = 128 * 1024 * 1024
"""Largest export once expanded: some 25,000 applications, weeks of a busy kiosk offline."""


def records_from_plaintext(plaintext: bytes) -> list[ApplicationRecord]:
    """The applications inside an opened export (used by the centre).

    Raises :class:`~kiosk.decompression.DecompressionError` (a ValueError) for
    damaged gzip or more than :data:`MAX_EXPORT_PLAINTEXT` bytes expanded, and
    pydantic's ValidationError for anything that is not a list of records.
    """
    return USB_RECORDS.validate_json(gunzip(plaintext, MAX_EXPORT_PLAINTEXT))


class UsbPhoto(_Model):
    """One document photo carried on a stick beside its application's export."""

    uuid: Uuid
    digest: Annotated[str, Field(pattern=HASH_PATTERN)]
    data: Annotated[str, Field(max_length=(MAX_ATTACHMENT_BYTES + 2) // 3 * 4)]
    """The photo's bytes, base64."""


USB_PHOTOS = TypeAdapter(list[UsbPhoto])
USB_PHOTOS_PER_FILE = 80
"""Photos in one sealed photo file: at most 300 KB each, so a file stays far under
:data:`MAX_TRANSFER_FILE` after base64 twice (the photo, then the ciphertext)."""
USB_PHOTOS_SUFFIX = ".kioskphotos"
"""Photo files sit beside the export: ``EXPORT-STEM.N.kioskphotos``."""


def photos_plaintext(photos: list[UsbPhoto]) -> bytes:
    """The photos of one photo file, as the plaintext that gets sealed."""
    return gzip.compress(USB_PHOTOS.dump_json(photos), mtime=0)


def photos_from_plaintext(plaintext: bytes) -> list[UsbPhoto]:
    """The photos inside an opened photo file (used by the centre); raises like
    :func:`records_from_plaintext`."""
    return USB_PHOTOS.validate_json(gunzip(plaintext, MAX_EXPORT_PLAINTEXT))


MAX_TRANSFER_FILE = 64 * 1024 * 1024
"""Largest transfer file read from a stick: far above every form bundle together."""
MAX_JSON_DEPTH = 64
"""Deepest nesting of brackets a transfer file may have (real ones nest about 8 deep)."""


class TransferFileError(ValueError):
    """A file from a stick that is not read at all; the message says why."""


def read_transfer_file(path: Path, limit: int = MAX_TRANSFER_FILE) -> bytes:
    """The bytes of a file from a stick: a regular file of at most ``limit`` bytes, its
    JSON nested at most :data:`MAX_JSON_DEPTH` deep.

    A stick can hold a link to ``/dev/zero`` (endless), a FIFO (blocks for ever)
    or brackets nested thousands deep (a parser's recursion limit): each is
    refused with a sentence before anything parses it.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise TransferFileError(f"{path.name} cannot be read: {error.strerror}") from error
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise TransferFileError(f"{path.name} is not a regular file")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise TransferFileError(f"{path.name} cannot be read: {error.strerror}") from error
    if len(data) > limit:
        raise TransferFileError(f"{path.name} is larger than {limit} bytes")
    if json_depth(data) > MAX_JSON_DEPTH:
        raise TransferFileError(f"{path.name} nests deeper than {MAX_JSON_DEPTH} levels")
    return data


def json_depth(data: bytes) -> int:
    """The deepest bracket nesting of JSON text (strings skipped), without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


def transfer_kind(data: bytes) -> str | None:
    """The ``format`` a transfer file declares, or None when it declares none."""
    try:
        document = json.loads(data)
    except ValueError:
        return None
    kind = document.get("format") if isinstance(document, dict) else None
    return kind if isinstance(kind, str) else None


_INFO = b"township-kiosk/usb-export/v1"


def b64(data: bytes) -> str:
    """Standard base64 text."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Strict base64 decoding (ValueError on anything else)."""
    return base64.b64decode(text, validate=True)


def raw_public(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    """A private key's raw public half, base64."""
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return b64(raw)


def raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    """A private key's raw bytes, base64 (for the kiosk's settings table)."""
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return b64(raw)


def _key(shared: bytes, ephemeral: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral, info=_INFO).derive(shared)


def seal(
    plaintext: bytes,
    kiosk_code: str,
    created_at: str,
    transfer_public_key: str,
    kiosk_key: Ed25519PrivateKey,
) -> UsbExport:
    """Encrypt for the centre and sign as the kiosk."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = unb64(raw_public(ephemeral))
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(unb64(transfer_public_key)))
    nonce = os.urandom(12)
    ciphertext = AESGCM(_key(shared, ephemeral_public)).encrypt(
        nonce, plaintext, kiosk_code.encode()
    )
    unsigned = UsbExport(
        kiosk_code=kiosk_code,
        created_at=created_at,
        ephemeral_public_key=b64(ephemeral_public),
        nonce=b64(nonce),
        ciphertext=b64(ciphertext),
        signature="",
    )
    signature = kiosk_key.sign(usb_export_signed_bytes(unsigned))
    return unsigned.model_copy(update={"signature": b64(signature)})


def open_sealed(export: UsbExport, kiosk_public_key: str, transfer_key: X25519PrivateKey) -> bytes:
    """Verify the kiosk's signature, then decrypt; raises ValueError (or InvalidSignature/Tag)."""
    Ed25519PublicKey.from_public_bytes(unb64(kiosk_public_key)).verify(
        unb64(export.signature), usb_export_signed_bytes(export)
    )
    ephemeral = unb64(export.ephemeral_public_key)
    shared = transfer_key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    return AESGCM(_key(shared, ephemeral)).decrypt(
        unb64(export.nonce), unb64(export.ciphertext), export.kiosk_code.encode()
    )


ENROLMENT_QR_FORMAT = "township-kiosk/enrol/v1"
"""What the console's enrolment QR code holds, for the kiosk's enrolment screen."""


class EnrolmentInvitation(_Model):
    """The central platform's address and a one-time enrolment code, in one QR code."""

    format: str = Field(default=ENROLMENT_QR_FORMAT, pattern=f"^{re.escape(ENROLMENT_QR_FORMAT)}$")
    central: str = Field(max_length=300, pattern=r"^https?://[^\s]+$")
    code: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9-]+$")


def enrolment_qr_text(central: str, code: str) -> str:
    """The text of the enrolment QR code the console shows."""
    return EnrolmentInvitation(central=central, code=code).model_dump_json()
