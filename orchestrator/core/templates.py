"""Markup from templates: one way to set up Jinja2 for the pilot's reports.

HTML and Markdown reports (the review, drift, batch and KPI reports) render from template
files shipped as package data in ``<package>/templates/``, with ``StrictUndefined`` (a name a
template misspells is an error, not an empty string). HTML is autoescaped; Markdown passes
every value through :func:`escape_markdown`, so model text can open no markup, link or table
cell. Jinja2 is imported by the commands that render, never at start-up of the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import jinja2

from orchestrator.core.patterns import lazy_pattern

__all__ = ["escape_markdown", "template_environment"]

_MARKDOWN_SPECIAL: Final = lazy_pattern(r"([\\`*_\[\]<>|#!~])")


def escape_markdown(value: Any) -> str:
    """Any value as inert Markdown text on one line."""
    text = " ".join(str(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def template_environment(
    package: str,
    *,
    markdown: bool = False,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    finalize: Callable[[Any], Any] | None = None,
) -> jinja2.Environment:
    """The templates of ``package``: HTML autoescaped, or Markdown with every value escaped
    (``finalize`` replaces :func:`escape_markdown` where a report emits its own links)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=not markdown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=(finalize or escape_markdown) if markdown else None,
    )
    environment.filters.update(filters or {})
    return environment
