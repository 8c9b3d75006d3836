"""The supervisor: every message judged and recorded, rejects block, failures and deadlines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import msgspec
import pytest
from structlog.testing import capture_logs

from agents.critic import CriticAgent
from agents.parsing import parse_proposal
from clients.fake import FakeModelClient
from orchestrator.core import mailbox
from orchestrator.core.calls import ChatRequest, ChatResponse, Role
from orchestrator.core.errors import ProviderError
from orchestrator.core.messages import AnyMessage, Critique, Message, Proposal
from orchestrator.evidence.events import AnyEvent, MessageEvent, VerdictEvent
from orchestrator.evidence.verify import verify_pack
from orchestrator.runtime.bundler import EvidenceBundler
from orchestrator.runtime.run import PreparedRun, RunOptions, execute, prepare
from policies.chain import PolicyChain, RunFacts
from policies.findings import PolicyOutcome, RuleCheck
from policies.routing import RoutingPolicy
from tests.helpers import SAMPLE

pytestmark = pytest.mark.anyio


def prepared(tmp_path: Path, **options: object) -> PreparedRun:
    return prepare(RunOptions(fixture=SAMPLE, out=tmp_path / "pack", **options))  # type: ignore[arg-type]


def events(pack: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line)["event"] for line in (pack / "events.jsonl").read_text().splitlines()]


class Scripted:
    """The fake model, with the critic's answer replaced."""

    def __init__(self, critic_answer: str) -> None:
        self.fake = FakeModelClient()
        self.critic_answer = critic_answer
        self.calls: list[Role] = []

    async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        self.calls.append(role)
        answer = self.fake.answer(request, role=role)
        if role == "critic":
            return msgspec.structs.replace(answer, content=self.critic_answer)
        return answer


async def test_every_message_is_followed_by_its_verdict(tmp_path: Path) -> None:
    """The event stream alternates message and verdict, framed by run.started and run.finished."""
    run = prepared(tmp_path)
    result = await execute(run, FakeModelClient())
    assert result.outcome.status == "COMPLETE"
    stream = events(run.out_dir)
    assert [e["type"] for e in stream] == [
        "run.started",
        *["message", "verdict"] * 4,
        "run.finished",
    ]
    kinds = [e["message"]["kind"] for e in stream if e["type"] == "message"]
    assert kinds == ["proposal_request", "proposal", "critique_request", "critique"]
    assert [e["seq"] for e in stream] == list(range(len(stream)))


async def test_unparseable_critic_decision_blocks(tmp_path: Path) -> None:
    """A critique without a decision is rejected, never read as approval."""
    run = prepared(tmp_path)
    result = await execute(run, Scripted("I have some thoughts but no verdict."))
    assert result.outcome.status == "BLOCKED"
    assert result.outcome.exit_code == 2
    assert any(r.startswith("sod.critic_decision") for r in result.outcome.reasons)


async def test_critique_of_another_proposal_blocks(tmp_path: Path) -> None:
    """A critique whose proposal_ref is not the proposal's output hash breaks SoD rule 3."""
    answer = json.dumps(
        {
            "decision": "APPROVE",
            "rationale": "fine",
            "proposal_ref": "sha256:" + "1" * 64,
            "evidence_ids": ["scn-base"],
        }
    )
    result = await execute(prepared(tmp_path), Scripted(answer))
    assert result.outcome.status == "BLOCKED"
    assert any(r.startswith("sod.critic_references_proposal") for r in result.outcome.reasons)


async def test_evidence_that_resolves_to_nothing_blocks(tmp_path: Path) -> None:
    """Evidence ids of which none resolves to the proposal break SoD rule 4."""
    run = prepared(tmp_path)

    class WrongEvidence(Scripted):
        async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
            answer = await super().complete(request, role=role)
            if role != "critic":
                return answer
            body = json.loads(self.fake.answer(request, role="critic").content)
            body["evidence_ids"] = ["made-up-1"]
            return msgspec.structs.replace(answer, content=json.dumps(body))

    result = await execute(run, WrongEvidence(""))
    assert result.outcome.status == "BLOCKED"
    sod = json.loads((run.out_dir / "sod_check.json").read_text())
    rule = next(r for r in sod["rules"] if r["rule"] == "sod.evidence_ids")
    assert rule["result"] == "FAIL"
    assert rule["warnings"] == ["evidence id 'made-up-1' does not resolve to the proposal"]


async def test_failure_messages_reach_the_pack_redacted(tmp_path: Path) -> None:
    """An error quoting a secret (provider error, or a crash) is stored redacted."""
    secret = "sk-" + "Qw3rTy7UiOp0AsDfGhJk"

    class Quoting:
        async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
            raise ProviderError(f"HTTP 401: key {secret} rejected", model_id=request.model)

    run = prepared(tmp_path)
    result = await execute(run, Quoting())
    assert result.outcome.reasons == ("HTTP 401: key [REDACTED:api_key] rejected",)
    for path in run.out_dir.iterdir():
        assert secret not in path.read_text(encoding="utf-8"), path.name


async def test_provider_error_fails_the_run_with_a_pack(tmp_path: Path) -> None:
    """A provider error becomes RunFailed: status FAILED, exit 3, pack written."""

    class Broken:
        async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
            raise ProviderError("HTTP 500 from provider after 3 attempts", model_id=request.model)

    run = prepared(tmp_path)
    result = await execute(run, Broken())
    assert (result.outcome.status, result.outcome.exit_code) == ("FAILED", 3)
    assert result.outcome.reasons == ("HTTP 500 from provider after 3 attempts",)
    proposer = json.loads((run.out_dir / "proposer_output.json").read_text())
    assert proposer["status"] == "FAILED"


async def test_truncated_answer_is_a_failure(tmp_path: Path) -> None:
    """finish_reason 'length' means an incomplete answer: the run fails."""

    class Truncating:
        async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
            answer = FakeModelClient().answer(request, role=role)
            meta = msgspec.structs.replace(answer.meta, finish_reason="length")
            return msgspec.structs.replace(answer, meta=meta)

    result = await execute(prepared(tmp_path), Truncating())
    assert result.outcome.status == "FAILED"
    assert "finish_reason 'length'" in result.outcome.reasons[0]


async def test_deadline_fails_the_run(tmp_path: Path) -> None:
    """A model that never answers hits the run deadline: FAILED, pack written."""

    class Silent:
        async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
            await anyio.Event().wait()
            raise AssertionError("unreachable")

    run = prepared(tmp_path, deadline_s=0.0)
    result = await execute(run, Silent())
    assert (result.outcome.status, result.outcome.stage) == ("FAILED", "deadline")
    assert (run.out_dir / "evidence_pack.json").exists()


async def test_misrouted_message_is_rejected(tmp_path: Path) -> None:
    """A critic that answers as if it were the proposer is stopped by the routing policy."""

    class Impostor(CriticAgent):
        async def handle(self, message: AnyMessage) -> AnyMessage:
            reply = await super().handle(message)
            assert isinstance(reply, Critique)
            return Proposal(
                run_id=reply.run_id,
                sender="critic",
                recipient="supervisor",
                model_id=reply.model_id,
                prompt_hash=reply.prompt_hash,
                output_hash=reply.output_hash,
                proposal=parse_proposal("an outlook, from the wrong sender"),
                call=reply.call,
            )

    run = prepared(tmp_path)
    client = FakeModelClient()
    critic = Impostor(client, model_id=run.plan.critic.model_id)
    result = await execute(run, client, critic=critic)
    assert result.outcome.status == "BLOCKED"
    assert result.outcome.reasons[0] == (
        "routing.route: proposal may only go proposer → supervisor, not critic → supervisor"
    )
    assert (
        "sod.distinct_models: the proposal came from deepseek-r1, not from the configured proposer"
        in result.outcome.reasons
    )


async def test_a_reject_is_logged_as_an_event(tmp_path: Path) -> None:
    """A rejected message is logged as `supervisor.rejected` with its kind and reasons."""
    with capture_logs() as logs:
        result = await execute(prepared(tmp_path), Scripted("No verdict here."))
    assert result.outcome.status == "BLOCKED"
    rejected = [entry for entry in logs if entry["event"] == "supervisor.rejected"]
    assert [entry["kind"] for entry in rejected] == ["critique"]
    assert rejected[0]["log_level"] == "warning"
    assert rejected[0]["reasons"] == result.outcome.reasons


async def test_a_crashing_client_still_leaves_a_failed_pack(tmp_path: Path) -> None:
    """A bug below an agent ends the run FAILED, the error named and logged, the pack written."""

    class Crashing:
        async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
            raise RuntimeError("boom")

    run = prepared(tmp_path)
    with capture_logs() as logs:
        result = await execute(run, Crashing())
    assert (result.outcome.status, result.outcome.exit_code) == ("FAILED", 3)
    assert result.outcome.reasons == ("internal error: RuntimeError: boom",)
    assert [entry["event"] for entry in logs if entry["log_level"] == "error"] == [
        "supervisor.crashed"
    ]
    index = json.loads((run.out_dir / "evidence_pack.json").read_text())
    assert index["status"] == "FAILED"
    assert verify_pack(run.out_dir).ok


class Watched:
    """The run's events as recorded, and every mailbox delivery seen against them."""

    def __init__(self) -> None:
        self.events: list[AnyEvent] = []
        self.deliveries: list[tuple[AnyMessage, list[AnyEvent]]] = []


def watch(monkeypatch: pytest.MonkeyPatch) -> Watched:
    watched = Watched()
    real_record = EvidenceBundler.record
    real_deliver = mailbox.deliver

    def record(self: EvidenceBundler, event: AnyEvent) -> None:
        watched.events.append(event)
        real_record(self, event)

    async def deliver(stream: Any, message: AnyMessage) -> None:
        watched.deliveries.append((message, list(watched.events)))
        await real_deliver(stream, message)

    monkeypatch.setattr(EvidenceBundler, "record", record)
    monkeypatch.setattr("orchestrator.runtime.supervisor.deliver", deliver)
    return watched


async def test_no_message_reaches_a_mailbox_before_its_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each delivered message was recorded, then its allowing verdict, just before delivery."""
    watched = watch(monkeypatch)
    result = await execute(prepared(tmp_path), FakeModelClient())
    assert result.outcome.status == "COMPLETE"
    kinds = [type(message).__name__ for message, _ in watched.deliveries]
    assert kinds == ["ProposalRequest", "CritiqueRequest"]
    for message, before in watched.deliveries:
        recorded, verdict = before[-2], before[-1]
        assert isinstance(recorded, MessageEvent)
        assert recorded.message is message
        assert isinstance(verdict, VerdictEvent)
        assert verdict.verdict.allowed


class RejectProposals:
    """A policy that rejects every Proposal."""

    name = "test"

    def evaluate(self, message: Message, facts: RunFacts) -> PolicyOutcome | None:
        if not isinstance(message, Proposal):
            return None
        check = RuleCheck(rule="test.reject", result="FAIL", reason="rejected by the test")
        return PolicyOutcome(policy=self.name, allowed=False, checks=(check,))


class RaiseOnProposals(RejectProposals):
    def evaluate(self, message: Message, facts: RunFacts) -> PolicyOutcome | None:
        if message.sender == "proposer":
            raise RuntimeError("a policy bug")
        return None


async def test_a_reject_delivers_nothing_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rejected Proposal ends the run BLOCKED; the critic is never engaged."""
    watched = watch(monkeypatch)
    client = Scripted("unused")
    monkeypatch.setattr(
        "orchestrator.runtime.run.policy_chain",
        lambda run: PolicyChain([RoutingPolicy(), RejectProposals()]),
    )
    result = await execute(prepared(tmp_path), client)
    assert (result.outcome.status, result.outcome.stage) == ("BLOCKED", "proposal")
    assert [type(m).__name__ for m, _ in watched.deliveries] == ["ProposalRequest"]
    assert client.calls == ["proposer"]
    assert [e["type"] for e in events(result.pack)][-1] == "run.finished"


async def test_a_policy_that_raises_ends_failed_with_its_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A policy bug on the Proposal: FAILED (internal), the Proposal itself never recorded."""
    monkeypatch.setattr(
        "orchestrator.runtime.run.policy_chain",
        lambda run: PolicyChain([RoutingPolicy(), RaiseOnProposals()]),
    )
    result = await execute(prepared(tmp_path), FakeModelClient())
    assert (result.outcome.status, result.outcome.stage) == ("FAILED", "internal")
    assert "RuntimeError: a policy bug" in result.outcome.reasons[0]
    stream = events(result.pack)
    assert [e["type"] for e in stream] == ["run.started", "message", "verdict", "run.finished"]
    assert stream[1]["message"]["kind"] == "proposal_request"
    assert verify_pack(result.pack).ok
