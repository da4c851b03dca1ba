"""The output formats of ``impact`` and ``card``: pure functions from the scenario to text, by
name, as the reporters are for findings."""

from __future__ import annotations

from collections.abc import Callable

from resilint.impact.card import card_html, card_markdown
from resilint.impact.model import Impact
from resilint.impact.render_json import render_board_json, render_json
from resilint.impact.render_markdown import render_board_markdown, render_markdown
from resilint.impact.render_text import render_board_text, render_text

IMPACT_FORMATS: dict[str, Callable[[Impact], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
BOARD_FORMATS: dict[str, Callable[[list[Impact]], str]] = {
    "text": render_board_text,
    "markdown": render_board_markdown,
    "json": render_board_json,
}
CARD_FORMATS: dict[str, Callable[[Impact], str]] = {
    "markdown": card_markdown,
    "html": card_html,
}
