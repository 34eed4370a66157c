"""A small TCP proxy that breaks connections the way a township link does.

It sits between the kiosk's transport and the central platform on loopback
and, per connection, does what :attr:`FaultProxy.fault` says at that moment:
pass bytes through, refuse (accept and close at once), delay the answer, cut
the request after N bytes, or let the request reach the server and then
drop its answer (the server has committed; the kiosk never hears so).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass, field
from enum import StrEnum


class Fault(StrEnum):
    """What the proxy does to the next connections."""

    PASS = "pass"
    REFUSE = "refuse"
    DELAY_RESPONSE = "delay_response"
    CUT_REQUEST = "cut_request"
    DROP_RESPONSE = "drop_response"
    CUT_RESPONSE = "cut_response"


@dataclass
class FaultProxy:
    """Listens on a free loopback port and forwards to ``upstream`` (host, port)."""

    upstream: tuple[str, int]
    fault: Fault = Fault.PASS
    delay: float = 0.0
    cut_after: int = 0
    connections: int = 0
    _listener: socket.socket = field(default_factory=socket.socket, init=False)
    _stopped: threading.Event = field(default_factory=threading.Event, init=False)

    def start(self) -> str:
        """Start accepting; return the proxy's base URL."""
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        threading.Thread(target=self._accept, daemon=True).start()
        return self.url

    @property
    def url(self) -> str:
        """The proxy's base URL."""
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def stop(self) -> None:
        """Stop accepting new connections."""
        self._stopped.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        if self.fault is Fault.REFUSE:
            _close(client)
            return
        server = socket.create_connection(self.upstream)
        up = threading.Thread(target=self._upstream, args=(client, server), daemon=True)
        up.start()
        self._downstream(server, client)
        up.join()

    def _upstream(self, client: socket.socket, server: socket.socket) -> None:
        # The fault is read for every chunk, so it also hits kept-alive connections;
        # byte counts restart whenever the fault changes.
        sent, seen = 0, self.fault
        while True:
            data = _recv(client)
            if not data:
                break
            fault = self.fault
            if fault is not seen:
                sent, seen = 0, fault
            if fault is Fault.REFUSE:
                break
            if fault is Fault.CUT_REQUEST and sent + len(data) > self.cut_after:
                _send(server, data[: self.cut_after - sent])
                break
            sent += len(data)
            if not _send(server, data):
                break
        _close(server)
        _close(client)

    def _downstream(self, server: socket.socket, client: socket.socket) -> None:
        delivered, seen = 0, self.fault
        while True:
            data = _recv(server)
            if not data:
                break
            fault = self.fault
            if fault is not seen:
                delivered, seen = 0, fault
            if fault is Fault.DROP_RESPONSE:
                break
            if fault is Fault.DELAY_RESPONSE:
                time.sleep(self.delay)
            if fault is Fault.CUT_RESPONSE and delivered + len(data) > self.cut_after:
                _send(client, data[: self.cut_after - delivered])
                break
            if not _send(client, data):
                break
            delivered += len(data)
        _close(client)
        _close(server)


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def _send(sock: socket.socket, data: bytes) -> bool:
    try:
        sock.sendall(data)
    except OSError:
        return False
    return True


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
