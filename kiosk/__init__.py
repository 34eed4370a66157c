"""Domain and storage of the kiosk: the bottom layer, which never imports Qt.

Nothing here imports sync/, printing/, central/, ui/, cli/ or demo/; the
layers and the import rule are in docs/architecture.md and
tests/test_layering.py enforces them.
"""
