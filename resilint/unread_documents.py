"""Files a directory walk passes over for their names alone, yet which hold a resilint
document, so that nothing in them is ever checked while a reviewer takes them for part of
the programme; the walk reports each (DOC-05) rather than skip it in silence:

- one written as JSON (``acme.json``) or kept in a hidden file (``.acme.yaml``);
- one named without the YAML suffix (``acme``), or with blanks, dots or invisible characters
  after or in it (``acme.yaml ``);
- one whose suffix is a typing mistake away from a suffix resilint reads or from ``json``
  (``acme.yam``, ``acme.ymal``, ``acme.yaml-``, ``acme.YAM``, ``acme.jsn``), or spelt with a
  look-alike letter (a Cyrillic a, U+0430, in the suffix) or an invisible character
  (``acme.json`` + a zero width space, ``.acme.yaml`` + a no-break space);
- one under any other name (``acme.txt``, ``acme.yaml.bak``, ``acme.yml~``), when the file
  *starts* as a document: its first line of content (past blank lines, comments, directives
  and ``---``) a top-level ``apiVersion`` or ``kind``, or a JSON object, with resilint's
  apiVersion at the top level. A note, a README or a script that quotes a document further
  down is text about resilint, left alone.

A copy beside its original is left alone: an editor's backup or a merge's leftover
(``acme.yaml~``, ``#acme.yaml#``, ``.acme.yaml.swp``, ``acme.yaml.orig``, ``acme.yaml.bak``)
next to the ``acme.yaml`` the walk reads is checked through that file. The same copy without
its original is the only place the document is kept, and is reported.

Only the start of a file is read (a document opens with its ``apiVersion``), never past a
link, and only from a regular file: a walk over thousands of other files reads a few
kilobytes of each. A file without the suffix is told by what it is, since READMEs, NOTES,
CHANGELOGs and Makefiles have none either and may quote a document: only one that reads as
YAML documents, an apiVersion and a kind at the top level of one, is reported (or, where its
YAML is broken, one that starts as a document does).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from resilint.limits import Limits
from resilint.load.read import read_start

MOST_READ = 8192
"""Bytes read of each such file: a document's apiVersion comes first."""
MOST_PARSED = 65536
"""Bytes of a file without the suffix read as YAML, to its last whole line, when its start
holds an apiVersion of resilint's: a document's top level shows within them (a 10 MB file
would take seconds)."""

_JSON = rb'"apiVersion"\s*:\s*"(resilint/[^"\\]{0,40})"'
"""The key and value as JSON writes them (not inside a string: there its quotes are \\")."""
_YAML = rb"""(?m)^[ \t]*["']?apiVersion["']?[ \t]*:[ \t]*["']?(resilint/[^\s"'#]{0,40})"""
_YAML_TOP = rb"""(?m)^["']?apiVersion["']?[ \t]*:[ \t]*["']?(resilint/[^\s"'#]{0,40})"""
"""The key at the start of its line: a document's own, not one quoted in an indented block."""


class Unread:
    """Why the walk passes a file over, and how to tell whether it holds a document; never
    changed once made. A plain class: a dataclass would be built at every start-up, for a
    value most runs never make."""

    __slots__ = ("copy_like", "rename", "shape", "test")

    def __init__(self, shape: str, rename: str, test: str, *, copy_like: bool = False) -> None:
        self.shape = shape
        """What the file is, as the finding says it: "a JSON file"."""
        self.rename = rename
        """The name under which it would be checked, with a note where one helps."""
        self.test = test
        """How its content is read: "anywhere" (an apiVersion of resilint's in its first
        kilobytes: the name says document), "unsuffixed" (:func:`unsuffixed_document_at`) or
        "top" (:func:`document_on_top`: any other name, so the file must start as one)."""
        self.copy_like = copy_like
        """Whether it may be an old copy, which deleting settles."""


def unread(name: str, read_beside: Callable[[str], bool]) -> Unread | None:
    """Why a file of this name, which the walk does not read (nor a configuration file), may
    hold a document unseen (None for a copy beside its original): ``read_beside`` says
    whether the walk reads a file of a given name in the same directory."""
    lower = name.lower()
    if name.startswith(".") and lower.endswith((".yaml", ".yml")):
        return Unread("a hidden file", name.lstrip("."), "anywhere")
    if not name.startswith(".") and lower.endswith(".json"):
        rename = name.rsplit(".", 1)[0] + ".yaml (JSON is YAML: its content can stay)"
        return Unread("a JSON file", rename, "anywhere")
    if unsuffixed(name):
        return Unread(*suffixed(name), "unsuffixed")
    if _copy_beside(name, read_beside):
        return None
    missed = near_miss(name)
    if missed is not None:
        return missed
    if lower.rpartition(".")[2] in _NOT_DOCUMENTS:
        return None
    return _ANY_OTHER


_NOT_DOCUMENTS = frozenset(
    ("j2", "jinja", "jinja2", "tmpl", "tpl", "template", "example", "sample", "dist")
)
"""Last suffixes that say a file is a template or an example of a document on purpose
(``supplier.yaml.j2``, ``contract.example``), not a document under the wrong name: a tool
renders it into one, or a person copies it, and the copy is checked."""


_ANY_OTHER = Unread("", "", "top", copy_like=True)
"""Any other name: its shape and new name are made for a file that holds a document
(:func:`described`), not for each of the many that hold none."""


def described(name: str, found: Unread) -> tuple[str, str]:
    """What the finding says the file is, and the name it should have."""
    if found is _ANY_OTHER:
        return f"a file named {name}", _named_like(name)
    return found.shape, found.rename


_COPY_MARK = "#"
"""What wraps an editor's autosave of a file (``#acme.yaml#``)."""


def _copy_beside(name: str, read_beside: Callable[[str], bool]) -> bool:
    """Whether the file is a copy of one the walk reads beside it: its name is that file's
    with a mark around it or more after it (``acme.yaml~``, ``acme.yaml.orig``,
    ``#acme.yaml#``, ``.acme.yaml.swp``)."""
    core = name.lstrip(".").strip(_COPY_MARK)
    lower = core.lower()
    if ".yaml" not in lower and ".yml" not in lower:  # the common case, at once
        return False
    if _COPY_MARK in name and core != name and read_beside(core):
        return True
    return any(not char.isalnum() and read_beside(core[:at]) for at, char in enumerate(core) if at)


_READ = ("yaml", "yml")
_NEAR = (*_READ, "json")
"""The suffixes a mistyped one is compared with: the two a walk reads, and JSON's (a document
written as JSON, meant as one: :func:`unread` reports ``acme.json`` too)."""
_LOOK_ALIKE = str.maketrans(
    {
        "\u0430": "a",  # Cyrillic a
        "\u03b1": "a",  # Greek alpha
        "\u0443": "y",  # Cyrillic u
        "\u04af": "y",  # Cyrillic straight u
        "\u03b3": "y",  # Greek gamma
        "\u043c": "m",  # Cyrillic em
        "\u04cf": "l",  # Cyrillic palochka
        "\u0131": "i",  # dotless i
        "\u0458": "j",  # Cyrillic je
        "\u0455": "s",  # Cyrillic dze
        "\u043e": "o",  # Cyrillic o
        "\u03bf": "o",  # Greek omicron
        "\u0578": "n",  # Armenian vo
    }
)
"""Letters of other scripts drawn as those of yaml, yml and json (after NFKC, which folds
full-width and mathematical letters)."""


def near_miss(name: str) -> Unread | None:
    """A name whose suffix is one typing mistake (a letter left out, added, changed or two
    swapped) from yaml, yml or json, in any case (``acme.yam``, ``acme.ymal``, ``acme.yaml-``,
    ``acme.YAM``, ``acme.jsn``), or spelt with look-alike or invisible characters; None for
    any other."""
    shown = _named_as(name).lstrip(".").lstrip(_COPY_MARK)
    stem, dot, suffix = shown.rpartition(".")
    if not (dot and stem) or len(suffix) > 6:
        return None
    folded, meant = _meant(suffix)
    if meant is None:
        return None
    written = name.rpartition(".")[2]
    odd = [char for char in written if not char.isascii()]
    if odd:
        what = ", ".join(_character(char) for char in dict.fromkeys(odd))
        shape = f"a file whose suffix looks like .{meant} but is spelt with {what}"
    elif folded == meant:  # a hidden JSON file (hidden YAML ones are named above)
        shape = f"a hidden .{meant} file"
    else:
        shape = f"a file whose name ends in '.{written}', not '.{meant}'"
    rename = f"{stem}.{meant}" if meant in _READ else f"{stem}.yaml (JSON is YAML)"
    return Unread(shape, rename, "anywhere", copy_like=True)


@functools.lru_cache(maxsize=256)
def _meant(suffix: str) -> tuple[str, str | None]:
    """The suffix folded (NFKC, case, look-alikes) and the one of :data:`_NEAR` it is at most
    one edit from, if any: asked once per suffix (a walk meets many ``.py`` and ``.md``)."""
    folded = unicodedata.normalize("NFKC", suffix).casefold().translate(_LOOK_ALIKE)
    meant = min(_NEAR, key=lambda known: _distance(folded, known))
    return folded, meant if _distance(folded, meant) <= 1 else None


def _character(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'an unnamed character')}"


def _distance(written: str, known: str) -> int:
    """Edits from ``written`` to ``known`` (a letter inserted, deleted, changed, or two
    neighbours swapped), counted up to 2: more is far."""
    if written == known:
        return 0
    if abs(len(written) - len(known)) > 1:
        return 2
    if len(written) == len(known):
        differ = [at for at in range(len(known)) if written[at] != known[at]]
        swapped = (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and written[differ[0]] == known[differ[1]]
            and written[differ[1]] == known[differ[0]]
        )
        return 1 if len(differ) == 1 or swapped else 2
    short, long = sorted((written, known), key=len)
    at = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return 1 if short[at:] == long[at + 1 :] else 2


def _named_like(name: str) -> str:
    """The name a file of another name would be checked under: ``acme.yaml`` for
    ``acme.txt``, ``acme.yaml.bak``, ``#acme.yaml#`` or ``.acme``."""
    core = name.lstrip(".").strip(_COPY_MARK) or name
    found = re.search(r"\.ya?ml", core, re.IGNORECASE)
    if found is not None:
        return core[: found.end()]
    stem, dot, _ = core.rpartition(".")
    return f"{stem if dot and stem else core}.yaml"


_TRAILING = " \t\r\n\v\f."
"""What may follow a ``.yaml`` suffix by mistake (a space typed after it, a final dot)."""


def _invisible(char: str) -> bool:
    """A character beyond ASCII that a listing shows as nothing or as a space: a Unicode space
    (no-break, ideographic...), a format character (zero width space or joiner, a direction
    mark, a byte order mark, a soft hyphen) or a C1 control."""
    if char.isascii():
        return False
    return char.isspace() or unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf", "Cc")


def _named_as(name: str) -> str:
    """The name as a listing shows it, less what may follow the suffix by mistake: without
    its invisible characters (``acme.yaml`` + a no-break or zero width space, which the walk
    does not read as YAML, looks exactly like ``acme.yaml``), blanks and dots at its end."""
    if name.isascii():  # the common case: nothing is invisible
        return name.rstrip(_TRAILING)
    return "".join(c for c in name if not _invisible(c)).rstrip(_TRAILING)


def unsuffixed(name: str) -> bool:
    """Whether a file (not a directory) of this name is passed over for want of the YAML
    suffix although it is named like a document: no suffix at all (``acme``), or ``.yaml``
    with blanks, dots or invisible characters after it or in it (``acme.yaml ``). Other
    suffixes (``.bak``, ``.txt``, an editor's ``~``) name copies and notes, left alone."""
    if name.startswith("."):
        return False
    shown = _named_as(name)
    if shown != name:
        return shown.lower().endswith((".yaml", ".yml"))
    return "." not in name


def suffixed(name: str) -> tuple[str, str]:
    """What is wrong with an unsuffixed file's name, and the name it should have: ``acme.yaml``
    for ``acme`` or ``acme.yaml ``."""
    shown = _named_as(name)
    if shown == name.rstrip(_TRAILING) and shown != name:
        return "a file whose name goes on after .yaml (a space or a dot)", shown
    if shown != name:
        return (
            "a file whose name holds an invisible character (a no-break or zero width space, "
            "a direction mark) in or after .yaml",
            shown,
        )
    return "a file without the .yaml suffix", name + ".yaml"


def document_at(path: str, most: int = MOST_READ) -> tuple[int, int, str] | None:
    """Line, column and apiVersion of the resilint document the file ``path`` holds within
    its first ``most`` bytes, or None (no document, or not a regular file): written as JSON
    in a ``.json`` file, as YAML or JSON in any other."""
    data = read_start(path, most)
    if data is None:
        return None
    if path.lower().endswith(".json"):
        return _position(data, _compiled(_JSON).search(data))
    return _position(data, _compiled(_YAML).search(data) or _compiled(_JSON).search(data))


def document_in_yaml(path: str, most: int) -> tuple[tuple[int, int, str] | None, int]:
    """:func:`document_at` for a YAML-named file the walk passes over for its hidden folder,
    with the bytes read: a resilint apiVersion at the start of a line (a document's own, not
    one quoted in an indented block, as a CI workflow that writes one in a step would) within
    its first ``most`` bytes. A YAML file may hold many documents, the one that matters after
    thousands of lines of others or of comments, so the file is read whole up to ``most`` (the
    walk counts what it reads); ``most + 1`` bytes read tell a file longer than that."""
    data = read_start(path, most + 1)
    if data is None:
        return None, 0
    found = _compiled(_YAML_TOP).search(data, 0, most)
    return _position(data, found), len(data)


def document_on_top(path: str) -> tuple[int, int, str] | None:
    """:func:`document_at` for a file of any other name (``acme.txt``), when the file starts
    as a document: its first line of content a top-level apiVersion or kind with resilint's
    apiVersion among the top-level keys, or a JSON object that declares it."""
    data = read_start(path, MOST_READ)
    if data is None:
        return None
    first = _first_content(data.removeprefix(b"\xef\xbb\xbf"))
    if first.startswith(b"{"):
        return _position(data, _compiled(_JSON).search(data))
    if _compiled(_TOP_KEY).match(first) is None:
        return None
    return _position(data, _compiled(_YAML_TOP).search(data))


def _position(data: bytes, found: re.Match[bytes] | None) -> tuple[int, int, str] | None:
    if found is None:
        return None
    start = found.start(1)
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    return line, column, found.group(1).decode("utf-8", "replace")


@functools.cache
def _compiled(pattern: bytes) -> re.Pattern[bytes]:
    """A pattern compiled when first used: most runs meet no file the walk passes over."""
    return re.compile(pattern)


def unsuffixed_document_at(path: str, limits: Limits) -> tuple[int, int, str] | None:
    """:func:`document_at` for a file without the YAML suffix (``unsuffixed``), when the file
    is a resilint document, not text about one (a README's example, a Makefile's heredoc)."""
    found = document_at(path)
    if found is None:
        return None
    data = read_start(path, MOST_PARSED + 1)
    if data is None:
        return None
    if len(data) > MOST_PARSED:  # its first lines are enough to tell
        end = data.rfind(b"\n", 0, MOST_PARSED) + 1
        data = data[: end or MOST_PARSED]
    return found if _is_document(data, limits) else None


def _is_document(data: bytes, limits: Limits) -> bool:
    """Whether the file reads as YAML documents, one of which has an apiVersion of resilint's
    and a kind among its own keys; where it does not read as YAML (a document with a mistake
    in it), whether it starts as one: its first line that is not blank, a comment, a directive
    or a document marker is a top-level apiVersion or kind."""
    from yaml.nodes import MappingNode, ScalarNode

    from resilint.load import compose_text
    from resilint.load.decode import decode
    from resilint.load.positions import LoadError

    try:
        roots = compose_text(decode(data), limits)
    except LoadError:
        return _starts_as_document(data)
    for root in roots:
        if isinstance(root, MappingNode):
            keys = {k.value: v for k, v in root.value if isinstance(k, ScalarNode)}
            version = keys.get("apiVersion")
            resilint = isinstance(version, ScalarNode) and version.value.startswith("resilint/")
            if resilint and "kind" in keys:
                return True
    return False


def _starts_as_document(data: bytes) -> bool:
    return _compiled(_TOP_KEY).match(_first_content(data)) is not None


def _first_content(data: bytes) -> bytes:
    """The first line that is not blank, a comment, a directive or a document marker (line by
    line: most files' first line is it, and the rest of their 8 KB is never split)."""
    start, end = 0, len(data)
    while start < end:
        stop = data.find(b"\n", start)
        stop = end if stop < 0 else stop
        text = data[start:stop].rstrip()
        if text and not text.startswith((b"#", b"%", b"---")):
            return text
        start = stop + 1
    return b""


_TOP_KEY = rb"""["']?(apiVersion|kind)["']?[ \t]*:"""
"""A top-level apiVersion or kind key, at the start of its line."""
