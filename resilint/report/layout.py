"""The dependency and concentration graph, laid out in layers for the report's SVG.

The graph is the domain model's (``facts.graph.reach(function).links``: every edge walked from
each critical or important function down through suppliers, subcontractors, shared dependencies
and identity providers to cloud regions); this module only places it.

Why this layout: a dependency graph reads as a flow from what we do to what it rests on, so it
is drawn as layers (Sugiyama, Tagawa and Toda, 1981): functions in the first column, then each
supplier at its shortest distance from a function, cloud regions last. networkx, a well-kept
pure-Python library with no native parts, holds the graph and answers the layering
(``multi_source_dijkstra_path_length``); within each layer the nodes are ordered by the
barycenter heuristic, a few sweeps down and up, which networkx does not offer and which keeps
edge crossings low. Graphviz's ``dot`` does both, but needs a system binary (and pygraphviz a C
build) that a ``pip install`` cannot bring; grandalf, the pure-Python Sugiyama library, is no
longer maintained. The layout is deterministic: ties break by key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from resilint.domain import Facts
from resilint.domain.graph import Link
from resilint.model import Document

COLUMN = 300
ROW = 30
MARGIN = 20
SWEEPS = 4
CONCENTRATION = 2
"""Critical functions resting on one node that make it a concentration point in the drawing
(the CON rules judge concentration; their findings are listed with the others)."""


@dataclass(frozen=True)
class Node:
    """A box of the report's dependency drawing: a function, supplier or region, and its place."""

    key: str
    kind: str
    """``function``, ``supplier`` or ``region``."""
    label: str
    functions: tuple[str, ...]
    """Critical or important functions resting on it (for a function: itself)."""
    uses: tuple[str, ...]
    """Critical or important functions that reach it only through a link recorded as not
    supporting a critical or important function (``supports_critical_function: false``): drawn,
    not counted as resting on it, as ``resilint impact`` does not stop them for its outage."""
    roles: tuple[str, ...]
    """What it is to those resting on it: identity provider, subcontractor, cloud provider."""
    x: float
    y: float

    @property
    def concentration(self) -> bool:
        return self.kind != "function" and len(self.functions) >= CONCENTRATION


@dataclass(frozen=True)
class Drawing:
    """The report's dependency drawing: its boxes, lines and size."""

    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str, str], ...]
    """Source key, target key, what the link is in words."""
    width: int
    height: int


def build(facts: Facts) -> nx.DiGraph[str]:
    """The graph below the critical and important functions, with who rests on each node."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for function in facts.critical_functions():
        fid = _key(function)
        graph.add_node(
            fid,
            kind="function",
            label=str(function.id),
            functions={str(function.id)},
            uses=set(),
            roles=set(),
        )
        reach = facts.graph.reach(function)
        for link in reach.links:
            _add_link(graph, link, str(function.id), reach.supporting)
    return graph


def _add_link(
    graph: nx.DiGraph[str], link: Link, function: str, supporting: Mapping[str, object]
) -> None:
    source = _key(link.source)
    if link.supplier is not None:
        target, kind, label = f"Supplier/{link.supplier}", "supplier", link.supplier
    elif link.region is not None:
        target, kind, label = f"region/{'/'.join(link.region)}", "region", " ".join(link.region)
    else:
        return
    if target not in graph:
        graph.add_node(target, kind=kind, label=label, functions=set(), uses=set(), roles=set())
    rests = link.supplier is None or link.supplier in supporting
    graph.nodes[target]["functions" if rests else "uses"].add(function)
    role = next((r for step, r in _ROLES.items() if step in link.hop.json_path), None)
    if role is not None and kind == "supplier":
        graph.nodes[target]["roles"].add(role)
    if source != target:
        graph.add_edge(source, target, text=link.hop.text)


_ROLES = {
    "identity_providers": "identity provider",
    "identity_provider": "identity provider",
    "subcontractors": "subcontractor",
    "subprocessors": "subprocessor",
    "cloud": "cloud provider",
}
"""What a supplier is to the one resting on it, by the field of the link (the identity plane
and the shared dependencies are drawn as the suppliers they are)."""


def _key(document: Document) -> str:
    return f"{document.kind}/{document.id}"


def layout(graph: nx.DiGraph[str]) -> Drawing:
    layers = _layers(graph)
    _order(graph, layers)
    tallest = max((len(layer) for layer in layers), default=0)
    height = 2 * MARGIN + max(tallest, 1) * ROW
    nodes = []
    for column, layer in enumerate(layers):
        top = MARGIN + (tallest - len(layer)) * ROW / 2
        for rank, key in enumerate(layer):
            data = graph.nodes[key]
            nodes.append(
                Node(
                    key,
                    data["kind"],
                    data["label"],
                    tuple(sorted(data["functions"])),
                    tuple(sorted(data["uses"] - data["functions"])),
                    tuple(sorted(data["roles"])),
                    MARGIN + column * COLUMN,
                    top + rank * ROW,
                )
            )
    edges = tuple(sorted((s, t, str(d.get("text", ""))) for s, t, d in graph.edges(data=True)))
    width = 2 * MARGIN + max(len(layers) - 1, 0) * COLUMN + COLUMN - 40
    return Drawing(tuple(nodes), edges, width, int(height))


def _layers(graph: nx.DiGraph[str]) -> list[list[str]]:
    """Functions first, each supplier at its shortest distance from one, regions last."""
    functions = sorted(k for k, d in graph.nodes(data=True) if d["kind"] == "function")
    if not functions:
        return []
    found = nx.multi_source_dijkstra_path_length(graph, set(functions))
    distance = {key: int(hops) for key, hops in found.items()}  # unweighted: hop counts
    suppliers = [k for k, d in graph.nodes(data=True) if d["kind"] == "supplier"]
    deepest = max((distance.get(k, 1) for k in suppliers), default=0)
    layers: list[list[str]] = [[] for _ in range(deepest + 2)]
    for key, data in graph.nodes(data=True):
        if data["kind"] == "function":
            layers[0].append(key)
        elif data["kind"] == "region":
            layers[-1].append(key)
        else:
            layers[max(distance.get(key, 1), 1)].append(key)
    return [sorted(layer) for layer in layers if layer]


def _order(graph: nx.DiGraph[str], layers: list[list[str]]) -> None:
    """Barycenter sweeps: each node moves to the mean rank of its neighbours in the layer
    before (going down) or after (going up); stable, ties by key."""
    undirected = graph.to_undirected(as_view=True)
    for sweep in range(SWEEPS):
        down = sweep % 2 == 0
        indices: Iterable[int] = range(1, len(layers)) if down else range(len(layers) - 2, -1, -1)
        for i in indices:
            fixed = layers[i - 1] if down else layers[i + 1]
            rank = {key: r for r, key in enumerate(fixed)}
            layers[i] = sorted(layers[i], key=lambda k: (_barycenter(undirected, k, rank), k))


def _barycenter(graph: nx.Graph[str], key: str, rank: dict[str, int]) -> float:
    ranks = [rank[n] for n in graph.neighbors(key) if n in rank]
    return sum(ranks) / len(ranks) if ranks else float("inf")
