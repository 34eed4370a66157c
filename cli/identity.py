"""`kiosk decode-qr` and `kiosk verify-id`: the scanning screen's code, at a terminal.

Support staff use them to see why a card does not scan: the first runs the
kiosk's own QR pipeline on image files, the second runs the verifier on a
text (typed, pasted, or piped from a hand-held scanner). Both print JSON and
write nothing to disk.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNUSABLE,
    Subcommands,
    add_command,
    data_dir_of,
)
from kiosk.clock import SystemClock
from kiosk.forms.model import Claim
from kiosk.identity import (
    IdentityResult,
    Outcome,
    TrustList,
    TrustListError,
    VerificationContext,
    identify,
    load_trust_list,
)
from kiosk.identity.registry import MAX_INPUT
from kiosk.qr import ImageError, QrPipeline, load_grey


def add_commands(commands: Subcommands) -> None:
    """Register `decode-qr` and `verify-id` on the `kiosk` parser."""
    decode = add_command(
        commands,
        "decode-qr",
        decode_qr,
        help="the kiosk's QR pipeline on image files; one JSON line per image",
    )
    decode.add_argument("images", nargs="+", type=Path)
    decode.add_argument(
        "--verify", action="store_true", help="also verify each code as an identity code"
    )
    decode.add_argument("--trust-list", type=Path, help="trust list file (default: data dir)")

    verify = add_command(
        commands,
        "verify-id",
        verify_id,
        help="verify a scanned QR text read from standard input; JSON out",
    )
    verify.add_argument("--trust-list", type=Path, help="trust list file (default: data dir)")
    verify.add_argument(
        "--at", type=datetime.fromisoformat, help="check as of this time (ISO 8601 with zone)"
    )


def decode_qr(args: argparse.Namespace) -> int:
    """Decode each image; exit 1 if any image held no readable code, 2 if one was unreadable."""
    pipeline = QrPipeline(budget_ms=None)  # a person waits for one answer: every step
    context = _context(args) if args.verify else None
    if isinstance(context, int):
        return context
    status = EXIT_OK
    for path in args.images:
        record: dict[str, object] = {"file": str(path)}
        try:
            grey = load_grey(path)
        except ImageError as error:
            record.update(found=False, error=str(error))
            status = EXIT_UNUSABLE
        else:
            started = time.perf_counter()
            decoded = pipeline.decode(grey)
            record["ms"] = round((time.perf_counter() - started) * 1000, 1)
            if decoded is None:
                record["found"] = False
                status = max(status, EXIT_FAILED)
            else:
                record.update(found=True, text=decoded.text, step=decoded.step)
                if context is not None:
                    record["identity"] = result_json(identify(decoded.text, context))
        print(json.dumps(record, ensure_ascii=False))
    return status


def verify_id(args: argparse.Namespace) -> int:
    """Verify the text on stdin; exit 0 only for a verified code."""
    context = _context(args)
    if isinstance(context, int):
        return context
    text = sys.stdin.read(MAX_INPUT + 1).strip("\r\n")
    found = identify(text, context)
    print(json.dumps(result_json(found), ensure_ascii=False))
    return EXIT_OK if found.outcome is Outcome.VERIFIED else EXIT_FAILED


def result_json(found: IdentityResult) -> dict[str, object]:
    """An outcome as JSON: claims by their form names; the photo only noted, never dumped."""
    return {
        "outcome": found.outcome.value,
        "format": found.format,
        "issuer": found.issuer,
        "issuer_names": dict(found.issuer_names),
        "key_id": found.key_id,
        "claims": _claims_json(found.claims),
        "prefill": found.outcome.may_prefill,
        "secondary_name": found.secondary_name,
        "secondary_language": found.secondary_language,
        "address_text": found.address_text,
        "photo": found.photo.image_format if found.photo else None,
        "expires": found.expires.isoformat() if found.expires else None,
        "trust_list_issued": (
            found.trust_list_issued.isoformat() if found.trust_list_issued else None
        ),
        "detail": found.detail,
    }


def _claims_json(claims: Mapping[Claim, object]) -> dict[str, object]:
    return {
        claim.value: list(value) if isinstance(value, tuple) else value
        for claim, value in claims.items()
    }


def _kiosk_trust_list(data_dir: Path) -> TrustList:
    """The list the kiosk in `data_dir` uses: its signed one or its file (read-only)."""
    from kiosk.config import DataPaths
    from kiosk.identity.trust_store import kiosk_trust_list, local_trust_list

    if not data_dir.is_dir():
        return TrustList()
    database = DataPaths(data_dir).database
    if not database.exists():
        return local_trust_list(data_dir) or TrustList()
    connection = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return kiosk_trust_list(Database(connection), data_dir)
    except sqlite3.Error as error:  # a kiosk database from before settings existed, or damaged
        print(json.dumps({"warning": f"kiosk database not read: {error}"}), file=sys.stderr)
        return local_trust_list(data_dir) or TrustList()
    finally:
        connection.close()


def _context(args: argparse.Namespace) -> VerificationContext | int:
    """The trust list and time to verify against, or an exit status after a message."""
    path: Path | None = args.trust_list
    if path is None:
        trust = _kiosk_trust_list(data_dir_of(args))
    else:
        try:
            trust = load_trust_list(path)
        except TrustListError as error:
            print(json.dumps({"error": f"trust list: {error}"}), file=sys.stderr)
            return EXIT_UNUSABLE
    at: datetime | None = getattr(args, "at", None)
    if at is not None and at.tzinfo is None:
        print(json.dumps({"error": "--at needs a time zone, e.g. 2026-11-27T10:00:00+08:00"}))
        return EXIT_UNUSABLE
    return VerificationContext(now=at or SystemClock().now(), trust_list=trust)
