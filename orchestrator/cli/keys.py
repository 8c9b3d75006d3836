"""``pilot keys generate``: an Ed25519 key pair for signing packs."""

from __future__ import annotations

from pathlib import Path

from cyclopts import App

from orchestrator.cli.output import emit
from orchestrator.evidence.signing import generate_keypair

__all__ = ["generate", "keys_app"]

keys_app = App(name="keys", help="Ed25519 keys that sign evidence packs.")


@keys_app.command
def generate(*, out: Path) -> int:
    """Make an Ed25519 key pair for signing packs; never overwrites a key.

    Writes pilot_signing_key.pem (private, mode 0600) and pilot_signing_key.pub.pem, and
    prints the key id recorded in signed packs.

    Parameters
    ----------
    out
        The folder to write the two files into (created if needed).
    """
    private, public, key_id = generate_keypair(out)
    emit([f"key id: {key_id}", f"private key: {private}", f"public key: {public}"])
    return 0
