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

# Signatures of binary formats that end up named .yaml: an archive or a compressed copy of a
# file, a document exported or an image saved in its place.
_MAGIC = (
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
)
_WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_SNIFF = 8000
"""Bytes looked at for a NUL (as git does to tell binary files)."""

_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\ufeff": "byte order mark"}


def decode(data: bytes) -> str:
    """Decode a file's bytes; raises :class:`LoadError` saying where and why it cannot be read."""
    if data.isascii() and not data.translate(None, _ASCII_ALLOWED):
        return data.decode("ascii")  # the common case, with nothing to look at more closely
    try:
        return _decode(data)
    except LoadError:
        # A signature counts only in bytes that are no text anyway: "GIF89a: Zürich" is YAML.
        kind = next((name for magic, name in _MAGIC if data.startswith(magic)), None)
        if kind is None:
            raise
        raise _binary(f"it starts like {kind}") from None


def _decode(data: bytes) -> str:
    by_bom = _by_bom(data)
    if by_bom is not None:
        return _check_characters(by_bom)
    head = data[:64]
    if len(head) >= 4 and head.count(0) * 4 >= len(head):
        raise _wide_or_binary(head)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if b"\x00" in data[:_SNIFF]:  # no text in a one-byte encoding holds a NUL byte
            raise _wide_or_binary(head) from None  # UTF-16 of other scripts, or binary
        raise _not_utf8(data, exc.start) from None
    return _check_characters(text)


def _by_bom(data: bytes) -> str | None:
    """The text of a file that starts with a byte order mark, in the encoding it names."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise LoadError(
                    "ENC-01",
                    f"not valid {encoding.upper()} despite its byte order mark ({exc.reason})",
                ) from None
    return None


def _not_utf8(data: bytes, start: int) -> LoadError:
    before = data[:start].decode("utf-8", errors="replace")
    return LoadError(
        "ENC-01",
        f"not UTF-8: byte 0x{data[start : start + 1].hex()} cannot be read (the file was "
        "probably saved as Latin-1 or Windows-1252); save it as UTF-8",
        *Lines(before).position(len(before)),
    )


def _wide_or_binary(head: bytes) -> LoadError:
    """Why a file whose first bytes hold NUL bytes cannot be read: text in UTF-16 or UTF-32
    (Latin letters in them are half or more NUL bytes), or no text at all."""
    if any(_reads_as(head, encoding) for encoding in _WIDE):
        return LoadError(
            "ENC-01",
            "the file looks like UTF-16 or UTF-32 without a byte order mark; save it as UTF-8",
        )
    return _binary("it holds NUL bytes, as compressed files, images and programs do")


def _reads_as(head: bytes, encoding: str) -> bool:
    """Whether the first bytes read as YAML text in ``encoding``: they decode (a character cut
    at the end is left out) to characters YAML allows (NUL is not), none unassigned or for
    private use. Random bytes seldom decode as UTF-32, but one time in a few hundred as UTF-16:
    there, one character in four or more must also be ASCII (keys, colons, spaces, breaks)."""
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head)
    except UnicodeDecodeError:
        return False
    if _FORBIDDEN.search(text) or any(unicodedata.category(c) in ("Cn", "Co") for c in text):
        return False
    return encoding.startswith("utf-32") or sum(c.isascii() for c in text) * 4 >= len(text)


def _binary(why: str) -> LoadError:
    return LoadError(
        "ENC-01",
        f"this is not a text file but binary data: {why}; resilint reads YAML text only, so "
        "if this file should hold YAML, put its text back (unpack a compressed copy), else "
        "rename it or move it out of the checked paths",
    )


def _check_characters(text: str, where: str = "in YAML") -> str:
    match = _FORBIDDEN.search(text)
    if match is None:
        return text
    char = match.group()
    name = _NAMES.get(char, f"U+{ord(char):04X}")
    raise LoadError(
        "ENC-02",
        f"control character {name} is not allowed {where}; delete it",
        *Lines(text).position(match.start()),
    )


def control_character(text: str, where: str) -> LoadError | None:
    """The first control character YAML does not allow (ENC-02), at its position; None where
    there is none. For text another format allows them in (a TOML comment may hold C1 controls
    such as U+009B, which a terminal reads as ESC [)."""
    try:
        _check_characters(text, where)
    except LoadError as error:
        return error
    return None


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


def escaped(value: str) -> tuple[bool, str] | None:
    """What is wrong with a double-quoted value whose escapes (``"\\e"``, ``"\\x01"``,
    ``"\\u202e"``) wrote a character the file could not hold, or not unflagged, as itself:
    ``(True, message)`` for a control character, which :func:`decode` refuses as a byte (it
    would drive a terminal, and the register's workbook cannot hold it); ``(False, message)``
    for a bidirectional control or an invisible character, as :func:`hidden_characters` flags
    it; None when there is neither."""
    char = unshown(value)
    if char is None:
        return None
    if is_control(char):
        return True, (
            f"this value holds control character {control_name(char)}, written as an escape; "
            "resilint documents hold no control characters but tab and line breaks: delete it"
        )
    return False, f"{_hidden_message(char)}; here it is written as an escape"


def unshown(value: str) -> str | None:
    """The first character of ``value`` that does not show as what it is: a control character
    (but tab and line breaks), a bidirectional control or an invisible character (a joiner
    between two non-ASCII letters aside, as :func:`hidden_characters` has it); None if none."""
    match = _FORBIDDEN.search(value)
    if match is not None:
        return match.group()
    for found in _HIDDEN.finditer(value):
        if found.group() not in _JOINERS or not _between_non_ascii(value, found.start()):
            return found.group()
    return None


def control_name(char: str) -> str:
    """A control character as messages name it: ``ESC``, ``NUL``, or ``U+0007``."""
    return _NAMES.get(char, f"U+{ord(char):04X}")


def is_control(char: str) -> bool:
    """Whether :func:`unshown`'s ``char`` is a control character (not a bidi or invisible one)."""
    return _FORBIDDEN.match(char) is not None


def hidden_name(char: str) -> str:
    """A bidirectional or invisible character as messages name it, with what it is:
    ``U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control``."""
    name = unicodedata.name(char, "FORMAT CHARACTER")
    what = "a bidirectional control" if char in _BIDI_CHARS else "an invisible character"
    return f"U+{ord(char):04X} {name}, {what}"


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
