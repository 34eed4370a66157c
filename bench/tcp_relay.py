"""The part every loopback link stand-in shares: listen, accept, connect upstream.

:class:`bench.fault_proxy.FaultProxy` (a link that breaks) and
:class:`bench.link_emulator.LinkEmulator` (a link that is slow) differ only in
what they do with the bytes of one connection, :meth:`TcpRelay.relay`; the
listener, the accept loop and the socket helpers live here once.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from dataclasses import dataclass, field


@dataclass
class TcpRelay:
    """Listens on a free loopback port; each accepted connection goes to :meth:`relay`."""

    upstream: tuple[str, int]
    connections: int = 0
    """How many connections were accepted (numbered from 1 in :meth:`relay`)."""
    _listener: socket.socket = field(default_factory=socket.socket, init=False, repr=False)
    _stopped: threading.Event = field(default_factory=threading.Event, init=False, repr=False)

    def start(self) -> str:
        """Start accepting; return the relay's base URL."""
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        threading.Thread(target=self._accept, name="relay-accept", daemon=True).start()
        return self.url

    @property
    def url(self) -> str:
        """The relay's base URL (what the kiosk is told the centre is)."""
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    @property
    def stopped(self) -> bool:
        """True once :meth:`stop` was called (stalled connections give up then)."""
        return self._stopped.is_set()

    def stop(self) -> None:
        """Stop accepting new connections."""
        self._stopped.set()
        self._listener.close()

    def relay(self, client: socket.socket, number: int) -> None:
        """Serve one accepted connection (on its own thread); subclasses say how."""
        raise NotImplementedError

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(
                target=self.relay, args=(client, self.connections), daemon=True
            ).start()


def connect_upstream(upstream: tuple[str, int], client: socket.socket) -> socket.socket | None:
    """A connection to the real server, or None (and the client closed) if it is down."""
    try:
        return socket.create_connection(upstream)
    except OSError:
        close(client)
        return None


def receive(sock: socket.socket, size: int = 65536) -> bytes:
    """The next chunk, or b"" once the peer closed or the socket failed."""
    try:
        return sock.recv(size)
    except OSError:
        return b""


def send(sock: socket.socket, data: bytes) -> bool:
    """Send all of ``data``; False if the peer is gone."""
    try:
        sock.sendall(data)
    except OSError:
        return False
    return True


def close(sock: socket.socket) -> None:
    """Shut down both directions (so the peer sees the end) and close."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def reset(sock: socket.socket) -> None:
    """Close with a TCP RST instead of a FIN, as a crashing middlebox would.

    Call it from the thread reading this socket: while another thread is
    blocked in ``recv`` on it, the kernel keeps the connection open.
    """
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
