"""The demo harness: a local central platform beside a kiosk.

``kiosk demo``, the benchmarks and the tests that need a working platform
start one here. It sits above ``central/`` and ``sync/`` (it enrols the kiosk
and runs its sync client), so neither of them has to know about the other.
"""
