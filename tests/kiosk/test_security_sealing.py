"""Sealed boxes and the lookup hash: what opens, and what must not."""

from __future__ import annotations

import pytest

from kiosk.errors import KioskLockedError, SealedDataDamagedError, UnlockRefusedError
from kiosk.security import sealing
from kiosk.security.key_material import KeyMaterial, KioskKeys

NAME = "阿依古丽·买买提".encode()


def test_a_sealed_value_opens_with_the_private_key_in_its_context() -> None:
    material = KeyMaterial.generate()
    sealed = sealing.seal(material.public_key, NAME, "applications/a/answers")
    assert NAME not in sealed
    assert sealing.unseal(material.private_key, sealed, "applications/a/answers") == NAME


def test_two_seals_of_the_same_value_differ() -> None:
    material = KeyMaterial.generate()
    first = sealing.seal(material.public_key, NAME, "c")
    assert first != sealing.seal(material.public_key, NAME, "c")


def test_a_value_moved_to_another_row_does_not_open() -> None:
    material = KeyMaterial.generate()
    sealed = sealing.seal(material.public_key, NAME, "applications/a/answers")
    with pytest.raises(SealedDataDamagedError):
        sealing.unseal(material.private_key, sealed, "applications/b/answers")


@pytest.mark.parametrize("position", [0, 1, 40, -1])
def test_a_changed_byte_is_detected(position: int) -> None:
    material = KeyMaterial.generate()
    sealed = bytearray(sealing.seal(material.public_key, NAME, "c"))
    sealed[position] ^= 0x01
    with pytest.raises(SealedDataDamagedError):
        sealing.unseal(material.private_key, bytes(sealed), "c")


def test_another_kiosks_key_does_not_open_it() -> None:
    sealed = sealing.seal(KeyMaterial.generate().public_key, NAME, "c")
    with pytest.raises(SealedDataDamagedError):
        sealing.unseal(KeyMaterial.generate().private_key, sealed, "c")


def test_truncated_values_are_refused() -> None:
    with pytest.raises(SealedDataDamagedError):
        sealing.unseal(KeyMaterial.generate().private_key, b"\x01short", "c")


def test_the_lookup_hash_is_keyed_and_ignores_case_and_spaces() -> None:
    key, other = b"k" * 32, b"o" * 32
    digest = sealing.lookup_hash(key, "11010519491231002X")
    assert digest == sealing.lookup_hash(key, " 11010519491231002x ")
    assert digest != sealing.lookup_hash(other, "11010519491231002X")
    assert "11010519491231002X" not in digest


def test_key_material_round_trips_through_its_bytes() -> None:
    material = KeyMaterial.generate()
    again = KeyMaterial.from_bytes(material.to_bytes())
    assert again.public_key == material.public_key
    assert again.lookup_key == material.lookup_key
    with pytest.raises(ValueError):
        KeyMaterial.from_bytes(b"short")


def test_locked_keys_seal_but_do_not_open() -> None:
    material = KeyMaterial.generate()
    keys = KioskKeys(material.public_key)
    sealed = keys.seal(NAME, "c")
    assert keys.lookup_hash("11010519491231002X") is None
    with pytest.raises(KioskLockedError):
        keys.unseal(sealed, "c")
    with pytest.raises(KioskLockedError):
        keys.require_lookup_hash("11010519491231002X")
    keys.unlock(material)
    assert keys.unseal(sealed, "c") == NAME
    keys.lock()
    assert not keys.is_unlocked


def test_keys_of_another_kiosk_are_refused() -> None:
    keys = KioskKeys(KeyMaterial.generate().public_key)
    with pytest.raises(UnlockRefusedError):
        keys.unlock(KeyMaterial.generate())
