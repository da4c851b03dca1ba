"""Where the cache lives and what its entries are valid for: the store a check may use (never a
directory of the user's own files), and the fingerprints of resilint's code, schemas and the
libraries that read and validate the files, which every entry is salted with."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from resilint import __version__
from resilint.cache import (
    CACHE_DIR_NAME,
    Store,
    cache_file,
    fingerprint,
    installed_fingerprint,
    open_store,
)
from resilint.config import Config
from resilint.discover import (
    stamp,
)
from resilint.errors import UsageError
from resilint.load.read import real, within
from resilint.reporters.base import printable
from resilint.schemas import SchemaSet
from resilint.userfiles import refuse_links

if TYPE_CHECKING:
    from resilint.app import CheckArgs


def build_store(args: CheckArgs, config: Config) -> tuple[Store | None, str]:
    """The cache's signed store, or None when the cache is off; and, when it cannot be used,
    a note saying why."""
    if not args.cache or os.environ.get("RESILINT_NO_CACHE"):
        return None, ""
    if args.cache_dir is not None:  # refused as -o is; a link at the default turns it off
        refuse_links(args.cache_dir, "writes the cache", config.root)
        _refuse_foreign_cache_dir(args.cache_dir)
    elif config.source is None and not all(within(real(p), real(config.root)) for p in args.paths):
        # without a configuration each directory checked is its own repository, and the
        # working directory (the default's place) is none of them: nothing is written there
        return None, ""
    # Cache JSON is about as large as the YAML it describes: four times the run's byte budget
    # bounds what is read back.
    directory = args.cache_dir or config.root / CACHE_DIR_NAME
    store = open_store(directory, config.root, 4 * config.limits.max_total_bytes)
    return (store, "") if store.usable else (None, store.note)


def unwritten_note(why: str) -> str:
    """What a run says once where the cache could not be written: the check itself ran in full
    and found what it finds, but every run will check every file again until it can be."""
    return (
        f"the cache was not kept: {printable(why)}; this check ran in full, and the next one "
        "will too: make it writable (or remove what stands in its way), name another directory "
        "with --cache-dir, or pass "
        "--no-cache"
    )


def _cache_file(name: str) -> bool:
    """A file a cache directory may hold: the cache's own (:func:`resilint.cache.cache_file`),
    and the placeholder that keeps an empty directory in git. Any other dot file is the user's
    (a home directory holds only those: ``--cache-dir ~`` filled it with the cache's files)."""
    return name in _PLACEHOLDERS or cache_file(name)


_PLACEHOLDERS = frozenset({".gitkeep", ".keep"})


def _refuse_foreign_cache_dir(directory: Path) -> None:
    """A ``--cache-dir`` that holds files of its own (the repository's root, ``suppliers/``)
    is refused: the cache would write its files there over any of the same names. A path
    through a link is left to the store, which uses no cache there (nothing is listed through
    it: what lies where a link leads is not read)."""
    if os.path.realpath(directory) != os.path.normpath(Path(directory).absolute()):
        return
    try:
        names = [entry.name for entry in os.scandir(directory)]
    except FileNotFoundError:
        return  # made on the first write
    except NotADirectoryError:
        raise UsageError(f"--cache-dir {printable(str(directory))}: not a directory") from None
    except OSError as exc:
        raise UsageError(
            f"--cache-dir {printable(str(directory))}: cannot be read ({exc.strerror})"
        ) from None
    foreign = sorted(name for name in names if not _cache_file(name))
    if foreign:
        raise UsageError(
            f"--cache-dir {printable(str(directory))} holds files that are not resilint's cache "
            f"(such as {printable(foreign[0])}): the cache would write over any of the same "
            "name; name an empty or new directory"
        )


def code_fingerprint() -> str:
    """resilint's own code, by every module's stat: a change to it is a new cache (and stops
    the resident server, :mod:`resilint.server`)."""
    modules: list[str] = []
    _modules(str(Path(__file__).resolve().parent), modules)
    return installed_fingerprint(sorted(modules))


_code = functools.cache(code_fingerprint)
"""Once a run."""


def _modules(directory: str, found: list[str]) -> None:
    """Each ``.py`` file below ``directory``, into ``found`` (a third of ``rglob``'s cost; the
    bytecode's directories are not entered)."""
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                found.append(entry.path)
            elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                _modules(entry.path, found)


def _schemas(schemas: SchemaSet) -> str:
    return installed_fingerprint(schemas.files_read)


def code_and_schemas(schemas: SchemaSet) -> str:
    """resilint's version, code and schemas: what compiled rules are kept for."""
    return fingerprint([__version__, _code(), _schemas(schemas)])


def validated_by(schemas: SchemaSet) -> str:
    """What a document's validity depends on besides its data: resilint's code and schemas,
    and the libraries that read and validate it."""
    return fingerprint([__version__, _code(), _schemas(schemas), _readers()])


READERS = ("yaml", "yaml_rs", "jsonschema", "jsonschema_rs")
"""The libraries that read and validate the files: an upgrade of one may read or judge a file
otherwise, so the files' results are kept per installed version of each."""


@functools.cache
def _readers() -> str:
    """Each of :data:`READERS` by the stat of its module's file, found without importing it
    (a run whose files all come from the cache imports none of them); a missing one by its
    absence."""
    import importlib.util

    found = []
    for name in READERS:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        try:
            key = stamp(Path(origin).stat()).hex() if origin else "-"
        except OSError:
            key = "?"
        found.append(f"{name}\x00{origin}\x00{key}")
    return fingerprint(found)
