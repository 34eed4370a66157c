"""Every terminal command of ``kiosk`` and ``kiosk-central``: the top layer beside ``ui/``.

``kiosk_command`` is the ``kiosk`` entry point and ``central_command`` the
``kiosk-central`` one; each other module registers a few commands through
``common.add_command``. The library packages below never import this one
(the layers are in docs/architecture.md).
"""
