"""A TCP proxy that behaves like a 2G link: one shared 64 kbit/s pipe, 300 ms each way.

Every byte in either direction is paced through one token bucket (GPRS/EDGE
time slots are shared), then held for the one-way latency. It counts the
bytes it carried, which is what the benchmark divides by the bandwidth. A
connection can be cut after a number of upstream bytes to emulate a drop.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from dataclasses import dataclass, field


@dataclass
class LinkEmulator:
    """Forwards to ``upstream`` through an emulated slow, high-latency link."""

    upstream: tuple[str, int]
    bits_per_second: float = 64_000.0
    one_way_latency: float = 0.3
    cut_connections: list[int] = field(default_factory=list)
    """1-based numbers of connections to cut after ``cut_after`` upstream bytes."""
    cut_after: int = 20_000
    carried: int = 0
    _next_free: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _listener: socket.socket = field(default_factory=socket.socket)
    _count: int = 0

    def start(self) -> str:
        """Listen on a free loopback port; return the base URL."""
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        threading.Thread(target=self._accept, daemon=True).start()
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def stop(self) -> None:
        """Stop accepting."""
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._count += 1
            cut = self.cut_after if self._count in self.cut_connections else None
            server = socket.create_connection(self.upstream)
            for source, target, limit in ((client, server, cut), (server, client, None)):
                threading.Thread(
                    target=self._pump, args=(source, target, limit), daemon=True
                ).start()

    def _pace(self, size: int) -> float:
        """Reserve the pipe for ``size`` bytes; return when they have left it."""
        with self._lock:
            start = max(self._next_free, time.perf_counter())
            self._next_free = start + size * 8 / self.bits_per_second
            self.carried += size
            return self._next_free

    def _pump(self, source: socket.socket, target: socket.socket, limit: int | None) -> None:
        """Read and pace on this thread; deliver after the latency on another."""
        outgoing: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
        writer = threading.Thread(target=self._deliver, args=(outgoing, target), daemon=True)
        writer.start()
        moved = 0
        while True:
            try:
                data = source.recv(1460)
            except OSError:
                data = b""
            if not data or (limit is not None and moved + len(data) > limit):
                break
            outgoing.put((self._pace(len(data)) + self.one_way_latency, data))
            moved += len(data)
        outgoing.put(None)
        if limit is not None and moved + 1460 > limit:
            _close(source)
        writer.join()
        _close(source)

    def _deliver(
        self, outgoing: queue.Queue[tuple[float, bytes] | None], target: socket.socket
    ) -> None:
        while (item := outgoing.get()) is not None:
            arrival, data = item
            delay = arrival - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            try:
                target.sendall(data)
            except OSError:
                break
        _close(target)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
