"""Inline suppression comments: ``# resilint: ignore[CODE] reason="..." until=YYYY-MM-DD``.

A trailing comment applies to its own line; a comment alone on its line applies to the next line
that is not a comment. A reason is required. A comment meant as one that resilint cannot read
(``# resilint ignore[...]``, ``# Resilint: ...``, ``# resilint: ingore[...]``, no codes) silences
nothing and is reported with the form to write (IGN-01); a comment that merely mentions resilint
(``# resilint flags this``) is prose, and text inside a value is never a comment.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from resilint.codes import CODE, is_group
from resilint.patterns import Lazy

# Compiled for the first file that holds the marker (Lazy).
_COMMENT = Lazy(r"#\s*resilint:\s*ignore\[(?P<codes>[^\]]*)\](?P<rest>.*)$")
# A comment that starts with the word resilint, in any case: a suppression, or meant as one.
_MARKER = Lazy(r"#[ \t]*resilint(?![\w/-])", re.IGNORECASE)
_MEANT = Lazy(
    r"#[ \t]*(?P<word>resilint)(?P<colon>[ \t]*:)?[ \t]*(?P<verb>[A-Za-z-]*)(?P<rest>.*)$",
    re.IGNORECASE,
)
_FORM = 'write # resilint: ignore[CODE] reason="why" (until=YYYY-MM-DD is optional)'
_VERBS = ("disable", "noqa", "skip", "suppress", "allow", "off")
_OPTIONS = ("reason", "until")
_YMD = Lazy(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# An option starts only where a run of blanks or of key letters starts (from a later place in
# the run it would end where it ends from the first): a long comment is read once, not from
# each of its characters (64 KB of blanks took 50 s).
_OPTION = Lazy(
    r"""(?<!\s)\s*(?<![a-z_])(?P<key>[a-z_]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']\S*))"""
)


@dataclass(frozen=True)
class InlineSuppression:
    """A ``# resilint: ignore[...]`` comment: where it is, the line it silences, the codes, why."""

    path: str
    line: int
    column: int
    target_line: int
    codes: tuple[str, ...]
    reason: str
    until: datetime.date | None
    problem: str | None = None
    """Why the comment cannot be used (no reason, a bad code or date), or None."""


def scan(
    path: str, text: str, in_value: Callable[[int], bool] | None = None
) -> list[InlineSuppression]:
    """Every suppression comment in a file's text. ``in_value`` says whether a character
    offset lies inside one of the file's values (a quoted or block text may hold a line that
    reads like a comment: it is text, and silences nothing)."""
    if not may_suppress(text):
        return []
    from resilint.load.positions import Lines  # the loader's, which imports this module

    # lines end at LF, CRLF or CR only, as YAML's do (str.splitlines also splits at NEL and
    # the Unicode line separators, which are text in a YAML value)
    numbered = Lines(text)
    starts = numbered.starts
    lines = [numbered.line(n) for n in range(1, len(starts) + 1)]
    found = []
    below: list[int] | None = None  # each line's next line of content, once one is needed
    for number, line in enumerate(lines, start=1):
        match = _comment(line, starts[number - 1], in_value) if _MARKER.search(line) else None
        if match is None:
            continue
        alone = not line[: match.start()].strip()
        target = number
        if alone:  # it silences the next line of content
            if below is None:
                below = _next_content_lines(lines)
            target = below[number - 1] or number
        exact = _COMMENT.match(line, match.start())
        if exact is not None:
            found.append(_parse(path, number, match.start() + 1, target, exact))
        elif (problem := _unread(line, match.start())) is not None:
            column = match.start() + 1
            found.append(InlineSuppression(path, number, column, target, (), "", None, problem))
    return found


def may_suppress(text: str) -> bool:
    """Whether a file's text may hold a suppression comment (or one meant as such); the loader
    reads such a file with positions, which tell a comment from text inside a value."""
    return "#" in text and _MARKER.search(text) is not None


def _unread(line: str, start: int) -> str | None:
    """Why a comment that starts with the word resilint is not a suppression resilint reads,
    when it is meant as one (a suppression's words follow); None for prose about resilint."""
    meant = _MEANT.match(line, start)
    if meant is None:
        return None
    verb, rest = meant.group("verb"), meant.group("rest")
    from resilint.suggest import distance  # a comment meant as a suppression is rare

    meant_so = (
        distance(verb.casefold(), "ignore") <= 2
        or verb.casefold() in _VERBS
        or rest.lstrip().startswith("[")
        or "reason=" in rest
        or "until=" in rest
    )
    if not meant_so:
        return None  # a remark about resilint, not a suppression
    if meant.group("word") != "resilint":
        return f"resilint is written in lower case; {_FORM}"
    if meant.group("colon") is None:
        return f"a colon must follow resilint; {_FORM}"
    if verb != "ignore":
        return f"'{verb}' is not ignore; {_FORM}" if verb else _FORM
    return f"the rule codes go in brackets right after ignore; {_FORM}"


def _comment(
    line: str, offset: int, in_value: Callable[[int], bool] | None
) -> re.Match[str] | None:
    """Where the line's comment that starts with the word resilint starts: the first such
    '#' that is not text inside a value (a value earlier on the line may hold the same words)."""
    start = 0
    while (match := _MARKER.search(line, start)) is not None:
        if in_value is None or not in_value(offset + match.start()):
            return match
        start = match.start() + 1
    return None


def _next_content_lines(lines: list[str]) -> list[int]:
    """For each line (by index), the number of the first line of content below it, or 0: one
    pass from the end. A suppression alone on its line targets that line; asking it of each
    comment in turn was quadratic (200,000 comment lines in a 7.6 MB file ran for half an
    hour)."""
    below = [0] * len(lines)
    after = 0
    for index in range(len(lines) - 1, -1, -1):
        below[index] = after
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            after = index + 1
    return below


def _parse(
    path: str, line: int, column: int, target: int, match: re.Match[str]
) -> InlineSuppression:
    codes = tuple(code.strip() for code in match.group("codes").split(",") if code.strip())
    rest = match.group("rest")
    read = list(_OPTION.finditer(rest))
    options = {
        m.group("key"): m.group("dq") or m.group("sq") or m.group("bare") or "" for m in read
    }
    reason = options.get("reason", "").strip()
    unknown = [key for key in options if key not in _OPTIONS]
    given = [m.group("key") for m in read]
    twice = next((key for key in _OPTIONS if given.count(key) > 1), None)
    unread = _OPTION.sub("", rest).strip()
    problem = None
    until = None
    group = next((code for code in codes if is_group(code)), None)
    if group is not None:  # a comment answers for the findings on its line, each by its code
        problem = f"name each rule code, for example ignore[{group}-01]: a group ({group}) is "
        problem += "for the configuration's select and ignore, not for an inline suppression"
    elif not codes or any(not CODE.match(code) for code in codes):
        problem = "name the rule codes to ignore, for example ignore[CTR-08]"
    elif twice is not None:  # the last would count, while a reader takes the first
        problem = f"{twice}= is given twice; give it once"
    elif unknown:  # a misspelt until= would otherwise silence the finding for ever
        problem = f"unknown option {unknown[0]}= (the options are reason= and until=)"
    elif unread:
        problem = f'cannot read {unread!r}: write the options as reason="..." until=YYYY-MM-DD'
    elif not reason:
        problem = 'a reason is required: reason="why this is acceptable"'
    if "until" in options:
        until = _date(options["until"])
        if until is None:
            problem = f"until={options['until']} is not a date written YYYY-MM-DD"
    return InlineSuppression(path, line, column, target, codes, reason, until, problem)


def _date(text: str) -> datetime.date | None:
    """A date written YYYY-MM-DD, as a Waiver's expires is; None for anything else, ISO 8601's
    other forms included (``20991231``, ``2099-W01-1``), which Python reads but a reviewer
    checking the expiry does not expect."""
    if _YMD.match(text) is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
