"""The address cascade: reading the region list and walking it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from kiosk.forms import Region, RegionDataError, RegionTree, load_regions, parse_regions
from tests.kiosk.forms_fixtures import FULL_ADDRESS, REGIONS_DATA, regions, text

REPOSITORY = Path(__file__).resolve().parents[2]


def codes(found: Sequence[Region]) -> list[str]:
    return [region.code for region in found]


def test_children_walk_the_cascade() -> None:
    tree = regions()
    assert codes(tree.children([])) == ["520000", "530000"]
    assert codes(tree.children(["520000"])) == ["520113"]
    assert codes(tree.children(["520000", "520113"])) == ["520113001", "520113002"]
    assert codes(tree.children(list(FULL_ADDRESS[:3]))) == ["520113001001", "520113001002"]
    assert tree.children(list(FULL_ADDRESS)) == []


def test_children_of_a_path_not_in_the_list_is_an_error() -> None:
    with pytest.raises(ValueError):
        regions().children(["520000", "999999"])


def test_names_in_a_language_with_fallback() -> None:
    tree = regions()
    assert tree.names(FULL_ADDRESS, "zh_CN") == ["贵州省", "白云区", "大山洞街道", "二村"]
    assert tree.names(FULL_ADDRESS[:2], "en") == ["Guizhou", "Baiyun"]
    assert tree.names(["530000"], "en", ["zh_CN"]) == ["云南省"]
    assert tree.names(FULL_ADDRESS[:1], "ug", ["en"]) == ["Guizhou"]
    with pytest.raises(ValueError):
        tree.names(["111111"], "zh_CN")


def test_valid_paths() -> None:
    tree = regions()
    assert tree.is_valid_path(FULL_ADDRESS, 4)
    assert tree.is_valid_path(FULL_ADDRESS[:2], 2)
    assert not tree.is_valid_path(FULL_ADDRESS[:3], 4)
    assert not tree.is_valid_path(FULL_ADDRESS, 3)
    assert not tree.is_valid_path([], 4)
    assert not tree.is_valid_path(["520000", "520113", "520113001", "520113002001"], 4)
    # A place with nothing under it in the list ends a path early.
    assert tree.is_valid_path(["520000", "520113", "520113002"], 4)
    assert tree.is_valid_path(["530000"], 4)


def test_an_empty_tree_has_no_valid_address() -> None:
    assert RegionTree().children([]) == []
    assert not RegionTree().is_valid_path(["520000"], 1)


def problems_of(data: Any) -> list[str]:
    with pytest.raises(RegionDataError) as raised:
        parse_regions(data, "regions.json")
    return list(raised.value.problems)


def test_refusals_name_the_place() -> None:
    data: list[object] = [
        {"code": "520000", "name": text("贵州省", "Guizhou"), "children": [
            {"code": "520113", "name": {}},
            {"code": "520114", "name": text("甲", "A"), "chidren": []},
            {"name": text("乙", "B")},
            {"code": "520115", "name": text("丙", "C"), "children": "none"},
        ]},
        {"code": "520000", "name": text("贵州省", "Guizhou")},
        "530000",
    ]  # fmt: skip
    assert problems_of(data) == [
        "520000 > 520113: 'name' must map languages to non-empty names",
        "520000 > 520114: unknown key 'chidren'",
        "entry 3 under 520000: 'code' must be a non-empty string",
        "520000 > 520115: 'children' must be a list",
        "top level: code '520000' appears twice",
        "entry 3 of the top level: must be an object with code, name and children",
    ]


def test_the_file_must_hold_a_list() -> None:
    assert problems_of({"code": "520000"}) == ["must be a list of provinces"]


def test_load_from_disk_and_refuse_bad_json(tmp_path: Path) -> None:
    good = tmp_path / "regions.json"
    good.write_text(json.dumps(REGIONS_DATA, ensure_ascii=False), encoding="utf-8")
    assert codes(load_regions(good).children([])) == ["520000", "530000"]
    bad = tmp_path / "broken.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(
        RegionDataError, match=r"broken.json: not valid JSON: .* \(line 1, column 3\)"
    ):
        load_regions(bad)


def test_the_region_list_shipped_with_the_kiosk_loads() -> None:
    tree = load_regions(REPOSITORY / "resources" / "regions" / "regions.json")
    assert tree.children([])
