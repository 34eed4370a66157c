"""The touchscreen interface (PySide6). Holds no business rule."""
