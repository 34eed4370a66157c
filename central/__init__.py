"""The central platform: HTTP API, admin CLI, storage."""
