"""Domain and storage of the kiosk. Never imports Qt (see DESIGN.md)."""
