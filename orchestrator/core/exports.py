"""Lazy package facades: a package re-exports its public names without importing them all.

``pilot verify`` must not load the content scanner, nor ``pilot run`` the review renderer,
just because a package ``__init__`` re-exports them. A facade keeps its explicit
``__all__`` and names the module each public name lives in; that module is imported on
first attribute access (PEP 562).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, public: Iterable[str], homes: Mapping[str, Iterable[str]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``__all__`` is ``public``.

    ``homes`` maps each defining module to the public names it provides; every name of
    ``__all__`` must have exactly one home.
    """
    where = {name: module for module, names in homes.items() for name in names}
    if sorted(where) != sorted(public):
        raise ImportError(f"{package}: __all__ and the facade's homes disagree")

    def __getattr__(name: str) -> Any:
        home = where.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(home), name)

    def __dir__() -> list[str]:
        return sorted(where)

    return __getattr__, __dir__
