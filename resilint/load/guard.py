"""Size and shape limits checked on the composed node graph, before anything walks the data.

Aliases make the graph a DAG whose expansion can be exponential (an "alias bomb"), or a cycle.
One iterative pass, memoised per node, measures both without ever expanding anything.
"""

from __future__ import annotations

from yaml.nodes import Node, ScalarNode

from resilint.limits import Limits
from resilint.load.compose import YamlProblem, children


def guard(root: Node, limits: Limits) -> None:
    """Raise :class:`YamlProblem` if the document is too deep, expands too far or is recursive."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, leaving = stack.pop()
        key = id(node)
        if leaving:
            on_path.discard(key)
            _measure(node, size, height, limits)
            continue
        if key in size:
            if height[key] and depth + height[key] - 1 > limits.max_depth:
                raise _too_deep(node, limits)
            continue
        if key in on_path:
            raise YamlProblem.at(
                "YML-06",
                "this anchor is used inside itself (a recursive alias); "
                "YAML data must not refer to itself",
                node,
            )
        if depth > limits.max_depth and not isinstance(node, ScalarNode):
            raise _too_deep(node, limits)
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in reversed(children(node)))


def _measure(node: Node, size: dict[int, int], height: dict[int, int], limits: Limits) -> None:
    kids = children(node)
    total = 1 + sum(size[id(kid)] for kid in kids)
    if total > limits.max_alias_expansion:
        raise YamlProblem.at(
            "YML-06",
            f"aliases here expand to more than "
            f"{limits.max_alias_expansion:,} values (limits.max_alias_expansion)",
            node,
        )
    size[id(node)] = total
    # Depth counts nested mappings and lists; a value inside the deepest list adds nothing.
    height[id(node)] = (
        0 if isinstance(node, ScalarNode) else 1 + max((height[id(kid)] for kid in kids), default=0)
    )


def _too_deep(node: Node, limits: Limits) -> YamlProblem:
    return YamlProblem.at(
        "YML-05",
        f"the data is nested more than {limits.max_depth} levels deep (limits.max_depth)",
        node,
    )
