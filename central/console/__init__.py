"""The web console of the central platform: where officers process applications
and administrators run the fleet (server-rendered pages under ``/console``).

See docs/console.md for the pages, the roles and how to create the first
administrator (``kiosk-central console-admin add``).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from central.console.access import ConsoleRefusal, NotSignedIn, visitor
from central.console.i18n import N_
from central.console.pages import (
    applications,
    closure_days,
    feedback,
    forms,
    kiosk_staff,
    kiosks,
    note_templates,
    people,
    sign_in,
    statistics,
    trust_lists,
)
from central.console.pages.page import CONSOLE_PREFIX, page, redirect
from central.errors import Refusal

STATIC_DIR = Path(__file__).parent / "static"


def install_console(app: FastAPI) -> None:
    """Serve the console's pages and files on ``app`` under ``/console``."""
    for module in (
        sign_in,
        applications,
        kiosks,
        kiosk_staff,
        forms,
        note_templates,
        trust_lists,
        people,
        feedback,
        statistics,
        closure_days,
    ):
        app.include_router(module.router, prefix=CONSOLE_PREFIX, include_in_schema=False)
    app.mount(f"{CONSOLE_PREFIX}/static", StaticFiles(directory=STATIC_DIR), name="console-static")
    app.add_exception_handler(NotSignedIn, _not_signed_in)
    app.add_exception_handler(ConsoleRefusal, _refused)
    api_refusal = app.exception_handlers[Refusal]

    async def refusal(request: Request, exc: Exception) -> Response:
        """A refusal from the store is a page in the console and JSON in the API."""
        if not request.url.path.startswith(CONSOLE_PREFIX):
            answer = api_refusal(request, exc)
            return answer if isinstance(answer, Response) else await answer
        assert isinstance(exc, Refusal)
        return _error_page(request, exc.status, N_("The request cannot be carried out."))

    app.add_exception_handler(Refusal, refusal)


async def _not_signed_in(request: Request, _: Exception) -> Response:
    return redirect("sign-in")


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    guest = visitor(request, request.app.state.platform)
    return page(guest.language, "error.html", {"status": status, "message": message}, status)


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ConsoleRefusal)
    return _error_page(request, exc.status, exc.message)


__all__ = ["install_console"]
