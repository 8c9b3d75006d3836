"""The operator review report: one self-contained HTML page for one evidence pack.

The page must open anywhere, offline, and show nothing the pack did not say: CSS is
inline, there are no scripts, fonts, images or URLs, a Content-Security-Policy forbids
loading anything. It is rendered by Jinja2 from ``templates/report.html.j2`` with
autoescaping on (model output is untrusted text, escaped by default, never by
convention) and ``StrictUndefined`` (a name the template misspells is an error, not an
empty string). Key facts carry stable ids and ``data-*`` attributes (``id="status"``,
``id="critic-decision"``, ``id="sod-result"``, ``id="scope-result"``,
``id="verification"``, …) so that tests and tools can find them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Final

import jinja2
import msgspec

from orchestrator.core.contract import OutputItem
from orchestrator.core.templates import template_environment
from orchestrator.evidence.events import (
    AnyEvent,
    MessageEvent,
    RunFinished,
    RunStarted,
    VerdictEvent,
)
from orchestrator.evidence.schema import CallRecord, VerificationRecord
from orchestrator.review.view import PackView

__all__ = ["render_report"]

# Which colour a result gets; anything unknown is neutral rather than green.
_TONES: Final = {
    "PASS": "pass",
    "COMPLETE": "pass",
    "OK": "pass",
    "APPROVE": "pass",
    "ALLOWED": "pass",
    "SIGNED": "pass",
    "LOW": "pass",
    "WARN": "warn",
    "APPROVE_WITH_CHANGES": "warn",
    "NOT_EVALUATED": "neutral",
    "NOT_RUN": "neutral",
    "UNSIGNED": "neutral",
    "MEDIUM": "warn",
    "FAIL": "fail",
    "FAILED": "fail",
    "BLOCKED": "fail",
    "REJECT": "fail",
    "REJECTED": "fail",
    "UNPARSEABLE": "fail",
    "HIGH": "fail",
    "MISSING": "fail",
}


@functools.cache
def _environment() -> jinja2.Environment:
    env = template_environment(
        "orchestrator.review",
        filters={"pct": lambda value: "—" if value is None else f"{value * 100:.0f}%"},
    )
    env.globals["tone"] = lambda value: _TONES.get(str(value), "neutral")
    return env


@dataclass(frozen=True)
class _Output:
    """One proposer output: decoded against the L2 contract, or shown raw and flagged."""

    position: int
    kind: str
    item: OutputItem | None
    error: str
    dump: str


@dataclass(frozen=True)
class _Call:
    role: str
    model: str
    call: CallRecord


@dataclass(frozen=True)
class _EventRow:
    """One timeline row: what happened and, for verdicts and the end, how it was judged."""

    seq: int
    at: str
    type: str
    what: str
    code: str
    judged: str
    reasons: tuple[str, ...]


def render_report(pack: PackView, verification: VerificationRecord) -> str:
    """The whole page."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        pack=pack,
        index=pack.index,
        verification=verification,
        decision=_glance_decision(pack),
        outputs=_outputs(pack),
        calls=_calls(pack),
        events=[_event_row(event) for event in pack.events],
    )


def _glance_decision(pack: PackView) -> str:
    critic = pack.critic
    if critic is None:
        return "MISSING"
    if critic.status != "COMPLETE":
        return critic.status
    return critic.decision or "UNPARSEABLE"


def _outputs(pack: PackView) -> list[_Output]:
    proposer = pack.proposer
    if proposer is None or proposer.format != "typed" or not proposer.outputs:
        return []
    return [_output(position, raw) for position, raw in enumerate(proposer.outputs)]


def _output(position: int, raw: dict[str, Any]) -> _Output:
    try:
        item = msgspec.convert(raw, OutputItem)
    except msgspec.ValidationError as exc:
        # Forbidden or malformed: shown verbatim (escaped), and flagged.
        dump = msgspec.json.format(msgspec.json.encode(raw), indent=2).decode("utf-8")
        kind = str(raw.get("type", "(no type)"))
        return _Output(position=position, kind=kind, item=None, error=str(exc), dump=dump)
    kind = str(type(item).__struct_config__.tag)
    return _Output(position=position, kind=kind, item=item, error="", dump="")


def _calls(pack: PackView) -> list[_Call]:
    calls = []
    for role, artifact in (("proposer", pack.proposer), ("critic", pack.critic)):
        if artifact is not None and isinstance(artifact.call, CallRecord):
            calls.append(_Call(role=role, model=artifact.model_id, call=artifact.call))
    return calls


def _event_row(event: AnyEvent) -> _EventRow:
    what = code = judged = ""
    reasons: tuple[str, ...] = ()
    match event:
        case MessageEvent(message=message):
            code = str(type(message).__struct_config__.tag)
            what = f"{message.sender} → {message.recipient}"
        case VerdictEvent(verdict=verdict):
            code = verdict.message_kind
            judged = "ALLOWED" if verdict.allowed else "REJECTED"
            reasons = verdict.reasons
        case RunStarted(plan=plan):
            what = f"{plan.mode} mode"
        case RunFinished(outcome=outcome):
            what = f"ended at {outcome.stage}, exit {outcome.exit_code}"
            judged = outcome.status
            reasons = outcome.reasons
    kind = str(type(event).__struct_config__.tag)
    return _EventRow(
        seq=event.seq, at=event.at, type=kind, what=what, code=code, judged=judged, reasons=reasons
    )
