"""Linearity of the scope check on adversarial shapes of text.

Issue 7: the scope check must be linear in its input, a 1 MB field must be scanned in under
0.5 s, and no pattern may backtrack catastrophically. Every shape below is a kind of text
that a regular expression written carelessly reads in quadratic (or worse) time: runs of
blanks, table rows, letters or digits without a break, punctuation runs, URL- and
base64-like runs, markup, letter spacing, structured lines, repeated trade words.

Each shape is made at 10 kB, 100 kB and 1 MB and checked three ways:

- ``field``: one free-text field (``Scanner.scan_fields``), the scanner alone;
- ``free``: the raw text of a free-text proposal, parsed and checked (``parse_proposal``,
  ``check_proposal``: the scanner plus the free-text rules);
- ``typed``: the bundled sample's typed proposal with the shape as one output's text
  (JSON-escaped), parsed and checked.

Printed per shape and way: the seconds at each size, the seconds per MB at 1 MB, and the
growth ratio from 100 kB to 1 MB (10 is linear). A figure over 0.5 s/MB or a ratio far
above 10 is flagged ``SLOW``/``SUPERLINEAR``. A shape whose 100 kB time foretells more than
a minute at 1 MB is not run at 1 MB (flagged ``SKIPPED``).

Run: ``uv run python benchmarks/scope_linearity.py [--only SHAPE ...] [--ways field,free,typed]
[--max-kb N]``. Exit status 1 when any figure is flagged.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

from agents.parsing import parse_proposal
from orchestrator.core.config import load_scope, scope_path
from policies.scan import Field, enforced_categories, scanner_for, vocabulary_dir
from policies.scope import check_proposal

ROOT: Final = Path(__file__).resolve().parent.parent
SIZES: Final = (10_000, 100_000, 1_000_000)
BUDGET_PER_MB: Final = 0.5
# From 100 kB to 1 MB a linear check grows ten-fold; allow for noise and cache effects.
MAX_GROWTH: Final = 16.0
FORECAST_LIMIT: Final = 60.0

_RNG_SEED: Final = 7


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _random(alphabet: str, *, seed: int = _RNG_SEED) -> Callable[[int], str]:
    def make(size: int) -> str:
        rng = random.Random(seed)
        return "".join(rng.choice(alphabet) for _ in range(size))

    return make


def _between(unit: str) -> Callable[[int], str]:
    """A run of ``unit`` between two words of a sentence (one long run, not many)."""
    return lambda size: "Buy " + (unit * (size // len(unit)))[: max(size - 8, 0)] + " SPY."


def _base64_words(size: int) -> str:
    rng = random.Random(_RNG_SEED)
    words = []
    length = 0
    while length < size:
        raw = bytes(rng.randrange(256) for _ in range(rng.randrange(12, 60)))
        word = base64.b64encode(raw).decode()
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:size]


def _mixed_scripts(size: int) -> str:
    rng = random.Random(_RNG_SEED)
    # Latin, Cyrillic look-alikes, CJK, umlauts, Greek, ligatures, full-width, invisibles.
    alphabet = (
        "a\u0435o\u0440\u0441\u0445\u0410\u0412\u0415\u041a\u041c\u041d\u041e"
        "\u0420\u0421\u0422\u0425\u65e5\u672c\u8a9e\u00c4\u00d6\u00dc\u00e4\u00f6"
        "\u00fc\u00df\u00e9\u00e8\u00e7\u00f1 \u03b1\u03b2\u03b3 \ufb01\ufb02"
        "\uff10\uff11\uff12\uff22\uff55\uff59\u200b\u00ad\u2060 "
    )
    return "".join(rng.choice(alphabet) for _ in range(size))


def _lines(line: str) -> Callable[[int], str]:
    return _repeat(line + "\n")


SHAPES: Final[dict[str, Callable[[int], str]]] = {
    # blanks
    "spaces": _repeat(" "),
    "spaces between words": _between(" "),
    "tabs": _repeat("\t"),
    "newlines": _repeat("\n"),
    "blank mix": _repeat(" \t \n\r\n \x0b\x0c "),
    "nbsp and wide blanks": _repeat("\u00a0\u2003\u3000 "),
    # tables
    "table blank row": lambda size: "| " + _repeat("  ")(size - 4) + " |",
    "table pipes": _repeat("| "),
    "table pipes no blank": _repeat("|"),
    "table separator row": _repeat("|---"),
    "table separator colons": _repeat("|:---:"),
    "table rows": _lines("| side | qty | symbol | price |"),
    "table blank cells": _lines("|    |    |    |    |    |"),
    "table header over blanks": lambda size: (
        "| side | qty |\nbuy 100 SPY\n| side | qty |\n" + _repeat(" ")(size) + "x"
    ),
    "dash run": _repeat("-"),
    "dash rows": _lines("---"),
    "dash blank run": _repeat("- "),
    # runs without breaks
    "one letter": _repeat("a"),
    "letters": _random(string.ascii_lowercase),
    "letters and digits": _random(string.ascii_letters + string.digits),
    "words run together": _repeat("buyspyat4500"),
    "capitals": _repeat("BUY"),
    "sentences in capitals": _repeat("THE FED HIKED RATES AND CTAS BOUGHT 20 ES "),
    "capitals one line per word": _lines("SELL"),
    "camelCase": _repeat("buySpyNow"),
    "accented humps": _repeat("aÀB"),
    "camelCase after number marks": _repeat("7,828SurCAC"),
    "snake prose": _repeat("we_should_buy_tlt_now. "),
    "snake run": _repeat("we_buy_"),
    "snake runs with commas": _repeat("a_b,_c_d "),
    "digits": _repeat("4"),
    "digit groups": _repeat("4,500."),
    "numbers": _repeat("4500 "),
    "numbers with units": _repeat("20 % 5x 300bps "),
    "apostrophes": _repeat("a'"),
    # punctuation
    "dots": _repeat("."),
    "dot blank": _repeat(". "),
    "bangs and queries": _repeat("!?"),
    "semicolons": _repeat(";"),
    "colons": _repeat(":"),
    "colon blank": _repeat(": "),
    "equals": _repeat("="),
    "asterisks": _repeat("*"),
    "tildes": _repeat("~"),
    "backticks": _repeat("`"),
    "underscores": _repeat("_"),
    "hashes": _repeat("#"),
    "percent": _repeat("%"),
    "ampersands": _repeat("&"),
    "quotes": _repeat('"'),
    "single quotes": _repeat("'"),
    "escaped quotes": lambda size: "Buy 100 SPY at 4500. " + _repeat('\\"')(size),
    "escaped single quotes in a pair": lambda size: "side: buy\nnote: " + _repeat("'\\")(size),
    "backslashes": _repeat("\\"),
    "punctuation mix": _random(string.punctuation),
    "emphasis in words": _repeat("b**u**y "),
    "emphasis marks between letters": _repeat("a*"),
    "emphasis opened in words": _repeat("**Op**erar "),
    "emphasis marks in one word": _repeat("**a"),
    # encodings
    "url query": _repeat("a=b&c=d&"),
    "url": lambda size: "https://example.com/?" + _repeat("side=buy&qty=100&")(size),
    "percent escapes": _repeat("%41%42"),
    "percent escapes spaced": _repeat("%41 "),
    "base64 run": _random(string.ascii_letters + string.digits + "+/"),
    "base64 words": _base64_words,
    "base64 payload repeated": _repeat(base64.b64encode(b"Buy 100 SPY at 4500").decode() + " "),
    "html entities": _repeat("&amp;"),
    "numeric entities": _repeat("&#66;"),
    "accented entities": _repeat("&#237;"),
    "broken entities": _repeat("&#6"),
    # nesting
    "open brackets": _repeat("["),
    "open braces": _repeat("{"),
    "open parens": _repeat("("),
    "nested pairs": _repeat("{[("),
    "json keys": _repeat('{"a": '),
    "json list": _repeat('"x", '),
    "unclosed string": lambda size: '{"a": "' + _repeat("b ")(size),
    "yaml items": _lines("- side: buy"),
    "fences": _lines("```"),
    "quoted quotes": _repeat("\"'`"),
    # markup
    "html tags": _repeat("<b>"),
    "html open": _repeat("<a "),
    "html open no blank": _repeat("<a"),
    "html comments open": _repeat("<!--"),
    "html tag with long attr": lambda size: "<a " + _repeat("x")(size) + ">",
    "angle brackets": _repeat("<"),
    "letter spacing": _repeat("b u y "),
    "letter spacing after a word": _repeat("Il c o n v i e n t. "),
    "capitals broken at line ends": _repeat("T-\nhe "),
    "letter spacing dashes": _repeat("b-u-y-"),
    "letter spacing dots": _repeat("s.p.y."),
    "single letters": _repeat("a "),
    "single letters and digits": _repeat("a 1 "),
    # structured lines
    "short lines": _lines("a"),
    "key value lines": _lines("Key: value"),
    "order key lines": _lines("Side: buy"),
    "key equals lines": _lines("qty=100"),
    "fix pairs": _repeat("35=D|54=1|38=100|55=SPY|44=450|"),
    "fix pairs lines": _lines("35=D|54=1|38=100"),
    "headings": _lines("## Scenario"),
    "list items": _lines("- item"),
    "bold labels": _lines("**Label:** value"),
    # words
    "trade words": _repeat("buy "),
    "trade words mixed": _repeat("buy sell long short add trim cover "),
    "side and numbers": _repeat("buy 100 "),
    "numbers in words": _repeat("one hundred and twenty "),
    "negations": _repeat("not no never "),
    "german words": _repeat("kaufen Sie nicht "),
    # one clause without a break, an action word in every few tokens
    "sides on targets": _repeat("buy SPY "),
    "sides after subjects": _repeat("CTAs buy SPY "),
    "german sides": _repeat("kaufen SAP "),
    "german sides negated": _repeat("kaufen Sie SAP nicht "),
    "recommendations": _repeat("we recommend you buy SPY "),
    "sizes of nav": _repeat("buy 4% of NAV "),
    "leverage figures": _repeat("leverage 5x "),
    "levels": _repeat("stop at 4480 "),
    "limits": _repeat("raise the limit "),
    "switches": _repeat("switch to live "),
    "weights": _repeat("weight 20 % "),
    "past tenses": _repeat("buy rallied "),
    "mixed scripts": _mixed_scripts,
    # sentences
    "one long line": _repeat("The long end rallied as CTAs bought bonds and VIX fell to 12. "),
    "many lines": _lines("The long end rallied as CTAs bought bonds and VIX fell to 12."),
    "orders": _repeat("Buy 100 shares of SPY at 4500. "),
    "orders one line": _repeat("Buy 100 shares of SPY at 4500, "),
    "long sentence": _repeat("the curve steepened and "),
}


def _ways() -> dict[str, Callable[[str], object]]:
    scope = load_scope(scope_path(ROOT / "config", "L2"))
    scanner = scanner_for(vocabulary_dir(scope))
    categories = enforced_categories(scope)
    fixture = json.loads((ROOT / "fixtures" / "l2_market_outlook_sample.json").read_text())
    sample = fixture["runs"][0]["response"]["choices"][0]["message"]["content"]

    def field(text: str) -> object:
        return scanner.scan_fields([[Field("free_text", text)]], categories)

    def free(text: str) -> object:
        return check_proposal(parse_proposal(text), scope)

    def typed(text: str) -> object:
        body = json.loads(sample)
        body["outputs"][4]["summary"] = text
        return check_proposal(parse_proposal(json.dumps(body)), scope)

    return {"field": field, "free": free, "typed": typed}


def _time(call: Callable[[str], object], text: str) -> float:
    """Seconds of one call; a crash is a figure of infinity (flagged)."""
    start = time.perf_counter()
    try:
        call(text)
    except Exception as exc:  # noqa: BLE001  # a crash is a finding to print, not to stop on
        print(f"  crash: {exc!r}", flush=True)
        return float("inf")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="shapes to run (names)")
    parser.add_argument("--ways", default="field,free,typed")
    parser.add_argument("--max-kb", type=int, default=1000)
    args = parser.parse_args()
    ways = _ways()
    chosen = [way.strip() for way in args.ways.split(",")]
    sizes = [size for size in SIZES if size <= args.max_kb * 1000]
    flagged = 0
    width = max(map(len, SHAPES)) + 7
    print(
        f"{'shape/way':<{width}} "
        + " ".join(f"{s // 1000:>6}kB" for s in sizes)
        + "   s/MB  growth"
    )
    for name, make in SHAPES.items():
        if args.only and name not in args.only:
            continue
        texts = {size: make(size) for size in sizes}
        for way in chosen:
            call = ways[way]
            _time(call, texts[sizes[0]])  # warm-up: the vocabulary is compiled on first use
            seconds: list[float] = []
            for index, size in enumerate(sizes):
                if index and seconds[-1] * (size / sizes[index - 1]) ** 2 > FORECAST_LIMIT:
                    break  # quadratic already: the next size would take too long to show it
                repeats = 2 if size < SIZES[-1] else 1
                seconds.append(min(_time(call, texts[size]) for _ in range(repeats)))
            figures = " ".join(f"{s:8.4f}" for s in seconds)
            flags = []
            if len(seconds) < len(sizes):
                flags.append("SKIPPED")
            per_mb = seconds[-1] / sizes[len(seconds) - 1] * 1e6
            growth = seconds[-1] / seconds[-2] if len(seconds) >= 2 and seconds[-2] > 0 else 0.0
            if per_mb > BUDGET_PER_MB:
                flags.append("SLOW")
            if growth > MAX_GROWTH and seconds[-1] > 0.05:
                flags.append("SUPERLINEAR")
            flagged += bool(flags)
            print(
                f"{name + '/' + way:<{width}} {figures} {per_mb:6.3f} {growth:7.1f} {' '.join(flags)}",
                flush=True,
            )
    print(f"flagged={flagged}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
