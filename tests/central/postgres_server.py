"""A throwaway PostgreSQL server for the tests, started from the Debian binaries.

``initdb`` refuses to run as root, so as root the server runs as the
``postgres`` user, in a directory that user owns. Each test gets its own
database on the one server, so tests never see each other's rows.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    return Path(found[-1]).parent


MAX_CONNECTIONS = 300
"""Room for every platform a test session runs at once on the shared server."""

START_ATTEMPTS = 5
"""How many free ports to try: another process may take one between the probe and the bind."""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str]) -> None:
    if os.geteuid() == 0:
        line = " ".join(f"'{part}'" for part in command)
        command = ["su", "postgres", "-s", "/bin/sh", "-c", line]
    subprocess.run(command, check=True, capture_output=True)


@dataclass
class PostgresServer:
    """One running server; :meth:`new_database` hands out fresh, empty databases."""

    directory: Path
    port: int

    @classmethod
    def start(cls) -> PostgresServer:
        """initdb and start on a free loopback port."""
        directory = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres", "postgres")
        bin_dir = _binaries()
        data = directory / "data"
        _run([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"])
        log = directory / "server.log"
        for _ in range(START_ATTEMPTS):
            # The port is chosen just before the server binds it, and chosen again
            # if another process (a test in another pytest-xdist worker, or anything
            # else on the machine) took it in between.
            port = free_port()
            # One server serves the whole session (tests/central and tests/cli), whose
            # platforms each keep a pool of connections open while they run: the
            # default of 100 was reached once the suite grew ("too many clients").
            options = (
                f"-k {directory} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
                f" -c max_connections={MAX_CONNECTIONS}"
            )
            start = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options]
            try:
                _run([*start, "-w", "start"])
            except subprocess.CalledProcessError:
                said = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
                if "could not bind" not in said:
                    raise
                log.unlink()
                continue
            return cls(directory=directory, port=port)
        raise RuntimeError(f"PostgreSQL found no free port in {START_ATTEMPTS} attempts")

    @property
    def admin_url(self) -> str:
        """The URL of the server's ``postgres`` database."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        """Create an empty database and return its URL."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        """Stop the server and remove its files."""
        data = self.directory / "data"
        _run([str(_binaries() / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.directory, ignore_errors=True)
