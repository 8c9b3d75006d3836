"""The actors: a Proposer and an independent Critic, each with its own mailbox."""

from agents.base import Agent
from agents.critic import CriticAgent
from agents.critique_parsing import ParsedCritique, parse_critique
from agents.proposer import ProposerAgent

__all__ = ["Agent", "CriticAgent", "ParsedCritique", "ProposerAgent", "parse_critique"]
