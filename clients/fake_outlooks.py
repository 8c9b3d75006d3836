"""What the fake model writes for a market data snapshot: a deterministic, rule-based analyst.

The fake model (:mod:`clients.fake`) reads the snapshot lines of a proposer prompt (the
format of :mod:`orchestrator.core.suites`) and picks a situation by fixed rules, most
severe first:

==========================  =========================================
``vix >= 30``               risk-off shock
``sofr_ois_spread_bps >= 25``  liquidity squeeze
``cpi_surprise_pp >= 0.3``  inflation surprise
three or more ``scheduled_events``  event week
otherwise                   calm
==========================  =========================================

Each situation has its own regime, scenarios with probabilities, no-trade triggers, risks
and uncertainty level, and the prose quotes the snapshot's numbers, so two snapshots never
read the same. Two knobs imitate what drift checks must tell apart:

- ``sample`` (0, 1, 2, …) rewords the prose the way repeated samples of one model differ,
  never touching ids, regime, triggers, probabilities or levels; sample 0 is the canonical
  wording and samples 0 to 3 differ from each other in every rewordable phrase;
- :func:`drifted` is a changed model: another regime, one trigger replaced, the two most
  likely scenarios swapped, and every rationale extended.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final, Literal

from orchestrator.core.patterns import lazy_pattern

__all__ = ["Situation", "classify", "drifted", "outlook", "reword"]

Situation = Literal[
    "calm", "risk-off-shock", "inflation-surprise", "liquidity-squeeze", "event-week"
]

_HORIZON: Final = lazy_pattern(r"over the next (\d+) weeks")

# Phrase alternatives; index 0 is the canonical wording. Every group has four members so
# that samples 0 to 3 differ pairwise in every phrase present.
_REWORDINGS: Final[tuple[tuple[str, ...], ...]] = (
    ("points to", "suggests", "indicates", "signals"),
    ("gradually", "slowly", "steadily", "step by step"),
    ("likely", "apt", "set", "poised"),
    ("remains", "stays", "is still", "continues to be"),
    ("sharply", "abruptly", "steeply", "violently"),
    ("weakens", "softens", "fades", "deteriorates"),
    ("broadly", "largely", "mostly", "generally"),
    ("quickly", "rapidly", "swiftly", "fast"),
    ("limited", "contained", "modest", "small"),
    ("pressure", "strain", "stress", "tension"),
)
_REWORD_PATTERNS: Final = tuple(
    (lazy_pattern(rf"\b{re.escape(group[0])}\b"), group) for group in _REWORDINGS
)
_PROSE_FIELDS: Final = frozenset({"description", "rationale", "summary"})
_DRIFT_NOTE: Final = " This reading now weighs positioning and flows above the macro data."


def classify(snapshot: Mapping[str, str]) -> Situation:
    """The situation a snapshot describes, by the rules in the module docstring."""
    if _number(snapshot, "vix") >= 30:
        return "risk-off-shock"
    if _number(snapshot, "sofr_ois_spread_bps") >= 25:
        return "liquidity-squeeze"
    if _number(snapshot, "cpi_surprise_pp") >= 0.3:
        return "inflation-surprise"
    if len(_events(snapshot)) >= 3:
        return "event-week"
    return "calm"


def outlook(snapshot: Mapping[str, str], prompt: str) -> list[dict[str, Any]]:
    """The typed outputs for a snapshot; ``prompt`` supplies the horizon ("over the next N weeks")."""
    found = _HORIZON.search(prompt)
    horizon = f"{found[1]} weeks" if found else "4 weeks"
    return _OUTLOOKS[classify(snapshot)](_Quote(snapshot), horizon)


def reword(outputs: list[dict[str, Any]], sample: int) -> list[dict[str, Any]]:
    """The same outputs in the wording of ``sample``; structure and numbers unchanged."""
    if sample == 0:
        return outputs
    return [_map_prose(item, lambda text: _reworded(text, sample)) for item in outputs]


def drifted(outputs: list[dict[str, Any]], snapshot: Mapping[str, str]) -> list[dict[str, Any]]:
    """The outputs of a changed model: regime, first trigger and top two scenarios differ."""
    regime, confidence, trigger = _DRIFTS[classify(snapshot)]
    changed: list[dict[str, Any]] = []
    for item in outputs:
        item = _map_prose(item, lambda text: text + _DRIFT_NOTE if text.endswith(".") else text)
        if item["type"] == "RegimeClassification":
            item = {**item, "regime": regime, "confidence": confidence}
        elif item["type"] == "NoTradeTriggers":
            item = {**item, "triggers": [trigger, *item["triggers"][1:]]}
        elif item["type"] == "ScenarioReport":
            first, second, *rest = item["scenarios"]
            item = {
                **item,
                "scenarios": [
                    {**first, "probability": second["probability"]},
                    {**second, "probability": first["probability"]},
                    *rest,
                ],
            }
        changed.append(item)
    return changed


def _reworded(text: str, sample: int) -> str:
    for pattern, group in _REWORD_PATTERNS:
        text = pattern.sub(group[sample % len(group)], text)
    return text


def _map_prose(value: Any, change: Callable[[str], str], key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _map_prose(v, change, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_prose(v, change, key) for v in value]
    if isinstance(value, str) and key in _PROSE_FIELDS:
        return change(value)
    return value


def _number(snapshot: Mapping[str, str], key: str) -> float:
    # An absent or unreadable number reads as zero: the calm default.
    try:
        return float(snapshot.get(key, "0"))
    except ValueError:
        return 0.0


def _events(snapshot: Mapping[str, str]) -> list[str]:
    raw = snapshot.get("scheduled_events", "none")
    return [e.strip() for e in raw.split(";") if e.strip() and e.strip() != "none"]


class _Quote:
    """Snapshot values as the prose quotes them; a missing value reads "n/a"."""

    def __init__(self, snapshot: Mapping[str, str]) -> None:
        self._snapshot = snapshot

    def __getattr__(self, key: str) -> str:
        return self._snapshot.get(key, "n/a")

    @property
    def events(self) -> str:
        return ", ".join(_events(self._snapshot)) or "no scheduled events"


def _scenario(id_: str, name: str, description: str, p: float, rationale: str) -> dict[str, Any]:
    return {
        "id": id_,
        "name": name,
        "description": description,
        "probability": p,
        "rationale": rationale,
    }


def _trigger(id_: str, condition: str, rationale: str) -> dict[str, Any]:
    return {"id": id_, "condition": condition, "rationale": rationale}


def _risk(id_: str, description: str, severity: str) -> dict[str, Any]:
    return {"id": id_, "description": description, "severity": severity}


def _outputs(
    horizon: str,
    scenarios: list[dict[str, Any]],
    regime: tuple[str, float, str],
    triggers: list[dict[str, Any]],
    risks: tuple[str, list[dict[str, Any]]],
    macro: tuple[str, list[str]],
    uncertainty: tuple[str, list[str], str],
) -> list[dict[str, Any]]:
    return [
        {"type": "ScenarioReport", "horizon": horizon, "scenarios": scenarios},
        {
            "type": "RegimeClassification",
            "regime": regime[0],
            "confidence": regime[1],
            "rationale": regime[2],
        },
        {"type": "NoTradeTriggers", "triggers": triggers},
        {"type": "RiskContext", "summary": risks[0], "risks": risks[1]},
        {"type": "MacroOutlook", "summary": macro[0], "drivers": macro[1]},
        {
            "type": "UncertaintyAssessment",
            "level": uncertainty[0],
            "drivers": uncertainty[1],
            "rationale": uncertainty[2],
        },
    ]


def _calm(q: _Quote, horizon: str) -> list[dict[str, Any]]:
    return _outputs(
        horizon,
        [
            _scenario(
                "scn-carry",
                "Base case: quiet carry",
                f"Volatility remains low with the VIX at {q.vix}; equities grind higher.",
                0.6,
                f"A one-month return of {q.spx_1m_return_pct}% with tight spreads points to "
                "a market that is likely to stay calm.",
            ),
            _scenario(
                "scn-complacency",
                "Bear case: complacency unwinds",
                "A small shock meets crowded positioning and volatility jumps sharply.",
                0.25,
                f"High-yield spreads at {q.hy_spread_bps} bps leave limited room for error.",
            ),
            _scenario(
                "scn-melt-up",
                "Bull case: broadening rally",
                "Earnings upgrades spread gradually beyond the largest companies.",
                0.15,
                f"Inflation at {q.cpi_yoy_pct}% keeps the policy path broadly neutral.",
            ),
        ],
        (
            "calm, low-volatility uptrend",
            0.7,
            (
                f"The VIX at {q.vix} and funding spreads at {q.sofr_ois_spread_bps} bps show "
                "no pressure anywhere."
            ),
        ),
        [
            _trigger("ntt-vix", "VIX above 20", "A doubling of volatility ends the calm regime."),
            _trigger(
                "ntt-credit",
                "High-yield spreads above 400 bps",
                "Credit would lead equities lower.",
            ),
        ],
        (
            f"Event risk is limited; the calendar holds {q.events}.",
            [
                _risk("risk-positioning", "Crowded long positioning", "MEDIUM"),
                _risk("risk-rates", "A back-up in long yields", "LOW"),
            ],
        ),
        (
            f"Growth remains near trend and inflation at {q.cpi_yoy_pct}% is close to target.",
            ["steady earnings growth", "neutral policy", "low realised volatility"],
        ),
        (
            "LOW",
            ["positioning data", "liquidity over holidays"],
            "The data agree with each other; a single print is unlikely to shift the picture.",
        ),
    )


def _risk_off(q: _Quote, horizon: str) -> list[dict[str, Any]]:
    return _outputs(
        horizon,
        [
            _scenario(
                "scn-deleveraging",
                "Base case: forced deleveraging runs its course",
                f"Equities, down {q.spx_1m_return_pct}% over a month, fall further before "
                "they stabilise.",
                0.5,
                f"The VIX at {q.vix} points to forced selling by volatility-targeting funds.",
            ),
            _scenario(
                "scn-contagion",
                "Bear case: credit contagion",
                f"High-yield spreads, now {q.hy_spread_bps} bps, widen sharply and funding "
                "markets seize.",
                0.3,
                "Spread moves of this size have often preceded defaults.",
            ),
            _scenario(
                "scn-rebound",
                "Bull case: quick rebound",
                "Policy makers signal support and volatility falls quickly.",
                0.2,
                f"The ten-year yield at {q.ust_10y_yield_pct}% gives room for easing.",
            ),
        ],
        (
            "risk-off, volatility shock",
            0.75,
            (
                f"The VIX at {q.vix} and a one-month loss of {q.spx_1m_return_pct}% mark a "
                "regime break."
            ),
        ),
        [
            _trigger("ntt-vix", "VIX above 40", "Prices gap and signals are unreliable."),
            _trigger(
                "ntt-credit",
                "High-yield spreads above 600 bps",
                "Credit stress dominates every other driver.",
            ),
            _trigger(
                "ntt-liquidity",
                "Top-of-book depth below a quarter of its 3-month average",
                "Quoted prices are not executable.",
            ),
        ],
        (
            "Correlations have gone to one; diversification offers limited protection.",
            [
                _risk("risk-credit", "Credit contagion into loans", "HIGH"),
                _risk("risk-liquidity", "Market depth evaporates", "HIGH"),
            ],
        ),
        (
            f"Growth fears dominate; the ten-year yield has fallen to {q.ust_10y_yield_pct}%.",
            ["volatility-targeting flows", "credit spreads", "central bank reaction"],
        ),
        (
            "HIGH",
            ["deleveraging dynamics", "policy response"],
            "Shocks of this kind are path-dependent; the next few sessions decide the regime.",
        ),
    )


def _inflation(q: _Quote, horizon: str) -> list[dict[str, Any]]:
    return _outputs(
        horizon,
        [
            _scenario(
                "scn-hawkish",
                "Base case: hawkish repricing",
                f"Markets price further hikes after CPI at {q.cpi_yoy_pct}%; yields rise.",
                0.55,
                f"A surprise of {q.cpi_surprise_pp} pp points to sticky services inflation.",
            ),
            _scenario(
                "scn-transitory",
                "Alternative case: one-off print",
                "Base effects fade and the next print undoes the surprise.",
                0.3,
                "Energy and used-car prices explain part of the jump.",
            ),
            _scenario(
                "scn-stagflation",
                "Bear case: stagflation scare",
                "Growth weakens while inflation stays high; equities and bonds fall together.",
                0.15,
                f"The ten-year yield at {q.ust_10y_yield_pct}% already weighs on housing.",
            ),
        ],
        (
            "inflationary, hawkish repricing",
            0.65,
            (
                f"CPI {q.cpi_surprise_pp} pp above consensus and the ten-year at "
                f"{q.ust_10y_yield_pct}% put rates in charge."
            ),
        ),
        [
            _trigger("ntt-cpi", "Next CPI release day", "The print decides the policy path."),
            _trigger(
                "ntt-rates",
                "Ten-year yield moves more than 25 bps in a day",
                "Rates volatility swamps every other signal.",
            ),
        ],
        (
            "Policy risk dominates; the central bank is likely to lean hawkish.",
            [
                _risk("risk-policy", "Hawkish policy surprise", "HIGH"),
                _risk("risk-duration", "Duration sell-off spills into equities", "MEDIUM"),
            ],
        ),
        (
            f"Inflation at {q.cpi_yoy_pct}% remains above target while growth slows gradually.",
            ["services inflation", "wage growth", "central bank policy path"],
        ),
        (
            "MEDIUM",
            ["inflation persistence", "policy reaction function"],
            "One print is a thin basis; the next release will confirm or reverse it.",
        ),
    )


def _liquidity(q: _Quote, horizon: str) -> list[dict[str, Any]]:
    return _outputs(
        horizon,
        [
            _scenario(
                "scn-backstop",
                "Base case: central bank backstop",
                "Standing facilities absorb the demand for cash and funding spreads normalise.",
                0.5,
                f"A SOFR-OIS spread of {q.sofr_ois_spread_bps} bps is the kind of pressure "
                "facilities exist for.",
            ),
            _scenario(
                "scn-dash-for-cash",
                "Bear case: dash for cash",
                "Treasury market depth vanishes and dealers stop making prices.",
                0.35,
                f"High-yield spreads at {q.hy_spread_bps} bps show that stress is spreading.",
            ),
            _scenario(
                "scn-orderly",
                "Alternative case: orderly quarter-end",
                "The squeeze fades quickly once balance-sheet dates pass.",
                0.15,
                "Similar episodes around reporting dates were short.",
            ),
        ],
        (
            "liquidity squeeze, funding stress",
            0.7,
            (
                f"Funding spreads at {q.sofr_ois_spread_bps} bps and the VIX at {q.vix} show "
                "strained market functioning."
            ),
        ),
        [
            _trigger(
                "ntt-funding",
                "SOFR-OIS spread above 50 bps",
                "Funding costs distort every price.",
            ),
            _trigger(
                "ntt-auction",
                "A Treasury auction tails by more than 3 bps",
                "Benchmark prices stop being reliable.",
            ),
        ],
        (
            f"Market functioning weakens; the calendar holds {q.events}.",
            [
                _risk("risk-funding", "Funding markets seize", "HIGH"),
                _risk("risk-fire-sales", "Fire sales by leveraged funds", "HIGH"),
            ],
        ),
        (
            "The macro picture is broadly unchanged; plumbing, not fundamentals, drives prices.",
            ["reserve scarcity", "dealer balance sheets", "Treasury issuance"],
        ),
        (
            "HIGH",
            ["facility take-up", "dealer capacity"],
            "Liquidity episodes resolve quickly or spiral; the data cannot tell which yet.",
        ),
    )


def _event_week(q: _Quote, horizon: str) -> list[dict[str, Any]]:
    return _outputs(
        horizon,
        [
            _scenario(
                "scn-as-expected",
                "Base case: events land as expected",
                "Decisions match guidance and the data are close to consensus.",
                0.5,
                "Guidance has been explicit and consensus is tightly clustered.",
            ),
            _scenario(
                "scn-hawkish-mix",
                "Bear case: hawkish combination",
                "A strong payroll print and hawkish guidance come in the same week.",
                0.3,
                f"Inflation at {q.cpi_yoy_pct}% leaves policy makers little slack.",
            ),
            _scenario(
                "scn-dovish-mix",
                "Bull case: dovish combination",
                "Soft data and a dovish tone lift duration and equities together.",
                0.2,
                f"The ten-year yield at {q.ust_10y_yield_pct}% has room to fall.",
            ),
        ],
        (
            "event-driven, range-bound",
            0.55,
            f"The VIX at {q.vix} is low for a week that holds {q.events}.",
        ),
        [
            _trigger(
                "ntt-release",
                "Within 30 minutes of a scheduled release or decision",
                "Prices jump on headlines.",
            ),
            _trigger("ntt-vix", "VIX above 25", "Event outcomes are being repriced broadly."),
        ],
        (
            f"Event risk is concentrated: {q.events}.",
            [
                _risk("risk-policy", "Policy decisions diverge across central banks", "MEDIUM"),
                _risk("risk-data", "A payroll surprise", "MEDIUM"),
            ],
        ),
        (
            "Growth is near trend; the week decides whether inflation remains the binding issue.",
            ["central bank guidance", "labour market", "inflation data"],
        ),
        (
            "MEDIUM",
            ["event outcomes", "cross-market reactions"],
            "Each event alone is probably priced; their combination is not.",
        ),
    )


_OUTLOOKS: Final[dict[Situation, Callable[[_Quote, str], list[dict[str, Any]]]]] = {
    "calm": _calm,
    "risk-off-shock": _risk_off,
    "inflation-surprise": _inflation,
    "liquidity-squeeze": _liquidity,
    "event-week": _event_week,
}

# What a changed model reads into the same data: its regime, confidence and first trigger.
_DRIFTS: Final[dict[Situation, tuple[str, float, dict[str, Any]]]] = {
    "calm": (
        "late-cycle, complacent",
        0.55,
        _trigger("ntt-skew", "Equity skew at a 1-year high", "Tail hedging demand leads."),
    ),
    "risk-off-shock": (
        "bear market, capitulation",
        0.6,
        _trigger("ntt-gap", "Index futures gap more than 3%", "Overnight gaps defeat stops."),
    ),
    "inflation-surprise": (
        "stagflationary, growth scare",
        0.5,
        _trigger(
            "ntt-breakeven",
            "Ten-year breakeven inflation above 3%",
            "Inflation expectations are de-anchoring.",
        ),
    ),
    "liquidity-squeeze": (
        "systemic stress, credit event",
        0.55,
        _trigger("ntt-repo", "General collateral repo above the policy ceiling", "Funding fails."),
    ),
    "event-week": (
        "policy divergence, rising volatility",
        0.5,
        _trigger(
            "ntt-fx", "USD moves more than 1.5% in a day", "Policy divergence spills into FX."
        ),
    ),
}
