"""Making a fixture with the deterministic local fake model (``pilot fixture fake``).

The two calls are built by the same functions the supervisor uses, so the fixture's prompt
hashes are exactly those a replay of the scenario asks for.
"""

from __future__ import annotations

from pathlib import Path

import anyio

from clients.fake import GENERATOR, FakeModelClient, Variant
from clients.recording import RecordingClient
from clients.transcripts import Transcript, write_transcript
from orchestrator.core.calls import ChatResponse
from orchestrator.core.clock import FixedClock, parse_instant
from orchestrator.core.config import ConfigBundle, ScenarioConfig, load_config, load_scenario
from orchestrator.runtime.plan import proposer_request, review_request

__all__ = ["make_fake_fixture", "record_fake_transcript"]


def make_fake_fixture(
    *, config_dir: Path, scenario_id: str, variant: Variant, clock: str, out: Path
) -> None:
    transcript = record_fake_transcript(
        config=load_config(config_dir),
        scenario=load_scenario(config_dir, scenario_id),
        model=FakeModelClient(variant),
        clock=clock,
        transcript_id=f"l2-{scenario_id}-{variant}-{clock[:10]}",
    )
    write_transcript(out, transcript)


def record_fake_transcript(
    *,
    config: ConfigBundle,
    scenario: ScenarioConfig,
    model: FakeModelClient,
    clock: str,
    transcript_id: str,
) -> Transcript:
    """The proposer and critic exchange of one scenario (a suite entry's, resolved, too)."""
    layer = config.registry.layer(scenario.layer)
    proposer = config.registry.model(layer.primary)
    critic = config.registry.model(layer.critic)
    recorder = RecordingClient(model, clock=FixedClock(parse_instant(clock, source="--clock")))

    async def record() -> None:
        request, _ = proposer_request(scenario, proposer)
        answer: ChatResponse = await recorder.complete(request, role="proposer")
        review, _, _ = review_request(
            scenario, critic, proposal_text=answer.content, proposer_call_id=answer.meta.call_id
        )
        await recorder.complete(review, role="critic")

    anyio.run(record)
    return recorder.transcript(
        transcript_id=transcript_id, scenario=scenario.id, generator=GENERATOR
    )
