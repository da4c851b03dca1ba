"""``resilint init``: scaffold a resilience repository from the templates shipped in the package.

It never overwrites a file: existing ones are reported and left as they are. The pre-commit and
CI files pin the version of resilint that wrote them (``__RESILINT_VERSION__`` in a template).
In a directory that already holds resilint documents it writes no example documents: the
example supplier, waiver and the rest would join the real programme and change its findings.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from resilint import __version__
from resilint.discover import CONFIG_NAMES, yaml_named
from resilint.userfiles import output_directory

TEMPLATES = Path(__file__).resolve().parent / "templates" / "init"
VERSION_MARK = "__RESILINT_VERSION__"
EXAMPLES = "programme"
"""The templates' folder of example documents (and the README describing them)."""
_DOCUMENT = re.compile(rb"^[ \t]*(?:-{3}[ \t]+)?apiVersion:[ \t]*[\"']?resilint/", re.MULTILINE)
_IN_ITS_PLACE = {
    ".pre-commit-config.yaml": (
        ".pre-commit-config.yml",
        "pre-commit reads only .pre-commit-config.yaml, so this one is run with --config and a "
        "second file would split the hooks: add resilint's hook to it",
    ),
    ".gitlab-ci.yml": (
        ".gitlab-ci.yaml",
        "GitLab reads the CI file the project names, and a second would run the check twice "
        "or not at all: add resilint's job to it",
    ),
    ".github/workflows/resilint.yml": (
        ".github/workflows/resilint.yaml",
        "a second workflow would run the check twice: keep this one",
    ),
}
"""For a template, a file that already does its work, and why a second is not written."""
_CONFIGURED = (
    "a second configuration in one directory would stop every run (resilint reads one): "
    "keep this one"
)
_LOOK_AT_MOST = 20_000
"""YAML files looked into for a resilint document before the directory is taken to hold one."""


@dataclass(frozen=True)
class Scaffold:
    """What ``resilint init`` did: the files created, kept, linked and those it could not write."""

    created: tuple[Path, ...]
    kept: tuple[Path, ...]
    linked: tuple[Path, ...] = ()
    """Not written: a symbolic link lies on the way (a committed `.github -> /elsewhere`)."""
    failed: tuple[tuple[Path, str], ...] = ()
    """Not written, and why: the system refused (a file where a directory goes, a read-only
    directory or file system, a full disk)."""
    examples_left: tuple[Path, ...] = ()
    """Example documents not written: the directory already holds a resilint document."""
    programme_file: Path | None = None
    """A resilint document the directory holds (the reason examples_left are not written)."""
    in_place: tuple[tuple[Path, Path, str], ...] = ()
    """Not written, the file that stands in its place and why: an existing ``.resilint.yaml``
    for ``resilint.yaml``, ``.pre-commit-config.yml`` for ``.pre-commit-config.yaml``."""
    excluded: tuple[Path, ...] = ()
    """Configurations of folders below the directory (``programme/resilint.yaml``): the
    ``resilint.yaml`` written excludes their folders, each checked on its own."""


def scaffold(target: Path) -> Scaffold:
    output_directory(target)  # refuses a target that is or passes through a link
    created: list[Path] = []
    kept: list[Path] = []
    linked: list[Path] = []
    failed: list[tuple[Path, str]] = []
    examples_left: list[Path] = []
    in_place: list[tuple[Path, Path, str]] = []
    programme = programme_document(target)
    nested = nested_configurations(target)
    excluded: list[Path] = []
    for source in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        relative = source.relative_to(TEMPLATES)
        destination = target / relative
        if programme is not None and relative.parts[0] == EXAMPLES:
            examples_left.append(destination)
            continue
        if any((target / part).is_symlink() for part in relative.parents if part.parts):
            linked.append(destination)
            continue
        if destination.is_dir():  # kept, it would leave the file it stands for unmade
            failed.append((destination, "a directory of that name is there, not a file"))
            continue
        if os.path.lexists(destination):  # a link, even a dangling one, is never written through
            kept.append(destination)
            continue
        standing = _standing(target, relative)
        if standing is not None:
            in_place.append((destination, *standing))
            continue
        text = render(source.read_text(encoding="utf-8"))
        if relative == Path(CONFIG_NAMES[0]) and nested:
            folders = [c.parent for c in nested]
            if programme_document(target, skip=frozenset(folders)) is None:
                in_place.append((destination, nested[0], _configured_below(target, nested[0])))
                continue
            text = _excluding(text, [f.relative_to(target) for f in folders])
            excluded += nested
        try:
            _write(destination, text)
        except OSError as error:  # the others are still written, and the run fails
            failed.append((destination, _reason(error, destination)))
            continue
        created.append(destination)
    return Scaffold(
        tuple(created),
        tuple(kept),
        tuple(linked),
        tuple(failed),
        tuple(examples_left),
        programme,
        tuple(in_place),
        tuple(excluded),
    )


def nested_configurations(target: Path) -> list[Path]:
    """The configurations of folders below ``target`` (``programme/resilint.yaml``), the
    highest of each branch: a check above them refuses a folder with a configuration of its
    own. Hidden directories and links are passed over, as discovery passes them."""
    from resilint.config_search import configuration_in

    found: list[Path] = []
    looked = 0
    for top, directories, _ in os.walk(target):
        directories[:] = sorted(
            d for d in directories if not d.startswith(".") and not Path(top, d).is_symlink()
        )
        if Path(top) == target:
            continue
        looked += 1
        config = configuration_in(Path(top))
        if config is not None:
            found.append(config)
            directories[:] = []  # what is under it is that configuration's
        if looked > _LOOK_AT_MOST:
            break
    return found


def _configured_below(target: Path, config: Path) -> str:
    folder = config.parent.relative_to(target).as_posix()
    return (
        f"the programme has a configuration of its own in {folder}/, and a second one here "
        f"would make every check here refuse that folder: check it with `resilint check "
        f"{folder}` (run the CI files' `resilint check` there)"
    )


def _pattern(folder: Path) -> str:
    """The exclude pattern naming ``folder`` alone, as git reads it: anchored at the
    configuration's directory (``/programme/``, not any folder of that name), its wildcards and
    a trailing space escaped (a folder named ``[eu]`` is not a character class)."""
    name = re.sub(r"([\\*?\[\]])", r"\\\1", folder.as_posix())
    if name.endswith(" "):
        name = name[:-1] + "\\ "
    return f"/{name}/"


def _excluding(text: str, folders: list[Path]) -> str:
    """The configuration's template with ``folders`` excluded: each has a configuration of its
    own and is checked on its own."""
    patterns = ", ".join(json.dumps(_pattern(f)) for f in folders)  # YAML reads JSON
    return text.replace("\nexclude: []\n", f"\nexclude: [{patterns}]\n", 1)


def _standing(target: Path, relative: Path) -> tuple[Path, str] | None:
    """The file that already does what the template ``relative`` would, and why a second is
    not written; None when there is none. The configuration is whichever file resilint would
    read, or refuse as meant for it (``resilint.yml``), in ``target``."""
    if relative == Path(CONFIG_NAMES[0]):
        from resilint.config_search import configuration_in

        found = configuration_in(target)
        if found is None or found.name in (*CONFIG_NAMES, "pyproject.toml"):
            return None if found is None else (found, _CONFIGURED)
        return found, f"resilint reads {CONFIG_NAMES[0]}, not this name: rename it"
    if relative.as_posix() not in _IN_ITS_PLACE:
        return None
    name, why = _IN_ITS_PLACE[relative.as_posix()]
    return (target / name, why) if os.path.lexists(target / name) else None


def programme_document(target: Path, skip: frozenset[Path] = frozenset()) -> Path | None:
    """A YAML file under ``target`` that holds a resilint document (``apiVersion: resilint/``),
    or None. Hidden directories and symbolic links are passed over, as discovery passes them;
    a directory too large to look through (more than 20,000 YAML files) counts as holding one,
    so that init never scatters examples into a tree it could not see."""
    looked = 0
    for top, directories, names in os.walk(target):
        directories[:] = sorted(
            d for d in directories if not d.startswith(".") and Path(top, d) not in skip
        )
        for name in sorted(names):
            path = Path(top, name)
            if name.startswith(".") or not yaml_named(name) or path.is_symlink():
                continue
            looked += 1
            if looked > _LOOK_AT_MOST:
                return path
            head = _head(path)
            if head is None:
                continue
            if _DOCUMENT.search(head):
                return path
    return None


def _head(path: Path) -> bytes | None:
    """The start of a regular file, or None: a named pipe, a device or a socket named like a
    document is not read (opening a pipe would wait for a writer for ever), nor a link."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read(65_536)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write(destination: Path, text: str) -> None:
    """Write a new file; raises OSError when it cannot (a regular file named like one of its
    directories, no permission, a read-only file system). A file left half written is removed."""
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:  # a file, not a directory, stands where one goes
        raise NotADirectoryError(
            errno.ENOTDIR, os.strerror(errno.ENOTDIR), error.filename
        ) from None
    out = destination.open("x", encoding="utf-8")  # "x": never overwrite, even racing
    try:
        with out:
            out.write(text)
    except OSError:
        destination.unlink(missing_ok=True)
        raise


def _reason(error: OSError, destination: Path) -> str:
    """What the system said, naming the path it refused when that is not the file itself
    (``Not a directory: .github``, a regular file where a directory goes)."""
    reason = error.strerror or type(error).__name__
    if error.filename and os.fspath(error.filename) != os.fspath(destination):
        return f"{reason}: {os.fspath(error.filename)}"
    return reason


def render(template: str) -> str:
    """A template's text with the running version where it pins resilint."""
    return template.replace(VERSION_MARK, __version__)
