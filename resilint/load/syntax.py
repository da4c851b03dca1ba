"""YAML syntax errors in plain words, with a hint for the usual mistakes.

libyaml's own words ("mapping values are not allowed in this context") name parser states; the
people who edit resilience registers need to hear which character on which line to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml
from yaml.error import Mark

from resilint.load.key_length import LONGEST_KEY, long_key
from resilint.load.positions import Lines, LoadError
from resilint.patterns import kept
from resilint.suggest import describe

# Indentation and list dashes, taken whole (a lookahead and its backreference: what the
# lookahead matched is never given back), then a key up to its first ':' and the value, whose
# trailing blanks the caller strips. Each part can end in one place only: a line is read once,
# however long ("name: a<16,000 spaces>b: c" took seconds as "(.*?)\s*$" searched the blanks
# from each of them).
_KEY_THEN_VALUE = kept(r"(?=(\s*(?:-\s+)*))\1([^\s#'\"][^:#]*):[ \t]+(.*)")
_INDENT = kept(r"[ \t]*")
_QUOTE_WHAT = {"'": "single", '"': "double"}


def syntax_error(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    """The load error for one of libyaml's syntax errors, positioned as editors count."""
    too_long = _long_key(exc, lines)
    if too_long is not None:
        return too_long
    pasted = _pasted_space(exc, lines)
    if pasted is not None:
        return pasted
    said = _said(exc)
    for words, explain in _EXPLAINERS:
        if words in said:
            return explain(exc, lines)
    return _plain(
        lines,
        exc.problem_mark or exc.context_mark,
        "YAML cannot read this line; check its indentation, and put values that hold ': ', "
        f"' #', brackets or quotes in quotes (the YAML reader says: {_said(exc)})",
    )


_CONFLICT_MARKER = kept(r"(?:<{7}|\|{7}|>{7})(?:[ \t].*)?|={7}", re.DOTALL)
"""A line git writes around a conflict it leaves to be resolved (``|||||||``: the base, in
the diff3 style), matched against a whole line."""
_CONFLICT_CODES = frozenset({"YML-01", "YML-02", "YML-08"})
"""The errors a marker line causes (it is no 'key: value'); limits and tags are not its doing."""
_MOST_LINES_NAMED = 10


def merge_conflict(error: LoadError, text: str) -> LoadError:
    """The error of a file that does not read, said as the unresolved merge conflict it holds:
    libyaml's words for a marker line (a missing ':' or ']', a misplaced key), often on a later
    line, send the reader to the wrong place. Same code, at the first marker's line. A lone
    ``=======`` (a heading's underline) is no conflict without a ``<<<<<<<`` or ``>>>>>>>``."""
    if error.code not in _CONFLICT_CODES or ("<" * 7 not in text and ">" * 7 not in text):
        return error
    lines = Lines(text)
    marked = [
        number
        for number, piece in enumerate(lines.pieces(), 1)
        if _CONFLICT_MARKER.fullmatch(piece.rstrip("\r\n"))
    ]
    if not any(lines.line(number)[0] in "<>" for number in marked):
        return error
    named = ", ".join(map(str, marked[:_MOST_LINES_NAMED]))
    if len(marked) > _MOST_LINES_NAMED:
        named += f" and {len(marked) - _MOST_LINES_NAMED:,} more"
    where = (
        f"git's markers at lines {named}" if len(marked) > 1 else f"git's marker at line {named}"
    )
    return LoadError(
        error.code,
        f"unresolved merge conflict: {where}; resolve the conflict (keep the lines you want "
        "from each side) and delete the marker lines",
        marked[0],
        1,
    )


def unreadable(error: LoadError, text: str) -> LoadError:
    """The error of a file that does not read, said as what the file is when that is plain:
    an unresolved merge conflict (:func:`merge_conflict`) or a template (:func:`template`)."""
    said = merge_conflict(error, text)
    return said if said is not error else template(error, text)


_TEMPLATE_TAG = kept(
    r"\{\{(?:(?!\{\{(?!\}))[^\n]){0,400}?\}\}"
    r"|\{%(?:(?!\{%(?!\}))[^\n]){0,400}?%\}"
    r"|\{#(?:(?!\{#(?!\}))[^\n]){0,400}?#\}"
)
"""A template engine's tag on one line: ``{{ x }}`` (Helm, Go templates, Jinja, Ansible),
``{% if %}`` and ``{# note #}`` (Jinja), of at most 400 characters. The scan from an opening
stops at the next one, from which a tag that spans it is found too, so each character is
scanned about once: a megabyte-long line of braces took 9 s when each scanned 400 more."""
_TEMPLATE_LINE = kept(r"[ \t]*(?:\{\{-?|\{%-?)")


def template(error: LoadError, text: str) -> LoadError:
    """The error of a file that does not read because it is a template (a Helm chart's
    ``templates/``, a Jinja or Ansible template): the YAML reader's words for ``{{ ... }}``
    send the reader looking for a misplaced bracket. Said so, same code and place, when the
    line the reader stopped at holds a template tag, or a line of the file is one (``{{-
    if ... }}`` standing alone). Braces inside quotes are text, and YAML reads them."""
    if error.code != "YML-01" or ("{{" not in text and "{%" not in text):
        return error
    lines = Lines(text)
    at = lines.line(error.line)
    tagged = [
        number
        for number, piece in enumerate(lines.pieces(), 1)
        if _TEMPLATE_LINE.match(piece) and _TEMPLATE_TAG.search(piece)
    ]
    if not _TEMPLATE_TAG.search(at) and not tagged:
        return error
    where = f"line {error.line}" if _TEMPLATE_TAG.search(at) else f"line {tagged[0]}"
    return LoadError(
        error.code,
        f"this file holds template tags ({where}: '{{{{ ... }}}}' or '{{% ... %}}', as in Helm "
        "charts, Jinja or Ansible templates), so it is not YAML until a template engine "
        "renders it, and resilint reads files as written. If it is not a resilience document, "
        "leave it out (exclude in resilint.yaml, e.g. 'charts/*/templates/'); if the braces "
        f"are text, put the value in quotes (the YAML reader says: {error.message})",
        error.line,
        error.column,
    )  # no fix: the mechanical remedy of a YAML mistake would edit the template


def _long_key(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError | None:
    """A key past YAML's length limit: libyaml's words for it (no ':' found, or a ':' where no
    key can start) would send the reader looking for a colon that is there."""
    if exc.problem_mark is None:
        return None
    line_no, column = lines.mark(exc.problem_mark)
    found = long_key(lines.line(line_no), column - 1)
    if found is None:
        return None
    start, length = found
    return LoadError(
        "YML-01",
        f"this key is {length:,} characters long, and YAML reads a key written as 'key: value' "
        f"(an implicit key) only up to {LONGEST_KEY:,} characters; shorten the key (long text "
        "belongs in a value)",
        line_no,
        start + 1,
    )


_LOOKALIKE_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_KEY_THEN_LOOKALIKE = kept(rf"[ \t]*(?:-[ \t]+)*([^\s#'\"][^:#]*?):([{_LOOKALIKE_SPACES}])")
"""'key:' followed by a space that is not U+0020 (a no-break, thin or ideographic space), as
text pasted from a word processor, a spreadsheet or a web page brings it: YAML reads no key
there, and libyaml's words point at the line below, or at the key's start, as if the colon
were missing."""
_LINES_BACK = 20


def _pasted_space(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError | None:
    """A look-alike space after a key on the lines that led to the error: from the line above
    the one the reader stopped at (or where the key it was reading began) down to that one."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    last = lines.mark(mark)[0]
    first = min(lines.mark(exc.context_mark)[0] if exc.context_mark else last, last - 1)
    for number in range(max(1, first, last - _LINES_BACK), last + 1):
        found = _KEY_THEN_LOOKALIKE.match(lines.line(number))
        if found is None:
            continue
        key, char = found.group(1).strip(), found.group(2)
        return LoadError(
            "YML-01",
            f"the space after '{key}:' is {describe(char)}, which looks like a space but is "
            "not one to YAML (text pasted from a word processor, a spreadsheet or a web page "
            f"brings it), so '{key}' is not read as a key; type an ordinary space in its place",
            number,
            found.start(2) + 1,
        )
    return None


def _said(exc: yaml.MarkedYAMLError) -> str:
    return ", ".join(part for part in (exc.context, exc.problem) if part)


def _plain(lines: Lines, mark: Mark | None, message: str, code: str = "YML-01") -> LoadError:
    return LoadError(code, message, *(lines.mark(mark) if mark else (1, 1)))


def _indent(line: str) -> int:
    return len(_INDENT.match(line).group())  # type: ignore[union-attr]


def _mapping_value(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    """`name: Acme: the best`, or a key indented under a key that already has a value."""
    mark = exc.problem_mark
    line_no, column = lines.mark(mark) if mark else (1, 1)
    line = lines.line(line_no)
    above = _line_above(lines, line_no)
    if above is not None and _indent(line) > _indent(above) and _KEY_THEN_VALUE.match(above):
        key = _KEY_THEN_VALUE.match(above).group(2)  # type: ignore[union-attr]
        return LoadError(
            "YML-01",
            f"this line is indented further than '{key}:' above it, which already has a "
            f"value; line it up with '{key}:', or, if it belongs under '{key}', move that "
            "value onto its own line",
            line_no,
            _indent(line) + 1,
        )
    found = _KEY_THEN_VALUE.match(line)
    if found and len(found.group(1)) + len(found.group(2)) + 1 < column:
        return LoadError(
            "YML-01",
            f"the value of '{found.group(2)}' holds ': ' (a colon and a space), which YAML "
            "reads as the start of another key; if the colon is part of the text, put the "
            f"whole value in quotes: {found.group(2)}: {_quoted(found.group(3).rstrip())}",
            line_no,
            column,
        )
    return _plain(
        lines,
        mark,
        "a ':' here starts a key where none can start; if the colon is part of a value, "
        "put that value in quotes",
    )


def _quoted(value: str) -> str:
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _line_above(lines: Lines, line_no: int) -> str | None:
    """The nearest line above that holds something other than a comment."""
    for number in range(line_no - 1, 0, -1):
        text = lines.line(number)
        if text.strip() and not text.lstrip().startswith("#"):
            return text
    return None


def _no_colon(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    return _plain(
        lines,
        exc.context_mark or exc.problem_mark,
        "this line has text but no 'key:' in a place where YAML expects a key; add the key "
        "and a colon, or, if the text continues the value above, indent it further than that "
        "value's key",
    )


def _no_key(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    """A line that does not line up with its mapping's keys, or junk after a value."""
    mark, start = exc.problem_mark, exc.context_mark
    line_no, column = lines.mark(mark) if mark else (1, 1)
    line = lines.line(line_no)
    if column > _indent(line) + 1:
        return LoadError(
            "YML-01",
            "unexpected text after the value on this line; a quoted value must end the line "
            "(or be followed by a space and a # comment): put the whole value in one pair of "
            "quotes",
            line_no,
            column,
        )
    keys = lines.mark(start)[1] - 1 if start else 0
    if line[keys:].startswith("- "):
        return LoadError(
            "YML-01",
            "a list item ('- ') where the mapping above expects a key; put the list under its "
            "own key ('key:' on the line above, items indented below it)",
            line_no,
            column,
        )
    return LoadError(
        "YML-01",
        f"this line is indented by {_indent(line)} spaces, which does not line up with the "
        f"keys of the mapping it is in (they start at {keys} spaces, from line "
        f"{lines.mark(start)[0] if start else 1}); indent it like the key it sits beside",
        line_no,
        column,
    )


def _no_dash(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    start = exc.context_mark
    items = lines.mark(start)[1] - 1 if start else 0
    return _plain(
        lines,
        exc.problem_mark,
        f"this line does not line up with the list items above it (they start with '- ' at "
        f"{items} spaces); indent it like them, or further if it belongs inside an item",
    )


def _cannot_start(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    mark = exc.problem_mark
    line_no, column = lines.mark(mark) if mark else (1, 1)
    char = lines.line(line_no)[column - 1 : column]
    if char == "\t":
        return _tab(exc, lines)
    return _plain(
        lines,
        mark,
        f"a value cannot start with '{char}' (YAML reserves it); put the value in quotes",
    )


def _tab(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    return _plain(
        lines,
        exc.problem_mark,
        "a tab character where YAML expects indentation or a value; indent with spaces",
    )


def _unclosed_flow(closer: str, opener: str, what: str) -> Callable[..., LoadError]:
    def explain(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
        opened = lines.mark(exc.context_mark)[0] if exc.context_mark else 1
        return _plain(
            lines,
            exc.problem_mark,
            f"the {what} opened with '{opener}' on line {opened} is not closed with "
            f"'{closer}' here: a '{closer}' is missing, a comma is missing between two "
            f"entries, or an entry holds ': ', ',' or '{closer}' and needs quotes",
        )

    return explain


def _unclosed_quote(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    return _plain(
        lines,
        exc.context_mark or exc.problem_mark,
        "the quote that opens this value is never closed; add the closing quote",
    )


def _fixed(message: str, use_context: bool = False) -> Callable[..., LoadError]:
    def explain(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
        mark = exc.context_mark if use_context and exc.context_mark else exc.problem_mark
        return _plain(lines, mark, message)

    return explain


def _nested(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    return _plain(
        lines, exc.problem_mark, "the data is nested more than 1000 levels deep", "YML-05"
    )


def _version(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    return _plain(
        lines,
        exc.problem_mark,
        "unsupported %YAML directive: resilint reads YAML 1.1 and 1.2 files, always with "
        "YAML 1.2 meanings",
    )


def _duplicate_anchor(exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    first = lines.mark(exc.context_mark)[0] if exc.context_mark else 1
    return _plain(
        lines,
        exc.problem_mark,
        f"this anchor (&name) is already defined on line {first}; give each anchor its own name",
    )


_EXPLAINERS: tuple[tuple[str, Callable[[yaml.MarkedYAMLError, Lines], LoadError]], ...] = (
    ("exceeded maximum nesting depth", _nested),
    ("found incompatible YAML document", _version),
    ("mapping values are not allowed", _mapping_value),
    ("could not find expected ':'", _no_colon),
    ("did not find expected key", _no_key),
    ("did not find expected '-' indicator", _no_dash),
    ("cannot start any token", _cannot_start),
    ("tab character", _tab),
    ("did not find expected ',' or ']'", _unclosed_flow("]", "[", "list")),
    ("did not find expected ',' or '}'", _unclosed_flow("}", "{", "mapping")),
    ("second occurrence", _duplicate_anchor),
    (
        "found unexpected end of stream",
        lambda exc, lines: (
            _unclosed_quote(exc, lines)
            if "quoted" in (exc.context or "")
            else _fixed("the file ends in the middle of a value")(exc, lines)
        ),
    ),
    (
        "found unknown escape character",
        _fixed(
            "a backslash in double quotes starts an escape such as \\n, and this one is not "
            "valid; use single quotes ('C:\\path'), or write the backslash twice"
        ),
    ),
    (
        "found undefined alias",
        _fixed("this alias (*name) refers to an anchor (&name) not defined above it"),
    ),
    (
        "alphabetic or numeric character",
        _fixed(
            "'&' and '*' start an anchor or an alias and must be followed by a name; if the "
            "character is part of the text, put the value in quotes"
        ),
    ),
    (
        "did not find expected node content",
        _fixed(
            "YAML expected a value here; if the value starts with ']', '}', ',' or another "
            "sign YAML reserves, put it in quotes"
        ),
    ),
    (
        "found unexpected ':'",
        _fixed("a ':' inside a value in [...] or {...}; put that value in quotes"),
    ),
    (
        "block sequence entries are not allowed",
        _fixed(
            "a list item ('- ') where this line already has a value; start the list on the "
            "line below its key"
        ),
    ),
    (
        "directive",
        _fixed(
            "a line that starts with '%' is a YAML directive, and this one is not valid; if "
            "it is meant as text, indent it or put it in quotes"
        ),
    ),
    (
        "expected <document start>",
        _fixed(
            "content after the end of a document ('...'); start the next document with a '---' line"
        ),
    ),
    (
        "did not find expected comment or line break",
        _fixed("unexpected text at the end of this line; remove it, or start a comment with ' #'"),
    ),
)
