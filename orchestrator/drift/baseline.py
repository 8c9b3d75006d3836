"""The drift baseline: k samples per suite entry, stored as one verifiable JSON file.

Format (``kind`` ``pilot-drift-baseline``, ``version`` ``1``), sorted-key JSON indented by
two spaces (:func:`orchestrator.core.canonical.encode_pretty`):

- ``suite_id``, ``suite_sha256`` (the suite file it was taken from), ``created_at``,
  ``tokenizer`` (the tokenizer the noise floors were measured with);
- ``entries``, in suite order, each with ``entry_id``, ``prompt_hash`` (the proposer prompt
  all its samples answered), ``noise_floor`` (the largest token distance between two of
  its samples) and ``samples``: per sample the pack it came from (``pack_id``,
  ``pack_sha256`` = hash of the pack's ``evidence_pack.json``), ``output_hash``, the model
  asked and the model and ``system_fingerprint`` returned, the comparable ``text`` and the
  ``structure`` (:mod:`orchestrator.drift.outlook`);
- ``digest``: ``sha256:<hex>`` of the file's own bytes with ``digest`` set to ``""`` (the
  review addendum's rule), so any edit of the stored bytes shows, reformatting included.

:func:`load_baseline` recomputes the digest and every noise floor: an edited file is an
:class:`IntegrityError` (exit 5). The digest detects edits, not forgery: whoever can
rewrite the file can recompute it; signing is what would stop that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final, Literal

import msgspec

from orchestrator.core.canonical import encode_pretty, sha256_prefixed
from orchestrator.core.errors import ConfigError, IntegrityError, UsageError
from orchestrator.core.fileio import read_bytes, write_new_file
from orchestrator.drift.observation import Observation
from orchestrator.drift.outlook import OutlookStructure, comparable_text, outlook_structure
from orchestrator.drift.tokens import TOKENIZER, spread, tokenize

__all__ = [
    "Baseline",
    "BaselineEntry",
    "BaselineSample",
    "build_baseline",
    "load_baseline",
    "write_baseline",
]

KIND: Final = "pilot-drift-baseline"


class BaselineSample(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pack_id: str
    pack_sha256: str
    output_hash: str
    model_id: str
    returned_model: str
    system_fingerprint: str | None
    text: str
    structure: OutlookStructure


class BaselineEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    entry_id: str
    prompt_hash: str
    noise_floor: float
    samples: tuple[BaselineSample, ...]


class Baseline(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    kind: Literal["pilot-drift-baseline"]
    version: Literal["1"]
    suite_id: str
    suite_sha256: str
    created_at: str
    tokenizer: str
    entries: tuple[BaselineEntry, ...]
    digest: str = ""

    def entry(self, entry_id: str) -> BaselineEntry | None:
        return next((e for e in self.entries if e.entry_id == entry_id), None)


_decoder = msgspec.json.Decoder(Baseline)


def build_baseline(
    *,
    suite_id: str,
    suite_sha256: str,
    created_at: str,
    samples: Mapping[str, Sequence[Observation]],
) -> Baseline:
    """The sealed baseline of ``samples`` (entry id → its k observations, k ≥ 1).

    Entries keep the mapping's order (give it in suite order). Every sample of an entry
    must answer the same proposer prompt.
    """
    entries = []
    for entry_id, observations in samples.items():
        if not observations:
            raise UsageError(f"drift baseline: entry {entry_id!r} has no sample")
        prompts = {o.prompt_hash for o in observations}
        if len(prompts) != 1:
            raise UsageError(
                f"drift baseline: the samples of entry {entry_id!r} answer different prompts "
                f"({', '.join(sorted(prompts))})"
            )
        strays = sorted({o.entry_id for o in observations} - {entry_id})
        if strays:
            raise UsageError(
                f"drift baseline: entry {entry_id!r} was given samples of {', '.join(strays)}"
            )
        texts = [comparable_text(o) for o in observations]
        entries.append(
            BaselineEntry(
                entry_id=entry_id,
                prompt_hash=observations[0].prompt_hash,
                noise_floor=spread([tokenize(t) for t in texts]),
                samples=tuple(
                    BaselineSample(
                        pack_id=o.pack_id,
                        pack_sha256=o.pack_sha256,
                        output_hash=o.output_hash,
                        model_id=o.model_id,
                        returned_model=o.returned_model,
                        system_fingerprint=o.system_fingerprint,
                        text=text,
                        structure=outlook_structure(o),
                    )
                    for o, text in zip(observations, texts, strict=True)
                ),
            )
        )
    return _seal(
        Baseline(
            kind=KIND,
            version="1",
            suite_id=suite_id,
            suite_sha256=suite_sha256,
            created_at=created_at,
            tokenizer=TOKENIZER,
            entries=tuple(entries),
        )
    )


def _seal(baseline: Baseline) -> Baseline:
    return msgspec.structs.replace(baseline, digest=_digest(baseline))


def _digest(baseline: Baseline) -> str:
    return sha256_prefixed(encode_pretty(msgspec.structs.replace(baseline, digest="")))


def _unsealed(data: bytes, digest: str) -> bytes:
    # Sorted keys put the top-level "digest" before "entries", and quotes inside string
    # values are escaped: the first match is the field itself.
    return data.replace(b'"digest": ' + msgspec.json.encode(digest), b'"digest": ""', 1)


def write_baseline(path: Path, baseline: Baseline) -> Path:
    """Write the baseline as a new read-only file; an existing file is never replaced."""
    if baseline.digest != _digest(baseline):
        raise UsageError("drift baseline: refusing to write a baseline whose digest is stale")
    return write_new_file(path, encode_pretty(baseline), what="drift baseline", error=UsageError)


def load_baseline(path: Path) -> Baseline:
    """The baseline in ``path``, verified: digest and noise floors recomputed."""
    data = read_bytes(path, what="drift baseline")
    try:
        baseline = _decoder.decode(data)
    except msgspec.DecodeError as exc:
        raise IntegrityError(f"drift baseline {path} is not a valid baseline: {exc}") from exc
    if baseline.digest != sha256_prefixed(_unsealed(data, baseline.digest)):
        raise IntegrityError(
            f"drift baseline {path} has been edited: its digest {baseline.digest} does not "
            "match its content"
        )
    if baseline.tokenizer != TOKENIZER:
        raise ConfigError(
            f"drift baseline {path} was measured with tokenizer {baseline.tokenizer!r}; this "
            f"version uses {TOKENIZER!r}: take a new baseline",
            path=path,
        )
    for entry in baseline.entries:
        floor = spread([tokenize(s.text) for s in entry.samples])
        if not entry.samples or floor != entry.noise_floor:
            raise IntegrityError(
                f"drift baseline {path}: entry {entry.entry_id!r} has noise floor "
                f"{entry.noise_floor}, but its samples give {floor}"
            )
    return baseline
