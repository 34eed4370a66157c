"""The central platform's HTTP API (FastAPI), versioned under ``/api/v1``."""
