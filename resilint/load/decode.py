"""Bytes to text: byte order marks, strict UTF-8 and the characters YAML forbids, with positions."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Characters outside YAML 1.2's printable set (tab, LF, CR and NEL are allowed), plus a byte
# order mark anywhere but the start and lone surrogates.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]"
)

_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\ufeff": "byte order mark"}


@dataclass(frozen=True)
class DecodeProblem:
    code: str
    message: str
    line: int
    column: int


def decode(data: bytes) -> str | DecodeProblem:
    """Decode a file's bytes, or say exactly where and why it cannot be read as text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_characters(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                return DecodeProblem(
                    "ENC-01",
                    f"not valid {encoding.upper()} despite its byte order mark ({exc.reason})",
                    1,
                    1,
                )
    if _looks_like_utf16(data):
        return DecodeProblem(
            "ENC-01",
            "the file looks like UTF-16 or UTF-32 without a byte order mark; save it as UTF-8",
            1,
            1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        return DecodeProblem(
            "ENC-01",
            f"not UTF-8: byte 0x{bad} cannot be read (the file was "
            "probably saved as Latin-1 or Windows-1252); save it as UTF-8",
            line,
            column,
        )
    return _check_characters(text)


def _looks_like_utf16(data: bytes) -> bool:
    head = data[:64]
    return len(head) >= 4 and head.count(0) * 4 >= len(head)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, column


def _check_characters(text: str) -> str | DecodeProblem:
    match = _FORBIDDEN.search(text)
    if match is None:
        return text
    char = match.group()
    before = text[: match.start()]
    line = before.count("\n") + 1
    column = match.start() - (before.rfind("\n") + 1) + 1
    name = _NAMES.get(char, f"U+{ord(char):04X}")
    return DecodeProblem(
        "ENC-02", f"control character {name} is not allowed in YAML; delete it", line, column
    )
