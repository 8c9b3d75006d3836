"""Optional Ed25519 signatures over the exact bytes of a pack file.

A signed pack carries ``evidence_pack.sig`` beside its index::

    {"algorithm": "Ed25519", "key_id": "<16 hex>", "signature": "<base64>",
     "signed_file": "evidence_pack.json"}

The key id is the first 16 hex digits of the SHA-256 of the raw 32-byte public key. The
index names the key *before* it is signed (its ``signature`` field, a :class:`SigningInfo`),
so the signature also covers which key was meant to sign it. Ed25519 is deterministic: a
signed replay is byte-identical, signature included.

``cryptography`` is imported inside the functions that need it, never at module level, so a
``pilot run`` without a signing key does not pay for loading it.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

import msgspec

from orchestrator.core.canonical import encode_pretty, short_hash
from orchestrator.core.errors import ConfigError, UsageError
from orchestrator.core.fileio import PRIVATE, read_bytes, write_new_file
from orchestrator.evidence.names import PACK_SIGNATURE
from orchestrator.evidence.schema import SignatureFile, SigningInfo

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

__all__ = [
    "ALGORITHM",
    "ENV_VAR",
    "PRIVATE_KEY_NAME",
    "PUBLIC_KEY_NAME",
    "SIGNATURE_NAME",
    "PublicKey",
    "SignatureCheck",
    "SignatureFile",
    "Signer",
    "SigningInfo",
    "check_signature",
    "generate_keypair",
    "load_public_key",
    "load_signer",
]

ALGORITHM: Final = "Ed25519"
SIGNATURE_NAME: Final = PACK_SIGNATURE
ENV_VAR: Final = "PILOT_SIGNING_KEY"
PRIVATE_KEY_NAME: Final = "pilot_signing_key.pem"
PUBLIC_KEY_NAME: Final = "pilot_signing_key.pub.pem"
_SIGNATURE_BYTES: Final = 64


_signature_decoder = msgspec.json.Decoder(SignatureFile)


def key_id_of(raw_public_key: bytes) -> str:
    return short_hash(raw_public_key, 16)


@dataclass(frozen=True)
class Signer:
    """A loaded private key. Its repr never shows key material."""

    info: SigningInfo
    _key: Ed25519PrivateKey = field(repr=False)

    def sign(self, data: bytes, *, signed_file: str) -> bytes:
        """The bytes of the ``.sig`` file for ``data``, the exact bytes of ``signed_file``."""
        signature = base64.b64encode(self._key.sign(data)).decode("ascii")
        return encode_pretty(
            SignatureFile(
                algorithm=ALGORITHM,
                key_id=self.info.key_id,
                signed_file=signed_file,
                signature=signature,
            )
        )


@dataclass(frozen=True)
class PublicKey:
    """A loaded public key that signatures are checked against."""

    key_id: str
    _key: Ed25519PublicKey = field(repr=False)

    def verifies(self, signature: bytes, data: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature

        try:
            self._key.verify(signature, data)
        except InvalidSignature:
            return False
        return True


def load_signer(
    key_file: Path | None, *, environ: Mapping[str, str] | None = None
) -> Signer | None:
    """The signing key from ``--signing-key FILE``, else ``$PILOT_SIGNING_KEY``, else none.

    Errors are exit 1 (before the run); their messages name where the key came from and
    never quote any of it. ``environ`` defaults to the process environment.
    """
    if key_file is not None:
        pem = read_bytes(key_file, what="--signing-key", error=UsageError)
        return _signer(pem, source=f"--signing-key {key_file}")
    text = (os.environ if environ is None else environ).get(ENV_VAR)
    if text is None:
        return None
    # A set but empty variable is a secret that did not arrive: fail rather than not sign.
    if not text.strip():
        raise ConfigError(f"{ENV_VAR} is set but empty; unset it to run without signing")
    return _signer(text.encode("utf-8"), source=ENV_VAR)


def _signer(pem: bytes, *, source: str) -> Signer:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except TypeError:
        # Raised for an encrypted key given without a password.
        raise ConfigError(
            f"signing key from {source} is encrypted; an unencrypted PEM PKCS#8 key is needed"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        # Their messages may describe the input, so none of it is passed on.
        raise ConfigError(f"signing key from {source} is not a PEM PKCS#8 private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(f"signing key from {source} is not an Ed25519 key")
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return Signer(info=SigningInfo(key_id=key_id_of(raw)), _key=key)


def load_public_key(pem: bytes, *, source: str) -> PublicKey:
    """A PEM (SubjectPublicKeyInfo) Ed25519 public key; a bad one is a usage error."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, UnsupportedAlgorithm):
        raise UsageError(f"{source} is not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError(f"{source} is not an Ed25519 public key")
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PublicKey(key_id=key_id_of(raw), _key=key)


@dataclass(frozen=True)
class SignatureCheck:
    """What a ``.sig`` file says and whether it holds. ``verified`` needs a public key."""

    key_id: str | None
    verified: bool
    problems: tuple[str, ...]


def check_signature(
    sig: bytes,
    *,
    signed_file: str,
    data: bytes,
    expected_key_id: str | None,
    public_key: PublicKey | None,
) -> SignatureCheck:
    """Check a ``.sig`` file over ``data`` (the exact bytes of ``signed_file``).

    Without a public key only its form and its key id are checked: the signature itself
    can only be verified against a key the verifier trusts.
    """
    try:
        parsed = _signature_decoder.decode(sig)
    except msgspec.DecodeError as exc:
        return SignatureCheck(None, False, (f"does not decode as a signature file: {exc}",))
    problems: list[str] = []
    if parsed.signed_file != signed_file:
        problems.append(f"signs {parsed.signed_file!r}, not {signed_file}")
    if expected_key_id is not None and parsed.key_id != expected_key_id:
        problems.append(
            f"key id {parsed.key_id} differs from the key id {expected_key_id} the index records"
        )
    try:
        signature = base64.b64decode(parsed.signature, validate=True)
    except (binascii.Error, ValueError):
        signature = b""
    if len(signature) != _SIGNATURE_BYTES:
        problems.append("the signature is not 64 bytes of base64")
    verified = False
    if public_key is not None and not problems:
        if parsed.key_id != public_key.key_id:
            problems.append(
                f"signed by key {parsed.key_id}, not by the --public-key {public_key.key_id}"
            )
        elif not public_key.verifies(signature, data):
            problems.append(f"the signature does not verify over the bytes of {signed_file}")
        else:
            verified = True
    return SignatureCheck(parsed.key_id, verified, tuple(problems))


def generate_keypair(out_dir: Path) -> tuple[Path, Path, str]:
    """Write a new key pair into ``out_dir``; never overwrites. Returns the paths and key id."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private_path, public_path = out_dir / PRIVATE_KEY_NAME, out_dir / PUBLIC_KEY_NAME
    for path in (private_path, public_path):
        if path.exists() or path.is_symlink():
            raise UsageError(f"{path} already exists; a key is never overwritten")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write keys into {out_dir} ({exc.strerror})") from None
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key()
    public_pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    write_new_file(private_path, private_pem, what="private key", mode=PRIVATE, error=UsageError)
    try:
        write_new_file(public_path, public_pem, what="public key", mode=0o644, error=UsageError)
    except BaseException:
        private_path.unlink(missing_ok=True)
        raise
    return private_path, public_path, key_id_of(raw)
