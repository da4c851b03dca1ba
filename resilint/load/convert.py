"""Node graph to plain data with YAML 1.2 meanings, refusing what resilint does not accept.

YAML 1.1 loaders turn ``NO`` into False, ``22:22`` into 1342 and ``01234`` into 668; here those
stay text. Dates stay ISO text too (JSON Schema checks them as ``format: date``), but an
impossible date such as 2026-02-30 is refused where it stands.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from resilint.limits import Limits
from resilint.load.compose import MAP, PLAIN, SEQ, STR
from resilint.load.decode import escaped
from resilint.load.positions import Lines, LoadError
from resilint.load.scalars import CORE as _CORE
from resilint.load.scalars import bad_tag, check_date, describe, finite_float
from resilint.load.shared import intern, shared_text
from resilint.load.strict import Strict
from resilint.load_remedies import document_break
from resilint.patterns import kept

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = kept(r"[-+]?(0|[1-9][0-9]*)\Z")
_OCT = kept(r"0o[0-7]+\Z")
_HEX = kept(r"0x[0-9a-fA-F]+\Z")
# A float needs a dot or an exponent, so 01234 (a postcode) stays text rather than 1234.0.
_FLOAT = kept(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?\Z|[-+]?[0-9]+[eE][-+]?[0-9]+\Z")
_SPECIAL_FLOAT = kept(r"[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z")
_NUMERIC_START = frozenset("0123456789+-.")
_DATE = kept(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# A root mapping that repeats these has most likely swallowed the next document.
_DOCUMENT_KEYS = frozenset({"apiVersion", "kind", "id"})
_ANCHOR = kept(r"&\S+\s+")
_MERGE = "<<"
_EXPLICIT_OK = frozenset(
    {STR, MAP, SEQ, _CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"}
)


class Converter:
    """Converts one file's documents in one pass that also enforces the limits.

    Aliases make the node graph a DAG whose expansion can be exponential (an "alias bomb"), or
    a cycle. Shared nodes are converted once and their expanded size and nesting are memoised,
    so measuring costs no more than converting, and nothing is ever expanded.
    """

    def __init__(self, limits: Limits, lines: Lines) -> None:
        self.limits = limits
        self.lines = lines
        self.strict = Strict(lines)
        self._done: dict[int, Any] = {}
        self._size: dict[int, int] = {}
        self._height: dict[int, int] = {}
        self._active: set[int] = set()
        self._aliased = False
        """Whether a value was met twice (an alias): what YML-06 blames, when it is so."""
        self.notes: dict[tuple[int, int], LoadError] = {}
        """Findings that leave the data readable (a control character written as an escape),
        by place."""

    def convert(self, node: Node) -> Any:
        """A document's data; raises :class:`LoadError`."""
        return self._walk(node, 1, -1)

    def expanded(self, node: Node) -> int:
        """How many values a converted ``node`` holds, its aliases expanded: measured while
        converting, so free to ask (the run's node budget counts it). 0 for a node never
        converted (a document of another tool)."""
        return self._size.get(id(node), 0)

    def _walk(self, node: Node, depth: int, indent: int | None) -> Any:
        """``indent``: the column of the block collection ``node`` is in (see :class:`Strict`)."""
        if node.tag != PLAIN and node.tag not in _EXPLICIT_OK:
            raise bad_tag(node, self.lines)
        if isinstance(node, ScalarNode):
            if node.style:  # quoted, or a block text; a plain value ("" or None) needs no check
                self.strict.scalar(node, indent)
            scalar = self._scalar(node)
            return shared_text(scalar) if type(scalar) is str else scalar
        key = id(node)
        if key in self._done:
            self._aliased = True
            if depth + self._height[key] - 1 > self.limits.max_depth:
                raise self._too_deep(node)
            return self._done[key]
        if key in self._active:
            raise self._error(
                "YML-06",
                "this anchor is used inside itself (a recursive "
                "alias); YAML data must not refer to itself",
                node,
            )
        if depth > self.limits.max_depth:
            raise self._too_deep(node)
        self._active.add(key)
        if node.flow_style:  # type: ignore[attr-defined]  # a collection, checked whole here
            self.strict.flow(node, indent)
            inner = None
        else:
            inner = None if indent is None else node.start_mark.column
        if isinstance(node, SequenceNode):
            value: Any = [self._walk(item, depth + 1, inner) for item in node.value]
            kids: list[Node] = node.value
        else:
            assert isinstance(node, MappingNode)  # the composer makes no other kind of node
            value = self._mapping(node, depth, inner)
            kids = [part for pair in node.value for part in pair]
        self._active.discard(key)
        self._measure(node, key, kids)
        self._done[key] = value
        return value

    def _measure(self, node: Node, key: int, kids: list[Node]) -> None:
        size, height = 1, 0
        for kid in kids:
            kid_key = id(kid)
            size += self._size.get(kid_key, 1)
            height = max(height, self._height.get(kid_key, 0))
        if size > self.limits.max_alias_expansion:
            limit = f"{self.limits.max_alias_expansion:,} values (limits.max_alias_expansion)"
            if self._aliased or self._written(node) <= self.limits.max_alias_expansion:
                raise self._error("YML-06", f"aliases here expand to more than {limit}", node)
            raise self._error(
                "YML-09",
                f"this document holds more than {self.limits.max_alias_expansion:,} values: split "
                "it, or raise limits.max_alias_expansion (the limit on one document's values)",
                node,
            )
        self._size[key] = size
        self._height[key] = height + 1

    def _written(self, node: Node) -> int:
        """The values written under ``node``, each alias counted once, up to one past the limit:
        when they fit in it, aliases made it too large (an alias of a single value is not
        marked as met twice when converted, since values are not memoised)."""
        seen: set[int] = set()
        stack = [node]
        while stack and len(seen) <= self.limits.max_alias_expansion:
            item = stack.pop()
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, SequenceNode):
                stack.extend(item.value)
            elif isinstance(item, MappingNode):
                stack.extend(part for pair in item.value for part in pair)
        return len(seen)

    def _error(self, code: str, message: str, node: Node) -> LoadError:
        return LoadError.at(code, message, node, self.lines)

    def _too_deep(self, node: Node) -> LoadError:
        return self._error(
            "YML-05",
            f"the data is nested more than {self.limits.max_depth} levels deep (limits.max_depth)",
            node,
        )

    def _mapping(self, node: MappingNode, depth: int, indent: int | None) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        own: dict[str, Any] = {}
        keys: dict[str, Node] = {}
        merge: Node | None = None
        for key_node, value_node in node.value:
            if _is_merge(key_node):
                if merge is not None:  # the first wins in some loaders, the last in others
                    raise self._duplicate(_MERGE, merge, key_node, depth)
                merge = key_node
                for name, value in self._merge_sources(value_node, depth):
                    merged.setdefault(name, value)
                continue
            name = intern(self._key(key_node))
            if name in keys:
                raise self._duplicate(name, keys[name], key_node, depth)
            keys[name] = key_node
            own[name] = self._walk(value_node, depth + 1, indent)
        if node.flow_style:
            self.strict.split_value(node)
        return {**merged, **own} if merged else own

    def _duplicate(self, name: str, first: Node, again: Node, depth: int) -> LoadError:
        line = self.lines.mark(first.start_mark)[0]
        hint = ""
        fix = None
        if depth == 1 and name in _DOCUMENT_KEYS:
            hint = (
                f"; if a new document starts here, a line '---' is missing before line "
                f"{self.lines.mark(again.start_mark)[0]}"
            )
            fix = document_break(self.lines, again)
        if name == _MERGE:
            hint = "; write one merge key with a list of mappings: '<<: [*a, *b]'"
        message = f"duplicate key '{name}': it is already defined at line {line}{hint}"
        return LoadError.at("YML-02", message, again, self.lines, fix=fix)

    def _merge_sources(self, node: Node, depth: int) -> list[tuple[str, Any]]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        pairs: list[tuple[str, Any]] = []
        for source in sources:
            if not isinstance(source, MappingNode):
                raise self._error(
                    "YML-01", "a merge key (<<) must name a mapping or a list of mappings", source
                )
            pairs.extend(self._walk(source, depth + 1, None).items())
        return pairs

    def _key(self, node: Node) -> str:
        text = node.value
        if (
            node.tag == PLAIN
            and isinstance(text, str)
            and text
            and text[0].isalpha()
            and (text not in _BOOLS and text not in _NULLS and len(text) < 1024)
        ):
            return text  # the usual key: a plain word, which YAML 1.2 reads as text
        if node.tag != PLAIN and node.tag not in _EXPLICIT_OK:
            raise bad_tag(node, self.lines)  # a tagged key is refused like a tagged value
        if not isinstance(node, ScalarNode):
            raise self._error("YML-04", "keys must be strings, not lists or mappings", node)
        value = self._scalar(node)
        if not isinstance(value, str):
            raise self._error(
                "YML-04",
                f"keys must be strings: '{node.value}' reads as {describe(value)}; quote it",
                node,
            )
        return value

    def _scalar(self, node: ScalarNode) -> Any:
        text: str = node.value
        if len(text) > self.limits.max_scalar_bytes:
            limit = self.limits.max_scalar_bytes
            raise self._error(
                "YML-09",
                f"a value of {len(text):,} characters is longer than "
                f"{limit:,} (limits.max_scalar_bytes)",
                node,
            )
        if node.style == '"' and not text.isprintable():  # C speed; a rare value looks further
            self._escapes(node, text)
        if node.tag == STR:
            return text
        if node.tag == PLAIN:
            return text if self._non_specific(node) else self._plain(node, text)
        return self._explicit(node, text)

    def _escapes(self, node: ScalarNode, text: str) -> None:
        """A double-quoted value's escapes may write what the file could not hold as itself."""
        found = escaped(text)
        if found is not None and not found[0]:  # one written as itself is flagged where it is
            source = self.lines.text[node.start_mark.index : node.end_mark.index]
            found = escaped("".join(c for c in text if c.isprintable() or c not in source))
        if found is None:
            return
        control, message = found
        error = LoadError.at("ENC-04" if control else "ENC-03", message, node, self.lines)
        self.notes[(error.line, error.column)] = error  # an aliased value is met again

    def _non_specific(self, node: ScalarNode) -> bool:
        """The plain scalar carries the non-specific tag ``!`` (``tier: ! 2``), which YAML 1.2
        resolves to a string; the parser reports it as untagged. A plain scalar cannot start
        with ``!`` or ``&``, so its node starts with one only where properties precede it."""
        source, start = self.lines.text, node.start_mark.index
        if source.startswith("!", start):
            return True
        if not source.startswith("&", start):  # the common case: no properties
            return False
        anchor = _ANCHOR.match(source, start)  # an anchor first: the tag, if any, follows it
        return anchor is not None and source.startswith("!", anchor.end())

    def _plain(self, node: ScalarNode, text: str) -> Any:
        if text in _NULLS:
            return None
        if text in _BOOLS:
            return _BOOLS[text]
        if text[0] not in _NUMERIC_START:
            return text  # most values are words: no number, date or special float starts so
        if _INT.match(text) or _OCT.match(text) or _HEX.match(text):
            return self._integer(node, text)
        if _FLOAT.match(text) or _SPECIAL_FLOAT.match(text):
            return finite_float(node, text, self.lines)
        if _DATE.match(text):
            check_date(node, text, self.lines)
        return text

    def _integer(self, node: ScalarNode, text: str) -> int:
        digits = len(text.lstrip("+-"))
        if digits > self.limits.max_integer_digits:
            raise self._error(
                "YML-07",
                f"integer too long ({digits:,} digits); quote it if it is an identifier",
                node,
            )
        if text.startswith("0o"):
            return int(text[2:], 8)
        return int(text, 16) if text.startswith("0x") else int(text)

    def _explicit(self, node: ScalarNode, text: str) -> Any:
        if node.tag == _CORE + "null":
            return None
        value = self._plain(node, text)
        wanted = {_CORE + "int": (int,), _CORE + "float": (int, float), _CORE + "bool": (bool,)}
        types = wanted[node.tag]
        if isinstance(value, bool) != (types == (bool,)) or not isinstance(value, types):
            raise self._error("YML-07", f"'{text}' is not a valid {node.tag[len(_CORE) :]}", node)
        return float(value) if node.tag == _CORE + "float" else value


def _is_merge(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == PLAIN and node.value == _MERGE
