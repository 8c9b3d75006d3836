"""What the drift check reads of one run: the proposer's answer and where it came from.

An :class:`Observation` is taken from a COMPLETE evidence pack: its index
(``evidence_pack.json``, whose hash identifies the pack) and ``proposer_output.json``,
decoded with the evidence schema's own Structs. :func:`observation_from_pack` checks that
the two belong together and that the answer is the one the output hash names; whole-pack
verification (every artifact, the event chain, a signature) stays with ``verify_pack``,
which the caller runs first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec
from msgspec import UNSET

from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.contract import OutputItem
from orchestrator.core.errors import ConfigError, IntegrityError
from orchestrator.core.fileio import read_bytes
from orchestrator.evidence.names import INDEX, PROPOSER_OUTPUT
from orchestrator.evidence.schema import PackIndex, ProposerOutput

__all__ = ["Observation", "observation_from_pack", "read_observation"]


class Observation(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One proposer answer of one suite entry, with the identity of its pack.

    ``model_id`` is the registry model the run asked for; ``returned_model`` and
    ``system_fingerprint`` are what the provider said answered (version pinning).
    ``pack_sha256`` is the hash of the pack's ``evidence_pack.json``, which lists the hash
    of every other artifact. ``outputs`` are the typed outputs (empty for free text).
    """

    entry_id: str
    pack_id: str
    pack_sha256: str
    prompt_hash: str
    output_hash: str
    model_id: str
    returned_model: str
    system_fingerprint: str | None
    format: Literal["typed", "free_text"]
    raw_content: str
    outputs: tuple[OutputItem, ...] = ()


_index_decoder = msgspec.json.Decoder(PackIndex)
_proposer_decoder = msgspec.json.Decoder(ProposerOutput)


def read_observation(pack: Path, *, entry_id: str) -> Observation:
    """The observation of the COMPLETE pack in the folder ``pack``."""
    index = read_bytes(pack / INDEX, what="evidence pack index", error=IntegrityError)
    proposer = read_bytes(pack / PROPOSER_OUTPUT, what="proposer artifact", error=IntegrityError)
    return observation_from_pack(index, proposer, entry_id=entry_id, where=str(pack))


def observation_from_pack(
    index_bytes: bytes, proposer_bytes: bytes, *, entry_id: str, where: str
) -> Observation:
    """The observation of a pack given the bytes of its index and its proposer artifact.

    A pack that is not COMPLETE is a :class:`ConfigError` (only complete runs can be
    compared); bytes that do not match each other are an :class:`IntegrityError`.
    """
    try:
        index = _index_decoder.decode(index_bytes)
    except msgspec.DecodeError as exc:
        raise IntegrityError(f"pack {where}: {INDEX} is not a pack index: {exc}") from exc
    if index.status != "COMPLETE":
        raise ConfigError(
            f"pack {where} is {index.status}, not COMPLETE: only complete runs are compared"
        )
    recorded = index.artifact_hashes.get(PROPOSER_OUTPUT)
    if recorded is None or recorded.sha256 != sha256_prefixed(proposer_bytes):
        raise IntegrityError(f"pack {where}: {PROPOSER_OUTPUT} does not match the hash in {INDEX}")
    try:
        artifact = _proposer_decoder.decode(proposer_bytes)
        outputs = msgspec.convert(artifact.outputs or (), tuple[OutputItem, ...])
    except msgspec.DecodeError as exc:
        raise IntegrityError(f"pack {where}: {PROPOSER_OUTPUT} is not readable: {exc}") from exc
    # A COMPLETE pack's proposer has all of these; a pack without them is not one we wrote.
    if (
        artifact.status != "COMPLETE"
        or artifact.prompt_hash is UNSET
        or artifact.output_hash is UNSET
        or artifact.format is UNSET
        or artifact.raw_content is UNSET
        or artifact.call is UNSET
    ):
        raise IntegrityError(f"pack {where}: {PROPOSER_OUTPUT} lacks a completed answer")
    if sha256_prefixed(artifact.raw_content.encode("utf-8")) != artifact.output_hash:
        raise IntegrityError(f"pack {where}: the proposer's raw content does not match its hash")
    return Observation(
        entry_id=entry_id,
        pack_id=index.evidence_pack_id,
        pack_sha256=sha256_prefixed(index_bytes),
        prompt_hash=artifact.prompt_hash,
        output_hash=artifact.output_hash,
        model_id=artifact.model_id,
        returned_model=artifact.call.returned_model,
        system_fingerprint=artifact.call.system_fingerprint,
        format=artifact.format,
        raw_content=artifact.raw_content,
        outputs=outputs,
    )
