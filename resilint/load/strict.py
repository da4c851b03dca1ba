"""What YAML 1.2 forbids and libyaml lets through, checked on the composed nodes.

libyaml accepts a few things the YAML 1.2 specification rejects, and each can make a file mean
something other than what it shows: continuation lines of a quoted value or of a [...] / {...}
that are not indented under their key, a comment glued to a value, a comma or a bracket
(``key: "value"# c``, ``[a,# c``), a ``-`` alone inside [...] or {...} (``[a, -]``), blank
lines at the start of a block text indented more than its first line, and %YAML directives in
the middle of a stream without a ``...`` before them. One more is valid YAML but never what was
meant: a comma inside ``{...}`` that turned the rest of a value into a field name. These checks
cost nothing on a plain ``key: value`` line: only quoted values, block texts and flow
collections are looked at.
"""

from __future__ import annotations

from functools import cached_property

from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from resilint.load.compose import PLAIN
from resilint.load.positions import Lines, LoadError
from resilint.patterns import kept

_BLOCK_HEADER = kept(r"(?:[!&][^ \t\r\n]*[ \t]+)*[|>]([1-9+-]{0,2})")
_SEPARATED = frozenset(" \t\r\n")
_LONE = kept(r"[-?:](?:[\s,\[\]{}]|\Z)")


def _parts(node: Node) -> list[Node]:
    """The items of a list, the keys and values of a mapping."""
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, SequenceNode) else []


class Strict:
    """The checks for one file's nodes. ``indent`` is the column (0-based) of the block mapping
    or list a node is a value of; None inside [...] and {...}, whose own check covers their
    contents; -1 at the top of a document."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self._walked: set[int] = set()
        self._checked: set[int] = set()  # an aliased value is checked once

    def scalar(self, node: ScalarNode, indent: int | None) -> None:
        """A quoted value or a block text (``node.style`` is set); plain ones need nothing."""
        if node.style in ("|", ">"):
            self._block_text(node, indent)
            return
        self._glued_comment(node)
        if indent is not None and node.start_mark.line != node.end_mark.line:
            self._continuation(node, indent, "value in quotes")

    def flow(self, node: Node, indent: int | None) -> None:
        """A [...] or {...} collection."""
        self._glued_comment(node)
        if indent is not None and node.start_mark.line != node.end_mark.line:
            self._continuation(node, indent, "[...] or {...}")
        parts = _parts(node)
        for part in parts:
            self._lone_indicator(part)
        if self._may_glue_in_flow:
            self._comment_after_comma(node, parts)

    def _lone_indicator(self, part: Node) -> None:
        """``[-]``, ``[a, - b]``: libyaml reads a '-' (or '?', ':') with nothing after it as
        text, where YAML 1.2 allows none inside [...] or {...}."""
        if isinstance(part, ScalarNode) and not part.style and _LONE.match(part.value):
            raise LoadError.at(
                "YML-01",
                f"'{part.value[0]}' cannot start a value inside [...] or {{...}}: put the value "
                f'in quotes ("{part.value}")',
                part,
                self.lines,
            )

    @cached_property
    def _may_glue_in_flow(self) -> bool:
        text = self.lines.text
        return any(glued in text for glued in (",#", "[#", "{#"))

    def _comment_after_comma(self, node: Node, parts: list[Node]) -> None:
        """``[a, b,#c`` is a comment glued to a comma: YAML 1.2 needs a space before '#'. Only
        the text between the parts is looked at (a '#' inside a quoted value is no comment)."""
        text = self.lines.text
        start = node.start_mark.index
        for part in [*sorted(parts, key=lambda p: p.start_mark.index), None]:
            end = part.start_mark.index if part is not None else node.end_mark.index
            at = text.find("#", start, end)
            if at > 0 and text[at - 1] not in _SEPARATED:
                raise LoadError(
                    "YML-01",
                    "a comment must be separated from the comma or bracket before it by a "
                    "space: write ' #' instead of '#'",
                    *self.lines.position(at),
                )
            if part is not None:
                start = max(start, part.end_mark.index)

    def split_value(self, node: MappingNode) -> None:
        """A {...} mapping: ``{name: a, description: first, and then}`` is valid YAML, but the
        comma ended the description and 'and then' became a field name with no value. Field
        names have no spaces, so a plain key with one and no value is that mistake."""
        previous: Node | None = None
        for key, value in node.value:
            if key.tag == PLAIN and " " in key.value and value.tag == PLAIN and not value.value:
                where = f"'{previous.value}: " if previous is not None else "'"
                raise LoadError.at(
                    "YML-01",
                    f"'{key.value}' reads as a field name: inside {{...}} a comma separates "
                    "fields. If the comma is part of a value, put that value in quotes "
                    f'({where}"..., {key.value}"\')',
                    key,
                    self.lines,
                )
            previous = key

    def walk(self, root: Node) -> None:
        """Check every node of a document that is not converted (YAML of another tool)."""
        stack: list[tuple[Node, int | None]] = [(root, -1)]
        while stack:
            node, indent = stack.pop()
            if id(node) in self._walked:
                continue
            self._walked.add(id(node))
            if isinstance(node, ScalarNode):
                if node.style:  # plain is "" (libyaml) or None
                    self.scalar(node, indent)
                continue
            assert isinstance(node, CollectionNode)  # the composer makes no other kind
            inner = None if node.flow_style or indent is None else node.start_mark.column
            if node.flow_style:
                self.flow(node, indent)
            if isinstance(node, MappingNode):
                stack.extend((part, inner) for pair in node.value for part in pair)
            elif isinstance(node, SequenceNode):
                stack.extend((item, inner) for item in node.value)

    @cached_property
    def _may_glue(self) -> bool:
        """Whether a '#' follows a closing quote or bracket anywhere: almost never, and four
        substring searches of the file say so faster than a look at every quoted value."""
        text = self.lines.text
        return any(glued in text for glued in ('"#', "'#", "]#", "}#"))

    def _glued_comment(self, node: Node) -> None:
        if not self._may_glue:
            return
        end = node.end_mark.index
        text = self.lines.text
        if end < len(text) and text[end] == "#" and text[end - 1] in "\"']}":
            raise LoadError(
                "YML-01",
                "a comment must be separated from the value before it by a space: write "
                "' #' instead of '#'",
                *self.lines.position(end),
            )

    def _continuation(self, node: Node, indent: int, what: str) -> None:
        """Continuation lines must be indented further than the key or '- ' they belong to."""
        if id(node) in self._checked:
            return
        self._checked.add(id(node))
        first, _ = self.lines.mark(node.start_mark)
        last, _ = self.lines.mark(node.end_mark)
        for number in range(first + 1, last + 1):
            line = self.lines.line(number)
            content = line.lstrip(" ")
            if not content.strip() or (what != "value in quotes" and content[0] in "#]}"):
                continue  # blank lines and comments may sit anywhere; a closing bracket too
            spaces = len(line) - len(content)
            if spaces <= indent:
                raise LoadError(
                    "YML-01",
                    f"this line continues the {what} that starts on line {first}, so it must "
                    f"be indented by at least {indent + 1} spaces, further than the key it "
                    "belongs to",
                    number,
                    spaces + 1,
                )

    def _block_text(self, node: ScalarNode, indent: int | None) -> None:
        """A block text's header (``|``, ``>-``...) and its leading blank lines."""
        start = node.start_mark.index
        text = self.lines.text
        header = _BLOCK_HEADER.match(text, start)
        if header is None:
            return
        after = header.end()
        if after < len(text) and text[after] not in _SEPARATED:
            raise LoadError(
                "YML-01",
                "unexpected text right after '|' or '>'; a comment there needs a space before '#'",
                *self.lines.position(after),
            )
        if not any(char.isdigit() for char in header.group(1)):
            self._leading_blanks(start, -1 if indent is None else indent)

    def _leading_blanks(self, start: int, indent: int) -> None:
        """No blank line before the first line of a block text may hold more spaces than it."""
        number = self.lines.position(start)[0] + 1
        widest, widest_at = 0, 0
        while number <= len(self.lines.starts):
            line = self.lines.line(number)
            if line.strip(" "):
                first = len(line) - len(line.lstrip(" "))
                if first > indent and widest > first:
                    raise LoadError(
                        "YML-01",
                        f"this blank line holds {widest} spaces, more than the {first} that "
                        "indent the first line of the text below it; delete the spaces",
                        widest_at,
                        1,
                    )
                return
            if len(line) > widest:
                widest, widest_at = len(line), number
            number += 1
