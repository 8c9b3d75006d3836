"""Suites: named lists of fixed scenarios, re-run as a batch and compared for drift (SPEC §9).

A suite file ``config/suites/<id>.toml`` lists entries; each names a scenario file
(``config/scenarios/<scenario>.toml``) and pins the prompt variables and the market data
snapshot that scenario is run with. :func:`load_suite` decodes the file with typed Structs
and resolves every entry into the :class:`~orchestrator.core.config.ScenarioConfig` a run
is planned from, so a bad suite fails before anything runs, naming the file and the field.

How an entry combines with its scenario file (the scenario's prompts are never changed):

1. the scenario's ``[scenario.inputs]`` are the defaults;
2. the entry's ``variables`` replace inputs of the same name; each must be a ``{name}``
   placeholder of the proposer's or the critic's user prompt (else it would silently do
   nothing), and none may take a name the supervisor fills (``proposal``, ``output_hash``,
   ``proposer_run_id``) or ``snapshot``;
3. the entry's ``snapshot`` becomes the input ``snapshot``, rendered by
   :func:`render_snapshot` as one ``- key: value`` line per field in key order, so the
   proposer prompt must contain ``{snapshot}`` exactly when the entry has a snapshot;
4. after that, every placeholder of both user prompts must be filled, by the inputs or by
   the supervisor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import msgspec

from orchestrator.core.config import (
    ScenarioConfig,
    _check_named,
    _convert,
    _read_named,
    load_scenario,
)
from orchestrator.core.errors import ConfigError
from orchestrator.core.patterns import lazy_pattern

__all__ = [
    "PLACEHOLDER",
    "SUPERVISOR_FILLED",
    "ResolvedEntry",
    "SnapshotValue",
    "Suite",
    "SuiteEntry",
    "load_suite",
    "parse_snapshot",
    "render_snapshot",
    "replay_fixture_name",
]

SnapshotValue = str | int | float | bool

# The placeholders the run plan fills in user prompts; the same pattern as the plan's.
PLACEHOLDER: Final = lazy_pattern(r"\{([a-z_]+)\}")
SUPERVISOR_FILLED: Final = frozenset({"proposal", "output_hash", "proposer_run_id"})
SNAPSHOT_INPUT: Final = "snapshot"
# Entry ids name packs and fixture files; snapshot keys become prompt lines.
_ENTRY_ID: Final = lazy_pattern(r"[a-z0-9][a-z0-9-]{0,63}")
_SNAPSHOT_KEY: Final = lazy_pattern(r"[a-z][a-z0-9_]{0,63}")
_SNAPSHOT_LINE: Final = lazy_pattern(
    r"^- (?P<key>[a-z][a-z0-9_]{0,63}): (?P<value>.*)$", re.MULTILINE
)


class SuiteEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One entry as written in the suite file."""

    id: str
    scenario: str
    description: str = ""
    variables: dict[str, str] = {}
    snapshot: dict[str, SnapshotValue] = {}


class _SuiteTable(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: str
    layer: str
    description: str
    # Converted entry by entry, so that errors can name the entry and the snapshot key.
    entries: tuple[dict[str, Any], ...]


class _SuiteFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    suite: _SuiteTable


class ResolvedEntry(msgspec.Struct, frozen=True, kw_only=True):
    """An entry ready to run: ``scenario`` carries the combined inputs.

    ``scenario.path`` and ``scenario.sha256`` still name the scenario file, and
    ``suite_path`` and ``suite_sha256`` the suite file it was read from, so a run's inputs
    manifest lists both.
    """

    entry: SuiteEntry
    scenario: ScenarioConfig
    suite_path: str
    suite_sha256: str

    @property
    def id(self) -> str:
        return self.entry.id


class Suite(msgspec.Struct, frozen=True, kw_only=True):
    """A loaded suite; ``sha256`` covers exactly the bytes of the suite file."""

    id: str
    layer: str
    description: str
    entries: tuple[ResolvedEntry, ...]
    path: str
    sha256: str

    def entry(self, entry_id: str) -> ResolvedEntry:
        for resolved in self.entries:
            if resolved.id == entry_id:
                return resolved
        known = ", ".join(e.id for e in self.entries)
        raise ConfigError(
            f"suite {self.id!r} has no entry {entry_id!r} (entries: {known})",
            path=Path(self.path),
        )


def load_suite(config_dir: Path, suite_id: str) -> Suite:
    """Decode ``config/suites/<suite_id>.toml`` and resolve each entry with its scenario."""
    path, table, digest = _read_named(config_dir, "suite", suite_id)
    suite = _convert(table, _SuiteFile, path).suite
    _check_named(path, "suite.id", suite.id)
    if not suite.entries:
        raise ConfigError(
            f"{path}: field suite.entries: a suite needs at least one entry", path=path
        )
    seen: set[str] = set()
    resolved = []
    for index, table in enumerate(suite.entries):
        where = f"suite.entries[{index}]"
        _check_snapshot_types(table.get("snapshot"), path=path, where=where)
        entry = _convert(table, SuiteEntry, path, where)
        if not _ENTRY_ID.fullmatch(entry.id):
            raise ConfigError(
                f"{path}: field {where}.id: {entry.id!r} must be lower-case letters, digits and "
                "dashes (it names packs and fixture files)",
                path=path,
            )
        if entry.id in seen:
            raise ConfigError(
                f"{path}: field {where}.id: {entry.id!r} appears twice in the suite", path=path
            )
        seen.add(entry.id)
        scenario = _resolve(entry, config_dir, layer=suite.layer, path=path, where=where)
        resolved.append(
            ResolvedEntry(entry=entry, scenario=scenario, suite_path=str(path), suite_sha256=digest)
        )
    return Suite(
        id=suite.id,
        layer=suite.layer,
        description=suite.description,
        entries=tuple(resolved),
        path=str(path),
        sha256=digest,
    )


def _check_snapshot_types(snapshot: object, *, path: Path, where: str) -> None:
    # msgspec names a bad dict value "snapshot[...]"; the user needs to know which key.
    if not isinstance(snapshot, dict):
        return
    for key, value in snapshot.items():
        if not isinstance(value, str | int | float | bool):
            raise ConfigError(
                f"{path}: field {where}.snapshot.{key}: a {type(value).__name__} is not a "
                "snapshot value (strings, integers, floats or booleans; quote dates)",
                path=path,
            )


def _resolve(
    entry: SuiteEntry, config_dir: Path, *, layer: str, path: Path, where: str
) -> ScenarioConfig:
    """The entry's scenario with its inputs combined (see the module docstring)."""
    scenario = load_scenario(config_dir, entry.scenario)
    if scenario.layer != layer:
        raise ConfigError(
            f"{path}: field {where}.scenario: {entry.scenario!r} is a layer {scenario.layer} "
            f"scenario in a layer {layer} suite",
            path=path,
        )
    used = _placeholders(scenario)
    for name in sorted(entry.variables):
        if name in SUPERVISOR_FILLED or name == SNAPSHOT_INPUT:
            raise ConfigError(
                f"{path}: field {where}.variables.{name}: the name is reserved "
                f"({'the supervisor fills it' if name != SNAPSHOT_INPUT else 'use snapshot'})",
                path=path,
            )
        if name not in used:
            raise ConfigError(
                f"{path}: field {where}.variables.{name}: scenario {entry.scenario!r} has no "
                f"{{{name}}} in its user prompts",
                path=path,
            )
    for key, value in sorted(entry.snapshot.items()):
        if not _SNAPSHOT_KEY.fullmatch(key):
            raise ConfigError(
                f"{path}: field {where}.snapshot.{key}: keys are lower-case letters, digits "
                "and underscores, starting with a letter",
                path=path,
            )
        if isinstance(value, str) and ("\n" in value or "\r" in value):
            raise ConfigError(
                f"{path}: field {where}.snapshot.{key}: a snapshot value is one line", path=path
            )
    if SNAPSHOT_INPUT in scenario.inputs:
        raise ConfigError(
            f"{scenario.path}: field scenario.inputs.{SNAPSHOT_INPUT}: the name is reserved for "
            "the snapshot of a suite entry",
            path=Path(scenario.path),
        )
    inputs = {**scenario.inputs, **entry.variables}
    if entry.snapshot:
        if SNAPSHOT_INPUT not in _placeholders(scenario, proposer_only=True):
            raise ConfigError(
                f"{path}: field {where}.snapshot: scenario {entry.scenario!r} has no "
                "{snapshot} in its proposer prompt, so the data would never reach the model",
                path=path,
            )
        inputs[SNAPSHOT_INPUT] = render_snapshot(entry.snapshot)
    missing = sorted(used - SUPERVISOR_FILLED - inputs.keys())
    if missing:
        names = ", ".join(f"{{{name}}}" for name in missing)
        raise ConfigError(
            f"{path}: field {where}: scenario {entry.scenario!r} needs {names}, which neither "
            "its inputs nor the entry fill",
            path=path,
        )
    return msgspec.structs.replace(scenario, inputs=inputs)


def _placeholders(scenario: ScenarioConfig, *, proposer_only: bool = False) -> set[str]:
    prompts = (
        [scenario.proposer.user]
        if proposer_only
        else [
            scenario.proposer.user,
            scenario.critic.user,
        ]
    )
    return {match[1] for prompt in prompts for match in PLACEHOLDER.finditer(prompt)}


def render_snapshot(snapshot: Mapping[str, SnapshotValue]) -> str:
    """The snapshot as prompt text: ``- key: value`` lines in key order.

    Numbers are written as Python writes them (the shortest text that reads back as the
    same float), booleans as TOML does, so the same file always gives the same prompt.
    """
    return "\n".join(f"- {key}: {_scalar(snapshot[key])}" for key in sorted(snapshot))


def parse_snapshot(text: str) -> dict[str, str]:
    """The ``- key: value`` lines of a prompt, as rendered by :func:`render_snapshot`."""
    return {m["key"]: m["value"] for m in _SNAPSHOT_LINE.finditer(text)}


def _scalar(value: SnapshotValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def replay_fixture_name(entry_id: str, sample: int) -> str:
    """The file name of an entry's replay fixture in a fixture set folder (sample from 0)."""
    return f"{entry_id}.sample-{sample}.json"
