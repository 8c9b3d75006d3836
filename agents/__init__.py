"""The actors: a Proposer and an independent Critic, each with its own mailbox.

Also where model answers are read: proposals and critiques are parsed here, at the edge,
into the kernel's typed contract. The facade is lazy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from agents.base import Agent
    from agents.critic import CriticAgent
    from agents.parsing import ParsedCritique, parse_critique
    from agents.proposer import ProposerAgent

__all__ = ["Agent", "CriticAgent", "ParsedCritique", "ProposerAgent", "parse_critique"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "agents.base": ("Agent",),
        "agents.critic": ("CriticAgent",),
        "agents.parsing": ("ParsedCritique", "parse_critique"),
        "agents.proposer": ("ProposerAgent",),
    },
)
