"""One string object for every copy of a key or a short text across the repository's documents.

Both readers give each document its own strings: 10,000 documents hold about 460,000 keys, of
a few hundred different names, and their values repeat too (ids in references, dates, levels
such as ``critical``). Sharing them makes a document's data about a third of its size (measured
on the benchmark's repository: 40 MiB for 5,000 files down to 14 MiB), and a rule's lookup by a
key finds the very object it asks for (the names in resilint's code are interned as well).
"""

from __future__ import annotations

import sys

intern = sys.intern

SHORT = 64
"""Longer texts (descriptions, notes) seldom repeat: they are kept as read, not hashed again."""


def shared_text(text: str) -> str:
    return intern(text) if len(text) <= SHORT else text
