"""A pack as the review shows it: read through the evidence schema, damage included.

A missing or garbled artifact does not abort the review: it is shown as such (``None``
with a problem line), because the operator must see a damaged pack in order to reject it.
Only an index that cannot be read at all stops the review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import msgspec

from orchestrator.core.errors import IntegrityError, UsageError
from orchestrator.core.fileio import read_bytes
from orchestrator.evidence import names
from orchestrator.evidence.events import AnyEvent, RunStarted, event_decoder, line_decoder
from orchestrator.evidence.schema import (
    CriticOutput,
    PackIndex,
    ProposerOutput,
    RunManifest,
    ScopeCheck,
    SodCheck,
)

__all__ = ["PackView", "load_pack"]

T = TypeVar("T")


@dataclass(frozen=True)
class PackView:
    """Everything the report shows; a file that could not be read is None, with a problem."""

    path: Path
    index: PackIndex
    index_bytes: bytes
    manifest: RunManifest | None
    proposer: ProposerOutput | None
    critic: CriticOutput | None
    sod: SodCheck | None
    scope: ScopeCheck | None
    events: tuple[AnyEvent, ...]
    problems: tuple[str, ...]

    @property
    def per_run_limit_usd(self) -> float | None:
        return next(
            (e.plan.per_run_limit_usd for e in self.events if isinstance(e, RunStarted)), None
        )


def load_pack(pack: Path) -> PackView:
    """Read a pack for review; exit 1 when it is not a pack, exit 5 when its index is unreadable."""
    if not pack.is_dir():
        raise UsageError(f"{pack} is not an evidence pack: no such directory")
    index_path = pack / names.INDEX
    if not index_path.exists():
        raise UsageError(f"{pack} is not an evidence pack: it has no {names.INDEX}")
    index_bytes = read_bytes(index_path, what="evidence-pack index", error=UsageError)
    try:
        index = msgspec.json.decode(index_bytes, type=PackIndex)
    except msgspec.DecodeError as exc:
        raise IntegrityError(f"{index_path} is not a valid evidence-pack index: {exc}") from exc
    problems: list[str] = []

    def read(name: str, into: type[T]) -> T | None:
        return _read(pack, name, lambda data: msgspec.json.decode(data, type=into), problems)

    return PackView(
        path=pack,
        index=index,
        index_bytes=index_bytes,
        manifest=read(names.MANIFEST, RunManifest),
        proposer=read(names.PROPOSER_OUTPUT, ProposerOutput),
        critic=read(names.CRITIC_OUTPUT, CriticOutput),
        sod=read(names.SOD_CHECK, SodCheck),
        scope=read(names.SCOPE_CHECK, ScopeCheck),
        events=_read(pack, names.EVENTS, lambda data: _events(data, problems), problems) or (),
        problems=tuple(problems),
    )


def _read(pack: Path, name: str, decode: Callable[[bytes], T], problems: list[str]) -> T | None:
    try:
        data = (pack / name).read_bytes()
    except FileNotFoundError:
        problems.append(f"{name}: missing")
        return None
    except OSError as exc:
        problems.append(f"{name}: cannot be read ({exc.strerror})")
        return None
    try:
        return decode(data)
    except msgspec.DecodeError as exc:
        problems.append(f"{name}: cannot be decoded ({exc})")
        return None


def _events(data: bytes, problems: list[str]) -> tuple[AnyEvent, ...]:
    events: list[AnyEvent] = []
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            events.append(event_decoder().decode(line_decoder.decode(line).event))
        except msgspec.DecodeError as exc:
            problems.append(f"{names.EVENTS} line {number}: cannot be decoded ({exc})")
    return tuple(events)
