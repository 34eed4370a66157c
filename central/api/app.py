"""Building the FastAPI application of the central platform.

:func:`create_app` takes everything the app needs (database, clock), so
several uvicorn workers each build an identical app over one database, and
tests build one over their own. :func:`app_from_environment` is the factory
``uvicorn --factory`` calls in each worker process.
"""

from __future__ import annotations

import os

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from central import observability, personal_data
from central.api import errors
from central.api.body_limit import BodyLimitMiddleware
from central.api.deps import Platform
from central.api.routers import (
    admin,
    applications,
    attachments,
    audit,
    enrolment,
    feedback,
    fleet_settings,
    forms,
    health,
    kiosk_report,
    operations,
    staff,
    status,
    trust_list,
    unlock,
    updates,
)
from central.attachment_store import AttachmentStore, store_from_environment
from central.console import install_console
from central.database import Database
from central.schema import create_schema
from kiosk.clock import Clock, SystemClock
from sync.protocol import API_PREFIX, PROTOCOL_VERSION

DATABASE_URL_VARIABLE = "KIOSK_CENTRAL_DATABASE_URL"


def create_app(
    database: Database,
    clock: Clock,
    *,
    create_tables: bool = True,
    attachment_store: AttachmentStore | None = None,
) -> FastAPI:
    """The API over ``database``; creates missing tables unless told not to. Document
    photos go to ``attachment_store``, else where the environment says
    (:func:`central.attachment_store.store_from_environment`)."""
    if create_tables:
        create_schema(database)
    app = FastAPI(
        title="Township kiosk central platform",
        version=f"{PROTOCOL_VERSION}",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.platform = Platform(
        database=database,
        clock=clock,
        protection=personal_data.load(database),
        attachments=attachment_store or store_from_environment(database),
    )
    # Form bundles and status pages cross 2G links too; compress answers worth it.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    # Outside everything but the observer: no body is parsed, nor its sender checked,
    # beyond its limit.
    app.add_middleware(BodyLimitMiddleware)
    # Added last, so outermost: every answer is counted and timed, refusals included.
    app.add_middleware(observability.RequestObserver)
    if observability.json_log_enabled():
        observability.install_json_log()
    errors.install(app)
    routers = (
        enrolment,
        applications,
        attachments,
        forms,
        trust_list,
        fleet_settings,
        status,
        audit,
        feedback,
        unlock,
        kiosk_report,
        health,
        operations,
        admin,
        staff,
        updates,
    )
    for module in routers:
        app.include_router(module.router, prefix=API_PREFIX)
    install_console(app)
    return app


def app_from_environment() -> FastAPI:
    """The app for one uvicorn worker, on the database named in the environment."""
    url = os.environ.get(DATABASE_URL_VARIABLE)
    if not url:
        raise RuntimeError(f"{DATABASE_URL_VARIABLE} is not set")
    return create_app(Database(url), SystemClock())
