"""Signed evidence packs: `pilot keys generate`, `pilot run --signing-key`, `pilot verify --public-key`."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from orchestrator.core.canonical import encode_pretty
from orchestrator.evidence.signing import load_signer
from tests.helpers import PROJECT, Pilot, write_review

KEY, PUB = "pilot_signing_key.pem", "pilot_signing_key.pub.pem"


@pytest.fixture
def keys(pilot: Pilot, tmp_path: Path) -> Path:
    """A fresh key pair, made by `pilot keys generate` (no key is ever committed)."""
    result = pilot("keys", "generate", "--out", tmp_path / "keys")
    assert result.code == 0, result.err
    return tmp_path / "keys"


@pytest.fixture
def other_keys(pilot: Pilot, tmp_path: Path) -> Path:
    """A second, unrelated key pair."""
    assert pilot("keys", "generate", "--out", tmp_path / "other").code == 0
    return tmp_path / "other"


@pytest.fixture
def signed(pilot: Pilot, tmp_path: Path, keys: Path) -> Path:
    """A replayed pack signed with ``keys``."""
    pack = tmp_path / "signed"
    result = pilot("run", "--signing-key", keys / KEY, "--out", pack)
    assert result.code == 0, result.err
    return pack


def key_id(public_pem: Path) -> str:
    key = serialization.load_pem_public_key(public_pem.read_bytes())
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def verify(pilot: Pilot, path: Path, *args: str | Path) -> tuple[int, dict[str, Any]]:
    result = pilot("verify", path, "--json", *args)
    return result.code, json.loads(result.out)


def problems(report: dict[str, Any], file: str) -> list[str]:
    return [f["problem"] for p in report["packs"] for f in p["findings"] if f["file"] == file]


def writable(pack: Path) -> Path:
    for path in pack.iterdir():
        path.chmod(0o644)
    return pack


# --- Keys ---------------------------------------------------------------------------------


def test_keys_generate_writes_a_private_and_a_public_key(pilot: Pilot, tmp_path: Path) -> None:
    """Two PEM files, the private one 0600, and the key id printed."""
    result = pilot("keys", "generate", "--out", tmp_path / "k")
    assert result.code == 0
    private, public = tmp_path / "k" / KEY, tmp_path / "k" / PUB
    assert private.stat().st_mode & 0o777 == 0o600
    assert private.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert public.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    assert f"key id: {key_id(public)}" in result.out


def test_keys_generate_never_overwrites(pilot: Pilot, keys: Path) -> None:
    """A second generate into the same folder: exit 1, both keys untouched."""
    before = {p.name: p.read_bytes() for p in keys.iterdir()}
    result = pilot("keys", "generate", "--out", keys)
    assert result.code == 1
    assert "already exists" in result.err
    assert {p.name: p.read_bytes() for p in keys.iterdir()} == before


def test_keys_generate_refuses_when_only_the_public_key_exists(
    pilot: Pilot, tmp_path: Path
) -> None:
    """An existing public key alone also stops generation; no private key is left behind."""
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / PUB).write_text("mine")
    assert pilot("keys", "generate", "--out", tmp_path / "k").code == 1
    assert [p.name for p in (tmp_path / "k").iterdir()] == [PUB]


# --- Signed runs --------------------------------------------------------------------------


def test_signed_pack_carries_the_signature(signed: Path, keys: Path) -> None:
    """The index names the key before signing; evidence_pack.sig signs the index bytes."""
    index = json.loads((signed / "evidence_pack.json").read_bytes())
    assert index["signature"] == {
        "algorithm": "Ed25519",
        "file": "evidence_pack.sig",
        "key_id": key_id(keys / PUB),
    }
    assert "evidence_pack.sig" not in index["artifacts"]
    sig_bytes = (signed / "evidence_pack.sig").read_bytes()
    sig = json.loads(sig_bytes)
    assert sig_bytes == encode_pretty(sig)  # sorted keys
    assert set(sig) == {"algorithm", "key_id", "signed_file", "signature"}
    assert sig["signed_file"] == "evidence_pack.json"
    public = serialization.load_pem_public_key((keys / PUB).read_bytes())
    assert isinstance(public, Ed25519PublicKey)
    public.verify(base64.b64decode(sig["signature"]), (signed / "evidence_pack.json").read_bytes())
    assert (signed / "evidence_pack.sig").stat().st_mode & 0o222 == 0


def test_unsigned_index_records_no_signature(pilot: Pilot, tmp_path: Path) -> None:
    """Without a key the index says "signature": null and there is no .sig file."""
    assert pilot("run", "--out", tmp_path / "p").code == 0
    assert json.loads((tmp_path / "p" / "evidence_pack.json").read_bytes())["signature"] is None
    assert not (tmp_path / "p" / "evidence_pack.sig").exists()


def test_signed_replays_are_byte_identical(pilot: Pilot, tmp_path: Path, keys: Path) -> None:
    """Ed25519 is deterministic: two signed replays match in every file, signature included."""
    for name in ("A", "B"):
        assert pilot("run", "--signing-key", keys / KEY, "--out", tmp_path / name).code == 0
    names = sorted(p.name for p in (tmp_path / "A").iterdir())
    assert "evidence_pack.sig" in names
    assert names == sorted(p.name for p in (tmp_path / "B").iterdir())
    for name in names:
        assert (tmp_path / "A" / name).read_bytes() == (tmp_path / "B" / name).read_bytes(), name


def test_signing_key_from_the_environment(
    pilot: Pilot, tmp_path: Path, keys: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PILOT_SIGNING_KEY (PEM text) signs like --signing-key, with the same bytes."""
    assert pilot("run", "--signing-key", keys / KEY, "--out", tmp_path / "file").code == 0
    monkeypatch.setenv("PILOT_SIGNING_KEY", (keys / KEY).read_text())
    assert pilot("run", "--out", tmp_path / "env").code == 0
    for name in ("evidence_pack.json", "evidence_pack.sig"):
        assert (tmp_path / "env" / name).read_bytes() == (tmp_path / "file" / name).read_bytes()


def test_signing_key_option_wins_over_the_environment(
    pilot: Pilot, tmp_path: Path, keys: Path, other_keys: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--signing-key FILE takes precedence over PILOT_SIGNING_KEY."""
    monkeypatch.setenv("PILOT_SIGNING_KEY", (other_keys / KEY).read_text())
    assert pilot("run", "--signing-key", keys / KEY, "--out", tmp_path / "p").code == 0
    index = json.loads((tmp_path / "p" / "evidence_pack.json").read_bytes())
    assert index["signature"]["key_id"] == key_id(keys / PUB)


# --- Bad keys -----------------------------------------------------------------------------

_SECRET_BODY = "MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"not a key at all\n", "is not a PEM PKCS#8 private key"),
        (
            f"-----BEGIN PRIVATE KEY-----\n{_SECRET_BODY[:40]}\n-----END PRIVATE KEY-----\n".encode(),
            "is not a PEM PKCS#8 private key",
        ),
        (None, "is not a PEM PKCS#8 private key"),  # the public key given by mistake
        ("encrypted", "is encrypted"),
        ("x448", "is not an Ed25519 key"),
    ],
    ids=["garbage", "corrupt-pem", "public-key", "encrypted", "other-algorithm"],
)
def test_bad_signing_key_is_exit_1_before_the_run(
    pilot: Pilot, tmp_path: Path, keys: Path, content: bytes | str | None, needle: str
) -> None:
    """A bad key file: exit 1, no pack, and the message never quotes the key."""
    path = tmp_path / "bad.pem"
    if content is None:
        data = (keys / PUB).read_bytes()
    elif content == "encrypted":
        data = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"passphrase"),
        )
    elif content == "x448":
        from cryptography.hazmat.primitives.asymmetric.x448 import X448PrivateKey

        data = X448PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    else:
        assert isinstance(content, bytes)
        data = content
    path.write_bytes(data)
    result = pilot("run", "--signing-key", path, "--out", tmp_path / "pack")
    assert result.code == 1
    assert needle in result.err
    assert not (tmp_path / "pack").exists()
    body_lines = [line for line in data.decode("ascii").splitlines() if "-----" not in line]
    for line in body_lines:
        assert line.strip() not in result.err
    assert "Traceback" not in result.err


def test_unreadable_signing_key_is_exit_1(pilot: Pilot, tmp_path: Path) -> None:
    """A key file that does not exist: exit 1 naming it, no pack."""
    result = pilot("run", "--signing-key", tmp_path / "nope.pem", "--out", tmp_path / "pack")
    assert result.code == 1
    assert f"--signing-key {tmp_path / 'nope.pem'} not found" in result.err
    assert not (tmp_path / "pack").exists()


@pytest.mark.parametrize("value", ["", "   ", f"-----BEGIN PRIVATE KEY-----\n{_SECRET_BODY}\n"])
def test_bad_signing_key_in_the_environment_is_exit_1(
    pilot: Pilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """An empty or broken PILOT_SIGNING_KEY: exit 1, no pack, no key material in the message."""
    monkeypatch.setenv("PILOT_SIGNING_KEY", value)
    result = pilot("run", "--out", tmp_path / "pack")
    assert result.code == 1
    assert "PILOT_SIGNING_KEY" in result.err
    assert _SECRET_BODY[:20] not in result.err
    assert not (tmp_path / "pack").exists()


def test_signer_repr_shows_no_key(keys: Path) -> None:
    """A loaded signer's repr names the key id only."""
    signer = load_signer(keys / KEY)
    assert signer is not None
    text = repr(signer)
    assert signer.info.key_id in text
    for line in (keys / KEY).read_text().splitlines()[1:-1]:
        assert line not in text


def test_run_without_a_key_does_not_import_cryptography(tmp_path: Path) -> None:
    """`pilot run` without signing never loads cryptography (start-up time)."""
    env = {k: v for k, v in os.environ.items() if k != "PILOT_SIGNING_KEY"}
    code = (
        "import sys\n"
        "from orchestrator.cli.app import main\n"
        f"assert main(['run', '--out', {str(tmp_path / 'p')!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('cryptography')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


# --- Verifying signatures -----------------------------------------------------------------


def test_signed_pack_verifies_with_the_right_key(pilot: Pilot, signed: Path, keys: Path) -> None:
    """--public-key of the signer: exit 0, signature verified, key id reported."""
    result = pilot("verify", signed, "--public-key", keys / PUB)
    assert result.code == 0, result.out
    assert f"OK {signed} (signed, key id {key_id(keys / PUB)}, signature verified)" in result.out
    code, report = verify(pilot, signed, "--public-key", keys / PUB)
    assert code == 0
    assert report["packs"][0]["signature_verified"] is True


def test_signed_pack_without_public_key_verifies_unchecked(pilot: Pilot, signed: Path) -> None:
    """Without --public-key a signed pack verifies, reported signed but not checked."""
    result = pilot("verify", signed)
    assert result.code == 0
    assert "signature not checked without --public-key" in result.out


def test_signed_pack_fails_with_another_key(
    pilot: Pilot, signed: Path, keys: Path, other_keys: Path
) -> None:
    """--public-key of another key: exit 5 naming evidence_pack.sig."""
    code, report = verify(pilot, signed, "--public-key", other_keys / PUB)
    assert code == 5
    [problem] = problems(report, "evidence_pack.sig")
    assert f"signed by key {key_id(keys / PUB)}" in problem
    assert f"not by the --public-key {key_id(other_keys / PUB)}" in problem


def test_unsigned_pack_fails_with_a_public_key(pilot: Pilot, tmp_path: Path, keys: Path) -> None:
    """An unsigned pack with --public-key: exit 5, "unsigned"."""
    assert pilot("run", "--out", tmp_path / "p").code == 0
    code, report = verify(pilot, tmp_path / "p", "--public-key", keys / PUB)
    assert code == 5
    assert any("is unsigned" in p for p in problems(report, "evidence_pack.json"))


def test_folder_with_a_public_key_fails_only_the_unsigned_pack(
    pilot: Pilot, tmp_path: Path, keys: Path
) -> None:
    """A folder of one signed and one unsigned pack, with --public-key: exit 5, one FAIL."""
    assert pilot("run", "--signing-key", keys / KEY, "--out", tmp_path / "all" / "a").code == 0
    assert pilot("run", "--out", tmp_path / "all" / "b").code == 0
    result = pilot("verify", tmp_path / "all", "--public-key", keys / PUB)
    assert result.code == 5
    assert f"OK {tmp_path / 'all' / 'a'}" in result.out
    assert f"FAIL {tmp_path / 'all' / 'b'} (unsigned)" in result.out


def test_edited_signed_index_fails_the_signature(pilot: Pilot, signed: Path, keys: Path) -> None:
    """A signed index edited: the signature no longer verifies over its bytes."""
    writable(signed)
    index = json.loads((signed / "evidence_pack.json").read_bytes())
    index["operator_notes"] = "approved by me"
    (signed / "evidence_pack.json").write_bytes(encode_pretty(index))
    code, report = verify(pilot, signed, "--public-key", keys / PUB)
    assert code == 5
    assert problems(report, "evidence_pack.sig") == [
        "evidence_pack.sig: the signature does not verify over the bytes of evidence_pack.json"
    ]


def test_deleted_signature_is_caught_without_a_key(pilot: Pilot, signed: Path) -> None:
    """The .sig deleted: the index still names the key, so it is missing (exit 5)."""
    writable(signed)
    (signed / "evidence_pack.sig").unlink()
    code, report = verify(pilot, signed)
    assert code == 5
    assert any("is missing" in p for p in problems(report, "evidence_pack.sig"))


def test_signature_stripped_from_the_index_is_caught(pilot: Pilot, signed: Path) -> None:
    """The index's signature set to null, .sig left: the stray signature is caught."""
    writable(signed)
    index = json.loads((signed / "evidence_pack.json").read_bytes())
    index["signature"] = None
    (signed / "evidence_pack.json").write_bytes(encode_pretty(index))
    code, report = verify(pilot, signed)
    assert code == 5
    assert problems(report, "evidence_pack.sig")


def test_signature_swapped_from_another_key_is_caught(
    pilot: Pilot, tmp_path: Path, signed: Path, other_keys: Path
) -> None:
    """A .sig by another key: its key id is not the one the index records."""
    other = tmp_path / "other_pack"
    assert pilot("run", "--signing-key", other_keys / KEY, "--out", other).code == 0
    writable(signed)
    (signed / "evidence_pack.sig").write_bytes((other / "evidence_pack.sig").read_bytes())
    code, report = verify(pilot, signed)
    assert code == 5
    assert any("differs from the key id" in p for p in problems(report, "evidence_pack.sig"))


def test_garbled_signature_is_caught(pilot: Pilot, signed: Path) -> None:
    """A .sig that is not a signature file: exit 5 naming it."""
    writable(signed)
    (signed / "evidence_pack.sig").write_text('{"signature": "x"}')
    code, report = verify(pilot, signed)
    assert code == 5
    assert problems(report, "evidence_pack.sig")


def test_bad_public_key_is_exit_1(pilot: Pilot, signed: Path, keys: Path, tmp_path: Path) -> None:
    """--public-key that is not a public key (here the private one), or unreadable: exit 1."""
    result = pilot("verify", signed, "--public-key", keys / KEY)
    assert result.code == 1
    assert "is not a PEM public key" in result.err
    assert pilot("verify", signed, "--public-key", tmp_path / "nope.pem").code == 1


# --- The signed review addendum ----------------------------------------------------------


def signed_review(pack: Path, keys: Path, decision: str = "APPROVE") -> bytes:
    """Hand-write an addendum and sign it as `pilot review` does; returns its bytes."""
    write_review(pack, decision=decision)
    data = (pack / "operator_review.json").read_bytes()
    signer = load_signer(keys / KEY)
    assert signer is not None
    (pack / "operator_review.sig").write_bytes(
        signer.sign(data, signed_file="operator_review.json")
    )
    return data


def test_signed_review_verifies(pilot: Pilot, signed: Path, keys: Path) -> None:
    """A signed addendum verifies with the key; its decision is reported."""
    writable(signed)
    signed_review(signed, keys)
    code, report = verify(pilot, signed, "--public-key", keys / PUB)
    assert code == 0, report
    assert report["packs"][0]["review"] == "APPROVE"


def test_edited_signed_review_decision_is_caught(pilot: Pilot, signed: Path, keys: Path) -> None:
    """APPROVE edited to REJECT in a signed addendum: operator_review.sig no longer verifies."""
    writable(signed)
    data = signed_review(signed, keys)
    (signed / "operator_review.json").write_bytes(data.replace(b'"APPROVE"', b'"REJECT"'))
    code, report = verify(pilot, signed, "--public-key", keys / PUB)
    assert code == 5
    assert problems(report, "operator_review.sig") == [
        "operator_review.sig: the signature does not verify over the bytes of operator_review.json"
    ]
