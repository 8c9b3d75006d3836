"""``python -m orchestrator``: the same as the ``pilot`` command."""

from orchestrator.cli import entry

entry()
