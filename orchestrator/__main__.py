"""``python -m orchestrator``: the same as the ``pilot`` command."""

from orchestrator.cli.script import entry

entry()
