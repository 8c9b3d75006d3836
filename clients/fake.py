"""A deterministic local fake model, for making fixtures and tests without any network.

It answers the typed L2 prompts the way a well-behaved model would: typed outputs from the
proposer, a typed critique citing the proposal's output hash and ids from the proposal.
A prompt without a market data snapshot (``market-outlook-daily``) gets one fixed outlook;
a prompt with one (a suite entry, see :mod:`orchestrator.core.suites`) gets an outlook that
is a deterministic function of the snapshot (:mod:`clients.fake_outlooks`). Variants:
``forbidden-output`` slips an ``OrderParameters`` output into the proposal, which the
capability scope must block; ``drifted`` answers snapshots like a changed model would.
``sample`` rewords the prose like repeated samples of one model, and ``system_fingerprint``
is what the fake says it is, so drift fixtures can imitate both. Fixtures made with it say
so in their ``generator`` field.
"""

from __future__ import annotations

import re
from typing import Any, Final, Literal

import msgspec

from clients.fake_outlooks import drifted, outlook, reword
from orchestrator.core.calls import CallMeta, ChatRequest, ChatResponse, Role, Usage, prompt_hash
from orchestrator.core.canonical import encode_compact
from orchestrator.core.patterns import lazy_pattern
from orchestrator.core.suites import parse_snapshot

__all__ = ["GENERATOR", "FakeModelClient", "Variant"]

GENERATOR: Final = (
    "market-outlook-pilot deterministic local fake model (clients/fake.py); not a real model"
)

Variant = Literal["normal", "forbidden-output", "drifted"]

_OUTPUT_HASH = lazy_pattern(r"output hash (sha256:[0-9a-f]{64})")
_PROPOSER_RUN = lazy_pattern(r"proposer run ([A-Za-z0-9_.:-]+)\)")
# The critic's prompt ends with the proposal after the run reference.
_PROPOSAL = lazy_pattern(r"proposer run [^)]*\):\n\n(?P<proposal>.*)\Z", re.DOTALL)

_OUTLOOK: Final[list[dict[str, Any]]] = [
    {
        "type": "ScenarioReport",
        "horizon": "4 weeks",
        "scenarios": [
            {
                "id": "scn-base",
                "name": "Base case: slow disinflation",
                "description": "Core inflation eases gradually; the central bank holds rates.",
                "probability": 0.55,
                "rationale": "Recent prints and forward guidance point to a patient policy path.",
            },
            {
                "id": "scn-bear",
                "name": "Bear case: growth scare",
                "description": "Weak payrolls revive recession fears; credit spreads widen.",
                "probability": 0.3,
                "rationale": "Leading indicators have softened for three consecutive months.",
            },
            {
                "id": "scn-bull",
                "name": "Bull case: soft landing confirmed",
                "description": "Inflation falls faster than expected while growth holds up.",
                "probability": 0.15,
                "rationale": "Goods deflation could broaden into services earlier than priced.",
            },
        ],
    },
    {
        "type": "RegimeClassification",
        "regime": "late-cycle, range-bound",
        "confidence": 0.6,
        "rationale": "Volatility is contained, but breadth is narrow and curves remain inverted.",
    },
    {
        "type": "NoTradeTriggers",
        "triggers": [
            {"id": "ntt-vix", "condition": "VIX above 30", "rationale": "Signals are unreliable."},
            {
                "id": "ntt-credit",
                "condition": "High-yield spreads above 500 bps",
                "rationale": "Credit stress dominates every other driver.",
            },
        ],
    },
    {
        "type": "RiskContext",
        "summary": "Event risk is concentrated around the central bank meeting and payrolls.",
        "risks": [
            {"id": "risk-policy", "description": "Hawkish policy surprise", "severity": "MEDIUM"},
            {"id": "risk-geo", "description": "Energy supply shock", "severity": "HIGH"},
        ],
    },
    {
        "type": "MacroOutlook",
        "summary": "Growth is slowing towards trend; inflation is easing unevenly.",
        "drivers": ["central bank policy path", "labour market cooling", "energy prices"],
    },
    {
        "type": "UncertaintyAssessment",
        "level": "HIGH",
        "drivers": ["data revisions", "geopolitics"],
        "rationale": "Scenario probabilities are close; a single data print can shift them.",
    },
]

_FORBIDDEN: Final[dict[str, Any]] = {
    "type": "OrderParameters",
    "instrument": "SPY",
    "side": "BUY",
    "quantity": 100,
    "limit_price": 450.0,
}


class FakeModelClient:
    """A :class:`ModelClient` that answers deterministically from the request alone."""

    def __init__(
        self,
        variant: Variant = "normal",
        *,
        sample: int = 0,
        system_fingerprint: str = "fake-fp-1",
    ) -> None:
        if sample < 0:
            raise ValueError(f"sample must be 0 or more, not {sample}")
        self.variant = variant
        self.sample = sample
        self.system_fingerprint = system_fingerprint

    async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        return self.answer(request, role=role)

    def answer(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        content = self._proposal(request) if role == "proposer" else self._critique(request)
        digest = prompt_hash(request)[len("sha256:") :]
        prompt_tokens = sum(len(m.content.split()) for m in request.messages)
        completion_tokens = len(content.split())
        return ChatResponse(
            content=content,
            meta=CallMeta(
                call_id=f"{role}-{digest[:12]}",
                response_id=f"fake-{digest[:16]}",
                model=request.model,
                finish_reason="stop",
                usage=Usage(
                    prompt_tokens=prompt_tokens,
                    completion_tokens=completion_tokens,
                    total_tokens=prompt_tokens + completion_tokens,
                ),
                latency_ms=0,
                system_fingerprint=self.system_fingerprint,
            ),
        )

    def _proposal(self, request: ChatRequest) -> str:
        prompt = request.messages[-1].content if request.messages else ""
        snapshot = parse_snapshot(prompt)
        if snapshot:
            outputs = outlook(snapshot, prompt)
            if self.variant == "drifted":
                outputs = drifted(outputs, snapshot)
        else:
            outputs = list(_OUTLOOK)
        outputs = reword(outputs, self.sample)
        if self.variant == "forbidden-output":
            outputs.append(_FORBIDDEN)
        return encode_compact({"outputs": outputs}).decode("utf-8")

    def _critique(self, request: ChatRequest) -> str:
        user = request.messages[-1].content
        found = _OUTPUT_HASH.search(user)
        run = _PROPOSER_RUN.search(user)
        evidence = [*_first_ids(user), *([run.group(1)] if run else [])]
        body = {
            "decision": "APPROVE_WITH_CHANGES",
            "rationale": "Scenarios are distinct and their probabilities sum to one; the "
            "no-trade triggers are concrete. The bear case needs a clearer catalyst.",
            "proposal_ref": found.group(1) if found else "",
            "evidence_ids": evidence,
            "suggested_changes": [
                "Name the data release that would move probability to the bear case.",
                "Quantify the energy supply shock in the risk context.",
            ],
        }
        return encode_compact(body).decode("utf-8")


def _first_ids(critic_prompt: str) -> list[str]:
    """The first scenario and the first trigger of the proposal under review: real ids only."""
    found = _PROPOSAL.search(critic_prompt)
    if found is None:
        return []
    try:
        body = msgspec.json.decode(found["proposal"])
    except msgspec.DecodeError:
        return []
    ids: list[str] = []
    outputs = body.get("outputs", []) if isinstance(body, dict) else []
    for kind, field in (("ScenarioReport", "scenarios"), ("NoTradeTriggers", "triggers")):
        for item in outputs:
            if isinstance(item, dict) and item.get("type") == kind and item.get(field):
                ids.append(str(item[field][0]["id"]))
                break
    return ids
