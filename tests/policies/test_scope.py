"""The capability-scope policy on typed and free-text proposals, and on critiques."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from agents.parsing import parse_proposal
from orchestrator.core.config import CapabilityScope, load_scope
from orchestrator.core.contract import (
    MacroOutlook,
    NoTradeTriggers,
    ParsedProposal,
    RegimeClassification,
    RiskContext,
    ScenarioReport,
    UncertaintyAssessment,
)
from policies import (
    ScopeReport,
    Violation,
    check_critique,
    check_proposal,
    typed_outputs,
)

ALLOWED = [
    "ScenarioReport",
    "RegimeClassification",
    "NoTradeTriggers",
    "RiskContext",
    "MacroOutlook",
    "UncertaintyAssessment",
]
FORBIDDEN = [
    "OrderParameters",
    "ExecutionCommand",
    "RiskLimitChange",
    "LiveToggle",
    "PortfolioRebalance",
]
SCOPE_TOML = """\
[scope]
layer_id = "L2"
version = "1.0"

[outputs]
allowed = ["ScenarioReport", "RegimeClassification", "NoTradeTriggers", "RiskContext",
           "MacroOutlook", "UncertaintyAssessment"]
forbidden = ["OrderParameters", "ExecutionCommand", "RiskLimitChange", "LiveToggle",
             "PortfolioRebalance"]

[constraints]
no_execution_trigger = true
no_order_parameters = true
no_risk_limit_change = true
must_include_uncertainty = true
must_include_no_trade_triggers = true

[validation]
min_scenario_count = 2
max_scenario_count = 5
require_rationale = true
"""
SEED = (
    "# Market Outlook Q1 2026\n\n## Scenario Analysis\n\n**Base Case:** Moderate growth with "
    "elevated uncertainty.\n\n**Key Drivers:**\n- Central bank policy normalization\n"
    "- Geopolitical tensions remain elevated\n- Tech sector consolidation\n\n"
    "**No-Trade Triggers:**\n- VIX > 30\n- Credit spreads > 200bps\n\n"
    "**Uncertainty Level:** HIGH (geopolitical risks)"
)


def make_scope(
    *,
    allowed: list[str] | None = None,
    forbidden: list[str] | None = None,
    constraints: dict[str, bool] | None = None,
    minimum: int | None = 2,
    maximum: int | None = 5,
    require_rationale: bool = True,
) -> CapabilityScope:
    return msgspec.convert(
        {
            "scope": {"layer_id": "L2", "version": "1.0"},
            "outputs": {
                "allowed": ALLOWED if allowed is None else allowed,
                "forbidden": FORBIDDEN if forbidden is None else forbidden,
            },
            "constraints": {
                "no_execution_trigger": True,
                "no_order_parameters": True,
                "no_risk_limit_change": True,
                "must_include_uncertainty": True,
                "must_include_no_trade_triggers": True,
            }
            if constraints is None
            else constraints,
            "validation": {
                "min_scenario_count": minimum,
                "max_scenario_count": maximum,
                "require_rationale": require_rationale,
            },
        },
        CapabilityScope,
    )


def scenario(ident: str, rationale: str | None = "Disinflation continues.") -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": ident,
        "name": f"Scenario {ident}",
        "description": "Equities grind higher; short-term volatility stays contained.",
        "probability": 0.5,
    }
    if rationale is not None:
        item["rationale"] = rationale
    return item


def outlook() -> list[dict[str, Any]]:
    """A complete typed outlook that the L2 scope admits."""
    return [
        {
            "type": "MacroOutlook",
            "summary": "Growth slows modestly; central banks may cut rates gradually.",
            "drivers": ["policy normalisation", "geopolitics"],
        },
        {
            "type": "RegimeClassification",
            "regime": "late-cycle",
            "confidence": 0.6,
            "rationale": "Slowing growth with easing inflation.",
        },
        {
            "type": "ScenarioReport",
            "horizon": "Q1 2026",
            "scenarios": [scenario("s1"), scenario("s2")],
        },
        {
            "type": "NoTradeTriggers",
            "triggers": [{"id": "t1", "condition": "VIX > 30", "rationale": "Stress regime."}],
        },
        {
            "type": "RiskContext",
            "summary": "Risk limits are unchanged; no order parameters are given.",
            "risks": [{"id": "r1", "description": "Geopolitical escalation", "severity": "HIGH"}],
        },
        {
            "type": "UncertaintyAssessment",
            "level": "HIGH",
            "drivers": ["election timing"],
            "rationale": "Wide dispersion of outcomes; do not execute any trades on this basis.",
        },
    ]


def typed(items: list[dict[str, Any]]) -> ParsedProposal:
    return parse_proposal(json.dumps({"outputs": items}))


def found(report: ScopeReport) -> list[tuple[str, str]]:
    return [(v.rule, v.location) for v in report.violations]


# --- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"outputs": outlook()}),
        "  \n" + json.dumps({"outputs": outlook()}, indent=2) + "\n\n",
        "\ufeff" + json.dumps({"outputs": outlook()}),
        "```json\n" + json.dumps({"outputs": outlook()}, indent=2) + "\n```",
        "```\n" + json.dumps({"outputs": outlook()}) + "\n```\n",
        "~~~JSON\n" + json.dumps({"outputs": outlook()}) + "\n~~~",
    ],
)
def test_json_with_outputs_is_typed(content: str) -> None:
    """A JSON object with "outputs", bare or alone in one fenced block, is typed."""
    proposal = parse_proposal(content)
    assert proposal.format == "typed"
    assert proposal.items == tuple(outlook())
    assert proposal.text == content
    assert proposal.envelope_error == ""


@pytest.mark.parametrize(
    "content",
    [
        SEED,
        '{"summary": "no outputs key"}',
        '{"outputs": [',
        "[1, 2, 3]",
        "Here is the outlook:\n```json\n" + json.dumps({"outputs": outlook()}) + "\n```",
        "```json\n{}\n```\n```json\n{}\n```",
        "",
    ],
)
def test_anything_else_is_free_text(content: str) -> None:
    """Markdown, JSON without "outputs", broken JSON and prose around JSON are free text."""
    proposal = parse_proposal(content)
    assert proposal.format == "free_text"
    assert proposal.items == ()
    assert proposal.text == content


@pytest.mark.parametrize(
    ("content", "location", "message"),
    [
        ('{"outputs": 5}', "outputs", "Expected `array`, got `int`"),
        ('{"outputs": {"type": "MacroOutlook"}}', "outputs", "Expected `array`, got `object`"),
        ('{"outputs": [{"type": "MacroOutlook"}, 1]}', "outputs[1]", "Expected `object`"),
        ('{"outputs": [], "note": "hi"}', "note", "unknown field `note`"),
    ],
)
def test_malformed_envelope_is_typed_and_invalid(content: str, location: str, message: str) -> None:
    """An object with "outputs" that is not a ProposalBody is typed and FAILs as invalid."""
    proposal = parse_proposal(content)
    assert proposal.format == "typed"
    assert proposal.items == ()
    assert proposal.envelope_error.startswith(f"{location}: ")
    report = check_proposal(proposal, make_scope())
    assert report.result == "FAIL"
    assert found(report) == [("scope.invalid_output", location)]
    assert message in report.violations[0].detail
    assert report.checked_outputs == ()
    assert report.scenario_count is None


def test_malformed_envelope_is_still_content_scanned() -> None:
    """Intent inside a malformed envelope is reported too."""
    content = '{"outputs": "buy 100 shares of SPY at 4500"}'
    report = check_proposal(parse_proposal(content), make_scope())
    assert found(report) == [
        ("scope.invalid_output", "outputs"),
        ("scope.forbidden_intent.order", "outputs"),
    ]


# --- typed proposals -------------------------------------------------------------------------


def test_complete_typed_outlook_passes() -> None:
    """A normal complete typed outlook passes the L2 scope."""
    report = check_proposal(typed(outlook()), make_scope())
    assert report == ScopeReport(
        result="PASS",
        subject="proposal",
        format="typed",
        scope_id=make_scope().scope_id,
        scope_version="1.0",
        checked_outputs=tuple(ALLOWED[i] for i in (4, 1, 0, 2, 3, 5)),
        violations=(),
        notes=(),
        scenario_count=2,
    )


def test_typed_outputs_decodes_allowed_items_in_order() -> None:
    """typed_outputs returns the strictly decoded allowed items, skipping the rest."""
    items = outlook()
    items.insert(1, {"type": "OrderParameters", "side": "buy"})
    items.insert(3, {"type": "MacroOutlook"})  # missing summary
    outputs = typed_outputs(typed(items), make_scope())
    assert [type(o) for o in outputs] == [
        MacroOutlook,
        RegimeClassification,
        ScenarioReport,
        NoTradeTriggers,
        RiskContext,
        UncertaintyAssessment,
    ]
    assert typed_outputs(parse_proposal(SEED), make_scope()) == ()


@pytest.mark.parametrize(
    ("spelling", "listed"),
    [
        ("OrderParameters", "OrderParameters"),
        ("order_parameters", "OrderParameters"),
        ("Order Parameters", "OrderParameters"),
        ("ORDERPARAMETERS", "OrderParameters"),
        ("order-parameters", "OrderParameters"),
        ("\u041erder\u200bParameters", "OrderParameters"),
        ("Ord\u0435r\u00adParam\u0435ters", "OrderParameters"),
        ("\uff2f\uff52\uff44\uff45\uff52Parameters", "OrderParameters"),
        ("execution_command", "ExecutionCommand"),
        ("Risk Limit Change", "RiskLimitChange"),
        ("live-toggle", "LiveToggle"),
        ("PORTFOLIO_REBALANCE", "PortfolioRebalance"),
    ],
)
def test_forbidden_types_are_blocked_in_any_spelling(spelling: str, listed: str) -> None:
    """A type matching a forbidden name by type_key is blocked, whatever its spelling."""
    report = check_proposal(typed([*outlook(), {"type": spelling}]), make_scope())
    assert report.result == "FAIL"
    assert found(report) == [("scope.forbidden_output_type", "outputs[6].type")]
    assert listed in report.violations[0].detail
    assert report.checked_outputs[6] == spelling


def test_forbidden_item_with_order_keys_also_fails_the_content_scan() -> None:
    """An order-shaped forbidden item is reported for its type and for its keys."""
    item = {"type": "OrderParameters", "side": "BUY", "quantity": 100, "symbol": "SPY"}
    report = check_proposal(typed([item, *outlook()]), make_scope())
    assert found(report) == [
        ("scope.forbidden_output_type", "outputs[0].type"),
        ("scope.forbidden_intent.order", "outputs[0]"),
    ]


@pytest.mark.parametrize(
    "name",
    ["scenario_report", "ScenarioReports", "scenarioreport", "Commentary", "", "Macro Outlook"],
)
def test_unknown_types_fail_closed(name: str) -> None:
    """A type neither allowed (exactly) nor forbidden is unknown and blocked."""
    report = check_proposal(typed([*outlook(), {"type": name, "summary": "x"}]), make_scope())
    assert found(report) == [("scope.unknown_output_type", "outputs[6].type")]


def test_near_spelling_of_allowed_type_names_the_allowed_one() -> None:
    """The detail of a near-spelling says which exact name is allowed."""
    report = check_proposal(typed([*outlook(), {"type": "macro_outlook"}]), make_scope())
    assert "'MacroOutlook'" in report.violations[0].detail


@pytest.mark.parametrize(
    ("item", "location"),
    [
        ({"summary": "no type"}, "outputs[6].type"),
        ({"type": 3, "summary": "x"}, "outputs[6].type"),
        ({"type": None}, "outputs[6].type"),
        ({"type": "MacroOutlook"}, "outputs[6].summary"),
        ({"type": "MacroOutlook", "summary": 1}, "outputs[6].summary"),
        ({"type": "MacroOutlook", "summary": "x", "order": {}}, "outputs[6].order"),
        (
            {"type": "RiskContext", "summary": "x", "risks": [{"id": "r"}]},
            "outputs[6].risks[0].description",
        ),
        (
            {
                "type": "RiskContext",
                "summary": "x",
                "risks": [{"id": "r", "description": "d", "severity": "EXTREME"}],
            },
            "outputs[6].risks[0].severity",
        ),
        (
            {"type": "RegimeClassification", "regime": "x", "confidence": "high"},
            "outputs[6].confidence",
        ),
    ],
)
def test_items_that_break_their_contract_are_invalid(item: dict[str, Any], location: str) -> None:
    """An allowed item is decoded strictly; the violation names the failing field."""
    report = check_proposal(typed([*outlook(), item]), make_scope())
    assert found(report) == [("scope.invalid_output", location)]


@pytest.mark.parametrize(
    "drop",
    ["UncertaintyAssessment", "NoTradeTriggers"],
)
def test_required_outputs_missing(drop: str) -> None:
    """must_include_* constraints need their output type."""
    items = [i for i in outlook() if i["type"] != drop]
    rule = {
        "UncertaintyAssessment": "scope.missing_uncertainty",
        "NoTradeTriggers": "scope.missing_no_trade_triggers",
    }[drop]
    report = check_proposal(typed(items), make_scope())
    assert found(report) == [(rule, "outputs")]


def test_no_trade_triggers_must_list_a_trigger() -> None:
    """An empty NoTradeTriggers output does not satisfy the constraint."""
    items = outlook()
    items[3] = {"type": "NoTradeTriggers", "triggers": []}
    report = check_proposal(typed(items), make_scope())
    assert found(report) == [("scope.missing_no_trade_triggers", "outputs[3].triggers")]


def test_invalid_required_output_is_reported_once() -> None:
    """A required output that breaks its contract is invalid, not also missing."""
    items = outlook()
    items[5] = {"type": "UncertaintyAssessment", "level": "VERY HIGH"}
    report = check_proposal(typed(items), make_scope())
    assert found(report) == [("scope.invalid_output", "outputs[5].level")]


def test_required_output_spelled_wrong_is_unknown_and_missing() -> None:
    """A misspelt required output is unknown, and the requirement is then unmet."""
    items = outlook()
    items[5]["type"] = "uncertainty_assessment"
    report = check_proposal(typed(items), make_scope())
    assert found(report) == [
        ("scope.unknown_output_type", "outputs[5].type"),
        ("scope.missing_uncertainty", "outputs"),
    ]


@pytest.mark.parametrize(
    "constraints",
    [
        {"must_include_uncertainty": False, "must_include_no_trade_triggers": False},
        {},
        {"something_else": True},
    ],
)
def test_constraints_false_or_absent_are_not_enforced(constraints: dict[str, bool]) -> None:
    """Only constraints set to true are enforced."""
    items = [i for i in outlook() if i["type"] not in ("UncertaintyAssessment", "NoTradeTriggers")]
    report = check_proposal(typed(items), make_scope(constraints=constraints))
    assert report.result == "PASS"


def test_constraint_notes() -> None:
    """Unknown constraints and disabled ones are named in the notes."""
    constraints = {
        "no_order_parameters": False,
        "must_include_uncertainty": False,
        "bananas": True,
    }
    report = check_proposal(typed(outlook()), make_scope(constraints=constraints))
    assert report.notes == (
        "constraints.bananas: not a known constraint, not enforced",
        "constraints.must_include_uncertainty = false: not enforced",
        "constraints.no_order_parameters = false: the content scan runs regardless",
    )


def test_content_scan_runs_even_when_its_constraints_are_false() -> None:
    """no_order_parameters = false does not switch the content scan off."""
    items = outlook()
    items[0]["summary"] = "Buy 100 shares of SPY at 4500."
    report = check_proposal(typed(items), make_scope(constraints={"no_order_parameters": False}))
    assert found(report) == [("scope.forbidden_intent.order", "outputs[0].summary")]


@pytest.mark.parametrize(
    ("counts", "minimum", "maximum", "detail"),
    [
        ([1], 2, 5, "1 scenario, the scope requires at least 2"),
        ([0], 2, 5, "0 scenarios, the scope requires at least 2"),
        ([3, 3], 2, 5, "6 scenarios, the scope allows at most 5"),
        ([6], None, 5, "6 scenarios, the scope allows at most 5"),
        ([1], 3, None, "1 scenario, the scope requires at least 3"),
    ],
)
def test_scenario_count_outside_bounds(
    counts: list[int], minimum: int | None, maximum: int | None, detail: str
) -> None:
    """The total of scenarios across ScenarioReports must lie within the bounds."""
    items = [i for i in outlook() if i["type"] != "ScenarioReport"]
    for n, count in enumerate(counts):
        scenarios = [scenario(f"s{n}-{k}") for k in range(count)]
        items.append({"type": "ScenarioReport", "horizon": "Q1", "scenarios": scenarios})
    report = check_proposal(typed(items), make_scope(minimum=minimum, maximum=maximum))
    assert found(report) == [("scope.scenario_count", "outputs")]
    assert report.violations[0].detail.startswith(detail)
    assert report.scenario_count == sum(counts)


@pytest.mark.parametrize(("count", "minimum", "maximum"), [(2, 2, 5), (5, 2, 5), (9, None, None)])
def test_scenario_count_within_bounds(count: int, minimum: int | None, maximum: int | None) -> None:
    """Counts on or inside the bounds, or without bounds, pass."""
    items = outlook()
    items[2]["scenarios"] = [scenario(f"s{k}") for k in range(count)]
    report = check_proposal(typed(items), make_scope(minimum=minimum, maximum=maximum))
    assert report.result == "PASS"
    assert report.scenario_count == count


@pytest.mark.parametrize("rationale", [None, "", "   "])
def test_missing_rationale(rationale: str | None) -> None:
    """require_rationale needs a non-empty rationale on every scenario."""
    items = outlook()
    items[2]["scenarios"][1] = scenario("s2", rationale=rationale)
    report = check_proposal(typed(items), make_scope())
    assert found(report) == [("scope.missing_rationale", "outputs[2].scenarios[1].rationale")]
    assert "'s2'" in report.violations[0].detail
    relaxed = check_proposal(typed(items), make_scope(require_rationale=False))
    assert relaxed.result == "PASS"


@pytest.mark.parametrize(
    ("path", "text", "rule", "location"),
    [
        (
            ("summary",),
            "Buy 100 shares of SPY at 4500.",
            "scope.forbidden_intent.order",
            "outputs[0].summary",
        ),
        (
            ("drivers", 1),
            "SELL 5 ES contracts",
            "scope.forbidden_intent.order",
            "outputs[0].drivers[1]",
        ),
        (
            ("summary",),
            "Fine.\nExecute the trade now.",
            "scope.forbidden_intent.execution",
            "outputs[0].summary",
        ),
        (
            ("summary",),
            "Raise the risk limit to 5%.",
            "scope.forbidden_intent.risk_limit_change",
            "outputs[0].summary",
        ),
        (
            ("summary",),
            "G\u043e l\u0456\u200bve now",
            "scope.forbidden_intent.live_toggle",
            "outputs[0].summary",
        ),
        (
            ("summary",),
            "Rebalance the portfolio.",
            "scope.forbidden_intent.rebalance",
            "outputs[0].summary",
        ),
        (
            ("summary",),
            '```json\n{"action": "BUY", "symbol": "SPY", "quantity": 100}\n```',
            "scope.forbidden_intent.order",
            "outputs[0].summary",
        ),
    ],
)
def test_content_scan_runs_inside_allowed_outputs(
    path: tuple[str | int, ...], text: str, rule: str, location: str
) -> None:
    """Forbidden intent in any string of an allowed output is reported at its path."""
    items = outlook()
    target: Any = items[0]
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = text
    report = check_proposal(typed(items), make_scope())
    assert found(report) == [(rule, location)]


def test_content_scan_reaches_nested_scenarios() -> None:
    """Strings nested in scenarios are scanned too."""
    items = outlook()
    items[2]["scenarios"][0]["description"] = "Go long 2% of NAV in QQQ."
    report = check_proposal(typed(items), make_scope())
    assert found(report) == [
        ("scope.forbidden_intent.order", "outputs[2].scenarios[0].description")
    ]


def test_forbidden_types_nested_in_an_item_are_blocked() -> None:
    """A forbidden type nested in an item, or in JSON inside one of its strings, is blocked."""
    scope = make_scope(forbidden=[*FORBIDDEN, "HedgeInstruction"])
    items = outlook()
    items[0]["summary"] = 'See:\n```json\n{"type": "hedge_instruction", "ratio": 0.5}\n```'
    items[4]["risks"][0]["hedge"] = {"type": "Hedge Instruction"}
    report = check_proposal(typed(items), scope)
    assert found(report) == [
        ("scope.forbidden_output_type", "outputs[0].summary code block 1"),
        ("scope.invalid_output", "outputs[4].risks[0].hedge"),
        ("scope.forbidden_output_type", "outputs[4].risks[0].hedge.type"),
    ]
    assert "$.type" in report.violations[0].detail


def test_policy_is_driven_by_the_scope() -> None:
    """What is allowed, forbidden or unknown comes from the scope, not from the code."""
    narrow = make_scope(allowed=["MacroOutlook"], forbidden=["RiskContext"], constraints={})
    report = check_proposal(typed(outlook()), narrow)
    assert found(report) == [
        ("scope.unknown_output_type", "outputs[1].type"),
        ("scope.unknown_output_type", "outputs[2].type"),
        ("scope.unknown_output_type", "outputs[3].type"),
        ("scope.forbidden_output_type", "outputs[4].type"),
        ("scope.unknown_output_type", "outputs[5].type"),
        ("scope.scenario_count", "outputs"),
    ]


def test_forbidden_wins_over_allowed() -> None:
    """A type listed as both allowed and forbidden is blocked."""
    scope = make_scope(forbidden=[*FORBIDDEN, "macro_outlook"])
    report = check_proposal(typed(outlook()), scope)
    assert found(report) == [("scope.forbidden_output_type", "outputs[0].type")]


def test_allowed_type_without_a_contract_is_unknown() -> None:
    """An allowed name that orchestrator.core.contract does not define cannot be decoded: unknown."""
    scope = make_scope(allowed=[*ALLOWED, "Commentary"])
    report = check_proposal(typed([*outlook(), {"type": "Commentary"}]), scope)
    assert found(report) == [("scope.unknown_output_type", "outputs[6].type")]
    assert "no typed contract" in report.violations[0].detail


def test_scope_loaded_from_toml(tmp_path: Path) -> None:
    """A scope read from a TOML file names itself after the file in the report."""
    path = tmp_path / "L2_market_outlook.toml"
    path.write_text(SCOPE_TOML, encoding="utf-8")
    scope = load_scope(path)
    report = check_proposal(typed(outlook()), scope)
    assert (report.result, report.scope_id, report.scope_version) == (
        "PASS",
        "L2_market_outlook",
        "1.0",
    )


# --- free text -------------------------------------------------------------------------------


def test_seed_free_text_fails_only_on_scenario_count() -> None:
    """The seed outlook under the seed scope fails with exactly one scenario_count."""
    report = check_proposal(parse_proposal(SEED), make_scope())
    assert report.result == "FAIL"
    assert report.format == "free_text"
    assert report.checked_outputs == ("FreeText",)
    assert report.scenario_count == 1
    assert report.violations == (
        Violation(
            rule="scope.scenario_count",
            location="free_text",
            detail="1 scenario, the scope requires at least 2 (validation.min_scenario_count)",
        ),
    )
    assert report.notes == ("validation.require_rationale: not evaluated for free text",)


def test_seed_free_text_passes_with_one_scenario_allowed() -> None:
    """With min_scenario_count = 1 the seed outlook passes."""
    report = check_proposal(parse_proposal(SEED), make_scope(minimum=1))
    assert report.result == "PASS"
    assert report.violations == ()


@pytest.mark.parametrize(
    ("remove", "rule"),
    [
        ("**Uncertainty Level:** HIGH (geopolitical risks)", "scope.missing_uncertainty"),
        (
            "**No-Trade Triggers:**\n- VIX > 30\n- Credit spreads > 200bps",
            "scope.missing_no_trade_triggers",
        ),
    ],
)
def test_free_text_missing_sections(remove: str, rule: str) -> None:
    """Free text needs the labelled sections its scope's constraints require."""
    text = SEED.replace(remove, "")
    report = check_proposal(parse_proposal(text), make_scope(minimum=1))
    assert found(report) == [(rule, "free_text")]


def test_free_text_scenarios_over_the_maximum() -> None:
    """Labelled scenarios in free text are counted against the maximum."""
    labels = "\n".join(f"Scenario {n}: outcome {n}" for n in range(1, 7))
    report = check_proposal(parse_proposal(f"{SEED}\n\n{labels}"), make_scope())
    assert found(report) == [("scope.scenario_count", "free_text")]
    assert report.scenario_count == 7


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Buy 100 shares of SPY at 4500.", "scope.forbidden_intent.order"),
        ("B\u200buy 100 sh\u0430res of SPY at 4500.", "scope.forbidden_intent.order"),
        ("Then place a market order.", "scope.forbidden_intent.execution"),
        ("Raise the risk limit to 5%.", "scope.forbidden_intent.risk_limit_change"),
        ("Enable live trading.", "scope.forbidden_intent.live_toggle"),
        ("Reallocate 20% to bonds.", "scope.forbidden_intent.rebalance"),
    ],
)
def test_free_text_is_content_scanned(line: str, rule: str) -> None:
    """Forbidden intent in free text is located by line."""
    report = check_proposal(parse_proposal(f"{SEED}\n\n{line}"), make_scope(minimum=1))
    assert found(report) == [(rule, "free_text")]


def test_forbidden_type_in_free_text_code_block() -> None:
    """A forbidden type in an embedded JSON block fails the type rule and the content scan."""
    block = '```json\n{"type": "order_parameters", "note": "see desk"}\n```'
    report = check_proposal(parse_proposal(f"{SEED}\n\n{block}"), make_scope(minimum=1))
    assert found(report) == [
        ("scope.forbidden_intent.order", "free_text"),
        ("scope.forbidden_output_type", "free_text code block 1"),
    ]


def test_scope_forbidden_type_in_code_block_is_scope_driven() -> None:
    """A type the scope forbids is caught in a code block even if the scan does not know it."""
    scope = make_scope(minimum=1, forbidden=["HedgeInstruction"])
    block = '```json\n{"items": [{"type": "hedge-instruction"}]}\n```'
    report = check_proposal(parse_proposal(f"{SEED}\n\n{block}"), scope)
    assert found(report) == [("scope.forbidden_output_type", "free_text code block 1")]
    assert "$.items[0].type" in report.violations[0].detail


# --- critiques -------------------------------------------------------------------------------


def test_clean_critique_passes() -> None:
    """A critique without forbidden intent passes."""
    fields = [
        ("critique.rationale", "Scenario analysis is sound; no execution instructions are given."),
        ("critique.suggested_changes[0]", "Add quantitative risk metrics."),
    ]
    report = check_critique(fields, make_scope())
    assert report == ScopeReport(
        result="PASS",
        subject="critique",
        format="typed",
        scope_id=make_scope().scope_id,
        scope_version="1.0",
        checked_outputs=("Critique",),
        violations=(),
        notes=(),
        scenario_count=None,
    )


def test_critique_violations_are_located() -> None:
    """Forbidden intent in a critique field is reported at that field and line."""
    fields = [
        ("critique.rationale", "Approve."),
        ("critique.suggested_changes[0]", "Fine.\nDisable the kill switch and go live."),
    ]
    report = check_critique(fields, make_scope())
    assert report.result == "FAIL"
    assert found(report) == [
        ("scope.forbidden_intent.live_toggle", "critique.suggested_changes[0]"),
        ("scope.forbidden_intent.live_toggle", "critique.suggested_changes[0]"),
    ]
    spans = [v.span for v in report.violations]
    assert spans == [(6, 29), (34, 41)]


def test_outlook_fixture_is_not_mutated() -> None:
    """The policy does not modify the items it checks."""
    items = outlook()
    before = copy.deepcopy(items)
    check_proposal(typed(items), make_scope())
    assert items == before
