"""The capability-scope policy: what a Proposer may emit before its outlook moves on.

Everything it enforces comes from the :class:`~orchestrator.core.config.CapabilityScope`: which
output types are allowed or forbidden, which constraints hold, the scenario bounds. Types
are matched fail-closed: a forbidden type is recognised in any spelling
(:func:`policies.normalize.type_key`), an allowed type only by its exact name, and anything
else is unknown and blocked. Independently of the types, every string is content-scanned
for forbidden intent (:mod:`policies.scan`), also inside allowed outputs, and the raw text
of a typed answer is scanned as well as its decoded items. Which intent categories are
enforced follows from the forbidden types (:func:`policies.scan.enforced_categories`).

Rule ids: ``scope.forbidden_output_type``, ``scope.unknown_output_type``,
``scope.invalid_output``, ``scope.missing_uncertainty``, ``scope.missing_no_trade_triggers``,
``scope.scenario_count``, ``scope.missing_rationale`` and the ``scope.forbidden_intent.*``
rules of the content scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal, NamedTuple, cast

import msgspec

from orchestrator.core.config import CapabilityScope
from orchestrator.core.contract import (
    OUTPUT_TYPES,
    NoTradeTriggers,
    OutputItem,
    ParsedProposal,
)
from orchestrator.core.decoding import error_location
from policies.findings import ScopeReport, Violation
from policies.free_text import count_scenarios, has_no_trade_triggers, has_uncertainty
from policies.json_blocks import embedded_json, plain_text, walk_json
from policies.normalize import type_key
from policies.scan import (
    Category,
    Field,
    Scanner,
    enforced_categories,
    not_enforced_notes,
    scanner_for,
    vocabulary_dir,
)

__all__ = [
    "RULE_FORBIDDEN_OUTPUT_TYPE",
    "RULE_INVALID_OUTPUT",
    "RULE_MISSING_NO_TRADE_TRIGGERS",
    "RULE_MISSING_RATIONALE",
    "RULE_MISSING_UNCERTAINTY",
    "RULE_SCENARIO_COUNT",
    "RULE_UNKNOWN_OUTPUT_TYPE",
    "ParsedProposal",
    "ScopeReport",
    "check_critique",
    "check_proposal",
    "typed_outputs",
]

RULE_FORBIDDEN_OUTPUT_TYPE: Final = "scope.forbidden_output_type"
RULE_UNKNOWN_OUTPUT_TYPE: Final = "scope.unknown_output_type"
RULE_INVALID_OUTPUT: Final = "scope.invalid_output"
RULE_MISSING_UNCERTAINTY: Final = "scope.missing_uncertainty"
RULE_MISSING_NO_TRADE_TRIGGERS: Final = "scope.missing_no_trade_triggers"
RULE_SCENARIO_COUNT: Final = "scope.scenario_count"
RULE_MISSING_RATIONALE: Final = "scope.missing_rationale"

_MUST_INCLUDE_UNCERTAINTY: Final = "must_include_uncertainty"
_MUST_INCLUDE_NO_TRADE_TRIGGERS: Final = "must_include_no_trade_triggers"
# Constraints the content scan enforces whatever their value: it always runs.
_SCANNED_CONSTRAINTS: Final = frozenset(
    {
        "no_execution_trigger",
        "no_order_parameters",
        "no_risk_limit_change",
        "no_live_toggle",
        "no_portfolio_rebalance",
    }
)
_UNCERTAINTY_TYPE: Final = "UncertaintyAssessment"
_TRIGGERS_TYPE: Final = "NoTradeTriggers"
_SCENARIO_TYPE: Final = "ScenarioReport"


class _Reviewed(msgspec.Struct, frozen=True, gc=False):
    """One raw output item after the type rules (a Struct: built in C, once per item)."""

    position: int  # in outputs
    name: str | None  # the "type" as given, None when it is missing or not a string
    allowed: bool  # exactly an allowed name and not forbidden: its contract applies
    output: OutputItem | None  # the strictly decoded item, when it decodes
    violation: Violation | None  # of the type rules or the item's contract


class _Rules(NamedTuple):
    """What the checks of typed proposals derive from a scope, derived once per scope."""

    scope: CapabilityScope  # the scope they are of: an entry is found by its id
    forbidden: dict[str, str]  # :func:`_forbidden_keys`
    allowed: frozenset[str]
    scanner: Scanner
    categories: frozenset[Category]
    notes: tuple[str, ...]  # :func:`_constraint_notes`


# Keyed by the scope's id; each entry holds its scope, so the id is not reused meanwhile.
_RULES: dict[int, _Rules] = {}
_RULES_KEPT: Final = 64


def _rules(scope: CapabilityScope) -> _Rules:
    """The scope's derived rules: a run checks every message against the same few scopes."""
    rules = _RULES.get(id(scope))
    if rules is None or rules.scope is not scope:
        if len(_RULES) >= _RULES_KEPT:
            _RULES.clear()
        rules = _RULES[id(scope)] = _Rules(
            scope,
            _forbidden_keys(scope),
            frozenset(scope.outputs.allowed),
            scanner_for(vocabulary_dir(scope)),
            enforced_categories(scope),
            _constraint_notes(scope),
        )
    return rules


def check_proposal(proposal: ParsedProposal, scope: CapabilityScope) -> ScopeReport:
    """Apply the scope to a proposal; FAIL iff there is a violation."""
    if proposal.format == "free_text":
        return _check_free_text(proposal.text, scope)
    rules = _rules(scope)
    scanner, categories = rules.scanner, rules.categories
    if proposal.envelope_error:
        where, _, message = proposal.envelope_error.partition(": ")
        envelope = [
            Violation(
                rule=RULE_INVALID_OUTPUT,
                location=where,
                detail=f"the proposal envelope does not decode: {message}",
            ),
            *scanner.scan_typed(proposal.text, categories),
        ]
        return _report("proposal", "typed", scope, (), envelope, rules.notes, None)

    forbidden = rules.forbidden
    reviewed = _review(proposal.items, scope, _decoded_at_once(proposal), rules)
    nested = _may_nest_anywhere(proposal)
    if not nested:  # the common case: each item adds its own violation at most
        violations = [item.violation for item in reviewed if item.violation is not None]
    else:
        violations = []
        for item, raw in zip(reviewed, proposal.items, strict=True):
            if item.violation is not None:
                violations.append(item.violation)
            content = {key: value for key, value in raw.items() if key != "type"}
            if _may_nest_types(content):
                item_nodes = list(walk_json(content, f"outputs[{item.position}]"))
                violations.extend(_nested_forbidden_types(item_nodes, forbidden, scope))
    # The raw text, not the decoded items: a duplicate key cannot hide a string from it.
    violations.extend(scanner.scan_typed(proposal.text, categories))
    if scope.validation.require_rationale:
        violations.extend(_missing_rationales(reviewed, proposal.items))
    violations.extend(_missing_required_outputs(reviewed, scope))
    count = _scenario_total(reviewed, proposal.items)
    violations.extend(_scenario_bounds(count, scope, location="outputs"))
    checked = tuple(item.name if item.name is not None else "<no type>" for item in reviewed)
    return _report("proposal", "typed", scope, checked, violations, rules.notes, count)


def typed_outputs(proposal: ParsedProposal, scope: CapabilityScope) -> tuple[OutputItem, ...]:
    """The allowed items that decode strictly, in order (empty for free text)."""
    if proposal.format != "typed":
        return ()
    reviewed = _review(proposal.items, scope)
    return tuple(item.output for item in reviewed if item.output is not None)


def check_critique(fields: Sequence[tuple[str, str]], scope: CapabilityScope) -> ScopeReport:
    """Content-scan the free text of a Critique, given as ``(location, text)`` pairs.

    The fields are read as one unit: a side in the rationale is completed by a size in
    a suggested change.
    """
    scanner = scanner_for(vocabulary_dir(scope))
    unit = [Field(location, text) for location, text in fields]
    violations = scanner.scan_fields([unit], enforced_categories(scope))
    return _report(
        "critique", "typed", scope, ("Critique",), violations, not_enforced_notes(scope), None
    )


# --- typed proposals ------------------------------------------------------------------------


def _forbidden_keys(scope: CapabilityScope) -> dict[str, str]:
    """type_key of each forbidden name -> the name as the scope lists it."""
    return {type_key(name): name for name in scope.outputs.forbidden}


def _review(
    items: Sequence[dict[str, Any]],
    scope: CapabilityScope,
    decoded: tuple[OutputItem, ...] | None = None,
    rules: _Rules | None = None,
) -> list[_Reviewed]:
    """The type rules: forbidden in any spelling, allowed by exact name, else unknown.

    ``decoded`` is every item already decoded strictly, when the whole answer decodes at
    once (the common case); each item's contract then holds and is not checked again.
    ``rules`` are :func:`_rules` of the scope, when the caller has them already.
    """
    if rules is None:
        rules = _rules(scope)
    return [
        _review_item(
            position,
            item,
            rules,
            None if decoded is None else decoded[position],
        )
        for position, item in enumerate(items)
    ]


class _AllTyped(msgspec.Struct, frozen=True):
    outputs: tuple[OutputItem, ...]


def _decoded_at_once(proposal: ParsedProposal) -> tuple[OutputItem, ...] | None:
    """Every item converted strictly in one call, or None if any fails.

    The items as parsed, not the text: they are what :func:`_decode` converts one by one
    when this fails, so both ways give the same outputs (and no JSON is parsed twice).
    """
    try:
        outputs = msgspec.convert({"outputs": proposal.items}, _AllTyped).outputs
    except (msgspec.ValidationError, RecursionError):
        return None
    return outputs if len(outputs) == len(proposal.items) else None


def _review_item(
    position: int,
    item: dict[str, Any],
    rules: _Rules,
    decoded: OutputItem | None = None,
) -> _Reviewed:
    name = item.get("type")
    if not isinstance(name, str):
        violation = Violation(
            rule=RULE_INVALID_OUTPUT,
            location=f"outputs[{position}].type",
            detail="the output has no string 'type', so no scope rule can admit it",
        )
        return _Reviewed(position, None, False, None, violation)
    key = type_key(name)
    if key in rules.forbidden:
        violation = _forbidden(name, rules.forbidden[key], f"outputs[{position}].type", rules.scope)
    elif name not in rules.allowed or name not in OUTPUT_TYPES:
        violation = _unknown(name, f"outputs[{position}].type", rules.scope)
    elif decoded is not None:
        # Positional: the common case, once per item of every typed answer.
        return _Reviewed(position, name, True, decoded, None)
    else:
        output, invalid = _decode(item, name, f"outputs[{position}]")
        return _Reviewed(position, name, True, output, invalid)
    return _Reviewed(position, name, False, None, violation)


def _may_nest_anywhere(proposal: ParsedProposal) -> bool:
    """Whether any item can hold a nested "type" or embedded JSON, read off the raw text.

    A nested object with a "type" shows one more ``"type"`` than the items have; JSON or a
    fence inside a string needs an escaped quote, a backtick or a tilde; folding can only
    make brackets from non-ASCII. Without any of these (and without a backslash, which could
    escape any of them) the per-item walks find nothing.
    """
    raw = proposal.text
    if not raw.isascii() or "\\" in raw or "`" in raw or "~" in raw:
        return True
    return raw.count('"type"') != sum("type" in item for item in proposal.items)


def _may_nest_types(content: dict[str, Any]) -> bool:
    """Whether an item holds a nested object with a "type", or a string that may hold JSON.

    A cheap walk without paths: most items hold neither, and then the located walk of
    :func:`_nested_forbidden_types` is skipped.
    """
    strings: list[str] = []
    stack: list[Any] = list(content.values())
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            if "type" in node:
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return not plain_text("\n".join(strings))


def _nested_forbidden_types(
    nodes: Sequence[tuple[str, Any]], forbidden: dict[str, str], scope: CapabilityScope
) -> list[Violation]:
    """Forbidden types inside an item (its walked nodes): nested objects, embedded JSON."""
    violations: list[Violation] = []
    for path, node in nodes:
        if isinstance(node, dict):
            name = node.get("type")
            if isinstance(name, str) and type_key(name) in forbidden:
                listed = forbidden[type_key(name)]
                violations.append(_forbidden(name, listed, f"{path}.type", scope))
        elif isinstance(node, str) and not plain_text(node):
            violations.extend(_forbidden_types_in_text(node, path, forbidden, scope))
    return violations


def _forbidden_types_in_text(
    text: str, location: str, forbidden: dict[str, str], scope: CapabilityScope
) -> list[Violation]:
    """Forbidden types in JSON embedded in a text, located by block as the content scan does."""
    violations: list[Violation] = []
    for where, value in embedded_json(text):
        for path, node in walk_json(value, "$"):
            name = node.get("type") if isinstance(node, dict) else None
            if isinstance(name, str) and type_key(name) in forbidden:
                listed = forbidden[type_key(name)]
                block = f"{location} {where}"
                violations.append(_forbidden(name, listed, block, scope, at=f"{path}.type"))
    return violations


def _forbidden(
    name: str, listed: str, location: str, scope: CapabilityScope, *, at: str = ""
) -> Violation:
    spelled = "" if name == listed else f" (spelled {name!r})"
    where = f" at {at}" if at else ""
    return Violation(
        rule=RULE_FORBIDDEN_OUTPUT_TYPE,
        location=location,
        detail=f"{listed!r}{spelled}{where} is forbidden by scope {_scope_name(scope)}",
    )


def _unknown(name: str, location: str, scope: CapabilityScope) -> Violation:
    allowed = scope.outputs.allowed
    near = [a for a in allowed if type_key(a) == type_key(name)]
    if name in allowed:
        why = "is allowed by the scope but has no typed contract in orchestrator.core.contract"
    elif near:
        why = f"is not allowed; type names match exactly (the allowed name is {near[0]!r})"
    else:
        why = f"is neither allowed nor forbidden (allowed: {', '.join(allowed) or 'none'})"
    return Violation(
        rule=RULE_UNKNOWN_OUTPUT_TYPE,
        location=location,
        detail=f"{name!r} {why} in scope {_scope_name(scope)}",
    )


def _decode(
    item: dict[str, Any], name: str, where: str
) -> tuple[OutputItem | None, Violation | None]:
    try:
        output = cast("OutputItem", msgspec.convert(item, OUTPUT_TYPES[name]))
    except msgspec.ValidationError as exc:
        path, message = error_location(exc, where)
        detail = f"{name} does not match its contract: {message}"
        return None, Violation(rule=RULE_INVALID_OUTPUT, location=path, detail=detail)
    return output, None


def _missing_rationales(
    reviewed: Sequence[_Reviewed], items: Sequence[dict[str, Any]]
) -> list[Violation]:
    violations: list[Violation] = []
    for item in reviewed:
        if not (item.allowed and item.name == _SCENARIO_TYPE):
            continue
        scenarios = items[item.position].get("scenarios")
        if not isinstance(scenarios, list):
            continue  # the contract violation is reported already
        for position, scenario in enumerate(scenarios):
            if not isinstance(scenario, dict):
                continue
            rationale = scenario.get("rationale")
            if rationale is None or (isinstance(rationale, str) and not rationale.strip()):
                violations.append(
                    Violation(
                        rule=RULE_MISSING_RATIONALE,
                        location=f"outputs[{item.position}].scenarios[{position}].rationale",
                        detail=f"scenario {scenario.get('id', position)!r} has no rationale; "
                        "the scope requires one (validation.require_rationale)",
                    )
                )
    return violations


def _missing_required_outputs(
    reviewed: Sequence[_Reviewed], scope: CapabilityScope
) -> list[Violation]:
    # An allowed item that failed its contract was reported as invalid; calling it missing
    # as well would send the reader after the wrong problem.
    violations: list[Violation] = []
    present = [item.name for item in reviewed if item.allowed]
    if (
        scope.constraints.get(_MUST_INCLUDE_UNCERTAINTY) is True
        and _UNCERTAINTY_TYPE not in present
    ):
        violations.append(
            Violation(
                rule=RULE_MISSING_UNCERTAINTY,
                location="outputs",
                detail=f"no {_UNCERTAINTY_TYPE} output; the scope requires one "
                f"(constraints.{_MUST_INCLUDE_UNCERTAINTY})",
            )
        )
    if scope.constraints.get(_MUST_INCLUDE_NO_TRADE_TRIGGERS) is True:
        triggers = [item for item in reviewed if item.allowed and item.name == _TRIGGERS_TYPE]
        listed = any(
            item.output is None  # invalid, reported already
            or (isinstance(item.output, NoTradeTriggers) and item.output.triggers)
            for item in triggers
        )
        if not listed:
            location = f"outputs[{triggers[0].position}].triggers" if triggers else "outputs"
            what = "lists no trigger" if triggers else "output is missing"
            violations.append(
                Violation(
                    rule=RULE_MISSING_NO_TRADE_TRIGGERS,
                    location=location,
                    detail=f"the {_TRIGGERS_TYPE} {what}; the scope requires at least one "
                    f"no-trade trigger (constraints.{_MUST_INCLUDE_NO_TRADE_TRIGGERS})",
                )
            )
    return violations


def _scenario_total(reviewed: Sequence[_Reviewed], items: Sequence[dict[str, Any]]) -> int:
    # Counted from the raw items, so that a report failing its contract for one field
    # still shows how many scenarios were proposed.
    total = 0
    for item in reviewed:
        if item.allowed and item.name == _SCENARIO_TYPE:
            scenarios = items[item.position].get("scenarios")
            total += len(scenarios) if isinstance(scenarios, list) else 0
    return total


# --- free text -----------------------------------------------------------------------------


def _check_free_text(text: str, scope: CapabilityScope) -> ScopeReport:
    location = "free_text"
    scanner = scanner_for(vocabulary_dir(scope))
    violations = scanner.scan_fields([[Field(location, text)]], enforced_categories(scope))
    violations.extend(_forbidden_types_in_text(text, location, _forbidden_keys(scope), scope))
    if scope.constraints.get(_MUST_INCLUDE_UNCERTAINTY) is True and not has_uncertainty(text):
        violations.append(
            Violation(
                rule=RULE_MISSING_UNCERTAINTY,
                location=location,
                detail="no labelled uncertainty section; the scope requires one "
                f"(constraints.{_MUST_INCLUDE_UNCERTAINTY})",
            )
        )
    if scope.constraints.get(_MUST_INCLUDE_NO_TRADE_TRIGGERS) is True and not (
        has_no_trade_triggers(text)
    ):
        violations.append(
            Violation(
                rule=RULE_MISSING_NO_TRADE_TRIGGERS,
                location=location,
                detail="no labelled, non-empty no-trade triggers section; the scope requires "
                f"one (constraints.{_MUST_INCLUDE_NO_TRADE_TRIGGERS})",
            )
        )
    count = count_scenarios(text)
    violations.extend(_scenario_bounds(count, scope, location=location))
    notes = _constraint_notes(scope)
    if scope.validation.require_rationale:
        notes += ("validation.require_rationale: not evaluated for free text",)
    return _report("proposal", "free_text", scope, ("FreeText",), violations, notes, count)


# --- shared -------------------------------------------------------------------------------


def _scenario_bounds(count: int, scope: CapabilityScope, *, location: str) -> list[Violation]:
    low, high = scope.validation.min_scenario_count, scope.validation.max_scenario_count
    noun = "scenario" if count == 1 else "scenarios"
    if low is not None and count < low:
        detail = f"{count} {noun}, the scope requires at least {low}"
        key = "min_scenario_count"
    elif high is not None and count > high:
        detail = f"{count} {noun}, the scope allows at most {high}"
        key = "max_scenario_count"
    else:
        return []
    return [
        Violation(
            rule=RULE_SCENARIO_COUNT, location=location, detail=f"{detail} (validation.{key})"
        )
    ]


def _constraint_notes(scope: CapabilityScope) -> tuple[str, ...]:
    """What the report did with each constraint it did not enforce as stated."""
    notes: list[str] = []
    for name, value in sorted(scope.constraints.items()):
        if name in _SCANNED_CONSTRAINTS:
            if not value:
                notes.append(f"constraints.{name} = false: the content scan runs regardless")
        elif name in (_MUST_INCLUDE_UNCERTAINTY, _MUST_INCLUDE_NO_TRADE_TRIGGERS):
            if not value:
                notes.append(f"constraints.{name} = false: not enforced")
        else:
            notes.append(f"constraints.{name}: not a known constraint, not enforced")
    return tuple(notes)


def _report(
    subject: Literal["proposal", "critique"],
    fmt: Literal["typed", "free_text"],
    scope: CapabilityScope,
    checked: tuple[str, ...],
    violations: Sequence[Violation],
    notes: tuple[str, ...],
    scenario_count: int | None,
) -> ScopeReport:
    return ScopeReport(
        result="FAIL" if violations else "PASS",
        subject=subject,
        format=fmt,
        scope_id=scope.scope_id,
        scope_version=scope.scope.version,
        checked_outputs=checked,
        violations=tuple(violations),
        notes=notes,
        scenario_count=scenario_count,
    )


def _scope_name(scope: CapabilityScope) -> str:
    return scope.scope_id or scope.scope.layer_id
