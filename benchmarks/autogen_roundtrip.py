"""The same round trip on autogen-core 0.7.5's runtime: the comparison issue 12 measures against.

One round trip is four messages, as in ``supervisor_roundtrip.py``: the supervisor (here the
driving task) sends a proposal request to the proposer agent, which answers with a
proposal; it sends a critique request to the critic agent, which answers with a critique.
Every one of the four passes one trivial intervention handler (``on_send`` for the two
requests, ``on_response`` for the two answers) — the place autogen-core offers for
governance — which lets each message through unchanged. The agents are ``RoutedAgent``s
with one typed ``@message_handler`` each, run by a ``SingleThreadedAgentRuntime`` that stays
up across iterations. Nothing is checked, parsed, hashed or recorded: this is the runtime's
own cost, the figure our governed round trip (every policy on) is held to.

autogen-core is not a dependency of this project; run this in a throwaway environment:

    uv venv /tmp/agv && uv pip install --python /tmp/agv autogen-core==0.7.5
    /tmp/agv/bin/python benchmarks/autogen_roundtrip.py

It prints ``autogen_roundtrip_us_p10``, ``_p90`` and, last, ``autogen_roundtrip_us_median``
(same warm-up and iteration count as ``supervisor_roundtrip.py``; ``--iterations N`` as there). Wall times on a shared
machine drift with load: compare the two scripts run alternately, several pairs, or their
instruction counts (``valgrind --tool=cachegrind --cache-sim=no``).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any

from autogen_core import (
    AgentId,
    DefaultInterventionHandler,
    MessageContext,
    RoutedAgent,
    SingleThreadedAgentRuntime,
    message_handler,
)

WARMUP = 300
ITERATIONS = 5000


def iterations(argv: list[str]) -> int:
    """``--iterations N`` from the command line, else ITERATIONS."""
    if "--iterations" in argv:
        return int(argv[argv.index("--iterations") + 1])
    return ITERATIONS


@dataclass
class ProposalRequest:
    run_id: str


@dataclass
class Proposal:
    run_id: str
    text: str


@dataclass
class CritiqueRequest:
    run_id: str
    proposal_ref: str


@dataclass
class Critique:
    run_id: str
    decision: str


class Proposer(RoutedAgent):
    @message_handler
    async def on_request(self, message: ProposalRequest, ctx: MessageContext) -> Proposal:
        return Proposal(run_id=message.run_id, text="outlook")


class Critic(RoutedAgent):
    @message_handler
    async def on_request(self, message: CritiqueRequest, ctx: MessageContext) -> Critique:
        return Critique(run_id=message.run_id, decision="APPROVE")


class PassThrough(DefaultInterventionHandler):
    """The one trivial intervention handler: every message goes on unchanged."""

    async def on_send(
        self, message: Any, *, message_context: MessageContext, recipient: AgentId
    ) -> Any:
        return message

    async def on_response(self, message: Any, *, sender: AgentId, recipient: AgentId | None) -> Any:
        return message


async def roundtrips(count: int) -> list[float]:
    runtime = SingleThreadedAgentRuntime(intervention_handlers=[PassThrough()])
    await Proposer.register(runtime, "proposer", lambda: Proposer("proposer"))
    await Critic.register(runtime, "critic", lambda: Critic("critic"))
    proposer, critic = AgentId("proposer", "default"), AgentId("critic", "default")
    runtime.start()
    samples: list[float] = []
    for i in range(WARMUP + count):
        start = time.perf_counter_ns()
        proposal = await runtime.send_message(ProposalRequest(run_id="r"), proposer)
        critique = await runtime.send_message(
            CritiqueRequest(run_id="r", proposal_ref=proposal.text), critic
        )
        elapsed = (time.perf_counter_ns() - start) / 1000
        assert critique.decision == "APPROVE"
        if i >= WARMUP:
            samples.append(elapsed)
    await runtime.stop()
    return samples


def main() -> None:
    samples = sorted(asyncio.run(roundtrips(iterations(sys.argv[1:]))))
    print(f"iterations={len(samples)}")
    print(f"autogen_roundtrip_us_p10={samples[len(samples) // 10]:.1f}")
    print(f"autogen_roundtrip_us_p90={samples[len(samples) * 9 // 10]:.1f}")
    print(f"autogen_roundtrip_us_median={statistics.median(samples):.1f}")


if __name__ == "__main__":
    main()
