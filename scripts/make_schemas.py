"""Rewrite the shipped JSON schemas of the L2 contract from the Structs that define them.

Run after changing ``orchestrator/core/contract.py``: ``uv run python scripts/make_schemas.py``.
A test fails while the shipped files differ from what this writes.
"""

from __future__ import annotations

from orchestrator.core.contract import (
    CRITIQUE_SCHEMA,
    PROPOSAL_SCHEMA,
    SCHEMA_DIR,
    generate_schema,
    schema_text,
)


def main() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name in (PROPOSAL_SCHEMA, CRITIQUE_SCHEMA):
        path = SCHEMA_DIR / f"{name}.json"
        path.write_text(schema_text(generate_schema(name)) + "\n", encoding="ascii")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
