"""``kiosk-central updates``: keys, publishing, the rollout and its status."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from central.database import Database
from central.update_repository import UPDATES_DIR_VARIABLE
from cli.central_command import main
from kiosk.clock import FixedClock
from kiosk.software_updates import rollout_bucket
from tests.sync.update_fixtures import make_artefact


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(UPDATES_DIR_VARIABLE, str(tmp_path / "updates"))
    return tmp_path / "offline"


def run(database: Database, clock: FixedClock, *args: str) -> int:
    return main(["--database", database.url, "--json", *args], clock=clock)


def publish(
    database: Database, clock: FixedClock, artefact: str, version: str, key: str, *more: str
) -> int:
    """``kiosk-central updates publish ARTEFACT --version V --key KEY [MORE]``."""
    return run(
        database, clock, "updates", "publish", artefact, "--version", version, "--key", key, *more
    )


def output(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    found = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert isinstance(found, dict)
    return found


def test_an_administrator_sets_up_publishes_and_widens_a_rollout(
    database: Database,
    clock: FixedClock,
    offline: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(database, clock, "updates", "init", "--offline-keys", str(offline)) == 0
    made = output(capsys)
    assert sorted(Path(str(path)).name for path in made["offline_keys"]) == [  # type: ignore[attr-defined]
        "root-1.pem",
        "root-2.pem",
        "root-3.pem",
        "targets.pem",
    ]
    assert (offline / "targets.pem").stat().st_mode & 0o777 == 0o600
    assert run(database, clock, "kiosk-create", "LQ03", "--name", "Liuqu") == 0
    capsys.readouterr()
    with database.transaction() as connection:
        connection.execute("UPDATE kiosks SET township = 'Liuqu' WHERE code = 'LQ03'")
    artefact = make_artefact(tmp_path, "0.2.0")
    key = str(offline / "targets.pem")

    assert publish(database, clock, str(artefact), "0.2.0", key, "--townships", "Liuqu") == 0
    assert output(capsys) == {
        "version": "0.2.0",
        "percent": 0,
        "townships": ["Liuqu"],
        "kiosks": ["LQ03"],
    }
    below = str(rollout_bucket("LQ03"))  # a share that just leaves this kiosk out
    assert run(database, clock, "updates", "rollout", "--key", key, "--percent", below) == 0
    assert output(capsys)["percent"] == int(below)
    assert run(database, clock, "updates", "renew") == 0
    capsys.readouterr()
    root_keys = [f"--root-key={offline / f'root-{number}.pem'}" for number in (1, 3)]
    assert run(database, clock, "updates", "renew-root", *root_keys) == 0
    assert output(capsys)["root_version"] == 2
    new_keys = tmp_path / "new-root-keys"
    replace = ["updates", "replace-root-keys", "--offline-keys", str(new_keys)]
    assert run(database, clock, *replace, "--old-root-key", str(offline / "root-2.pem")) == 1
    assert "the root needs 2 of its own keys; 1 given" in capsys.readouterr().err
    assert (
        run(
            database,
            clock,
            *replace,
            *[key.replace("--root-key", "--old-root-key") for key in root_keys],
        )
        == 0
    )
    replaced = output(capsys)
    assert (replaced["root_version"], replaced["root_threshold"]) == (3, 2)
    assert sorted(path.name for path in new_keys.iterdir()) == [
        "root-1.pem",
        "root-2.pem",
        "root-3.pem",
    ]
    assert run(database, clock, "updates", "renew-root", *root_keys) == 1  # the old keys are out
    assert "the root needs 2 of its own keys; 0 given" in capsys.readouterr().err
    assert run(database, clock, "updates", "status") == 0
    status = output(capsys)

    repository = status["repository"]
    assert isinstance(repository, dict)
    assert (
        repository["root_version"] == 3
        and repository["root_threshold"] == 2
        and repository["releases"] == ["kiosk-0.2.0.tar.gz"]
    )
    assert status["progress"] == {
        "offered": 0,
        "updated": 0,
        "rolled_back": 0,
        "kiosks": [
            {
                "code": "LQ03",
                "township": "Liuqu",
                "version": None,
                "fleet_settings_serial": None,
                "update_state": None,
                "update_version": None,
                "update_detail": "",
                "offered": False,
                "updated": False,
            }
        ],
    }  # the rollout no longer names the township, and its share leaves LQ03 out


def test_a_wrong_key_a_bad_artefact_and_a_second_init_are_refused(
    database: Database,
    clock: FixedClock,
    offline: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(database, clock, "updates", "init", "--offline-keys", str(offline)) == 0
    assert run(database, clock, "updates", "init", "--offline-keys", str(tmp_path / "o2")) == 1
    assert "already holds an update repository" in capsys.readouterr().err
    artefact = make_artefact(tmp_path, "0.2.0")
    root_key = str(offline / "root-1.pem")

    assert publish(database, clock, str(artefact), "0.2.0", root_key) == 1
    assert "not the targets key" in capsys.readouterr().err
    escaping = tmp_path / "kiosk-0.3.0.tar.gz"
    with tarfile.open(escaping, "w:gz") as archive:
        archive.add(artefact, "0.3.0/../../evil")
    assert (
        publish(
            database,
            clock,
            str(escaping),
            "0.3.0",
            str(offline / "targets.pem"),
        )
        == 1
    )
    assert "outside 0.3.0/" in capsys.readouterr().err
    assert (
        publish(
            database,
            clock,
            str(artefact),
            "0.3.0",
            str(offline / "targets.pem"),
        )
        == 1
    )  # a 0.2.0 tarball is not 0.3.0
    assert (
        run(
            database,
            clock,
            "updates",
            "rollout",
            "--key",
            str(offline / "targets.pem"),
            "--percent",
            "10",
        )
        == 1
    )
    assert "no release has been published" in capsys.readouterr().err
