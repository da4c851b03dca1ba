"""Safe HTML from data: every value from the repository passes through :func:`h`.

Data is made printable first (controls, bidi and invisible characters become visible escapes,
as in every output of resilint: "Trojan Source", CVE-2021-42574), then HTML-escaped, quotes
included, so it is inert in text and in attribute values alike. Data reaches a script block
only as JSON through :func:`script_json`.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from resilint.reporters.base import printable

_UNSAFE_IN_SCRIPT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def h(value: object) -> str:
    """Text from the data, for HTML text or a quoted attribute value."""
    return html.escape(printable(str(value)), quote=True)


def script_json(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` block: ASCII only (so U+2028 and U+2029
    arrive escaped), and ``<``, ``>`` and ``&`` as ``\\u`` escapes, so no ``</script>`` or
    ``<!--`` in the data can end or change the block."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&]", lambda m: _UNSAFE_IN_SCRIPT[m.group()], text)


def slug(value: str) -> str:
    """An id or anchor from a code or key: lowercase letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "x"
