"""A drift check of a large suite against its baseline: the issue asks for 1,000 scenarios in < 10 s.

Synthetic typed outlooks (seeded, so every run measures the same data): per scenario six
outputs with about 600 tokens of prose, k baseline samples that differ in a few percent of
their words, and a new run that differs a little more; every 50th scenario drifts (another
regime, another trigger, rewritten prose). Measured separately: building the baseline
(noise floors), writing it, loading it (digest and floors verified), the check itself
(distances, structure, diffs), and rendering the three reports. The line
``check_s=<float>`` is the figure the issue's target applies to (load + check, the work of
``pilot drift check`` after its runs).

Run: ``uv run python benchmarks/drift_check.py [SCENARIOS] [SAMPLES]`` (default 1000 3).
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import msgspec

from orchestrator.core.canonical import encode_compact, sha256_prefixed
from orchestrator.core.contract import OutputItem
from orchestrator.drift import (
    Observation,
    build_baseline,
    check_drift,
    load_baseline,
    report_html,
    report_json,
    report_markdown,
    write_baseline,
)

VOCABULARY = [f"word{i}" for i in range(2000)]


def prose(rng: random.Random, n: int) -> list[str]:
    return [rng.choice(VOCABULARY) for _ in range(n)]


def vary(words: list[str], rng: random.Random, fraction: float) -> list[str]:
    changed = list(words)
    for i in rng.sample(range(len(changed)), int(len(changed) * fraction)):
        changed[i] = rng.choice(VOCABULARY)
    return changed


def items(words: list[str], *, regime: str, trigger: str) -> list[dict[str, Any]]:
    chunks = [" ".join(words[i : i + 50]) for i in range(0, len(words), 50)]
    return [
        {
            "type": "ScenarioReport",
            "horizon": "4 weeks",
            "scenarios": [
                {
                    "id": f"scn-{n}",
                    "name": f"Case {n}",
                    "description": chunks[n],
                    "probability": p,
                    "rationale": chunks[n + 3],
                }
                for n, p in enumerate((0.5, 0.3, 0.2))
            ],
        },
        {
            "type": "RegimeClassification",
            "regime": regime,
            "confidence": 0.6,
            "rationale": chunks[6],
        },
        {
            "type": "NoTradeTriggers",
            "triggers": [
                {"id": trigger, "condition": f"{trigger} breached", "rationale": chunks[7]},
                {"id": "ntt-credit", "condition": "HY above 500 bps", "rationale": chunks[8]},
            ],
        },
        {"type": "RiskContext", "summary": chunks[9], "risks": []},
        {"type": "MacroOutlook", "summary": chunks[10], "drivers": ["policy", "growth"]},
        {
            "type": "UncertaintyAssessment",
            "level": "MEDIUM",
            "drivers": [],
            "rationale": chunks[11],
        },
    ]


def observation(entry_id: str, raw_items: list[dict[str, Any]], pack: str) -> Observation:
    content = encode_compact({"outputs": raw_items}).decode()
    return Observation(
        entry_id=entry_id,
        pack_id=pack,
        pack_sha256=sha256_prefixed(pack.encode()),
        prompt_hash=sha256_prefixed(entry_id.encode()),
        output_hash=sha256_prefixed(content.encode()),
        model_id="gpt-5.2-pro",
        returned_model="gpt-5.2-pro",
        system_fingerprint="fp-1",
        format="typed",
        raw_content=content,
        outputs=msgspec.convert(raw_items, tuple[OutputItem, ...]),
    )


def synthetic(
    scenarios: int, k: int
) -> tuple[dict[str, list[Observation]], dict[str, Observation]]:
    rng = random.Random(20260105)
    samples: dict[str, list[Observation]] = {}
    current: dict[str, Observation] = {}
    for n in range(scenarios):
        entry = f"scenario-{n:04d}"
        words = prose(rng, 600)
        samples[entry] = [
            observation(
                entry, items(vary(words, rng, 0.03), regime="calm", trigger="ntt-vix"), f"b{n}-{s}"
            )
            for s in range(k)
        ]
        if n % 50 == 0:
            drifted = items(vary(words, rng, 0.3), regime="risk-off", trigger="ntt-gap")
            current[entry] = observation(entry, drifted, f"w{n}")
        else:
            current[entry] = observation(
                entry, items(vary(words, rng, 0.04), regime="calm", trigger="ntt-vix"), f"w{n}"
            )
    return samples, current


def timed(label: str, action: Any) -> Any:
    start = time.perf_counter()
    result = action()
    print(f"{label}_s={time.perf_counter() - start:.3f}")
    return result


def main() -> None:
    scenarios = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    samples, current = synthetic(scenarios, k)
    tokens = sum(len(o.raw_content.split()) for o in current.values()) // scenarios
    print(f"scenarios={scenarios} samples={k} words_per_answer~{tokens}")
    baseline = timed(
        "build_baseline",
        lambda: build_baseline(
            suite_id="bench", suite_sha256="sha256:x", created_at="day 1", samples=samples
        ),
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "baseline.json"
        timed("write_baseline", lambda: write_baseline(path, baseline))
        print(f"baseline_bytes={path.stat().st_size}")
        start = time.perf_counter()
        loaded = timed("load_baseline", lambda: load_baseline(path))
        report = timed(
            "check_drift",
            lambda: check_drift(loaded, current, suite_sha256="sha256:x", checked_at="day 8"),
        )
        check_s = time.perf_counter() - start
    timed("report_json", lambda: report_json(report))
    timed("report_markdown", lambda: report_markdown(report))
    html = timed("report_html", lambda: report_html(report))
    print(f"flagged={report.flagged_count} html_bytes={len(html.encode())}")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak_rss_mib={peak_mib:.0f}")
    print(f"check_s={check_s:.3f}")


if __name__ == "__main__":
    main()
