"""``pilot fake-provider``: a local OpenAI-compatible provider for trying live mode without a key."""

from __future__ import annotations

import threading
from pathlib import Path

from clients.fake_provider import FakeProvider, wire_model_ids
from clients.transcripts import load_transcript
from orchestrator.cli.options import ConfigDir
from orchestrator.cli.output import emit
from orchestrator.core.config import load_registry
from orchestrator.core.resources import bundled_fixture, find_config_dir

__all__ = ["fake_provider"]


def fake_provider(
    *,
    port: int = 8787,
    fixture: Path | None = None,
    config_dir: ConfigDir = None,
    rpm: int | None = None,
    latency: float = 0.0,
) -> int:
    """Serve recorded answers as an OpenAI-compatible provider on 127.0.0.1, until Ctrl-C.

    Chat Completions and Responses endpoints answer the requests of the fixture's runs (by
    prompt hash); any Bearer key is accepted and never kept. A request header
    ``x-fake-fault`` injects a fault (429, 500, 503, slow, reset, malformed, truncated, 400,
    401, 404). Point ``[providers.*] base_url`` of a copy of config/ at the printed URL (a
    second provider on another port keeps provider diversity), set any key, and run
    ``pilot run --mode live --allow-network --config-dir COPY``.

    Parameters
    ----------
    port
        The port on 127.0.0.1 to listen on (0: any free one).
    fixture
        The transcript whose answers it serves (default: the bundled sample).
    rpm
        Answer 429 with Retry-After beyond this many requests a minute.
    latency
        Seconds to wait before each answer.
    """
    registry = load_registry((config_dir or find_config_dir()) / "model_registry.toml")
    transcript = load_transcript(fixture or bundled_fixture())
    server = FakeProvider(
        transcript, model_ids=wire_model_ids(registry), port=port, rpm=rpm, latency_s=latency
    )
    with server:
        emit([f"fake provider: {server.base_url}", "Ctrl-C stops it."])
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            emit("fake provider: stopped")
    return 0
