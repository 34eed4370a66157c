"""The address cascade: province, county, township, village.

`resources/regions/regions.json` is a JSON list of province nodes, each
`{"code": "520000", "name": {"zh_CN": "贵州省", "en": "Guizhou"}, "children": [...]}`
(docs/forms.md, "Addresses"). An address answer is the list of codes from
the province down; `RegionTree` answers what to offer at the next level and
whether a stored list of codes is a real place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.forms.text import LocalText

_NODE_KEYS = frozenset({"code", "name", "children"})


class RegionDataError(ValueError):
    """A regions file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        super().__init__("\n".join(f"{source}: {problem}" for problem in problems))
        self.source = source
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Region:
    """One place in the cascade, with the places under it."""

    code: str
    name: LocalText
    children: tuple[Region, ...] = ()

    def child(self, code: str) -> Region | None:
        """The place directly under this one with `code`, if there is one."""
        return _find(self.children, code)


@dataclass(frozen=True)
class RegionTree:
    """Every place an address field can name, from the provinces down."""

    provinces: tuple[Region, ...] = field(default=())

    def children(self, codes_so_far: Sequence[str]) -> list[Region]:
        """The places to offer after `codes_so_far` (the provinces for an empty list).

        Raises ValueError when the codes are not a path in the tree: the
        screen only ever builds paths from what this method offered.
        """
        if not codes_so_far:
            return list(self.provinces)
        return list(self.path(codes_so_far)[-1].children)

    def path(self, codes: Sequence[str]) -> list[Region]:
        """The places the codes name, province first; ValueError if any step is unknown."""
        found: list[Region] = []
        candidates = self.provinces
        for code in codes:
            region = _find(candidates, code)
            if region is None:
                raise ValueError(f"no region {code!r} under {[r.code for r in found]!r}")
            found.append(region)
            candidates = region.children
        return found

    def names(
        self, codes: Sequence[str], language: str, fallback_languages: Iterable[str] = ()
    ) -> list[str]:
        """The names of the places, province first, for the review screen and the receipt."""
        fallbacks = tuple(fallback_languages)
        return [region.name.get(language, fallbacks) for region in self.path(codes)]

    def is_valid_path(self, codes: Sequence[str], levels: int) -> bool:
        """Whether `codes` is a complete address `levels` deep.

        A path may stop early at a place with nothing under it, because the
        list does not reach village level everywhere and the applicant must
        still be able to answer.
        """
        if not codes or len(codes) > levels:
            return False
        try:
            regions = self.path(codes)
        except ValueError:
            return False
        return len(regions) == levels or not regions[-1].children


def _find(regions: Sequence[Region], code: str) -> Region | None:
    return next((region for region in regions if region.code == code), None)


def load_regions(path: str | Path) -> RegionTree:
    """Read and check a regions file; RegionDataError lists every problem in it."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise RegionDataError(file.name, [f"cannot be read: {error.strerror}"]) from error
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        raise RegionDataError(file.name, [message]) from error
    return parse_regions(data, file.name)


def parse_regions(data: object, source: str) -> RegionTree:
    """Build a tree from decoded JSON, checking every node; RegionDataError on problems."""
    problems: list[str] = []
    if not isinstance(data, list):
        raise RegionDataError(source, ["must be a list of provinces"])
    provinces = _read_nodes(data, "", problems)
    if problems:
        raise RegionDataError(source, problems)
    return RegionTree(provinces)


def _read_nodes(items: list[object], parent: str, problems: list[str]) -> tuple[Region, ...]:
    regions: list[Region] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        region = _read_node(item, parent, position, problems)
        if region is None:
            continue
        if region.code in seen:
            problems.append(f"{parent or 'top level'}: code {region.code!r} appears twice")
            continue
        seen.add(region.code)
        regions.append(region)
    return tuple(regions)


def _read_node(item: object, parent: str, position: int, problems: list[str]) -> Region | None:
    place = f"entry {position} under {parent}" if parent else f"entry {position} of the top level"
    if not isinstance(item, dict):
        problems.append(f"{place}: must be an object with code, name and children")
        return None
    code = item.get("code")
    if not isinstance(code, str) or not code.strip():
        problems.append(f"{place}: 'code' must be a non-empty string")
        return None
    here = f"{parent} > {code}" if parent else code
    for key in sorted(set(item) - _NODE_KEYS):
        problems.append(f"{here}: unknown key {key!r}")
    name = _read_name(item.get("name"), here, problems)
    children_data = item.get("children", [])
    if not isinstance(children_data, list):
        problems.append(f"{here}: 'children' must be a list")
        children_data = []
    children = _read_nodes(children_data, here, problems)
    return Region(code, name, children) if name is not None else None


def _read_name(data: object, where: str, problems: list[str]) -> LocalText | None:
    if (
        not isinstance(data, dict)
        or not data
        or not all(isinstance(value, str) and value.strip() for value in data.values())
    ):
        problems.append(f"{where}: 'name' must map languages to non-empty names")
        return None
    return LocalText({str(language): str(text) for language, text in data.items()})
