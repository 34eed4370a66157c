"""Starting a worker beside live traffic: the schema, once applied, is only read."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg

from central.database import Database
from central.schema import SCHEMA_FINGERPRINT_SETTING, create_schema, schema_fingerprint
from tests.central.postgres_server import PostgresServer


def test_a_second_start_takes_no_table_lock_while_a_transaction_writes(
    postgres_server: PostgresServer,
) -> None:
    database = Database(postgres_server.new_database())
    create_schema(database)
    with psycopg.connect(database.url) as writer:  # a request's open transaction
        writer.execute(
            "INSERT INTO kiosks (code, name, created_at) VALUES ('LQ03', 'x', '2026-11-27')"
        )
        starting = threading.Thread(target=create_schema, args=(database,))
        starting.start()
        with psycopg.connect(database.url, autocommit=True) as watcher:
            while starting.is_alive():
                waiting = watcher.execute(
                    "SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)"
                    " WHERE NOT l.granted AND a.datname = current_database()"
                ).fetchone()
                assert waiting == (0,), "the starting worker waits for a table lock"
                starting.join(0.05)
        writer.rollback()


def test_the_fingerprint_is_recorded_and_a_missing_table_is_made_again(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path}/central.db")
    create_schema(database)
    with database.transaction() as connection:
        stored = connection.query(
            "SELECT value FROM settings WHERE key = ?", [SCHEMA_FINGERPRINT_SETTING]
        )
        assert stored == [(schema_fingerprint(database.dialect),)]
        connection.execute("DROP TABLE feedback")
    create_schema(database)
    with database.transaction() as connection:
        assert connection.query("SELECT COUNT(*) FROM feedback") == [(0,)]
