"""Bytes to text: byte order marks, strict UTF-8 and the characters YAML forbids, with positions;
and the invisible characters that make a file read differently from how it displays."""

from __future__ import annotations

import codecs
import unicodedata

from resilint.load.positions import Lines, LoadError
from resilint.patterns import Lazy

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Characters outside YAML 1.2's printable set (tab, LF, CR and NEL are allowed), plus a byte
# order mark anywhere but the start and lone surrogates.
_FORBIDDEN = Lazy(  # compiled for a file that is not ASCII (Lazy: most runs see none)
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]"
)
# Almost every file is ASCII: then only the C0 controls and DEL can be wrong, and deleting the
# allowed bytes (C speed) says whether any is left, several times faster than a regex search.
_ASCII_ALLOWED = bytes([9, 10, 13, *range(32, 127)])

# Bidi controls (CVE-2021-42574, "Trojan Source") and invisible format characters: text that an
# editor shows in another order, or not at all. ZWNJ and ZWJ are kept apart: they are needed
# between letters of Persian, Indic and other scripts and inside emoji sequences, so they are
# flagged only next to ASCII (where no script needs them: "acme\u200dlogistics") or at an edge.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u00ad\u180e\u200b\u2060-\u2064\U000e0000-\U000e007f"
_JOINERS = "\u200c\u200d"
_HIDDEN = Lazy(f"[{_BIDI}{_INVISIBLE}{_JOINERS}]")
_BIDI_CHARS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MAX_HIDDEN = 20

_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\ufeff": "byte order mark"}


def decode(data: bytes) -> str:
    """Decode a file's bytes; raises :class:`LoadError` saying where and why it cannot be read."""
    if data.isascii() and not data.translate(None, _ASCII_ALLOWED):
        return data.decode("ascii")  # the common case, with nothing to look at more closely
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_characters(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                raise LoadError(
                    "ENC-01",
                    f"not valid {encoding.upper()} despite its byte order mark ({exc.reason})",
                ) from None
    if _looks_like_utf16(data):
        raise LoadError(
            "ENC-01",
            "the file looks like UTF-16 or UTF-32 without a byte order mark; save it as UTF-8",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        bad = data[exc.start : exc.start + 1].hex()
        raise LoadError(
            "ENC-01",
            f"not UTF-8: byte 0x{bad} cannot be read (the file was "
            "probably saved as Latin-1 or Windows-1252); save it as UTF-8",
            *Lines(before).position(len(before)),
        ) from None
    return _check_characters(text)


def _looks_like_utf16(data: bytes) -> bool:
    head = data[:64]
    return len(head) >= 4 and head.count(0) * 4 >= len(head)


def _check_characters(text: str) -> str:
    match = _FORBIDDEN.search(text)
    if match is None:
        return text
    char = match.group()
    name = _NAMES.get(char, f"U+{ord(char):04X}")
    raise LoadError(
        "ENC-02",
        f"control character {name} is not allowed in YAML; delete it",
        *Lines(text).position(match.start()),
    )


def hidden_characters(text: str) -> list[LoadError]:
    """Each bidi control or invisible character, at its position; past 20, one more that says
    there are more."""
    if text.isascii():
        return []
    places = [
        match.start()
        for match in _HIDDEN.finditer(text)
        if match.group() not in _JOINERS or not _between_non_ascii(text, match.start())
    ]
    lines = Lines(text)
    found = [
        LoadError("ENC-03", _hidden_message(text[where]), *lines.position(where))
        for where in places[:_MAX_HIDDEN]
    ]
    if len(places) > _MAX_HIDDEN:
        more = len(places) - _MAX_HIDDEN
        found.append(
            LoadError(
                "ENC-03",
                f"{more:,} more bidirectional or invisible characters from here on",
                *lines.position(places[_MAX_HIDDEN]),
            )
        )
    return found


def _between_non_ascii(text: str, where: int) -> bool:
    return 0 < where < len(text) - 1 and not (text[where - 1] + text[where + 1]).isascii()


def _hidden_message(char: str) -> str:
    name = unicodedata.name(char, "FORMAT CHARACTER")
    what = "a bidirectional control" if char in _BIDI_CHARS else "an invisible character"
    return (
        f"U+{ord(char):04X} {name} is {what}: the text displays differently from what it "
        'holds ("Trojan Source", CVE-2021-42574); delete it, or write what you mean in '
        "visible characters"
    )
