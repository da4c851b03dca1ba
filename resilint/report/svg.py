"""The laid-out dependency graph (:mod:`resilint.report.layout`) as inline SVG: no script, no
external reference; every label is escaped text, with its full name and what rests on it in a
``<title>`` that browsers show as a tooltip and screen readers read."""

from __future__ import annotations

from resilint.report.layout import Drawing, Node
from resilint.report.markup import h

BOX_WIDTH = 220
BOX_HEIGHT = 22
MAX_LABEL = 30
_SYMBOL = {"function": "◆", "supplier": "■", "region": "●"}
"""Shape as well as colour tells the kinds apart."""


def render(drawing: Drawing) -> str:
    where = {node.key: node for node in drawing.nodes}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{drawing.width}" '
        f'height="{drawing.height}" viewBox="0 0 {drawing.width} {drawing.height}" '
        'role="img" aria-labelledby="graph-title graph-desc">',
        '<title id="graph-title">Dependency and concentration graph</title>',
        '<desc id="graph-desc">Critical and important functions on the left, the suppliers '
        "they rest on in the middle, cloud regions on the right; concentration points carry a "
        "warning sign and the number of functions resting on them.</desc>",
        '<g class="edges">',
    ]
    parts += [_edge(where[s], where[t], text) for s, t, text in drawing.edges]
    parts.append('</g><g class="nodes">')
    parts += [_node(node) for node in drawing.nodes]
    parts.append("</g></svg>")
    return "\n".join(parts)


def _edge(source: Node, target: Node, text: str) -> str:
    x1, y1 = source.x + BOX_WIDTH, source.y + BOX_HEIGHT / 2
    x2, y2 = target.x, target.y + BOX_HEIGHT / 2
    if x2 <= x1:  # within a layer or backwards: loop out to the right and back in
        x2 = target.x + BOX_WIDTH
        bend = max(x1, x2) + 40
        d = f"M{x1:.0f} {y1:.0f} C{bend:.0f} {y1:.0f} {bend:.0f} {y2:.0f} {x2:.0f} {y2:.0f}"
    else:
        mid = (x1 + x2) / 2
        d = f"M{x1:.0f} {y1:.0f} C{mid:.0f} {y1:.0f} {mid:.0f} {y2:.0f} {x2:.0f} {y2:.0f}"
    return f'<path d="{d}"><title>{h(text)}</title></path>'


def _node(node: Node) -> str:
    classes = f"node {node.kind}" + (" concentration" if node.concentration else "")
    label = node.label if len(node.label) <= MAX_LABEL else node.label[: MAX_LABEL - 1] + "…"
    badge = f" ⚠{len(node.functions)}" if node.concentration else ""
    title = f"{node.kind} {node.label}"
    if node.roles:
        title += f" ({', '.join(node.roles)})"
    if node.kind != "function" and node.functions:
        title += f"; critical functions resting on it: {', '.join(node.functions)}"
    if node.uses:
        title += (
            f"; used by {', '.join(node.uses)} without resting on it (recorded as not supporting "
            "a critical or important function)"
        )
    if node.concentration:
        title += " — a concentration point"
    return (
        f'<g class="{classes}"><title>{h(title)}</title>'
        f'<rect x="{node.x:.0f}" y="{node.y:.0f}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" '
        'rx="4"/>'
        f'<text x="{node.x + 6:.0f}" y="{node.y + 15:.0f}">{_SYMBOL[node.kind]} {h(label)}'
        f"{badge}</text></g>"
    )
