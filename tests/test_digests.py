"""resilint's digests are hashlib's: the same SHA-256 (finding fingerprints live in users'
baselines), the same BLAKE2b, and cache signatures that verify across the length at which
OpenSSL takes over, whichever implementation computes them."""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

import pytest

from resilint import digests

_LENGTHS = (0, 1, 63, 64, 65, 1000, digests.LONG - 1, digests.LONG, digests.LONG + 1)


@pytest.mark.parametrize("length", _LENGTHS)
def test_the_digests_are_hashlibs(length: int) -> None:
    data = os.urandom(length)
    assert digests.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert (
        digests.blake2b(data, digest_size=9).digest()
        == hashlib.blake2b(data, digest_size=9).digest()
    )
    grown = digests.sha256()
    grown.update(data[:7])
    grown.update(data[7:])
    assert grown.hexdigest() == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("length", _LENGTHS)
def test_a_signature_is_keyed_and_depends_on_every_byte(length: int) -> None:
    key, data = os.urandom(32), os.urandom(length)
    signed = digests.sign(key, data)
    assert len(signed) == 64 and bytes.fromhex(signed.decode())
    assert digests.same(signed, digests.sign(key, data))
    assert not digests.same(signed, digests.sign(os.urandom(32), data))
    if data:
        flipped = bytes([data[0] ^ 1]) + data[1:]
        assert not digests.same(signed, digests.sign(key, flipped))
    expected = (
        hmac.new(key, data, hashlib.sha256).hexdigest()
        if length >= digests.LONG
        else hashlib.blake2b(data, digest_size=32, key=key).hexdigest()
    )
    assert signed == expected.encode()


def test_without_pythons_own_implementations_hashlib_serves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Python built without its own SHA-256 or BLAKE2b (a FIPS build): the same digests."""
    data = b"supplier acme"
    expected = (digests.sha256(data).hexdigest(), digests.sign(b"k" * 32, data))
    for name in ("_SHA256", "_BLAKE2B", "_COMPARE"):
        monkeypatch.setattr(digests, name, None)
    assert (digests.sha256(data).hexdigest(), digests.sign(b"k" * 32, data)) == expected
    assert digests.same(expected[1], expected[1])


@pytest.mark.parametrize("length", (65, 100, 4096))
def test_a_secret_longer_than_blake2bs_longest_key_signs(length: int) -> None:
    """The cache's secret is any file of at least 32 bytes: a longer one signs (keyed BLAKE2b
    takes at most 64), and signs differently from another."""
    key, data = os.urandom(length), b"supplier acme"
    signed = digests.sign(key, data)
    assert len(signed) == 64 and digests.same(signed, digests.sign(key, data))
    assert not digests.same(signed, digests.sign(key[:-1] + bytes([key[-1] ^ 1]), data))


def test_the_cache_works_with_a_long_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache secret of 100 bytes (made by hand, or shared between machines)
    signs the cache's files, which read back, as with the 32 bytes resilint makes."""
    secret = tmp_path / "home" / "resilint" / "cache-secret"
    secret.parent.mkdir(parents=True)
    secret.write_bytes(os.urandom(100))
    secret.chmod(0o600)  # the user's alone, as resilint makes it (readable by others: not used)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    from resilint.cache import open_store

    (tmp_path / "repo").mkdir()
    store = open_store(tmp_path / "repo" / ".resilint_cache", tmp_path / "repo", 1 << 20)
    assert store.secret is not None and len(store.secret) == 100
    store.write("a", {"salt": "x"})
    assert store.read("a") == {"salt": "x"}
