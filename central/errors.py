"""Refusals the central platform answers with a 4xx, each with a stable code.

Raised by the store functions for conditions caused by the caller (a used
enrolment code, a revoked kiosk, a broken audit chain); the API turns them
into :class:`sync.protocol.ErrorBody` answers and the CLI into a message.
"""

from __future__ import annotations


class Refusal(Exception):
    """A request the platform will not carry out, and why."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def unauthenticated(message: str = "a valid kiosk credential is required") -> Refusal:
    """The request carries no credential, or one the platform does not know."""
    return Refusal(401, "unauthenticated", message)


def revoked(kiosk_code: str) -> Refusal:
    """The kiosk was revoked by an administrator."""
    return Refusal(403, "kiosk_revoked", f"kiosk {kiosk_code} has been revoked")


def not_found(what: str) -> Refusal:
    """The named thing does not exist."""
    return Refusal(404, "not_found", f"{what} does not exist")


def conflict(code: str, message: str) -> Refusal:
    """The request contradicts what the platform already holds."""
    return Refusal(409, code, message)


def invalid(code: str, message: str) -> Refusal:
    """The request is well-formed but its content is unacceptable."""
    return Refusal(422, code, message)
