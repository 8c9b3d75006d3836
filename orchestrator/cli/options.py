"""Options shared by several commands, and the validator for flag combinations.

Flag combinations are checked by cyclopts group validators (:class:`Requires`) before a
command runs, so a command body only sees consistent options.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from cyclopts import Parameter

if TYPE_CHECKING:
    from cyclopts.argument import ArgumentCollection

__all__ = ["ConfigDir", "Requires"]

ConfigDir = Annotated[
    Path | None,
    Parameter(
        help="Folder with model_registry.toml, capability_scopes/ and scenarios/ "
        "(default: the checkout's config/, else the one this installation ships)."
    ),
]


class Requires:
    """Group validator: when any of ``when`` is given, ``need`` must be given and ``forbid`` not."""

    def __init__(
        self, when: Sequence[str], *, need: Sequence[str] = (), forbid: Sequence[str] = ()
    ) -> None:
        self.when, self.need, self.forbid = tuple(when), tuple(need), tuple(forbid)

    def __call__(self, arguments: ArgumentCollection) -> None:
        given = {a.name for a in arguments.filter_by(value_set=True)}
        trigger = next((name for name in self.when if name in given), None)
        if trigger is None:
            return
        missing = [name for name in self.need if name not in given]
        if missing:
            raise ValueError(f"{trigger} needs {' and '.join(missing)}")
        clash = [name for name in self.forbid if name in given]
        if clash:
            raise ValueError(f"{trigger} cannot be combined with {', '.join(clash)}")
