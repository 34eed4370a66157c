"""The Debian packages' own files, checked on every test run: the fast half of
the install check (building and installing the packages is
`deploy/check-in-fresh-debian`, by hand, see docs/deploying.md).

Shell scripts pass shellcheck, units pass `systemd-analyze verify`, the control
files are what dpkg reads, and the files that name one another agree: the
units' variables are set in the settings file, the proxy points at the port
the platform listens on and lets through the largest request it accepts, and
the central package's Python, which leaves out the kiosk's screen and scanner
libraries, is enough for the platform to import.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from central.api.body_limit import ROUTE_LIMITS

PROJECT = Path(__file__).resolve().parents[2]
DEPLOY = PROJECT / "deploy"
CENTRAL = DEPLOY / "central"
KIOSK_UNIT = PROJECT / "resources" / "systemd" / "township-kiosk.service"
CENTRAL_UNITS = sorted([*CENTRAL.glob("*.service"), *CENTRAL.glob("*.timer")])
SETTINGS = CENTRAL / "central.env"


def shell_scripts() -> list[Path]:
    """Every file under deploy/ (and the checkout's installer) that starts a shell."""
    candidates = [*sorted(DEPLOY.rglob("*")), PROJECT / "resources/systemd/install-service.sh"]
    return [
        path
        for path in candidates
        if path.is_file() and re.match(r"#!.*\b(ba)?sh\b", path.read_text(encoding="utf-8"))
    ]


def test_the_scripts_found_are_the_packages_scripts() -> None:
    names = {str(path.relative_to(PROJECT)) for path in shell_scripts()}
    assert {
        "deploy/build-debs",
        "deploy/check-in-fresh-debian",
        "deploy/fresh-debian-steps",
        "deploy/kiosk/postinst",
        "deploy/kiosk/prerm",
        "deploy/kiosk/postrm",
        "deploy/kiosk/kiosk",
        "deploy/central/postinst",
        "deploy/central/prerm",
        "deploy/central/postrm",
        "deploy/central/kiosk-central",
        "deploy/central/backup",
    } <= names


@pytest.mark.parametrize("script", shell_scripts(), ids=lambda path: path.name)
def test_every_shell_script_passes_shellcheck(script: Path) -> None:
    assert shutil.which("shellcheck"), "shellcheck is missing: ./setup.sh installs it"
    result = subprocess.run(
        ["shellcheck", "--external-sources", str(script)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("script", shell_scripts(), ids=lambda path: path.name)
def test_every_shell_script_is_executable(script: Path) -> None:
    assert script.stat().st_mode & 0o111, f"{script.name} is not executable (git tracks the bit)"


def test_systemd_accepts_every_unit_of_the_central_package(tmp_path: Path) -> None:
    """The kiosk's unit is verified by tests/cli/test_systemd_unit.py."""
    assert shutil.which("systemd-analyze"), "systemd-analyze is missing: ./setup.sh installs it"
    true = shutil.which("true")
    assert true is not None
    # verify also checks that each program exists: the packages' programs are
    # not installed on the machine that runs the tests.
    programs = re.compile(
        r"(/opt/township-central/bin/kiosk-central|/usr/lib/township-central/backup)"
    )
    copies = []
    for unit in CENTRAL_UNITS:
        copy = tmp_path / unit.name
        copy.write_text(programs.sub(true, unit.read_text(encoding="utf-8")), encoding="utf-8")
        copies.append(str(copy))

    result = subprocess.run(
        ["systemd-analyze", "verify", *copies], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""  # unknown keys and bad values are only warnings


def settings() -> dict[str, str]:
    """NAME=value lines of central.env that are set (not commented out)."""
    pairs = [
        line.split("=", 1)
        for line in SETTINGS.read_text(encoding="utf-8").splitlines()
        if re.match(r"[A-Z_]+=", line)
    ]
    return {name: value for name, value in pairs}


def test_every_variable_the_central_units_and_backup_use_is_set_in_the_settings() -> None:
    used = set()
    for path in [*CENTRAL_UNITS, CENTRAL / "backup"]:
        used |= set(re.findall(r"\$\{?(KIOSK_CENTRAL_[A-Z_]+)", path.read_text(encoding="utf-8")))
    assert {"KIOSK_CENTRAL_PORT", "KIOSK_CENTRAL_BACKUP_DIR"} <= used
    assert used <= set(settings())
    for unit in CENTRAL_UNITS:
        if unit.suffix == ".service":
            text = unit.read_text(encoding="utf-8")
            assert "EnvironmentFile=/etc/township-central/central.env" in text, unit.name


def test_the_platform_listens_on_loopback_behind_the_proxy_that_passes_its_largest_request() -> (
    None
):
    proxy = (CENTRAL / "nginx-township-central.conf").read_text(encoding="utf-8")
    values = settings()
    assert values["KIOSK_CENTRAL_HOST"] == "127.0.0.1"
    assert f"server 127.0.0.1:{values['KIOSK_CENTRAL_PORT']};" in proxy
    body = re.search(r"client_max_body_size\s+(\d+)m;", proxy)
    assert body is not None
    assert int(body.group(1)) * 1024 * 1024 >= max(ROUTE_LIMITS.values())
    assert "ssl_certificate " in proxy and "listen 443 ssl" in proxy


def control_fields(name: str) -> dict[str, str]:
    """The control file of deploy/NAME with its continuation lines joined."""
    fields: dict[str, str] = {}
    key = ""
    for line in (DEPLOY / name / "control").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            fields[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def depends(fields: dict[str, str]) -> set[str]:
    return {item.strip().split(" ")[0] for item in fields["Depends"].replace("\n", " ").split(",")}


@pytest.mark.parametrize(
    ("name", "package"), [("kiosk", "township-kiosk"), ("central", "township-central")]
)
def test_control_files_have_what_dpkg_needs(name: str, package: str) -> None:
    fields = control_fields(name)
    assert fields["Package"] == package
    assert fields["Version"] == "@VERSION@"  # filled in by deploy/build-debs
    assert fields["Architecture"] == "@ARCH@"
    for required in ("Maintainer", "Description", "Installed-Size", "Section", "Priority"):
        assert fields[required], required
    summary, *long = fields["Description"].split("\n")
    assert len(summary) < 80 and long, "a one-line summary, then the long description"
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", dependency) for dependency in depends(fields))
    # The venv's python is a link to Debian's own interpreter.
    assert "python3.11" in depends(fields)


def test_the_kiosk_package_brings_what_the_kiosk_runs_with() -> None:
    needed = {
        "cage",  # the unit's compositor
        "xwayland",  # cage 0.1.4 does not start without it
        "systemd",
        "libzbar0",  # pyzbar's library
        "libzinnia0",  # handwriting recognition (kiosk/handwriting.py), with its model:
        "tegaki-zinnia-simplified-chinese",
        "cups-client",
        "speech-dispatcher",
        "espeak-ng",
        "fonts-wqy-microhei",
        "fonts-noto-core",
        "libegl1",
        "libxkbcommon0",
        "libwayland-client0",  # Qt's Wayland platform under cage
    }
    assert needed <= depends(control_fields("kiosk"))


def test_the_central_package_brings_pg_dump_for_its_backups() -> None:
    assert "postgresql-client" in depends(control_fields("central"))


def test_the_settings_file_is_a_conffile() -> None:
    """dpkg keeps an administrator's changes to it across upgrades."""
    assert (CENTRAL / "conffiles").read_text(encoding="utf-8").split() == [
        "/etc/township-central/central.env"
    ]


def left_out_of_the_central_package() -> set[str]:
    """The distributions deploy/build-debs leaves out of the central's venv."""
    line = re.search(r"make_venv .*\$\(requirements ([^)]*)\)", (DEPLOY / "build-debs").read_text())
    assert line is not None
    return set(line.group(1).split())


def test_the_platform_imports_nothing_the_central_package_leaves_out() -> None:
    """Import every module of central/ and the kiosk-central command in a fresh
    interpreter, then name the distributions the imported modules came from."""
    left_out = left_out_of_the_central_package()
    assert {"pyside6", "pyzbar"} <= left_out
    probe = """
import importlib, importlib.metadata, json, pkgutil, sys
import central, cli.central_command
for module in pkgutil.walk_packages(central.__path__, "central."):
    importlib.import_module(module.name)
owners = importlib.metadata.packages_distributions()
print(json.dumps(sorted({d.lower() for top in {m.split('.')[0] for m in sys.modules}
                        for d in owners.get(top, [])})))
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=PROJECT
    )
    imported = set(json.loads(result.stdout))
    assert "fastapi" in imported  # the probe sees the platform's own dependencies
    assert not imported & left_out, f"the platform needs {imported & left_out}"


def test_the_kiosk_unit_starts_the_current_version_under_cage() -> None:
    text = KIOSK_UNIT.read_text(encoding="utf-8")
    assert (
        "ExecStart=/usr/bin/cage -d -- /opt/township-kiosk/current/bin/kiosk"
        " --data-dir /var/lib/township-kiosk" in text
    )
    postinst = (DEPLOY / "kiosk" / "postinst").read_text(encoding="utf-8")
    assert 'ln -sfn "versions/$version" "$home/current.new"' in postinst
    assert 'mv -T "$home/current.new" "$home/current"' in postinst  # atomic switch


def test_an_installed_kiosk_gets_its_first_configuration_from_the_package(
    tmp_path: Path,
) -> None:
    """The package's install step writes the first kiosk.toml (no applications before
    enrolment) with the version it installs, as the kiosk user: its Python line, run
    here, writes that file and keeps one that exists."""
    postinst = DEPLOY / "kiosk" / "postinst"
    text = postinst.read_text(encoding="utf-8")
    subprocess.run(["sh", "-n", str(postinst)], check=True)
    found = re.search(
        r'runuser -u kiosk -- "\$home/versions/\$version/bin/python" -c \\\n\s*\'([^\']+)\' \\\n'
        r'\s*"\$data/kiosk.toml"',
        text,
    )
    assert found, "the install step writes the kiosk's first configuration"
    written = tmp_path / "kiosk.toml"
    subprocess.run([sys.executable, "-c", found[1], str(written)], check=True, cwd=PROJECT)
    assert "\napplications_before_enrolment = false\n" in written.read_text(encoding="utf-8")
    written.write_text('kiosk_code = "LQ05"\n', encoding="utf-8")
    subprocess.run([sys.executable, "-c", found[1], str(written)], check=True, cwd=PROJECT)
    assert written.read_text(encoding="utf-8") == 'kiosk_code = "LQ05"\n'


def test_every_resource_the_kiosk_reads_is_in_the_installed_package() -> None:
    """An installed kiosk (the Debian package's venv, not an editable checkout) has
    only the files pyproject's package-data names: the fresh Debian root found
    resources/styles/themes.json missing that way. Every file under resources/
    that is not code or a systemd file must be matched."""
    import tomllib
    from fnmatch import fnmatch

    patterns = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["resources"]
    # Every file on disk, not git's list: a copy made by `git archive` has no .git, and
    # the translations built by ./setup.sh must be packaged too.
    resources = PROJECT / "resources"
    data = [
        path.relative_to(resources).as_posix()
        for path in resources.rglob("*")
        if path.is_file()
        and path.suffix not in (".py", ".pyc")
        and path.relative_to(resources).parts[0] not in ("systemd", "__pycache__")
    ]
    assert "styles/themes.json" in data
    missing = [name for name in data if not any(fnmatch(name, pattern) for pattern in patterns)]
    assert missing == []
