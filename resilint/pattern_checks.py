"""What the configuration's ``exclude`` and ``per_file_ignores`` patterns reach: one that can
never match any file (it did nothing the user meant it to do) is worth a warning, and a
per-file exception that matches every file the run checks whatever they are named is refused,
as one that matches every file anywhere is (:func:`resilint.config.load_config`)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from resilint.config import Config
from resilint.errors import ConfigError
from resilint.reporters.base import printable

_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def _never(pattern: str, root: Path, alone: bool) -> str:
    """Why ``pattern`` can never match a file of the repository at ``root`` (empty when it
    can). ``alone``: no pattern before it that a ``!`` could take a file back from."""
    from resilint.wildmatch import parse

    text = pattern.rstrip(" ")
    if not text.strip():
        return "it is blank, and a blank pattern matches nothing"
    if text.startswith("#"):
        return "a pattern starting with # is a comment; write \\# for a name that starts with #"
    if text.startswith("!") and alone:
        return (
            "a pattern starting with ! takes back a file an earlier pattern matched, and here "
            "none did; write \\! for a name that starts with !"
        )
    body = text.removeprefix("!")
    for top in {str(root), os.path.realpath(root)}:
        if body == top or body.startswith(top.rstrip("/") + "/"):
            rest = body[len(top.rstrip("/")) :].lstrip("/") or "**"
            return (
                "it is an absolute path, and patterns are relative to the repository root "
                f"({printable(top)}); write '{printable(rest)}'"
            )
    if _DRIVE.match(body) or body.startswith("~/"):
        return "it is an absolute path, and patterns are relative to the repository root"
    if any(part in {".", ".."} for part in body.strip("/").split("/")):
        return (
            "paths are matched relative to the repository root, without '.' or '..' in them, "
            "and nothing outside the repository is checked"
        )
    if not body.strip("/"):
        return (
            "a pattern of slashes alone names no file or directory (a / only anchors the rest "
            "of a pattern at the repository root), and git matches nothing with it; write the "
            "path of what to leave out from the root, such as '/vendor/' for the directory "
            "vendor at the root"
        )
    if parse(text) is None:
        return (
            "git cannot read it (a [ never closed, an unknown [:class:], a \\ at the end), "
            "and such a pattern matches nothing"
        )
    return ""


def never_matching(config: Config) -> Iterator[str]:
    """A warning, at its line, for each ``exclude`` or ``per_file_ignores`` pattern that can
    never match: the file it was meant to leave out or silence is checked as before."""
    if config.source is None:
        return
    found: list[tuple[tuple[str | int, ...], str, str]] = []
    taken = False  # an earlier exclude pattern that leaves something out, for a ! to take back
    for index, pattern in enumerate(config.exclude):
        why = _never(pattern, config.root, not taken)
        found.append((("exclude", index), pattern, why))
        taken = taken or not (why or pattern.startswith("!"))
    for pattern, _ in config.per_file_ignores:  # each pattern stands alone
        found.append((("per_file_ignores", pattern), pattern, _never(pattern, config.root, True)))
    for where, pattern, why in found:
        if not why:
            continue
        line, column = config.locate(where) if config.locate is not None else (1, 1)
        key = where[0] if where[0] == "per_file_ignores" else f"exclude.{where[1]}"
        did = "silences nothing" if key == "per_file_ignores" else "leaves nothing out"
        yield (
            f"{printable(str(config.source))}:{line}:{column}: warning: {key}: "
            f"'{printable(pattern)}' can never match a file, so it {did}: {why}"
        )


def _outside(relative: str) -> bool:
    return relative == os.pardir or relative.startswith(os.pardir + os.sep)


def _blind(relative: str, index: int) -> str:
    """``relative`` with every name made up (the file's suffix kept): a pattern that matches
    it names no directory or file of the repository in particular."""
    parts = PurePosixPath(relative).parts
    folders = [f"zq9x{index}d{depth}" for depth in range(len(parts) - 1)]
    return "/".join([*folders, "zq9z" + PurePosixPath(parts[-1]).suffix])


def refuse_blanket_per_file(config: Config, paths: Iterable[str]) -> None:
    """A ``per_file_ignores`` pattern that matches every file of the run holding a document,
    and would match them whatever their directories and files were named (``*/*.yaml`` where
    every document lies one directory down), switches its rules off in the whole repository
    as ``**`` does: refused at its line. A pattern naming a directory (``suppliers/**``) is
    an exception for that directory, though it holds every document today."""
    if config.source is None or not config.per_file_ignores:
        return
    from resilint.wildmatch import Patterns

    root = str(config.root)
    files = sorted(
        {
            relative
            for path in paths
            # os.path, not pathlib: once per document of every check that has such patterns
            if not _outside(relative := os.path.relpath(os.path.abspath(path), root))  # noqa: PTH100
        }
    )
    if not files:
        return
    if os.sep != "/":
        files = [name.replace(os.sep, "/") for name in files]
    for pattern, named in config.per_file_ignores:
        spec = Patterns([pattern])
        # most patterns miss the first file or its made-up twin: each stops there
        pairs = ((name, _blind(name, index)) for index, name in enumerate(files))
        if not all(spec.covering(name) and spec.covering(twin) for name, twin in pairs):
            continue
        codes_named = ", ".join(named)
        line, column = config.locate(("per_file_ignores", pattern)) if config.locate else (1, 1)
        many = (
            "the one file this run checks, whatever it is named"
            if len(files) == 1
            else f"all {len(files)} files this run checks, whatever they are named"
        )
        raise ConfigError(
            f"invalid configuration: per_file_ignores: '{printable(pattern)}' matches {many}, "
            f"so it switches {codes_named} off in the "
            "whole repository, not for a few files; to do that, say so with ignore: "
            f"[{codes_named}] (or name the files and directories the exception is for)",
            str(config.source),
            line,
            column,
        )
