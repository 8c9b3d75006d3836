"""The evidence bundler: consumes the supervisor's event stream and builds the pack."""

from __future__ import annotations

from orchestrator.evidence.build import BuiltPack, build_artifacts
from orchestrator.evidence.events import AnyEvent, EventChain
from orchestrator.evidence.names import INDEX, PACK_SIGNATURE
from orchestrator.evidence.signing import Signer

__all__ = ["EvidenceBundler"]


class EvidenceBundler:
    """Collects every event as it happens; chains and builds the pack at the end.

    Events are encoded and chained once, when the pack is built: the encoded bytes are the
    ones hashed and the ones written. With a ``signer`` the index names its key and the
    signature over the index is written in the same atomic pack write.
    """

    def __init__(self, signer: Signer | None = None) -> None:
        self.events: list[AnyEvent] = []
        self.signer = signer

    def record(self, event: AnyEvent) -> None:
        """Keep one event, as the supervisor emits it (synchronously: no stream, no task)."""
        self.events.append(event)

    def build(self) -> BuiltPack:
        """Every file of the pack from the events so far, signature included."""
        chain = EventChain()
        for event in self.events:
            chain.append(event)
        signing = self.signer.info if self.signer is not None else None
        pack = build_artifacts(self.events, b"".join(chain.lines), chain.head, signing)
        if self.signer is not None:
            signature = self.signer.sign(pack.files[INDEX], signed_file=INDEX)
            pack.files[PACK_SIGNATURE] = signature
        return pack
