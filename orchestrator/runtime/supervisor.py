"""The supervisor: the single choke point between the actors.

Every message, in either direction, is handed to :meth:`Supervisor.submit`. Admission runs
in the sender's task, synchronously: the policy chain judges the message, the message and its
verdict are recorded as two events (in that order, before anything moves on), and only an
allowed message goes on — into the recipient's bounded mailbox, or, for the last one, into
the run's outcome. A reject ends the run as BLOCKED and delivers nothing further (fail
closed). The actors never hold each other's mailboxes: they only ever submit to the
supervisor, which owns the task group, the mailboxes and the deadline.

Why admission in the sender's task: a supervisor actor with its own inbox costs two mailbox
hops and a task switch per message for nothing the governance needs — the verdict is the
same, recorded at the same point, and no message can bypass it.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime

import anyio
import structlog
from anyio.streams.memory import MemoryObjectSendStream

from agents.base import Agent
from clients.live.events import LiveEvent
from orchestrator.core.clock import Clock
from orchestrator.core.errors import DeadlineExceeded
from orchestrator.core.mailbox import deliver
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
    CallEvent,
    MessageEvent,
    RunFinished,
    RunStarted,
    VerdictEvent,
)
from orchestrator.evidence.records import Preflight, RunOutcome, RunPlan
from orchestrator.runtime.plan import proposer_request, review_request
from policies.chain import PolicyChain, RunFacts
from policies.findings import Verdict

__all__ = ["FALLBACK_ON", "MAILBOX_SIZE", "Session", "Supervisor"]

log = structlog.get_logger()

# Each actor handles one request at a time; a small bound keeps back-pressure honest.
MAILBOX_SIZE = 4
# A proposer that failed for one of these (the provider stayed unavailable after its
# retries) is replaced by the next configured fallback; a budget refusal, a replay miss or a
# configuration error is not a reason to call another model.
FALLBACK_ON = frozenset({"ProviderError", "DeadlineExceeded"})

Record = Callable[[AnyEvent], None]


class Supervisor:
    """Admits every message; ``record`` receives each event as it happens (the bundler)."""

    def __init__(
        self,
        *,
        plan: RunPlan,
        chain: PolicyChain,
        facts: RunFacts,
        record: Record,
        clock: Clock,
        deadline_s: float = math.inf,
    ) -> None:
        self.plan = plan
        self.chain = chain
        self.facts = facts
        self.record = record
        self.clock = clock
        self.deadline_s = deadline_s
        self._seq = 0
        self._proposers_tried = {plan.proposer.model_id}
        self._instant: datetime | None = None
        self._at = ""

    def _stamp(self) -> tuple[int, str]:
        """The next event's number and time; a clock value is formatted once."""
        seq = self._seq
        self._seq += 1
        now = self.clock.now()
        if now != self._instant:
            self._instant, self._at = now, now.isoformat()
        return seq, self._at

    def started(self, plan: RunPlan) -> None:
        seq, at = self._stamp()
        self.record(RunStarted(seq=seq, at=at, run_id=self.plan.run_id, plan=plan))

    def finished(self, outcome: RunOutcome, preflight: Preflight | None = None) -> None:
        seq, at = self._stamp()
        self.record(
            RunFinished(
                seq=seq, at=at, run_id=self.plan.run_id, outcome=outcome, preflight=preflight
            )
        )

    def call_event(self, event: LiveEvent) -> None:
        """Record what a live call reported (the client's observer)."""
        seq, at = self._stamp()
        self.record(CallEvent(seq=seq, at=at, run_id=self.plan.run_id, call=event))

    def admit(self, message: AnyMessage) -> Verdict:
        """Judge one message and record it and its verdict, in that order."""
        verdict = self.chain.evaluate(message, self.facts)
        seq, at = self._stamp()
        self.record(MessageEvent(seq=seq, at=at, run_id=self.plan.run_id, message=message))
        seq, at = self._stamp()
        self.record(VerdictEvent(seq=seq, at=at, run_id=self.plan.run_id, verdict=verdict))
        if not verdict.allowed:
            log.warning("supervisor.rejected", kind=verdict.message_kind, reasons=verdict.reasons)
        return verdict

    def preflight(self, request: ProposalRequest) -> RunOutcome:
        """Dry mode: the chain on the first request, no actor, no call."""
        verdict = self.admit(request)
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

        On exit the task group is cancelled, so no actor outlives the session.
        """
        proposer_tx, proposer_rx = anyio.create_memory_object_stream[AnyMessage](MAILBOX_SIZE)
        critic_tx, critic_rx = anyio.create_memory_object_stream[AnyMessage](MAILBOX_SIZE)
        session = Session(self, proposer_tx, critic_tx)
        async with anyio.create_task_group() as tg, proposer_tx, critic_tx:
            tg.start_soon(proposer.run, proposer_rx, session)
            tg.start_soon(critic.run, critic_rx, session)
            try:
                yield session
            finally:
                tg.cancel_scope.cancel()

    def fallback_request(self, failed: RunFailed) -> ProposalRequest | None:
        """The proposer's request for the next configured fallback model, or None when the
        fallbacks are used up. It is a new message: the policy chain judges it (SoD again)."""
        tried = self._proposers_tried
        remaining = [m for m in self.plan.fallbacks if m.model_id not in tried]
        if not remaining:
            return None
        model = remaining[0]
        tried.add(model.model_id)
        request, digest = proposer_request(self.plan.scenario, model)
        log.warning(
            "supervisor.fallback", failed=failed.detail, fallback=model.model_id, error=failed.error
        )
        return ProposalRequest(
            run_id=self.plan.run_id,
            sender="supervisor",
            recipient="proposer",
            scenario_id=self.plan.scenario.id,
            model_id=model.model_id,
            prompt_hash=digest,
            request=request,
        )

    def critique_request(self, proposal: Proposal) -> CritiqueRequest:
        """The critic's request for an admitted proposal.

        The proposer's message carries the output hash of its text (the agent hashed the
        answer it parsed), the hash the critique must cite: it is not computed again.
        """
        request, digest, _ = review_request(
            self.plan.scenario,
            self.plan.critic,
            proposal_text=proposal.proposal.text,
            proposer_call_id=proposal.call.call_id,
            output_hash=proposal.output_hash,
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


@dataclass(slots=True)
class Session:
    """Live actors behind their mailboxes; what they submit is admitted here, in their task.

    ``exchange`` drives one request through them and waits for its outcome.
    """

    supervisor: Supervisor
    proposer: MemoryObjectSendStream[AnyMessage]
    critic: MemoryObjectSendStream[AnyMessage]
    _outcome: RunOutcome | None = field(default=None, init=False)
    _done: anyio.Event = field(default_factory=anyio.Event, init=False)

    async def exchange(self, request: ProposalRequest) -> RunOutcome:
        """Proposal, critique and every verdict in between; the outcome of the exchange."""
        self._outcome, self._done = None, anyio.Event()
        if await self.submit(request):
            await self._done.wait()
        assert self._outcome is not None
        return self._outcome

    async def submit(self, message: AnyMessage) -> bool:
        """Admit ``message`` and move it on; False when the exchange has ended."""
        supervisor = self.supervisor
        if self._outcome is not None:
            return False
        verdict = supervisor.admit(message)
        if not verdict.allowed:
            return self._end(_blocked(verdict))
        match message:
            case ProposalRequest():
                await deliver(self.proposer, message)
            case Proposal():
                supervisor.facts.proposal = message
                return await self.submit(supervisor.critique_request(message))
            case CritiqueRequest():
                await deliver(self.critic, message)
            case Critique():
                return self._end(RunOutcome.of("COMPLETE", "critique"))
            case RunFailed(sender="proposer", error=error) if error in FALLBACK_ON:
                fallback = supervisor.fallback_request(message)
                if fallback is not None:
                    return await self.submit(fallback)
                return self._end(RunOutcome.of("FAILED", "proposer", (message.detail,)))
            case RunFailed(sender=sender, detail=detail):
                return self._end(RunOutcome.of("FAILED", sender, (detail,)))
        return True

    def _end(self, outcome: RunOutcome) -> bool:
        self._outcome = outcome
        self._done.set()
        return False


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
