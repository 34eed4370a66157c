"""Signed Claim 169 codes rendered to PNG, read by the real pipeline, then verified."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from kiosk.forms.model import Claim
from kiosk.identity import Outcome, VerificationContext, identify, parse_trust_list
from kiosk.qr import QrPipeline
from tests.identity.claim169_factory import (
    NOW,
    PERSON,
    ed25519_key,
    p256_key,
    signed_code,
    trust_list_json,
)
from tests.qr.codes import in_frame, qr_png


@pytest.mark.parametrize("make_key", [ed25519_key, p256_key], ids=["ed25519", "p256"])
def test_a_signed_code_in_a_camera_frame_is_verified(make_key: object) -> None:
    key = make_key()  # type: ignore[operator]
    code = signed_code(key, person={**PERSON, 62: {0: random.Random(1).randbytes(700), 1: 0, 2: 1}})
    assert len(code) > 1_200  # dense, as signed IDs with a photo are
    found = QrPipeline().decode(in_frame(qr_png(code, box_size=3)))
    assert found is not None and found.text == code
    trust = parse_trust_list(trust_list_json([key.trust_entry()]))
    result = identify(found.text, VerificationContext(now=NOW, trust_list=trust))
    assert result.outcome is Outcome.VERIFIED
    assert result.claims[Claim.NAME] == "张三"


def cli_main(argv: list[str]) -> int:
    """The identity commands through a parser built like the `kiosk` command's."""
    import argparse

    from cli import identity as cli_identity

    parser = argparse.ArgumentParser(prog="kiosk")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--json", action="store_true")
    cli_identity.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    status: int = args.handler(args)
    return status


def test_decode_qr_prints_one_line_per_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.png"
    good.write_bytes(qr_png("Zoë Łukasz"))
    not_image = tmp_path / "notes.txt"
    not_image.write_text("hello", encoding="utf-8")
    status = cli_main(["--data-dir", str(tmp_path), "decode-qr", str(good), str(not_image)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 2
    assert lines[0]["found"] and lines[0]["text"] == "Zoë Łukasz"
    assert not lines[1]["found"] and "error" in lines[1]


def test_verify_id_reads_stdin_and_uses_the_trust_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    key = ed25519_key()
    trust = tmp_path / "trust.json"
    trust.write_text(trust_list_json([key.trust_entry()]), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(signed_code(key) + "\n"))
    at = NOW.isoformat()
    status = cli_main(["verify-id", "--trust-list", str(trust), "--at", at])
    record = json.loads(capsys.readouterr().out)
    assert status == 0
    assert record["outcome"] == "verified"
    assert record["claims"]["birth_date"] == "1980-01-01"
    assert record["claims"]["address"][0] == "520000"
    monkeypatch.setattr(sys, "stdin", io.StringIO("not an id"))
    assert cli_main(["verify-id", "--trust-list", str(trust), "--at", at]) == 1
    trust.write_text("{}", encoding="utf-8")
    assert cli_main(["verify-id", "--trust-list", str(trust)]) == 2
