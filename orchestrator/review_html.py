"""The operator review report: one self-contained HTML page for one evidence pack.

The page must open anywhere, offline, and show nothing the pack did not say: CSS is
inline, there are no scripts, fonts, images or URLs, a Content-Security-Policy forbids
loading anything, and every string taken from the pack goes through :func:`html.escape`
(model output is untrusted text). Key facts carry stable ids and ``data-*`` attributes
(``id="status"``, ``id="critic-decision"``, ``id="sod-result"``, ``id="scope-result"``,
``id="verification"``, …) so that tests and tools can find them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import msgspec

from orchestrator.core.contract import (
    MacroOutlook,
    NoTradeTriggers,
    OutputItem,
    RegimeClassification,
    RiskContext,
    ScenarioReport,
    UncertaintyAssessment,
)

if TYPE_CHECKING:
    from orchestrator.review import (
        CallView,
        CriticView,
        EventView,
        PackView,
        ProposerView,
        ScopeView,
        SodView,
        VerificationRecord,
    )

__all__ = ["render_report"]


def _e(value: object) -> str:
    """Escaped text: the only way a pack value reaches the page."""
    return html.escape(str(value), quote=True)


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


def _badge(value: str, *, id_: str | None = None, attr: str = "result") -> str:
    ident = f' id="{_e(id_)}"' if id_ else ""
    tone = _TONES.get(value, "neutral")
    return f'<span{ident} class="badge {tone}" data-{attr}="{_e(value)}">{_e(value)}</span>'


def _table(headers: Sequence[str], rows: Iterable[str], *, cls: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(rows)
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _list(items: Iterable[str], *, empty: str = "none") -> str:
    escaped = [f"<li>{_e(i)}</li>" for i in items]
    return f"<ul>{''.join(escaped)}</ul>" if escaped else f'<p class="muted">{_e(empty)}</p>'


def _kv(rows: Iterable[tuple[str, str]]) -> str:
    """A key/value table; values are HTML already (escaped by the caller)."""
    body = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="kv"><tbody>{body}</tbody></table>'


def _section(id_: str, title: str, body: str) -> str:
    return f'<section id="{id_}-section"><h2>{_e(title)}</h2>{body}</section>'


def render_report(pack: PackView, verification: VerificationRecord) -> str:
    """The whole page."""
    index = pack.index
    title = f"Operator review — {index.evidence_pack_id}"
    parts = [
        _header(pack),
        _glance(pack, verification),
        _verification_alert(verification),
        _problems(pack),
        _outcome(pack),
        _section(
            "outlook",
            "Proposal and critique",
            f'<div class="columns">{_proposer(pack.proposer)}{_critic(pack.critic)}</div>',
        ),
        _section("governance", "Governance", f"{_sod(pack.sod)}{_scope(pack.scope)}"),
        _cost(pack),
        _timeline(pack.events),
        _verification(pack, verification),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        # Nothing may be fetched: the report is evidence, and it is read offline.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>"
        f"<body><main>{''.join(parts)}"
        "<footer>Written by <code>pilot review</code>. The pilot advises; it never trades."
        "</footer></main></body></html>\n"
    )


def _header(pack: PackView) -> str:
    index = pack.index
    layer = f"{index.layer_id} {index.layer_name}".strip()
    return (
        f"<header><h1>Operator review: {_e(layer)}</h1>"
        f'<p class="sub"><span id="pack-id">{_e(index.evidence_pack_id)}</span> · '
        f"{_e(pack.path.name)}</p></header>"
    )


def _glance(pack: PackView, verification: VerificationRecord) -> str:
    critic = pack.critic
    if critic is None:
        decision = "MISSING"
    elif critic.status != "COMPLETE":
        decision = critic.status
    else:
        decision = critic.decision or "UNPARSEABLE"
    cards = [
        ("Run status", _badge(pack.index.status, id_="status", attr="status")),
        ("Critic decision", _badge(decision, id_="critic-decision", attr="decision")),
        (
            "Separation of duties",
            _badge(pack.sod.result if pack.sod else "MISSING", id_="sod-result"),
        ),
        (
            "Capability scope",
            _badge(pack.scope.result if pack.scope else "MISSING", id_="scope-result"),
        ),
        (
            "Evidence verification",
            _badge("OK" if verification.ok else "FAILED", id_="verification", attr="verification"),
        ),
    ]
    body = "".join(f'<div class="card"><div class="label">{_e(k)}</div>{v}</div>' for k, v in cards)
    return f'<section id="glance" class="glance">{body}</section>'


def _verification_alert(verification: VerificationRecord) -> str:
    if verification.ok:
        return ""
    files = sorted({f.file for f in verification.findings})
    return (
        '<section id="verification-alert" class="alert"><strong>The evidence does not '
        f"verify</strong> ({_e(', '.join(files) or 'the pack')}): what this page shows may not "
        "be what the run produced. It cannot be approved; see Evidence verification below."
        "</section>"
    )


def _problems(pack: PackView) -> str:
    if not pack.problems:
        return ""
    return (
        '<section id="problems" class="alert"><h2>Pack files that could not be read</h2>'
        f"{_list(pack.problems)}</section>"
    )


def _outcome(pack: PackView) -> str:
    index, manifest = pack.index, pack.manifest
    clock = manifest.clock if manifest else index.creation_timestamp
    rows = [
        ("Status", _badge(index.status)),
        ("Exit code", f'<span id="exit-code">{_e(index.exit_code)}</span>'),
        ("Mode", f'<span id="mode">{_e(index.mode)}</span>'),
        ("Clock", f'<span id="clock">{_e(clock)}</span>'),
        ("Run id", f'<code id="run-id">{_e(index.run_id)}</code>'),
    ]
    if manifest is not None and manifest.scenario is not None:
        scenario = manifest.scenario
        rows.append(("Scenario", f"<code>{_e(scenario.id)}</code> — {_e(scenario.description)}"))
    if manifest is not None:
        models = manifest.models
        named = [("Proposer", models.proposer), *(("Fallback", m) for m in models.fallbacks)]
        named.append(("Critic", models.critic))
        rows += [
            (role, f"<code>{_e(m.model_id)}</code> ({_e(m.provider)})")
            for role, m in named
            if m is not None
        ]
    if index.scope_id:
        rows.append(("Scope", f"<code>{_e(index.scope_id)}</code> v{_e(index.scope_version)}"))
    reasons = (
        f'<div id="reasons"><h3>Why</h3>{_list(index.outcome_reasons)}</div>'
        if index.outcome_reasons
        else '<div id="reasons" data-count="0"></div>'
    )
    return _section("outcome", "Outcome", _kv(rows) + reasons)


# --- The proposer's outlook -------------------------------------------------------------


def _proposer(proposer: ProposerView | None) -> str:
    head = '<div class="panel" id="proposer"><h3>Proposer'
    if proposer is None:
        return f'{head}</h3><p class="alert">proposer_output.json could not be read.</p></div>'
    head += f" <code>{_e(proposer.model_id or '')}</code></h3>"
    if proposer.status != "COMPLETE":
        return f"{head}{_badge(proposer.status)} <p>{_e(proposer.reason or '')}</p></div>"
    if proposer.format == "typed" and proposer.outputs:
        body = "".join(_output(position, raw) for position, raw in enumerate(proposer.outputs))
    else:
        label = "Free-text outlook" if proposer.format == "free_text" else "Raw answer"
        body = f"<h4>{_e(label)}</h4><pre>{_e(proposer.raw_content or '')}</pre>"
    return f"{head}{body}</div>"


def _output(position: int, raw: dict[str, Any]) -> str:
    try:
        output = msgspec.convert(raw, OutputItem)
    except msgspec.ValidationError as exc:
        # Forbidden or malformed: shown verbatim (escaped), and flagged.
        kind = raw.get("type", "(no type)")
        dump = msgspec.json.format(msgspec.json.encode(raw), indent=2).decode("utf-8")
        return (
            f'<div class="output rejected" data-type="{_e(kind)}">'
            f"<h4>outputs[{position}]: {_e(kind)} {_badge('FAIL')}</h4>"
            f'<p class="muted">Not a valid L2 output ({_e(exc)}); see the capability scope.</p>'
            f"<pre>{_e(dump)}</pre></div>"
        )
    kind = type(output).__struct_config__.tag
    return f'<div class="output" data-type="{_e(kind)}">{_typed(output)}</div>'


def _typed(output: OutputItem) -> str:
    match output:
        case ScenarioReport(horizon=horizon, scenarios=scenarios):
            total = sum(s.probability or 0.0 for s in scenarios)
            rows = [
                f'<tr class="scenario" data-id="{_e(s.id)}">'
                f'<td><strong class="scenario-name">{_e(s.name)}</strong><br>'
                f'<code>{_e(s.id)}</code></td><td class="num">{_pct(s.probability)}</td>'
                f"<td>{_e(s.description)}</td><td>{_e(s.rationale)}</td></tr>"
                for s in scenarios
            ]
            rows.append(
                f'<tr class="total"><td>total</td><td class="num">{_pct(total)}</td>'
                "<td></td><td></td></tr>"
            )
            return f"<h4>Scenarios — horizon {_e(horizon)}</h4>" + _table(
                ("Scenario", "Probability", "Description", "Rationale"), rows
            )
        case RegimeClassification(regime=regime, confidence=confidence, rationale=rationale):
            return "<h4>Regime</h4>" + _kv(
                [
                    ("Regime", f"<strong>{_e(regime)}</strong>"),
                    ("Confidence", _pct(confidence)),
                    ("Rationale", _e(rationale)),
                ]
            )
        case NoTradeTriggers(triggers=triggers):
            rows = [
                f'<tr data-id="{_e(t.id)}"><td><code>{_e(t.id)}</code></td>'
                f"<td>{_e(t.condition)}</td><td>{_e(t.rationale)}</td></tr>"
                for t in triggers
            ]
            return "<h4>No-trade triggers</h4>" + _table(("Id", "Condition", "Rationale"), rows)
        case RiskContext(summary=summary, risks=risks):
            rows = [
                f'<tr data-id="{_e(r.id)}"><td><code>{_e(r.id)}</code></td>'
                f"<td>{_badge(r.severity, attr='severity')}</td><td>{_e(r.description)}</td></tr>"
                for r in risks
            ]
            return f"<h4>Risk context</h4><p>{_e(summary)}</p>" + _table(
                ("Id", "Severity", "Risk"), rows
            )
        case MacroOutlook(summary=summary, drivers=drivers):
            return f"<h4>Macro outlook</h4><p>{_e(summary)}</p><h5>Drivers</h5>{_list(drivers)}"
        case UncertaintyAssessment(level=level, drivers=drivers, rationale=rationale):
            return "<h4>Uncertainty</h4>" + _kv(
                [
                    ("Level", _badge(level, attr="level")),
                    ("Drivers", _e(", ".join(drivers)) or '<span class="muted">none</span>'),
                    ("Rationale", _e(rationale)),
                ]
            )
    return ""  # pragma: no cover - the union is exhaustive


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


# --- The critic -------------------------------------------------------------------------


def _critic(critic: CriticView | None) -> str:
    head = '<div class="panel" id="critic"><h3>Critic'
    if critic is None:
        return f'{head}</h3><p class="alert">critic_output.json could not be read.</p></div>'
    head += f" <code>{_e(critic.model_id or '')}</code></h3>"
    if critic.status != "COMPLETE":
        return f"{head}{_badge(critic.status)} <p>{_e(critic.reason or '')}</p></div>"
    decision = critic.decision or "UNPARSEABLE"
    rows = [
        ("Decision", _badge(decision, attr="decision")),
        ("Rationale", f'<div id="critic-rationale">{_e(critic.rationale or "")}</div>'),
        ("Suggested changes", _list(critic.suggested_changes)),
        ("Evidence ids", _e(", ".join(critic.evidence_ids)) or '<span class="muted">none</span>'),
        ("Reviews proposal", f"<code>{_e(critic.proposal_ref or '')}</code>"),
    ]
    body = _kv(rows)
    if critic.decision is None:
        body += (
            f'<p class="alert">The critique could not be parsed: {_e(critic.parse_error or "")}'
            f"</p><pre>{_e(critic.raw_content or '')}</pre>"
        )
    return f"{head}{body}</div>"


# --- Governance -------------------------------------------------------------------------


def _sod(sod: SodView | None) -> str:
    if sod is None:
        return '<h3>Separation of duties</h3><p class="alert">sod_check.json could not be read.</p>'
    rows = [
        f'<tr data-rule="{_e(r.rule)}"><td><code>{_e(r.rule)}</code></td><td>{_badge(r.result)}</td>'
        f"<td>{_e(r.reason)}{_warnings(r.warnings)}</td></tr>"
        for r in sod.rules
    ]
    return f"<h3>Separation of duties {_badge(sod.result)}</h3><p>{_e(sod.reason)}</p>" + _table(
        ("Rule", "Result", "Reason"), rows
    )


def _warnings(warnings: Sequence[str]) -> str:
    return "".join(f'<div class="warning">warning: {_e(w)}</div>' for w in warnings)


def _scope(scope: ScopeView | None) -> str:
    if scope is None:
        return (
            '<h3>Capability scope</h3><p class="alert">'
            "capability_scope_check.json could not be read.</p>"
        )
    facts = [("Scope", f"<code>{_e(scope.scope_id)}</code> v{_e(scope.scope_version)}")]
    if scope.checked_outputs:
        facts.append(("Checked outputs", _e(", ".join(scope.checked_outputs))))
    if scope.reason:
        facts.append(("Reason", _e(scope.reason)))
    if scope.violations:
        rows = [
            f'<tr class="violation"><td><code>{_e(v.rule)}</code></td>'
            f"<td><code>{_e(v.location)}</code></td><td>{_e(v.detail)}</td></tr>"
            for v in scope.violations
        ]
        violations = _table(("Rule", "Location", "Detail"), rows, cls="violations")
    else:
        violations = '<p class="muted">No violations.</p>'
    return f"<h3>Capability scope {_badge(scope.result)}</h3>{_kv(facts)}{violations}"


# --- Cost -------------------------------------------------------------------------------


def _cost(pack: PackView) -> str:
    calls: list[tuple[str, str, CallView]] = []
    for role, artifact in (("proposer", pack.proposer), ("critic", pack.critic)):
        if artifact is not None and artifact.call is not None:
            calls.append((role, artifact.model_id or "", artifact.call))
    rows = [
        f'<tr data-role="{role}"><td>{role}</td><td><code>{_e(model)}</code></td>'
        f'<td class="num">{call.usage.prompt_tokens}</td>'
        f'<td class="num">{call.usage.completion_tokens}</td>'
        f'<td class="num">{call.cost_usd:.6f}</td></tr>'
        for role, model, call in calls
    ]
    total = sum(call.cost_usd for _, _, call in calls)
    limit = pack.per_run_limit_usd
    limit_text = f" (per-run limit {limit:.2f} USD)" if limit is not None else ""
    rows.append(
        '<tr class="total"><td colspan="4">total</td>'
        f'<td class="num" id="cost-total" data-usd="{total:.6f}">{total:.6f}</td></tr>'
    )
    note = "" if calls else '<p class="muted">No model call was made.</p>'
    return _section(
        "cost",
        f"Cost{limit_text}",
        note + _table(("Call", "Model", "Tokens in", "Tokens out", "USD"), rows),
    )


# --- Timeline ---------------------------------------------------------------------------


def _timeline(events: Sequence[EventView]) -> str:
    rows = [_event_row(event) for event in events]
    if not rows:
        return _section("timeline", "Event timeline", '<p class="alert">No events.</p>')
    return _section(
        "timeline",
        "Event timeline",
        _table(("Seq", "Time", "Event", "Message", "Verdict"), rows, cls="timeline"),
    )


def _event_row(event: EventView) -> str:
    what, verdict = "", ""
    if event.message is not None:
        m = event.message
        what = f"<code>{_e(m.kind)}</code> {_e(m.sender)} → {_e(m.recipient)}"
    if event.verdict is not None:
        v = event.verdict
        what = f"<code>{_e(v.message_kind)}</code>"
        verdict = _badge("ALLOWED" if v.allowed else "REJECTED", attr="verdict")
        verdict += "".join(f'<div class="reason">{_e(r)}</div>' for r in v.reasons)
    if event.plan is not None:
        what = f"{_e(event.plan.mode)} mode"
    if event.outcome is not None:
        o = event.outcome
        what = f"ended at {_e(o.stage)}, exit {_e(o.exit_code)}"
        verdict = _badge(o.status, attr="status")
        verdict += "".join(f'<div class="reason">{_e(r)}</div>' for r in o.reasons)
    return (
        f'<tr data-seq="{_e(event.seq)}" data-type="{_e(event.type)}"><td class="num">'
        f'{_e(event.seq)}</td><td class="time">{_e(event.at)}</td><td>{_e(event.type)}</td>'
        f"<td>{what}</td><td>{verdict}</td></tr>"
    )


# --- Verification -----------------------------------------------------------------------


def _verification(pack: PackView, verification: VerificationRecord) -> str:
    signed = "SIGNED" if verification.signed else "UNSIGNED"
    rows = [
        ("Result", _badge("OK" if verification.ok else "FAILED")),
        ("Signature", _badge(signed, id_="signature-status", attr="signed")),
        ("Key id", f'<code id="key-id">{_e(verification.key_id or "—")}</code>'),
        ("Events head", f"<code>{_e(pack.index.events_head)}</code>"),
    ]
    if verification.findings:
        findings = _table(
            ("File", "Problem"),
            (
                f'<tr class="finding"><td><code>{_e(f.file)}</code></td><td>{_e(f.problem)}</td></tr>'
                for f in verification.findings
            ),
            cls="findings",
        )
    else:
        findings = (
            '<p class="muted">Every file matches the index and the event chain is intact.</p>'
        )
    return _section("verification", "Evidence verification", _kv(rows) + findings)


_CSS: Final = """
:root { --pass:#1a7f37; --pass-bg:#dafbe1; --fail:#b42318; --fail-bg:#fee4e2;
  --warn:#8a5a00; --warn-bg:#fff3c4; --neutral:#475467; --neutral-bg:#eaecf0;
  --line:#d0d5dd; --ink:#101828; --muted:#667085; --panel:#ffffff; --page:#f2f4f7; }
* { box-sizing: border-box; }
body { margin:0; background:var(--page); color:var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 24px; }
header h1 { margin: 0; font-size: 24px; }
.sub { margin: 4px 0 16px; color: var(--muted); }
h2 { font-size: 18px; margin: 0 0 12px; border-bottom: 2px solid var(--line); padding-bottom: 6px; }
h3 { font-size: 16px; margin: 16px 0 8px; }
h4 { font-size: 15px; margin: 16px 0 6px; }
h5 { font-size: 14px; margin: 8px 0 4px; color: var(--muted); }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px; margin: 0 0 16px; }
.glance { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px;
  background: transparent; border: 0; padding: 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); margin-bottom: 6px; }
.card .badge { font-size: 16px; padding: 4px 10px; }
.columns { display: grid; grid-template-columns: 3fr 2fr; gap: 16px; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 12px; min-width: 0; }
.panel h3 { margin-top: 10px; }
.output { border-top: 1px dashed var(--line); }
.output.rejected { background: var(--fail-bg); padding: 0 8px 8px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: #f9fafb; font-weight: 600; }
tbody tr:nth-child(even) td { background: #fcfcfd; }
table.kv th { width: 180px; background: #f9fafb; font-weight: 600; }
.panel table.kv th { width: 130px; }
td.time { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 600; background: #f9fafb; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 8px; font-size: 12px;
  font-weight: 700; letter-spacing: .02em; white-space: nowrap; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--fail); background: var(--fail-bg); }
.badge.warn { color: var(--warn); background: var(--warn-bg); }
.badge.neutral { color: var(--neutral); background: var(--neutral-bg); }
.alert { background: var(--fail-bg); border: 1px solid var(--fail); border-radius: 6px; padding: 8px 12px; }
.warning { color: var(--warn); }
.reason { color: var(--fail); font-size: 13px; }
.muted { color: var(--muted); }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; word-break: break-all; }
pre { background: #f9fafb; border: 1px solid var(--line); border-radius: 6px; padding: 10px;
  white-space: pre-wrap; word-break: break-word; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; }
ul { margin: 4px 0; padding-left: 20px; }
footer { color: var(--muted); font-size: 13px; text-align: center; padding: 8px 0 24px; }
@media (max-width: 900px) { .glance { grid-template-columns: repeat(2, 1fr); }
  .columns { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } section, .card { break-inside: avoid; } }
"""
