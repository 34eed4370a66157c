"""Personal data at rest: sealing to the kiosk's public key, and the keys to open it.

The design, its threat model and its trade-offs are in ``docs/security.md``.
"""
