"""A TCP proxy that behaves like a slow link: one shared pipe, latency, lost segments.

By default it is a 2G link: one 64 kbit/s pipe, 300 ms each way. Every byte
in either direction is paced through one token bucket (GPRS/EDGE time slots
are shared), then held for the one-way latency. With ``loss`` a segment is
lost with that probability; TCP resends it after a retransmission timeout,
and everything behind it waits (TCP delivers in order), which is what loss
costs an application over TCP. It counts the bytes it carried, which is what
the 2G benchmark divides by the bandwidth. A connection can be cut after a
number of upstream bytes to emulate a drop.
"""

from __future__ import annotations

import queue
import random
import socket
import threading
import time
from dataclasses import dataclass, field

from bench.tcp_relay import TcpRelay, close, connect_upstream, receive, send

SEGMENT_BYTES = 1460


@dataclass
class LinkEmulator(TcpRelay):
    """Forwards to ``upstream`` through an emulated slow, high-latency, lossy link."""

    bits_per_second: float = 64_000.0
    one_way_latency: float = 0.3
    loss: float = 0.0
    """Probability that a segment is lost and must be retransmitted."""
    retransmit_after: float = 1.0
    """The retransmission timeout a lost segment costs (Linux's minimum is 0.2 s)."""
    rng: random.Random = field(default_factory=lambda: random.Random(0), repr=False)
    cut_connections: list[int] = field(default_factory=list)
    """1-based numbers of connections to cut after ``cut_after`` upstream bytes."""
    cut_after: int = 20_000
    carried: int = 0
    retransmissions: int = 0
    _next_free: float = field(default=0.0, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def relay(self, client: socket.socket, number: int) -> None:
        """Pace both directions, each on its own thread."""
        cut = self.cut_after if number in self.cut_connections else None
        server = connect_upstream(self.upstream, client)
        if server is None:
            return
        for source, target, limit in ((client, server, cut), (server, client, None)):
            threading.Thread(target=self._pump, args=(source, target, limit), daemon=True).start()

    def _pace(self, size: int) -> float:
        """Reserve the pipe for ``size`` bytes; return when they have left it."""
        with self._lock:
            start = max(self._next_free, time.perf_counter())
            self._next_free = start + size * 8 / self.bits_per_second
            self.carried += size
            if self.loss and self.rng.random() < self.loss:
                self.retransmissions += 1
                return self._next_free + self.retransmit_after
            return self._next_free

    def _pump(self, source: socket.socket, target: socket.socket, limit: int | None) -> None:
        """Read and pace on this thread; deliver after the latency on another."""
        outgoing: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
        writer = threading.Thread(target=self._deliver, args=(outgoing, target), daemon=True)
        writer.start()
        moved = 0
        while True:
            data = receive(source, SEGMENT_BYTES)
            if not data or (limit is not None and moved + len(data) > limit):
                break
            outgoing.put((self._pace(len(data)) + self.one_way_latency, data))
            moved += len(data)
        outgoing.put(None)
        if limit is not None and moved + SEGMENT_BYTES > limit:
            close(source)
        writer.join()
        close(source)

    def _deliver(
        self, outgoing: queue.Queue[tuple[float, bytes] | None], target: socket.socket
    ) -> None:
        while (item := outgoing.get()) is not None:
            arrival, data = item
            delay = arrival - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            if not send(target, data):
                break
        close(target)
