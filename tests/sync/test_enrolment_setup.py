"""Enrolling from the kiosk's screen, without the screen: a real platform on
loopback, a real kiosk database and settings file, a real TLS server for the
certificate cases."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import ssl
import threading
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlite_utils import Database as KioskDatabase

from central import form_registry, kiosk_registry
from kiosk.audit import entries, verify
from kiosk.clock import FixedClock
from kiosk.config import DataPaths, load_config, write_default_config
from kiosk.store import open_database
from sync import sync_settings
from sync.enrolment_setup import (
    CA_COPY_NAME,
    EnrolmentFailed,
    EnrolmentProblem,
    ca_files_on,
    check_central_address,
    enrol_kiosk,
    is_enrolled,
    read_invitation,
)
from sync.protocol import enrolment_qr_text
from tests.central.platform import Platform
from tests.sync.conftest import START


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    """A fresh kiosk's data directory with its commented default settings file."""
    made = DataPaths(tmp_path / "kiosk")
    write_default_config(made.config)
    return made


@pytest.fixture
def db(paths: DataPaths) -> Iterator[KioskDatabase]:
    """The fresh kiosk's database."""
    database = open_database(paths.database, clock=FixedClock(START)).db
    yield database
    database.close()


def audit_actions(db: KioskDatabase) -> list[str]:
    return [entry.action for entry in entries(db)]


def problem_of(*args: object, **kwargs: object) -> EnrolmentProblem:
    with pytest.raises(EnrolmentFailed) as failure:
        enrol_kiosk(*args, **kwargs)  # type: ignore[arg-type]
    return failure.value.problem


def test_a_scanned_invitation_enrols_saves_the_address_and_audits_it(
    platform: Platform, db: KioskDatabase, paths: DataPaths
) -> None:
    clock = FixedClock(START)
    qr_text = enrolment_qr_text(platform.url, platform.enrolment_code("LQ07"))
    invitation = read_invitation(qr_text)
    assert invitation.central == platform.url

    enrolment = enrol_kiosk(db, paths, platform.url, qr_text, None, clock, actor="staff:A001")

    assert enrolment.kiosk_code == "LQ07"
    assert is_enrolled(db)
    assert sync_settings.read(db, sync_settings.KIOSK_CODE) == "LQ07"
    config = load_config(paths.config)
    assert config.central_url == platform.url
    assert config.central_ca_bundle is None
    assert config.kiosk_code == "LQ07", "tracking numbers start with the code the platform takes"
    text = paths.config.read_text(encoding="utf-8")
    assert "# Township service kiosk configuration." in text, "the installer's comments stay"
    assert text.count("central_url =") == text.count("kiosk_code =") == 1
    assert audit_actions(db)[-3:] == [
        "kiosk_enrolled",
        "central_settings_saved",
        "settings_recorded",
    ]
    saved = [entry for entry in entries(db) if entry.action == "central_settings_saved"]
    assert saved[0].actor == "staff:A001"
    assert saved[0].details == {"kiosk_code": "LQ07"}
    assert verify(db).ok


def test_a_typed_code_enrols_and_a_used_one_is_refused(
    platform: Platform, db: KioskDatabase, paths: DataPaths, tmp_path: Path
) -> None:
    code = platform.enrolment_code("LQ08")
    enrol_kiosk(db, paths, platform.url + "/", f"  {code.lower()} ", None, FixedClock(START))
    assert sync_settings.read(db, sync_settings.KIOSK_CODE) == "LQ08"

    other = DataPaths(tmp_path / "other")
    other_db = open_database(other.database, clock=FixedClock(START)).db
    problem = problem_of(other_db, other, platform.url, code, None, FixedClock(START))
    assert problem is EnrolmentProblem.CODE_REFUSED
    assert not is_enrolled(other_db)
    assert not other.config.exists() or load_config(other.config).central_url is None
    other_db.close()


def test_an_unknown_code_and_a_revoked_kiosk_are_told_apart(
    platform: Platform, db: KioskDatabase, paths: DataPaths
) -> None:
    clock = FixedClock(START)
    assert problem_of(db, paths, platform.url, "ZZZZ-9999-ZZZZ", None, clock) is (
        EnrolmentProblem.CODE_REFUSED
    )
    code = platform.enrolment_code("LQ09")
    with platform.database.transaction() as connection:
        kiosk_registry.revoke(connection, "LQ09", platform.clock.now())
    assert problem_of(db, paths, platform.url, code, None, clock) is EnrolmentProblem.KIOSK_REVOKED
    assert not is_enrolled(db)
    assert load_config(paths.config).central_url is None


def test_a_platform_without_its_signing_key_is_told_apart_from_a_wrong_address(
    platform: Platform, db: KioskDatabase, paths: DataPaths
) -> None:
    # A new installation before `kiosk-central generate-key`: the platform answers 409.
    code = platform.enrolment_code("LQ10")
    with platform.database.transaction() as connection:
        connection.execute("DELETE FROM settings WHERE key = ?", [form_registry.PUBLIC_KEY_SETTING])
    problem = problem_of(db, paths, platform.url, code, None, FixedClock(START))
    assert problem is EnrolmentProblem.CENTRAL_NOT_SET_UP
    assert not is_enrolled(db)


def test_no_network_and_a_wrong_address_are_told_apart(
    platform: Platform, db: KioskDatabase, paths: DataPaths
) -> None:
    clock = FixedClock(START)
    code = platform.enrolment_code("LQ10")
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed_port = unused.getsockname()[1]
    assert problem_of(db, paths, f"http://127.0.0.1:{closed_port}", code, None, clock) is (
        EnrolmentProblem.NO_NETWORK
    )
    assert problem_of(db, paths, f"{platform.url}/console-not-api", code, None, clock) is (
        EnrolmentProblem.ADDRESS_WRONG
    )
    assert problem_of(db, paths, "https://kiosk-central.invalid", code, None, clock) is (
        EnrolmentProblem.ADDRESS_WRONG
    )
    enrol_kiosk(db, paths, platform.url, code, None, clock)  # the code was not used up


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("http://central.example.org", EnrolmentProblem.ADDRESS_NOT_SECURE),
        ("http://10.0.0.5:8000", EnrolmentProblem.ADDRESS_NOT_SECURE),
        ("central.example.org", EnrolmentProblem.ADDRESS_INVALID),
        ("ftp://central.example.org", EnrolmentProblem.ADDRESS_INVALID),
        ("", EnrolmentProblem.ADDRESS_INVALID),
    ],
)
def test_addresses_the_kiosk_refuses(address: str, problem: EnrolmentProblem) -> None:
    with pytest.raises(EnrolmentFailed) as failure:
        check_central_address(address)
    assert failure.value.problem is problem


@pytest.mark.parametrize(
    "address", ["https://central.example.org/", "http://127.0.0.1:8000", "http://localhost"]
)
def test_addresses_the_kiosk_accepts(address: str) -> None:
    assert check_central_address(f" {address} ") == address


@pytest.mark.parametrize(
    "text",
    [
        "short",
        "has spaces in it",
        '{"format": "other/v1", "central": "https://c.example.org", "code": "ABCDEFGH"}',
        '{"format": "township-kiosk/enrol/v1", "central": "https://c", "code": "AB"}',
        "{not json",
    ],
)
def test_text_that_is_not_an_enrolment_code(text: str) -> None:
    with pytest.raises(EnrolmentFailed) as failure:
        read_invitation(text)
    assert failure.value.problem is EnrolmentProblem.CODE_INVALID


def _certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as a private CA would issue."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Township test CA")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path = directory / "central-ca.pem"
    key_path = directory / "server-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on loopback behind a private CA; yields its URL and the CA file."""
    usb = tmp_path / "usb-stick"
    usb.mkdir()
    cert, key = _certificate(usb)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_a_private_ca_is_needed_and_used(
    tls_server: tuple[str, Path], db: KioskDatabase, paths: DataPaths
) -> None:
    url, ca_file = tls_server
    clock = FixedClock(START)
    assert problem_of(db, paths, url, "ABCD-EFGH-1234", None, clock) is (
        EnrolmentProblem.CERTIFICATE
    )
    # With the CA chosen the connection is trusted, and what answers is plainly no platform.
    assert problem_of(db, paths, url, "ABCD-EFGH-1234", ca_file, clock) is (
        EnrolmentProblem.ADDRESS_WRONG
    )
    assert (paths.data_dir / CA_COPY_NAME).read_bytes() == ca_file.read_bytes()
    assert ca_files_on(ca_file.parent) == [ca_file]
    key_file = ca_file.parent / "server-key.pem"
    assert problem_of(db, paths, url, "ABCD-EFGH-1234", key_file, clock) is (
        EnrolmentProblem.CA_FILE_INVALID
    )


def test_the_ca_copy_is_saved_in_the_settings(
    platform: Platform, db: KioskDatabase, paths: DataPaths, tmp_path: Path
) -> None:
    usb = tmp_path / "stick"
    usb.mkdir()
    ca_file, _ = _certificate(usb)
    enrol_kiosk(
        db, paths, platform.url, platform.enrolment_code("LQ11"), ca_file, FixedClock(START)
    )
    saved = tomllib.loads(paths.config.read_text(encoding="utf-8"))
    assert [entry.details for entry in entries(db) if entry.action == "central_settings_saved"] == [
        {"kiosk_code": "LQ11", "file": CA_COPY_NAME}
    ]
    assert saved["central_ca_bundle"] == str(paths.data_dir / CA_COPY_NAME)
    assert load_config(paths.config).central_ca_bundle == str(paths.data_dir / CA_COPY_NAME)
