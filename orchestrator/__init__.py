"""The market-outlook pilot: a governed proposer/critic orchestrator for the L2 layer.

Layers, bottom up (the import contracts in ``pyproject.toml`` enforce them):

- ``orchestrator.core`` — the kernel: errors, config, call structs, output contract,
  messages, mailboxes, file I/O, redaction;
- ``policies`` and ``clients`` — the policy chain; model clients;
- ``agents`` and ``orchestrator.evidence`` — the actors; the evidence-pack schema,
  builder, writer, signing and verification;
- ``orchestrator.runtime`` and ``orchestrator.review`` — one governed run; operator review;
- ``orchestrator.cli`` — the ``pilot`` command.

See ``ARCHITECTURE.md``.
"""

__all__: list[str] = []
