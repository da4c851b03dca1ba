"""Stage 5 of the flow: the rule engine. Rules come from ``rules/*.yaml`` (resilint's own and any
directory the configuration names), Python checks from an explicit registry and from packages
that declare the ``resilint.checks`` entry point group."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from resilint.core_checks import CORE_CHECKS
from resilint.domain.requirements import FILE_NAME as REQUIREMENTS_FILE
from resilint.errors import ConfigError, shown_path
from resilint.load.read import Refusal, outside, real
from resilint.resources import data_dir
from resilint.rules.builtin import PYTHON_CHECKS
from resilint.rules.model import Rule, RuleContext, RuleInfo
from resilint.rules.python import PythonCheck
from resilint.rules.rule_file import load_rule_file
from resilint.rules.stored import StoredRules
from resilint.schemas import SchemaSet

ENTRY_POINT_GROUP = "resilint.checks"

__all__ = ["Rule", "RuleContext", "RuleInfo", "load_rules"]


class CheckRegistry(Mapping[str, PythonCheck]):
    """Python checks by name: resilint's own, then installed plug-ins'.

    Plug-ins are looked up only when a rule names a check resilint does not have, so runs that
    use none do not pay for scanning installed packages.
    """

    def __init__(self, builtin: Mapping[str, PythonCheck] | None = None) -> None:
        self._builtin = PYTHON_CHECKS if builtin is None else dict(builtin)
        self._plugins: dict[str, PythonCheck] | None = None
        self.loaded: list[str] = []
        """``name=module:function version`` of every plug-in check loaded, for the cache key."""

    def _plugin_checks(self) -> dict[str, PythonCheck]:
        if self._plugins is None:
            from importlib.metadata import entry_points

            self._plugins = {}
            for entry in entry_points(group=ENTRY_POINT_GROUP):
                if entry.name not in self._builtin and entry.name not in self._plugins:
                    self._plugins[entry.name] = entry.load()
                    version = entry.dist.version if entry.dist else "?"
                    code = plugin_code(entry.module)
                    self.loaded.append(f"{entry.name}={entry.value} {version} {code}")
        return self._plugins

    def __getitem__(self, name: str) -> PythonCheck:
        if name in self._builtin:
            return self._builtin[name]
        return self._plugin_checks()[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**self._builtin, **self._plugin_checks()})

    def __len__(self) -> int:
        return len({**self._builtin, **self._plugin_checks()})


def plugin_code(module: str) -> str:
    """A plug-in's code as it is now: the stat of each Python file of its top-level package,
    as resilint's own code is keyed (an editable install, or a fix copied in, changes the code
    and not the version). Where its files cannot be told, a key no other run has: the cache
    is not believed."""
    import sys

    from resilint.digests import blake2b
    from resilint.discover import stamp

    top = sys.modules.get(module.split(".", 1)[0])
    places = list(getattr(top, "__path__", None) or [getattr(top, "__file__", None) or ""])
    files: list[Path] = []
    for place in (Path(p) for p in places if p):
        files += [place] if place.is_file() else sorted(place.rglob("*.py"))
    digest = blake2b(digest_size=32)
    try:
        for file in files:
            digest.update(f"{file}\x00".encode("utf-8", "surrogatepass"))
            digest.update(stamp(file.stat()))
    except OSError:
        files = []
    return digest.hexdigest()[:16] if files else os.urandom(8).hex()


YAML_SUFFIXES = (".yaml", ".yml")
"""A rule file's name ends so, in any case (r.YAML too)."""


def rule_files(directory: Path) -> list[Path]:
    """Every rule file in ``directory`` and its subdirectories, sorted: a file named like YAML
    in any case; hidden files and directories skipped, as the check's walk skips them.

    Nothing is passed over in silence: a link to a directory (never followed) or to a place
    outside ``directory`` is an error; a FIFO or a device named like YAML is listed, and the
    safe reader refuses it when the file loads."""
    if not directory.is_dir():
        raise ConfigError(f"rule directory {shown_path(str(directory))} does not exist")
    boundary = real(directory)
    found: list[Path] = []
    pending = [directory]
    while pending:
        for entry in _entries(pending.pop()):
            path = Path(entry.path)
            if entry.is_symlink():
                _refuse_link(path, boundary)
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif entry.name.lower().endswith(YAML_SUFFIXES):
                found.append(path)
    return sorted(found)


def _entries(directory: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as listing:
            return [entry for entry in listing if not entry.name.startswith(".")]
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(f"cannot list this rule directory: {reason}", str(directory)) from None


def _refuse_link(path: Path, boundary: str) -> None:
    """A link in a rule directory: to a rule file inside it, taken; to a directory, or from a
    name like YAML to a place outside it or to nothing, an error at the link."""
    refused = outside(path, boundary) if path.name.lower().endswith(YAML_SUFFIXES) else None
    if refused is not None and refused.code == "FILE-03":  # the boundary is the rule directory
        refused = Refusal(
            "FILE-03",
            f"a symbolic link to {path.readlink()}, which is outside this rule directory; "
            "resilint reads only the files a rule directory holds: name the directory the rule "
            "file lies in in rule_dirs, or move the file here",
        )
    if path.is_dir():
        refused = Refusal(
            "FILE-04",
            "a symbolic link to a directory; resilint does not follow one in a rule directory: "
            "name the directory it leads to in rule_dirs",
        )
    if refused is not None:
        raise ConfigError(f"{refused.code} {refused.message}", str(path))


def _taken(code: str, seen: Mapping[str, str]) -> str:
    """Why a rule may not have this code: a code names one rule or check, so that `explain`,
    waivers, the baseline and `ignore` never mean a built-in check by a rule file's code."""
    if code in seen:
        own = str(data_dir("rules"))
        if seen[code].startswith(own + os.sep):
            return (
                f"rule {code} is one of resilint's own rules "
                f"(rules/{seen[code][len(own) + 1 :]}): choose a code of your own, with a "
                "prefix of your own (ACME-01), so that explain, waivers, the baseline and "
                "ignore name one rule"
            )
        file, _, line = seen[code].rpartition(":")
        return f"rule {code} is already defined at {shown_path(file)}:{line}"
    return (
        f"rule {code} has the code of a check built into resilint "
        f"({CORE_CHECKS[code].name}): choose a code of your own"
    )


def _code_at(path: Path, line: int) -> tuple[int, int]:
    """Where the ``code:`` value of the rule starting at ``line`` is written (the rule's line,
    column 1, where the file cannot be read again)."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    from resilint.limits import Limits
    from resilint.load import load_mapping

    loaded = load_mapping(path, Limits())
    if isinstance(loaded, tuple) and isinstance(loaded[1], MappingNode):
        for key, value in loaded[1].value:
            if key.value != "rules" or not isinstance(value, SequenceNode):
                continue
            for entry in value.value:
                if entry.start_mark.line + 1 != line or not isinstance(entry, MappingNode):
                    continue
                for name, code in entry.value:
                    if name.value == "code" and isinstance(code, ScalarNode):
                        return code.start_mark.line + 1, code.start_mark.column + 1
    return line, 1


def load_rules(
    schemas: SchemaSet,
    extra_dirs: Iterable[Path] = (),
    checks: Mapping[str, PythonCheck] | None = None,
    stored: StoredRules | None = None,
    own: StoredRules | None = None,
) -> list[Rule]:
    """Every rule, resilint's first; a code defined twice is an error naming both places.
    Unchanged rule files are compiled from the data kept: resilint's own in ``own`` (beside
    its bytecode), the configuration's directories' in ``stored`` (the repository's cache)."""
    known = checks if checks is not None else CheckRegistry()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for directory in (data_dir("rules"), *extra_dirs):
        for path in rule_files(directory):
            if directory == data_dir("rules") and path.name == REQUIREMENTS_FILE:
                continue  # the requirements matrix (resilint.domain.requirements), not rules
            installed = directory == data_dir("rules")
            kept = own if installed else stored
            for rule in load_rule_file(path, schemas, known, kept, installed):
                code = rule.info.code
                if code in seen or code in CORE_CHECKS:
                    file, _, line = rule.info.source.rpartition(":")
                    raise ConfigError(_taken(code, seen), file, *_code_at(Path(file), int(line)))
                seen[code] = rule.info.source
                rules.append(rule)
    return rules
