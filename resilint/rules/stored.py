"""Rule files already read, kept in the signed cache: a file's validated data and the positions
its compilation asked for, by the file's content.

Reading a rule file (composing its YAML with positions, converting it, validating it against
``rule-file.json``) is most of what loading the rules costs, and loading the rules was a third
of a one-file check. A file whose content, resilint, schemas and plug-in checks are the same as
when it last compiled is compiled again from the kept data: the same rules, without the YAML.
A file that changed, or data the cache cannot keep exactly (a value that is not plain), is read
as before; and a position a compilation needs that was not kept (an error) is found by reading
the file then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from resilint.cache import Store, fingerprint, pack, unpack
from resilint.findings import JsonPath
from resilint.load.read import Refusal, read_regular

RULES = "rules.json"
_LIMIT = 64 * 1024 * 1024

Locate = Callable[[JsonPath], tuple[int, int]]
Kept = tuple[dict[str, Any], dict[JsonPath, tuple[int, int]], list[bool]]


class StoredRules:
    def __init__(self, store: Store, salt: str) -> None:
        self.store = store
        self.salt = salt
        self._kept: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._changed = False

    def _entries(self) -> dict[str, Any]:
        if self._kept is None:
            data = self.store.read(RULES)
            usable = isinstance(data, dict) and data.get("salt") == self.salt
            entries = data.get("entries") if usable else None
            self._kept = entries if isinstance(entries, dict) else {}
        return self._kept

    def key(self, path: Path) -> str | None:
        """The file's key: its path and content under the salt (None when it cannot be read:
        the reading that follows reports why)."""
        content = read_regular(path, _LIMIT)
        if isinstance(content, Refusal):
            return None
        return fingerprint([self.salt, str(path), content])

    def get(self, key: str | None) -> Kept | None:
        """The file's data, the positions its compilation asked for, and whether each of its
        rules reads the date (what compiling a rule finds out)."""
        entry = self._entries().get(key) if key is not None else None
        try:
            data, places, aware = entry[0], entry[1], entry[2]  # type: ignore[index]
            positions = {tuple(p[0]): (int(p[1]), int(p[2])) for p in places}
            rules = data["rules"]
        except (IndexError, KeyError, TypeError, ValueError):
            return None
        if not isinstance(rules, list) or not isinstance(aware, list) or len(aware) != len(rules):
            return None
        self._used[key] = entry  # type: ignore[index]
        return data, positions, [bool(a) for a in aware]

    def put(
        self,
        key: str | None,
        data: Any,
        positions: dict[JsonPath, tuple[int, int]],
        aware: list[bool],
    ) -> None:
        if key is None:
            return
        self._used[key] = [data, [[list(p), *at] for p, at in positions.items()], aware]
        self._changed = True

    def save(self) -> None:
        """Keep the files this run read (a rule file that went away is dropped with them)."""
        if self._changed or set(self._used) != set(self._entries()):
            self.store.write(RULES, {"salt": self.salt, "entries": self._used})


def kept_copy(data: Any) -> Any | None:
    """A copy of ``data`` as the cache gives it back (:func:`resilint.cache.pack`), taken before
    compiling reads the data; None when the cache cannot keep it exactly (a value that is not a
    plain mapping, list, text, number, true, false or null)."""
    try:
        return unpack(pack(data))
    except ValueError:
        return None
