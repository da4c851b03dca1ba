"""Keys longer than YAML allows.

A key written as ``key: value`` (an implicit key) may be at most 1,024 characters long: YAML
1.1 and 1.2 say so, and libyaml gives up on a longer one without naming it, reporting the line
as one with no ':' or with a ':' where no key can start. This finds the key such an error is
about, so that the message can name its length.
"""

from __future__ import annotations

from resilint.patterns import kept

LONGEST_KEY = 1024
"""Characters from the start of an implicit key to its ':', as YAML and libyaml count them."""

_BLOCK_START = kept(r"[ \t]*(?:-[ \t]+)*")  # indentation, then any list item dashes
_KEY_COLON = kept(r":(?:[ \t]|$)")  # a ':' that ends a key: before a space or the end
_SPACES = kept(r"[ \t]*")


def long_key(line: str, colon: int) -> tuple[int, int] | None:
    """The start and length of the key that ends at the ':' at index ``colon`` of ``line``,
    when it is longer than YAML allows; else None (the ':' ends no key, or a short one)."""
    if colon <= LONGEST_KEY or line[colon : colon + 1] != ":":
        return None
    start = _key_start(line, colon)
    if start is None:
        return None
    return (start, colon - start) if colon - start > LONGEST_KEY else None


def _key_start(line: str, colon: int) -> int | None:
    """Where the key before ``colon`` starts: after the indentation and list dashes when no
    other key ends before it on the line, else after the '{', '[' or ',' of a flow mapping;
    None when the ':' is inside a value (a value that holds ': ', a different mistake)."""
    block = _BLOCK_START.match(line).end()  # type: ignore[union-attr]
    if not _KEY_COLON.search(line, block, colon):
        return block
    entry = max(line.rfind(sign, block, colon) for sign in "{[,")
    opened = line[block : entry + 1]
    if entry < 0 or ("{" not in opened and "[" not in opened):  # a ',' in a plain value
        return None
    start = _SPACES.match(line, entry + 1).end()  # type: ignore[union-attr]
    return None if _KEY_COLON.search(line, start, colon) else start
