"""SHA-256, BLAKE2b and the cache's signatures, without loading OpenSSL for short data.

``import hashlib`` (and ``import hmac``) loads OpenSSL's libcrypto: about 2.5 ms, a thirtieth
of a pre-commit hook's run, which hashes only short texts (fingerprints, file names) and signs
cache files of a few kilobytes. Python carries its own SHA-256 and BLAKE2b (the modules hashlib
falls back to, and the BLAKE2b hashlib itself serves): the same digests, as fast on short data.
OpenSSL is loaded only for data long enough that its faster SHA-256 (processor instructions)
pays for loading it, or where Python was built without its own (a FIPS build): the digests are
the same either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable


class Hash(Protocol):
    """What hashlib's hash objects offer that resilint uses."""

    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


LONG = 1 << 20
"""Bytes from which OpenSSL's SHA-256 is used: its speed (about twice BLAKE2b's and five
times Python's own SHA-256 where the processor has SHA instructions) repays loading it."""


def _builtin(names: tuple[str, ...], attribute: str) -> Callable[..., Any] | None:
    for name in names:
        try:
            module = __import__(name)
        except ImportError:
            continue
        found = getattr(module, attribute, None)
        if found is not None:
            return found  # type: ignore[no-any-return]
    return None


_SHA256 = _builtin(("_sha2", "_sha256"), "sha256")  # _sha2 from Python 3.12
_BLAKE2B = _builtin(("_blake2",), "blake2b")
_COMPARE = _builtin(("_operator",), "_compare_digest")


def sha256(data: bytes = b"") -> Hash:
    """A SHA-256 hash object, as ``hashlib.sha256(data)``."""
    if _SHA256 is None or len(data) >= LONG:
        import hashlib

        return hashlib.sha256(data)
    return _SHA256(data)  # type: ignore[no-any-return]


def blake2b(data: bytes = b"", *, digest_size: int = 64, key: bytes = b"") -> Hash:
    """A BLAKE2b hash object, as ``hashlib.blake2b``."""
    if _BLAKE2B is None:
        import hashlib

        return hashlib.blake2b(data, digest_size=digest_size, key=key)
    return _BLAKE2B(data, digest_size=digest_size, key=key)  # type: ignore[no-any-return]


def sign(key: bytes, data: bytes) -> bytes:
    """``data``'s signature under ``key``, 64 hexadecimal digits: keyed BLAKE2b (a MAC by
    design, RFC 7693) for data under :data:`LONG` bytes, HMAC-SHA256 from there on. Which one
    depends only on the data's length, so a file signed by one run is verified by the next."""
    if len(data) >= LONG:
        import hashlib
        import hmac

        return hmac.new(key, data, hashlib.sha256).hexdigest().encode()
    if len(key) > _LONGEST_KEY:  # as HMAC shortens a key longer than its block: hashed
        key = blake2b(key).digest()
    return blake2b(data, digest_size=32, key=key).hexdigest().encode()


_LONGEST_KEY = 64
"""BLAKE2b's longest key. A cache secret is any file of 32 bytes or more (one a user made with
``openssl rand`` or copied from elsewhere may be longer): a longer key is hashed to 64 bytes."""


def same(a: bytes, b: bytes) -> bool:
    """Whether two signatures are equal, compared in constant time (``hmac.compare_digest``)."""
    if _COMPARE is None:
        import hmac

        return hmac.compare_digest(a, b)
    return bool(_COMPARE(a, b))
