"""The supervisor: the single choke point between the actors.

It owns the run's task group, the actors' mailboxes and the deadline. Every message, in
either direction, goes through the policy chain before delivery and is emitted as an event
together with its verdict; a reject ends the run as BLOCKED (fail closed).
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import anyio
import structlog
from anyio.abc import ObjectReceiveStream, ObjectSendStream

from agents.base import Agent
from orchestrator.core.clock import Clock
from orchestrator.core.errors import DeadlineExceeded
from orchestrator.core.mailbox import deliver, next_item
from orchestrator.core.messages import (
    AnyMessage,
    Critique,
    CritiqueRequest,
    Proposal,
    ProposalRequest,
    RunFailed,
)
from orchestrator.core.redaction import redact
from orchestrator.evidence.events import (
    AnyEvent,
    MessageEvent,
    RunFinished,
    RunStarted,
    VerdictEvent,
)
from orchestrator.evidence.records import Preflight, RunOutcome, RunPlan
from orchestrator.runtime.plan import review_request
from policies.chain import PolicyChain, RunFacts
from policies.findings import Verdict

__all__ = ["MAILBOX_SIZE", "Session", "Supervisor"]

log = structlog.get_logger()

# Each actor handles one request at a time; a small bound keeps back-pressure honest.
MAILBOX_SIZE = 4


class Supervisor:
    def __init__(
        self,
        *,
        plan: RunPlan,
        chain: PolicyChain,
        facts: RunFacts,
        events: ObjectSendStream[AnyEvent],
        clock: Clock,
        deadline_s: float = math.inf,
    ) -> None:
        self.plan = plan
        self.chain = chain
        self.facts = facts
        self.events = events
        self.clock = clock
        self.deadline_s = deadline_s
        self._seq = 0

    def _stamp(self) -> tuple[int, str]:
        """The next event's number and time."""
        seq = self._seq
        self._seq += 1
        return seq, self.clock.now().isoformat()

    async def _emit(self, event: AnyEvent) -> None:
        await deliver(self.events, event)

    async def started(self, plan: RunPlan) -> None:
        seq, at = self._stamp()
        await self._emit(RunStarted(seq=seq, at=at, run_id=self.plan.run_id, plan=plan))

    async def finished(self, outcome: RunOutcome, preflight: Preflight | None = None) -> None:
        seq, at = self._stamp()
        await self._emit(
            RunFinished(
                seq=seq, at=at, run_id=self.plan.run_id, outcome=outcome, preflight=preflight
            )
        )

    async def admit(self, message: AnyMessage) -> Verdict:
        """Run the chain on one message and record both; the verdict says if it may pass."""
        verdict = self.chain.evaluate(message, self.facts)
        seq, at = self._stamp()
        await self._emit(MessageEvent(seq=seq, at=at, run_id=self.plan.run_id, message=message))
        seq, at = self._stamp()
        await self._emit(VerdictEvent(seq=seq, at=at, run_id=self.plan.run_id, verdict=verdict))
        if not verdict.allowed:
            log.warning("supervisor.rejected", kind=verdict.message_kind, reasons=verdict.reasons)
        return verdict

    async def preflight(self, request: ProposalRequest) -> RunOutcome:
        """Dry mode: the chain on the first request, no actor, no call."""
        verdict = await self.admit(request)
        if not verdict.allowed:
            return _blocked(verdict)
        return RunOutcome.of("COMPLETE", "preflight")

    async def run(
        self,
        request: ProposalRequest,
        proposer: Agent[ProposalRequest],
        critic: Agent[CritiqueRequest],
    ) -> RunOutcome:
        """One governed exchange with its own actors, within the run's deadline.

        An unexpected exception (a bug in an agent, a client or a policy) still ends in an
        outcome, FAILED with the error named, so that the run leaves its evidence; it is
        logged with its traceback, not swallowed.
        """
        try:
            async with self.session(proposer, critic) as session:
                try:
                    with anyio.fail_after(self.deadline_s):
                        return await session.exchange(request)
                except TimeoutError:
                    exc = DeadlineExceeded(f"the run did not finish within {self.deadline_s:g} s")
                    return _failed("deadline", (exc.message,))
        except Exception as exc:
            log.exception("supervisor.crashed")
            return _failed("internal", (f"internal error: {_describe(exc)}",))

    @asynccontextmanager
    async def session(
        self, proposer: Agent[ProposalRequest], critic: Agent[CritiqueRequest]
    ) -> AsyncIterator[Session]:
        """The actors running in the supervisor's task group, each behind its own mailbox.

        Agents never hold each other's send ends: both answer into the supervisor's inbox.
        On exit the task group is cancelled, so no actor outlives the session.
        """
        proposer_tx, proposer_rx = anyio.create_memory_object_stream[AnyMessage](MAILBOX_SIZE)
        critic_tx, critic_rx = anyio.create_memory_object_stream[AnyMessage](MAILBOX_SIZE)
        inbox_tx, inbox_rx = anyio.create_memory_object_stream[AnyMessage](MAILBOX_SIZE)
        async with anyio.create_task_group() as tg, proposer_tx, critic_tx, inbox_rx:
            async with inbox_tx:
                tg.start_soon(proposer.run, proposer_rx, inbox_tx.clone())
                tg.start_soon(critic.run, critic_rx, inbox_tx.clone())
            try:
                yield Session(self, proposer_tx, critic_tx, inbox_rx)
            finally:
                tg.cancel_scope.cancel()

    async def _drive(
        self,
        request: ProposalRequest,
        proposer: ObjectSendStream[AnyMessage],
        critic: ObjectSendStream[AnyMessage],
        inbox: ObjectReceiveStream[AnyMessage],
    ) -> RunOutcome:
        verdict = await self.admit(request)
        if not verdict.allowed:
            return _blocked(verdict)
        await deliver(proposer, request)
        while (message := await next_item(inbox)) is not None:
            verdict = await self.admit(message)
            if not verdict.allowed:
                return _blocked(verdict)
            match message:
                case RunFailed(sender=sender, detail=detail):
                    return RunOutcome.of("FAILED", sender, (detail,))
                case Proposal():
                    self.facts.proposal = message
                    review = self._critique_request(message)
                    verdict = await self.admit(review)
                    if not verdict.allowed:
                        return _blocked(verdict)
                    await deliver(critic, review)
                case Critique():
                    return RunOutcome.of("COMPLETE", "critique")
                case _:
                    return _failed("supervisor", (f"unexpected {type(message).__name__}",))
        return _failed("supervisor", ("the actors stopped before the run finished",))

    def _critique_request(self, proposal: Proposal) -> CritiqueRequest:
        request, digest, _ = review_request(
            self.plan.scenario,
            self.plan.critic,
            proposal_text=proposal.proposal.text,
            proposer_call_id=proposal.call.call_id,
        )
        return CritiqueRequest(
            run_id=self.plan.run_id,
            sender="supervisor",
            recipient="critic",
            model_id=self.plan.critic.model_id,
            prompt_hash=digest,
            proposal_ref=proposal.output_hash,
            proposer_call_id=proposal.call.call_id,
            request=request,
        )


@dataclass(frozen=True, slots=True)
class Session:
    """Live actors behind their mailboxes; ``exchange`` drives one request through them."""

    supervisor: Supervisor
    proposer: ObjectSendStream[AnyMessage]
    critic: ObjectSendStream[AnyMessage]
    inbox: ObjectReceiveStream[AnyMessage]

    async def exchange(self, request: ProposalRequest) -> RunOutcome:
        """Proposal, critique and every verdict in between; the outcome of the exchange."""
        return await self.supervisor._drive(request, self.proposer, self.critic, self.inbox)


def _blocked(verdict: Verdict) -> RunOutcome:
    return RunOutcome.of("BLOCKED", verdict.message_kind, verdict.reasons)


def _describe(exc: BaseException) -> str:
    # Task groups wrap what an actor raised; the operator needs the error itself.
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    # What an exception says may quote a provider's answer: it goes into the pack redacted.
    return redact(f"{type(exc).__name__}: {exc}")[0]


def _failed(stage: str, reasons: tuple[str, ...]) -> RunOutcome:
    return RunOutcome.of("FAILED", stage, reasons)
