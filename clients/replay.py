"""Replay: answers from a recorded transcript, looked up by prompt hash. Never the network."""

from __future__ import annotations

from typing import Any

from clients.transcripts import SEED_DEFAULTS, RecordedRun, Transcript, response_from_completion
from orchestrator.core.calls import ChatRequest, ChatResponse, Role, canonical_request, prompt_hash
from orchestrator.core.errors import ReplayMiss

__all__ = ["ReplayClient", "request_differences"]

_SNIPPET = 24


class ReplayClient:
    """A :class:`ModelClient` over one transcript."""

    def __init__(self, transcript: Transcript) -> None:
        self._transcript = transcript
        self._by_hash: dict[str, RecordedRun] = {run.prompt_hash: run for run in transcript.runs}

    async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        return self.lookup(request, role=role)

    def lookup(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        digest = prompt_hash(request)
        run = self._by_hash.get(digest)
        if run is None or run.role != role:
            raise self._miss(request, role, digest)
        return response_from_completion(
            run.response,
            call_id=run.run_id,
            fallback_model=run.model_id,
            latency_ms=run.metadata.latency_ms,
        )

    def covers(self, request: ChatRequest, *, role: Role) -> bool:
        run = self._by_hash.get(prompt_hash(request))
        return run is not None and run.role == role

    def _miss(self, request: ChatRequest, role: Role, digest: str) -> ReplayMiss:
        wanted = canonical_request(request)
        candidates = [run for run in self._transcript.runs if run.role == role] or list(
            self._transcript.runs
        )
        where = f"transcript {self._transcript.transcript_id!r}"
        if not candidates:
            return ReplayMiss(
                f"replay miss: no recorded {role} run for prompt hash {digest}; {where} is empty",
                prompt_hash=digest,
                differences=(),
            )
        nearest = min(candidates, key=lambda run: len(request_differences(wanted, run.request)))
        differences = tuple(request_differences(wanted, nearest.request))
        shown = "; ".join(differences) if differences else "no field (its recorded hash differs)"
        return ReplayMiss(
            f"replay miss: no recorded {role} run for prompt hash {digest} in {where}; "
            f"the nearest recorded run {nearest.run_id!r} differs in {shown}",
            prompt_hash=digest,
            differences=differences,
        )


def request_differences(wanted: dict[str, Any], recorded: dict[str, Any]) -> list[str]:
    """Field-level differences between a canonical request and a recorded one, by path."""
    differences: list[str] = []
    _diff(wanted, recorded, "", differences)
    return differences


def _diff(wanted: Any, recorded: Any, path: str, out: list[str]) -> None:
    if isinstance(wanted, dict) and isinstance(recorded, dict):
        for key in sorted(wanted.keys() | recorded.keys()):
            child = f"{path}.{key}" if path else str(key)
            if key not in recorded:
                # The seed system hashed fixed sampling defaults it never stored.
                if key in SEED_DEFAULTS and wanted[key] == SEED_DEFAULTS[key]:
                    continue
                out.append(f"{child} (not recorded)")
            elif key not in wanted:
                out.append(f"{child} (recorded, not requested)")
            else:
                _diff(wanted[key], recorded[key], child, out)
    elif isinstance(wanted, list) and isinstance(recorded, list):
        if len(wanted) != len(recorded):
            out.append(f"{path} (requested {len(wanted)} items, recorded {len(recorded)})")
            return
        for index, (w, r) in enumerate(zip(wanted, recorded, strict=True)):
            _diff(w, r, f"{path}[{index}]", out)
    elif isinstance(wanted, str) and isinstance(recorded, str):
        if wanted != recorded:
            out.append(f"{path} ({_first_difference(wanted, recorded)})")
    elif wanted != recorded:
        out.append(f"{path} (requested {wanted!r}, recorded {recorded!r})")


def _first_difference(wanted: str, recorded: str) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(wanted, recorded, strict=False)) if a != b),
        min(len(wanted), len(recorded)),
    )
    start = max(0, at - 8)
    return (
        f"at character {at}: requested {wanted[start : at + _SNIPPET]!r}, "
        f"recorded {recorded[start : at + _SNIPPET]!r}"
    )
