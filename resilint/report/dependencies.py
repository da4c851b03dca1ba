"""The dependency and concentration graph (SVG), with its concentration points as a table, so
the figure's content is there for a screen reader and in print."""

from __future__ import annotations

from resilint.report import layout, svg
from resilint.report.markup import h
from resilint.report.posture import Posture


def render(posture: Posture) -> str:
    drawing = layout.layout(layout.build(posture.facts))
    points = sorted(
        (n for n in drawing.nodes if n.concentration), key=lambda n: (-len(n.functions), n.key)
    )
    rows = "".join(
        f'<tr><th scope="row">{h(n.label)}</th><td>{h(n.kind)}'
        + (f" ({h(', '.join(n.roles))})" if n.roles else "")
        + f'</td><td class="num">{len(n.functions)}</td><td>{h(", ".join(n.functions))}</td></tr>'
        for n in points
    )
    suppliers = len(posture.facts.index.of_kind("Supplier"))
    drawn = sum(1 for n in drawing.nodes if n.kind == "supplier")
    figure = svg.render(drawing) if drawing.nodes else "<p>No critical function to draw.</p>"
    return (
        '<section id="graph" aria-labelledby="graph-h"><h2 id="graph-h">'
        "Dependencies and concentration</h2>"
        "<p>What the critical and important functions rest on: their suppliers, the suppliers' "
        "subcontractors and shared dependencies (identity providers, subprocessors, cloud "
        f"providers) and the cloud regions. {drawn} of {suppliers} suppliers are drawn; the "
        "others support no critical function. A node marked ⚠ with a number is a concentration "
        "point: that many critical functions rest on it.</p>"
        f'<figure class="scroll">{figure}<figcaption>Hover a node or a link for its '
        "details.</figcaption></figure>"
        '<table class="concentration"><caption>Concentration points</caption><thead><tr>'
        '<th scope="col">node</th><th scope="col">kind</th><th scope="col">functions</th>'
        '<th scope="col">critical functions resting on it</th></tr></thead>'
        f"<tbody>{rows or '<tr><td colspan=4>None.</td></tr>'}</tbody></table></section>"
    )
