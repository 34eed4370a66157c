"""A bare HTTP/1.1 client on a socket, for bodies no ordinary client would send.

It streams a body piece by piece and stops as soon as the server answers,
so a test can send "1 GiB" without building it and see exactly what the
server said (an early 413) instead of the broken pipe that follows it.
"""

from __future__ import annotations

import json
import select
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RawAnswer:
    """What the server answered, and how much of the body it had been sent by then."""

    status: int
    body: bytes
    bytes_sent: int

    def json(self) -> Any:
        """The answer's JSON body."""
        return json.loads(self.body)


def send(
    port: int,
    method: str,
    path: str,
    pieces: Iterable[bytes],
    headers: dict[str, str],
    *,
    chunked: bool,
) -> RawAnswer:
    """Send a request whose body is ``pieces`` (chunked or with the given Content-Length)."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        if chunked:
            head.append("Transfer-Encoding: chunked")
        connection.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        sent = 0
        try:
            for piece in pieces:
                if _answered(connection):
                    break
                connection.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                sent += len(piece)
            else:
                if chunked:
                    connection.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while we were still sending
        return _read_answer(connection, sent)


def _answered(connection: socket.socket) -> bool:
    readable, _, _ = select.select([connection], [], [], 0)
    return bool(readable)


def _read_answer(connection: socket.socket, sent: int) -> RawAnswer:
    received = b""
    try:
        while chunk := connection.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass  # the answer is in; the reset only says the unread body was dropped
    head, _, body = received.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0]
    return RawAnswer(status=int(status_line.split()[1]), body=body, bytes_sent=sent)
