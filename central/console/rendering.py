"""Turning a template into a page: one Jinja2 environment per language.

Autoescaping is on for every template: answers, labels, feedback and names
are untrusted text (typed at a kiosk by anyone) and must never become markup.
Each language has its own environment because Jinja2's gettext is installed
on the environment, and requests in both languages are served at once.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from central.console import i18n
from central.console.labels import labels


@cache
def environment(language: str) -> Environment:
    """The template environment speaking ``language``."""
    env = Environment(
        loader=PackageLoader("central.console", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals["local_time"] = i18n.local_time
    env.globals["language_names"] = i18n.LANGUAGE_NAMES
    env.globals["labels"] = labels(language)
    return env


def render(language: str, template: str, values: dict[str, Any]) -> str:
    """The page ``template`` filled with ``values``."""
    return environment(language).get_template(template).render(**values)
