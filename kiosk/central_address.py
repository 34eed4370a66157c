"""Which central platform addresses a kiosk may use: https, or plain http to this machine.

The kiosk sends its bearer credential with every request, and receives its
unlock secret back: over plain ``http://`` both cross the network readable
by anyone on the way. Plain http is therefore only for the loopback
interface (a demo, a test, a platform on the same machine, or a local TLS
proxy in front of an http tunnel), where nothing leaves the machine. The
configuration refuses any other http address when it is loaded, and the
sync client checks again before every request.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("localhost",)


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine only: 127.0.0.0/8, ::1 or ``localhost``."""
    if host.lower().rstrip(".") in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def central_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the central platform's address, or None when it can."""
    parts = urlsplit(url)
    try:
        host = parts.hostname
    except ValueError:
        host = None
    if parts.scheme not in {"http", "https"} or not host:
        return f"{url!r} is not an http:// or https:// address"
    if parts.scheme == "http" and not is_loopback_host(host):
        return (
            f"{url!r} is plain http to another machine: the kiosk's credential and unlock"
            " secret would cross the network unencrypted. Use https:// (plain http is"
            " accepted only for 127.0.0.1, ::1 or localhost)"
        )
    return None
