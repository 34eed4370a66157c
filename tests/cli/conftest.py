"""`kiosk-central` runs on the central platform's test databases (SQLite and PostgreSQL)."""

from tests.central.conftest import clock, database

__all__ = ["clock", "database"]
