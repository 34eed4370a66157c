"""A small TCP proxy that breaks connections the way a township link does.

It sits between the kiosk's transport and the central platform on loopback
and, per connection, does what :attr:`FaultProxy.fault` says at that moment:
pass bytes through, refuse (accept and close at once), delay the answer, cut
the request after N bytes, let the request reach the server and then drop
its answer (the server has committed; the kiosk never hears so), cut the
answer short, reset the connection once the request arrived, or accept and
then stall forever. :attr:`FaultProxy.answer_filter` can drop answers to
chosen requests only (the crash harness kills the kiosk at that moment).

The sync tests, the link fault table (:mod:`bench.link_faults`) and the crash
harness (:mod:`bench.crash_harness`) all use this one proxy.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from bench.tcp_relay import TcpRelay, close, connect_upstream, receive, reset, send

_METHODS = frozenset({b"GET", b"POST", b"PUT", b"DELETE", b"HEAD", b"PATCH", b"OPTIONS"})
STALL_POLL_SECONDS = 0.05
RESET_AFTER_SECONDS = 0.2
"""How long a connection under ``RESET`` lives after its request arrived."""


class Fault(StrEnum):
    """What the proxy does to the next connections."""

    PASS = "pass"
    REFUSE = "refuse"
    DELAY_RESPONSE = "delay_response"
    CUT_REQUEST = "cut_request"
    DROP_RESPONSE = "drop_response"
    CUT_RESPONSE = "cut_response"
    RESET = "reset"
    STALL = "stall"


class Direction(StrEnum):
    """Which way a pump moves bytes: the kiosk's request or the centre's answer."""

    REQUEST = "request"
    ANSWER = "answer"


@dataclass
class _Exchange:
    """What one connection's two pumps share: the latest request, and whether
    its answer has begun (the answer filter is asked once per answer)."""

    request_head: bytes = b""
    answering: bool = False


@dataclass
class FaultProxy(TcpRelay):
    """Forwards to ``upstream`` (host, port), breaking connections as told."""

    fault: Fault = Fault.PASS
    delay: float = 0.0
    cut_after: int = 0
    answer_filter: Callable[[bytes], bool] | None = field(default=None, repr=False)
    """Called with the head of a request when its answer arrives; True drops the answer."""

    def relay(self, client: socket.socket, number: int) -> None:
        """Forward both ways, each direction on its own thread."""
        if self.fault is Fault.REFUSE:
            close(client)
            return
        server = connect_upstream(self.upstream, client)
        if server is None:
            return
        exchange = _Exchange()
        request = threading.Thread(
            target=self._pump, args=(client, server, Direction.REQUEST, exchange), daemon=True
        )
        request.start()
        self._pump(server, client, Direction.ANSWER, exchange)
        request.join()

    def _pump(
        self,
        source: socket.socket,
        target: socket.socket,
        direction: Direction,
        exchange: _Exchange,
    ) -> None:
        # The fault is read for every chunk, so it also hits kept-alive connections;
        # byte counts restart whenever the fault changes.
        moved, seen = 0, self.fault
        while True:
            data = receive(source)
            if not data:
                break
            fault = self.fault
            if fault is not seen:
                moved, seen = 0, fault
            if direction is Direction.REQUEST and data.split(b" ", 1)[0] in _METHODS:
                exchange.request_head, exchange.answering = data[:256], False
            chunk = self._apply(fault, direction, data, moved, exchange)
            if chunk is None:
                break
            if fault is Fault.RESET and direction is Direction.ANSWER:
                continue
            if chunk and not send(target, chunk):
                break
            if fault is Fault.RESET and direction is Direction.REQUEST:
                # Let the request reach the centre, then reset from this thread,
                # the only one reading the kiosk's socket (see tcp_relay.reset).
                time.sleep(RESET_AFTER_SECONDS)
                reset(source)
                break
            moved += len(chunk)
            if len(chunk) < len(data):
                break
        close(target)
        close(source)

    def _apply(
        self, fault: Fault, direction: Direction, data: bytes, moved: int, exchange: _Exchange
    ) -> bytes | None:
        """What of ``data`` to forward (a prefix cuts the connection); None drops it."""
        if fault is Fault.REFUSE:
            return None
        if direction is Direction.REQUEST:
            if fault is Fault.CUT_REQUEST and moved + len(data) > self.cut_after:
                return data[: max(self.cut_after - moved, 0)]
            return data
        if not exchange.answering:
            exchange.answering = True
            if self.answer_filter is not None and self.answer_filter(exchange.request_head):
                return None
        if fault is Fault.RESET:
            return b""  # swallowed: the request pump resets the kiosk's connection
        if fault is Fault.DROP_RESPONSE:
            return None
        if fault is Fault.STALL:
            self._stall()
            return None
        if fault is Fault.DELAY_RESPONSE:
            time.sleep(self.delay)
        if fault is Fault.CUT_RESPONSE and moved + len(data) > self.cut_after:
            return data[: max(self.cut_after - moved, 0)]
        return data

    def _stall(self) -> None:
        """Hold the connection open without a byte until the fault changes or the proxy stops."""
        while self.fault is Fault.STALL and not self.stopped:
            time.sleep(STALL_POLL_SECONDS)
