"""Strict JSON on the hot path: what refusing duplicate keys and deep nesting costs.

On the bundled sample's proposer answer (the JSON every run parses), median microseconds
per call of: plain ``msgspec.json.decode``; ``strict_json.decode`` (the checked decode
:func:`agents.parsing.parse_proposal` uses); the exact token scan alone (the path a
suspicious answer takes); ``parse_proposal`` whole. Then linearity: the checked decode of a
~1 MB document (wide, clean) and the exact scan of ~1 MB documents, clean and hostile
(a duplicate key at the very end; 100,000 open brackets).

Run: ``uv run python benchmarks/strict_json.py``. The last line is
``strict_overhead_us=<float>`` (checked decode minus plain decode, sample answer).
"""

from __future__ import annotations

import contextlib
import json
import statistics
import time
from collections.abc import Callable

import msgspec

from agents.parsing import parse_proposal
from orchestrator.core import strict_json
from orchestrator.core.resources import bundled_fixture
from orchestrator.core.strict_json import StrictJsonError

ROUNDS = 20_000


def median_us(call: Callable[[], object], rounds: int = ROUNDS) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        call()
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000


def seconds(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(StrictJsonError):
        call()
    return time.perf_counter() - start


def main() -> None:
    fixture = json.loads(bundled_fixture().read_text(encoding="utf-8"))
    answer: str = fixture["runs"][0]["response"]["choices"][0]["message"]["content"]
    plain = median_us(lambda: msgspec.json.decode(answer))
    checked = median_us(lambda: strict_json.decode(answer))
    scan = median_us(lambda: strict_json._scan(answer, strict_json.MAX_DEPTH), ROUNDS // 10)
    parse = median_us(lambda: parse_proposal(answer))
    print(f"sample answer: {len(answer)} bytes")
    print(f"msgspec_decode_us={plain:.2f}")
    print(f"strict_decode_us={checked:.2f}")
    print(f"exact_scan_us={scan:.2f}")
    print(f"parse_proposal_us={parse:.2f}")

    items = [{"id": f"scn-{i}", "note": "a:b " * 8, "tags": [i, i + 1]} for i in range(12_000)]
    wide = json.dumps({"outputs": items})
    duplicate = wide[:-1] + ', "outputs": []}'
    deep = "[" * 100_000 + "]" * 100_000
    print(
        f"wide clean {len(wide) / 1e6:.2f} MB: decode_s={seconds(lambda: strict_json.decode(wide)):.3f}"
    )
    print(f"wide clean: exact_scan_s={seconds(lambda: strict_json._scan(wide, 64)):.3f}")
    print(f"duplicate at the end: decode_s={seconds(lambda: strict_json.decode(duplicate)):.3f}")
    print(f"100,000 open brackets: decode_s={seconds(lambda: strict_json.decode(deep)):.3f}")
    print(f"strict_overhead_us={checked - plain:.2f}")


if __name__ == "__main__":
    main()
