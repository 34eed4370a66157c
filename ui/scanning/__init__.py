"""Scanning ID QR codes on the identify step: camera view and hand-held scanners.

Import from the modules themselves: the hand-held scanner's small recogniser
must not bring QtMultimedia and the decoders into the kiosk's start-up (the
camera is set up when the identify screen is first shown).
"""
