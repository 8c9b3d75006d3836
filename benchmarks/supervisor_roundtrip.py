"""Supervisor round trip: proposer → supervisor → critic → supervisor → proposer.

One round trip is one governed exchange on live actors: the supervisor admits the
ProposalRequest (routing, SoD) and delivers it to the proposer's mailbox; the proposer
answers; the supervisor admits the Proposal (routing, SoD, capability scope with the
content scan), builds the CritiqueRequest and admits it; the critic answers; the
supervisor admits the Critique (routing, SoD rules 1-4 and the decision, scope scan of
the critique) — every message and verdict recorded as an event by the evidence bundler,
and the proposal and critique parsed and hashed by the agents as in a real run. Model
calls are stubbed with the bundled sample's recorded answers, so only orchestration and
governance are measured. The actors stay up across iterations (one session), as the
mailboxes of a batch would.

In the same process it also times a raw anyio round trip between two tasks over two bounded
memory streams — the floor any actor runtime on anyio pays — and prints the ratio, which
does not drift with machine load the way absolute figures do.

Run: ``uv run python benchmarks/supervisor_roundtrip.py``. The last lines printed are
``raw_anyio_roundtrip_us_median``, ``roundtrip_us_median`` and ``ratio_to_raw_anyio``. With
``--no-policies`` the chain is empty: the figure is then the cost of the actors, mailboxes,
agents' parsing and events alone. ``--iterations N`` (default 5000) sets how many governed
round trips are timed (the raw one always runs 5000): under ``valgrind --tool=cachegrind
--cache-sim=no`` two runs with different N give the instructions of one round trip as the
difference of their totals over the difference of their N, start-up cancelled out. ``benchmarks/autogen_roundtrip.py`` is the same round trip on
autogen-core's runtime (run it in its own environment, as its docstring says).
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

import anyio

from agents.critic import CriticAgent
from agents.proposer import ProposerAgent
from clients.replay import ReplayClient
from orchestrator.cli.logs import configure_logging
from orchestrator.core.calls import ChatRequest, ChatResponse, Role
from orchestrator.core.resources import bundled_fixture
from orchestrator.runtime.bundler import EvidenceBundler
from orchestrator.runtime.run import RunOptions, policy_chain, prepare, run_facts
from orchestrator.runtime.supervisor import Supervisor
from policies.chain import PolicyChain

WARMUP = 300
ITERATIONS = 5000


def iterations(argv: list[str]) -> int:
    """``--iterations N`` from the command line, else ITERATIONS."""
    if "--iterations" in argv:
        return int(argv[argv.index("--iterations") + 1])
    return ITERATIONS


class Stub:
    """The sample's recorded answers, looked up once: no I/O and no lookup per call."""

    def __init__(self, replay: ReplayClient) -> None:
        self.replay = replay
        self.answers: dict[Role, ChatResponse] = {}

    async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        if role not in self.answers:
            self.answers[role] = self.replay.lookup(request, role=role)
        return self.answers[role]


async def governed(with_policies: bool, count: int = ITERATIONS) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        prepared = prepare(RunOptions(fixture=bundled_fixture(), out=Path(tmp) / "pack"))
    assert prepared.replay is not None
    plan = prepared.plan
    facts = run_facts(plan, prepared.config.registry)
    bundler = EvidenceBundler()
    stub = Stub(prepared.replay)
    supervisor = Supervisor(
        plan=plan,
        chain=policy_chain(prepared) if with_policies else PolicyChain([]),
        facts=facts,
        record=bundler.record,
        clock=prepared.clock,
    )
    proposer = ProposerAgent(stub, model_id=plan.proposer.model_id)
    critic = CriticAgent(stub, model_id=plan.critic.model_id)
    samples: list[float] = []
    async with supervisor.session(proposer, critic) as session:
        for i in range(WARMUP + count):
            facts.proposal = None
            start = time.perf_counter_ns()
            outcome = await session.exchange(prepared.request)
            elapsed = (time.perf_counter_ns() - start) / 1000
            assert outcome.status == "COMPLETE", outcome
            if i >= WARMUP:
                samples.append(elapsed)
            # A run's bundler holds one run's events; keeping thousands of runs' would
            # measure the garbage collector walking them, not the exchange.
            bundler.events.clear()
    return samples


async def raw_anyio() -> list[float]:
    """Two tasks, two bounded streams: send, the other task receives and answers."""
    to_peer, peer_inbox = anyio.create_memory_object_stream[int](4)
    to_main, main_inbox = anyio.create_memory_object_stream[int](4)

    async def peer() -> None:
        async with peer_inbox, to_main:
            async for value in peer_inbox:
                await to_main.send(value)

    samples: list[float] = []
    async with anyio.create_task_group() as tg, main_inbox:
        tg.start_soon(peer)
        async with to_peer:
            for i in range(WARMUP + ITERATIONS):
                start = time.perf_counter_ns()
                await to_peer.send(i)
                await main_inbox.receive()
                elapsed = (time.perf_counter_ns() - start) / 1000
                if i >= WARMUP:
                    samples.append(elapsed)
    return samples


def main() -> None:
    configure_logging("json", level=logging.WARNING)
    argv = sys.argv[1:]
    count = iterations(argv)
    floor = statistics.median(anyio.run(raw_anyio))
    samples = sorted(anyio.run(governed, "--no-policies" not in argv, count))
    median = statistics.median(samples)
    print(f"iterations={len(samples)}")
    print(f"roundtrip_us_p10={samples[len(samples) // 10]:.1f}")
    print(f"roundtrip_us_p90={samples[len(samples) * 9 // 10]:.1f}")
    print(f"raw_anyio_roundtrip_us_median={floor:.1f}")
    print(f"roundtrip_us_median={median:.1f}")
    print(f"ratio_to_raw_anyio={median / floor:.2f}")


if __name__ == "__main__":
    main()
