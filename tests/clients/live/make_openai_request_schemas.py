"""Regenerate ``openai_request_schemas.json`` from OpenAI's published OpenAPI description.

Usage (from the project root)::

    uv run python tests/clients/live/make_openai_request_schemas.py SPEC [--commit SHA]

``SPEC`` is ``openapi.yaml`` or ``openapi.json`` of https://github.com/openai/openai-openapi;
``--commit`` records which commit it came from. The output keeps the request schemas of
``POST /chat/completions`` and ``POST /responses`` and every component they reference,
without the documentation-only keywords (descriptions, examples, ``x-*`` extensions), so
the tests validate against OpenAI's own schema without reading anything outside the repo.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOTS = ("CreateChatCompletionRequest", "CreateResponse")
OUTPUT = Path(__file__).with_name("openai_request_schemas.json")
# Annotations only: they never change what validates.
_DOC_KEYWORDS = frozenset({"description", "example", "examples", "title", "deprecated"})
_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions"})


def load_spec(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return dict(json.loads(text))
    import yaml  # a development tool's dependency, only for this script

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return dict(yaml.load(text, Loader=loader))  # a safe loader (chosen above)


def strip_docs(node: Any, *, in_map: bool = False) -> Any:
    """The schema without annotations; keys of a name->schema map are names, kept as they are."""
    if isinstance(node, list):
        return [strip_docs(item) for item in node]
    if not isinstance(node, dict):
        return node
    if in_map:
        return {name: strip_docs(schema) for name, schema in node.items()}
    kept: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DOC_KEYWORDS or key.startswith("x-"):
            continue
        kept[key] = strip_docs(value, in_map=key in _MAPS)
    return kept


def references(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            references(value, found)
    elif isinstance(node, list):
        for value in node:
            references(value, found)


def subset(spec: dict[str, Any]) -> dict[str, Any]:
    schemas = spec["components"]["schemas"]
    wanted: set[str] = set()
    todo = list(ROOTS)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        found: set[str] = set()
        references(schemas[name], found)
        todo.extend(sorted(found - wanted))
    return {name: strip_docs(schemas[name]) for name in sorted(wanted)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("--commit", default="unknown")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    spec = load_spec(args.spec)
    document = {
        "x-provenance": {
            "repository": "https://github.com/openai/openai-openapi",
            "commit": args.commit,
            "file": args.spec.name,
            "info_version": spec["info"]["version"],
            "roots": list(ROOTS),
            "generated_by": "tests/clients/live/make_openai_request_schemas.py",
        },
        "components": {"schemas": subset(spec)},
    }
    args.out.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
