"""A captive portal on loopback: what a village Wi-Fi hotspot answers before login.

It answers every request, whatever the path or method, either with
``200 OK`` and an HTML login page, or with a ``302`` redirect to its own
login page. The kiosk must recognise that the network answers but not as
the central platform, and keep its applications until the real link is back.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOGIN_PAGE = (
    b"<!DOCTYPE html><html><head><title>Wi-Fi login</title></head>"
    b"<body><form action='/login' method='post'>Phone number: <input name='phone'>"
    b"<button>Log in</button></form></body></html>"
)


class _PortalHandler(BaseHTTPRequestHandler):
    server: _PortalServer

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.server.redirect and self.path != "/login":
            self.send_response(302)
            self.send_header("Location", f"http://{self.headers.get('Host')}/login")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(LOGIN_PAGE)))
        self.end_headers()
        self.wfile.write(LOGIN_PAGE)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the harness reports, not the portal."""


class _PortalServer(ThreadingHTTPServer):
    daemon_threads = True
    redirect = False


@dataclass
class CaptivePortal:
    """The portal on a free loopback port, answering 200 pages or 302 redirects."""

    redirect: bool = False
    _server: _PortalServer = field(init=False, repr=False)

    def start(self) -> str:
        """Start answering; return the base URL (where the kiosk thinks the centre is)."""
        self._server = _PortalServer(("127.0.0.1", 0), _PortalHandler)
        self._server.redirect = self.redirect
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        """Stop answering."""
        self._server.shutdown()
        self._server.server_close()
