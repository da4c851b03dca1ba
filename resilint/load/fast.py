"""The fast path of loading: a file written in plain YAML is read by yaml-rs (Rust) in one call.

libyaml composes a node graph that resilint then walks in Python to give values their YAML 1.2
meaning and to check the limits and what YAML 1.2 forbids (:mod:`.convert`, :mod:`.strict`):
about six times the time yaml-rs takes to build the same data. yaml-rs gives no positions and
reads a few scalars differently (``012``, ``0b101``, ``1_000``, ``_2`` and ``+0x1`` are numbers
there, text here; ``.inf`` and ``2026-02-30`` are values there, refused here), so it is used
only for a file whose every line has a plain shape on which both are known to agree, and its
data is taken only when it is what the slow path would give:

- every line is blank, a comment, or ``[- ...][key:] [value] [# comment]`` with a word as key
  and as value a plain scalar, a one-line quoted text without backslashes, or a one-line
  ``[...]`` / ``{key: value, ...}`` of such scalars; no tag, anchor, alias, merge key, block
  text, directive, tab, CR or YAML 1.1 line break, and no document marker but a first ``---``;
- a plain scalar that starts like a number to yaml-rs (with a digit, a sign, a dot or an
  underscore) is one of resilint's (a decimal integer, a float with a dot or an exponent, an
  ISO date that exists) or holds a character no number has, and every key is text to yaml-rs;
- the single document is a mapping that declares ``apiVersion: resilint/...``, nested less
  deeply than ``limits.max_depth`` (its indentation says so) and holding fewer values than
  ``limits.max_alias_expansion`` and ``limits.max_file_values``.

Anything else, and any error yaml-rs raises, goes the slow way, which says what is wrong and
where. Positions are never taken from yaml-rs: a finding's position comes from the file's lines
when they all have a plain shape (:mod:`.plain_positions`), else from the file parsed again with
libyaml (:mod:`resilint.locate`). Without a yaml-rs wheel every file goes the slow way, with the
same results.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from resilint.limits import Limits
from resilint.load.shared import SHORT, intern
from resilint.patterns import Lazy, kept

try:
    import yaml_rs

    _AVAILABLE = True
except ImportError:  # pragma: no cover - a platform without a wheel: libyaml reads everything
    _AVAILABLE = False

_KEY = r"(?!(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)(?![\w.-]))[A-Za-z_][\w.-]*"
# A plain scalar may not start with an indicator; '-' only before a digit or a dot ("-5").
_FIRST = r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-(?=[0-9.]))"
# Written as "normal* (special normal*)*", whose every match is split one way only: no
# backtracking, however hostile the line.
_BLOCK_PLAIN = _FIRST + r"[^\s:#]*(?:(?::(?=\S)|(?<=\S)\#|[ ]+(?=[^\s#]))[^\s:#]*)*"
_FLOW_PLAIN = _FIRST + r"[^\s:#,\[\]{}]*(?:(?:(?<=\S)\#|[ ]+(?=[^\s#:,\[\]{}]))[^\s:#,\[\]{}]*)*"
_QUOTED = r"(?:\"[^\"\\\n]*\"|'[^'\n]*(?:''[^'\n]*)*')"
_FLOW_VALUE = f"(?:{_QUOTED}|{_FLOW_PLAIN})"
_FLOW_SEQ = rf"\[[ ]*(?:{_FLOW_VALUE}(?:[ ]*,[ ]*{_FLOW_VALUE})*)?[ ]*\]"
_FLOW_ENTRY = rf"{_KEY}:[ ]+{_FLOW_VALUE}"
_FLOW_MAP = rf"\{{[ ]*(?:{_FLOW_ENTRY}(?:[ ]*,[ ]*{_FLOW_ENTRY})*)?[ ]*\}}"
_VALUE = f"(?:{_QUOTED}|{_FLOW_SEQ}|{_FLOW_MAP}|{_BLOCK_PLAIN})"
_TAIL = r"(?:[ ]+\#[^\n]*|[ ]*)"
_LINE = (
    rf"[ ]*(?:\#[^\n]*|(?:-[ ]+)*(?:{_KEY}:(?:[ ]+{_VALUE})?|{_VALUE})?{_TAIL}|(?:-[ ]+)*-{_TAIL})"
)
# The first line that is not plain. Each line is tried in a lookahead, which never backtracks
# into the lines before it: one linear scan of the file.
_NOT_PLAIN = kept(rf"\n(?!{_LINE}(?:\n|\Z))")  # 22 M instructions to compile: kept
_FIRST_MARKER = kept(r"(?:[ ]*(?:\#[^\n]*)?\n)*---[ ]*\n")
_MARKER = kept(r"\n(?:---|\.\.\.)(?=[ \n]|\Z)")
# Characters YAML does not allow, the YAML 1.1 line breaks, tabs, CR and the byte order mark:
# what [^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]
# matches, named the short way round (that negated class took 15 ms to compile at every start);
# compiled for the first file that is not ASCII.
_UNUSUAL = Lazy("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_INT = r"[-+]?(?:0|[1-9][0-9]{0,17})"
_FLOAT = (
    r"[-+]?(?:\.[0-9]{1,200}|[0-9]{1,200}\.[0-9]*)(?:[eE][-+]?[0-9]{1,2})?"
    r"|[-+]?[0-9]{1,200}[eE][-+]?[0-9]{1,2}"
)
_SURE_DATE = r"(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"  # no year 0
_END = r"(?=[\s,\]}]|\Z)"
# A plain scalar that starts like a number to yaml-rs (after a key, a '- ', '[', '{' or ',')
# and is made of the characters of its numbers, but is none of resilint's integers, floats or
# dates that surely exist: 012, 0b101, 1_000, +0x1, .inf, .iNf, 1e400, 1.2.3, 2026-02-30. The
# two readers may disagree on it. yaml-rs reads a number wherever YAML 1.2's core schema does
# not: it skips '_' anywhere, first included (_2, __1, _1e3, _.5 and +_1 are numbers to it,
# text to YAML 1.2), takes the 0x, 0o and 0b prefixes with '_' between digits and spells .inf
# and .nan in any case. Inside quotes or a longer text such a word is mostly not found (it must
# follow one of those signs), and if it is, the file merely goes the slow way. A digit or dot
# is looked for among those characters only: a run of them has one place a word can start
# (scanning on to the next blank from each ':' of ":_:_:_..." took seconds for 16 KB).
_NUMBER_CHAR = r"[0-9+\-._eExXoObBaAcCdDfFiInN]"
_SUSPECT = kept(
    rf"[\n:,\[{{-][ ]*(?=[0-9+._-])(?<![^\s:,\[{{])(?={_NUMBER_CHAR}*[0-9.])"
    rf"(?!(?:{_INT}|{_FLOAT}|{_SURE_DATE}){_END})([0-9+\-._]{_NUMBER_CHAR}*){_END}",
    re.MULTILINE,
)
# A number written with a thousands separator (250.000): the slow path reads it as a number
# that remembers how it was written (:class:`resilint.load.scalars.Grouped`), yaml-rs as a float.
_GROUPED = kept(rf"[\n:,\[{{-][ ]*(?<![^\s:,\[{{])[1-9][0-9]{{0,2}}\.[0-9]{{3}}{_END}")
_DATE = kept(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_FIRST_KEY = kept(r"^[ ]*(?!#|---[ ]*$)\S", re.MULTILINE)


def fast_data(text: str, limits: Limits) -> tuple[dict[str, Any], int, int] | None:
    """``(data, first line, values)`` of a plain single-document resilint file, or None when
    the file must go the slow way."""
    found = plain_mapping(text, limits)
    if found is None or not _declares_resilint(found[0]):
        return None
    return found[0], _first_line(text), found[1]


def plain_mapping(text: str, limits: Limits) -> tuple[dict[str, Any], int] | None:
    """``(data, values)`` of a plain file whose single document is a mapping (a resilint
    document or a configuration), the data the slow path gives it; None when the file must go
    the slow way."""
    start = plain_shape(text, limits) if _AVAILABLE else None
    if start is None:
        return None
    body = text[start:]
    try:
        data = yaml_rs.loads(body, parse_datetime=False)
    except BaseException as exc:  # a pyo3 panic is a BaseException; let ^C and exit through
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return None
    if not isinstance(data, dict):
        return None
    lengths = [0]
    try:
        data = _shared(data, lengths)
    except TypeError:  # intern() takes only text: a key yaml-rs read as a number (_1:, _.5:)
        return None
    # the values counted as the slow path counts them, one per scalar, key and collection:
    # every item of a list and value of a mapping, every key, and the document's mapping
    values = lengths[0] + 1
    if values > min(limits.max_alias_expansion, limits.max_file_values, limits.max_total_nodes):
        return None
    return data, values


def plain_shape(text: str, limits: Limits, numbers: bool = True) -> int | None:
    """Where the single document of a file whose every line has a plain shape starts (after a
    first ``---``), or None for a file that must go the slow way. ``numbers=False`` leaves out
    what only the values' meaning needs (whether number-like scalars mean the same to both).

    Every test below looks at one line at a time (each pattern starts with a line break and
    never crosses one), so a line found plain, its numbers agreeing, is remembered
    (:data:`_PLAIN_LINES`) and only the file's other lines are searched: the lines of one
    programme's files repeat (``kind: Contract``, ``  tier: 2``, ``- business-hours``)."""
    if len(text) > limits.max_scalar_bytes or not _usual(text):
        return None
    marker = _FIRST_MARKER.match(text)
    start = marker.end() if marker is not None else 0
    known = _PLAIN_LINES.setdefault(limits.max_depth, set())
    unknown = set(text[start:].split("\n"))
    unknown -= known
    if not unknown:
        return start
    lines = "\n" + "\n".join(unknown)  # each pattern starts with a line break: searched quickly
    if _MARKER.search(lines) or not _shallow(lines, limits):
        return None
    if _NOT_PLAIN.search(lines) is not None:
        return None
    if not _numbers_agree(lines):
        return None if numbers else start
    if sum(map(len, _PLAIN_LINES.values())) < _MOST_REMEMBERED:
        known.update(line for line in unknown if len(line) <= _LONGEST_REMEMBERED)
    return start


_PLAIN_LINES: dict[int, set[str]] = {}
"""Lines found plain, none too deeply indented and their numbers agreeing, by the depth
limit they were tested against."""
_MOST_REMEMBERED = 50_000
_LONGEST_REMEMBERED = 120
"""At most this many lines, of at most this many characters (a few megabytes): the lines
that repeat are a programme's keys and short values, met in its first files."""


def _usual(text: str) -> bool:
    """No character YAML refuses, no tab, CR, byte order mark or YAML 1.1 line break."""
    if text.isascii():  # the usual case, at the speed of C
        return text.replace("\n", "").isprintable()
    return _UNUSUAL.search(text) is None


def _shallow(lines: str, limits: Limits) -> bool:
    """Whether no line is indented (with spaces and '- ') far enough for the data to be nested
    ``limits.max_depth`` deep: each level of nesting moves its content right by a column or
    more, and one [...] or {...} adds one."""
    deepest = limits.max_depth - 3
    return deepest > 0 and re.search(f"\n[ -]{{{deepest},}}", lines) is None


def _numbers_agree(lines: str) -> bool:
    """Whether every plain scalar that starts like a number means the same to both readers."""
    if _GROUPED.search(lines):
        return False
    for match in _SUSPECT.finditer(lines):
        token = match.group(1)
        if not _DATE.match(token):
            return False  # let libyaml's path decide, and say why if it is refused
        try:
            datetime.date.fromisoformat(token)  # the 29th to the 31st
        except ValueError:
            return False
    return True


def _declares_resilint(data: dict[str, Any]) -> bool:
    version = data.get("apiVersion")
    return (
        isinstance(version, str) and version.startswith("resilint/") and version == version.strip()
    )


def _shared(value: Any, lengths: list[int]) -> Any:
    """``value`` with its keys and short texts shared (:mod:`.shared`, written out here: a call
    per value costs a quarter of the walk), adding to ``lengths[0]`` twice each mapping's
    length and once each list's."""
    if type(value) is dict:
        lengths[0] += 2 * len(value)
        return {
            intern(k): (intern(v) if len(v) <= SHORT else v)
            if type(v) is str
            else v
            if type(v) is not dict and type(v) is not list
            else _shared(v, lengths)
            for k, v in value.items()
        }
    if type(value) is list:
        lengths[0] += len(value)
        return [
            (intern(v) if len(v) <= SHORT else v)
            if type(v) is str
            else v
            if type(v) is not dict and type(v) is not list
            else _shared(v, lengths)
            for v in value
        ]
    return value


def _first_line(text: str) -> int:
    """The line of the document's first key: after blank lines, comments and a ``---``."""
    found = _FIRST_KEY.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1
