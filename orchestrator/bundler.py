"""The evidence bundler: consumes the supervisor's event stream and writes the pack."""

from __future__ import annotations

from pathlib import Path

from anyio.abc import ObjectReceiveStream

from orchestrator.artifacts import BuiltPack, build_artifacts
from orchestrator.events import Event, EventChain
from orchestrator.mailbox import next_item
from orchestrator.pack_writer import write_pack

__all__ = ["EvidenceBundler"]


class EvidenceBundler:
    """Collects every event as it arrives; chains, builds and writes the pack at the end.

    Events are encoded and chained once, when the pack is built: the encoded bytes are the
    ones hashed and the ones written.
    """

    def __init__(self) -> None:
        self.events: list[Event] = []

    async def consume(self, stream: ObjectReceiveStream[Event]) -> None:
        async with stream:
            while (event := await next_item(stream)) is not None:
                self.events.append(event)

    def build(self) -> BuiltPack:
        chain = EventChain()
        for event in self.events:
            chain.append(event)
        return build_artifacts(self.events, b"".join(chain.lines), chain.head)

    def write(self, out_dir: Path) -> BuiltPack:
        """Build the pack from the events so far and write it atomically to ``out_dir``."""
        pack = self.build()
        write_pack(out_dir, pack.files)
        return pack
