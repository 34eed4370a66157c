"""Authentication is a dependency of every route that needs it, never code in a handler."""

from __future__ import annotations

import ast
import re
from importlib import import_module
from pathlib import Path

import requests
from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from central import admin_access
from central.api import deps
from sync.protocol import API_PREFIX
from tests.central.platform import Platform

ROUTERS = Path(deps.__file__).parent / "routers"
PUBLIC = {"/api/v1/enrolment", "/api/v1/health", "/api/v1/ready"}
"""Routes anyone may call: a kiosk enrolling (it has no credential yet) and probes."""


def _calls(dependant: Dependant) -> set[object]:
    found: set[object] = {dependant.call}
    for child in dependant.dependencies:
        found |= _calls(child)
    return found


def _api_routes() -> list[APIRoute]:
    modules = [import_module(f"central.api.routers.{path.stem}") for path in ROUTERS.glob("*.py")]
    return [
        route
        for module in modules
        for route in getattr(module, "router", APIRouter()).routes
        if isinstance(route, APIRoute)
    ]


def test_every_route_but_the_public_ones_depends_on_an_authenticated_caller() -> None:
    routes = _api_routes()
    assert len(routes) >= 12
    for route in routes:
        callers = _calls(route.dependant) & {deps.authenticated_kiosk, deps.administrator}
        if f"{API_PREFIX}{route.path}" in PUBLIC:
            assert not callers, route.path
        else:
            assert len(callers) == 1, f"{route.path} authenticates {len(callers)} ways"


def test_no_handler_authenticates_or_reads_the_authorization_header_itself() -> None:
    forbidden = {"authenticate", "require_admin", "split_credential"}
    for module in sorted(ROUTERS.glob("*.py")):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"authorization", source, re.IGNORECASE), module.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute | ast.Name):
                name = node.attr if isinstance(node, ast.Attribute) else node.id
                assert name not in forbidden, f"{module.name} calls {name}"


def test_kiosk_routes_refuse_the_admin_token_and_admin_routes_a_kiosk_credential(
    platform: Platform,
) -> None:
    kiosk = platform.credential("LQ03")
    with platform.database.transaction() as connection:
        admin = admin_access.create_admin_token(connection)
    schema = requests.get(f"{platform.url}/api/v1/openapi.json", timeout=30).json()
    checked = 0
    for path, operations in schema["paths"].items():
        if path in PUBLIC or "{" in path:
            continue
        wrong = kiosk if path.startswith("/api/v1/admin/") else admin
        for method in operations:
            for credential in (None, wrong, "LQ03.not-the-right-secret-at-all"):
                headers = {} if credential is None else {"Authorization": f"Bearer {credential}"}
                answer = requests.request(
                    method, f"{platform.url}{path}", headers=headers, json={}, timeout=30
                )
                assert answer.status_code == 401, (method, path, answer.text)
                assert answer.json()["code"] == "unauthenticated"
                checked += 1
    assert checked >= 30
