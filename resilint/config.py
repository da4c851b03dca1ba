"""Configuration: the file :mod:`resilint.config_search` finds, validated by a schema, merged in
one documented order (built-in defaults < configuration file < command line)."""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import jsonschema

    from resilint.cache import KnownValid

from resilint import codes
from resilint.config_search import CONFIGURATION_NAMES, read_guarded, toml_tables
from resilint.domain import DEFAULT_CRITICAL_LEVELS, Definitions
from resilint.domain.requirements import BASIS_KINDS
from resilint.engine import RuleSettings
from resilint.errors import ConfigError
from resilint.findings import Finding, Level, fails_gate
from resilint.limits import Limits
from resilint.load import read_text
from resilint.load.decode import control_character, escaped, hidden_characters
from resilint.load.mapping import placed_mapping
from resilint.load.read import Refusal, outside, real, within
from resilint.patterns import Lazy
from resilint.reporters.base import printable
from resilint.schemas import SchemaSet
from resilint.suggest import did_you_mean


@dataclass(frozen=True)
class Config:
    """The run's configuration: built-in defaults, then the file, then the command line."""

    root: Path
    """The repository root: the directory holding the configuration file, else the cwd."""
    source: Path | None = None
    exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    limits: Limits = field(default_factory=Limits)
    profiles: tuple[str, ...] = ("baseline",)
    select: tuple[str, ...] = ()
    """Codes and groups of codes (``REG``) to run besides the profiles' rules."""
    ignore: tuple[str, ...] = ()
    command_select: tuple[str, ...] = ()
    """``--extend-select``, decided over what the profiles, ``select`` and ``ignore`` chose (the
    command line has the last word); with ``--select``, in ``select`` (the file's are gone)."""
    command_ignore: tuple[str, ...] = ()
    """``--ignore``, likewise."""
    entity_regimes: bool = True
    """Whether an Entity's regimes switch on their profiles; not when ``--select`` names the
    rules on the command line, which then run alone."""
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(.gitignore-style pattern relative to the root, rule codes not reported in its files)."""
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    rule_dirs: tuple[Path, ...] = ()
    forbid_inline: tuple[str, ...] = ()
    require_expiry: bool = False
    baseline: Path | None = None
    as_of: datetime.date | None = None
    definitions: Definitions = field(default_factory=Definitions)
    """What critical means for business functions, and the requirements matrix overrides."""
    chosen: bool = False
    """Whether ``--config`` named the file: it then governs every path checked, a folder with
    a configuration of its own included."""
    origins: dict[str, str] = field(default_factory=dict)
    """Where each top-level setting came from: ``resilint.yaml:4``, ``--fail-on``."""
    named: tuple[tuple[tuple[Any, ...], str], ...] = ()
    """Each rule code the file names, with where (``("select", 0)``): checked against the
    loaded rules (:func:`resilint.selection.check_configured`)."""
    locate: Locate | None = field(default=None, compare=False, repr=False)
    """The file's line and column of a place in it."""

    @property
    def selected(self) -> tuple[str, ...]:
        """The codes and groups selected by name, in the file or on the command line."""
        return (*self.select, *self.command_select)

    def fails(self, level: Level) -> bool:
        return fails_gate(self.fail_on, level)

    def shaped_by(self, path: str) -> bool:
        """Whether a change to the file at the real path ``path`` can change what is found
        anywhere: this configuration's file, any file named as a configuration (a check run
        elsewhere finds it, or it becomes this one), or a rule file of a rule directory."""
        return (
            Path(path).name in CONFIGURATION_NAMES
            or (self.source is not None and path == real(self.source))
            or any(_loads_from(path, directory) for directory in self.rule_dirs)
        )


def _loads_from(path: str, directory: Path) -> bool:
    """Whether the rules of ``directory`` are read from the file at the real path ``path``: a
    rule file's name (named like YAML, nothing hidden on the way: what
    :func:`resilint.rules.rule_files` lists, as it is now or was before a rename or deletion),
    or the file a rule file there links to. A note or a README beside the rules is not: a change
    to it leaves every finding as it was. When the directory cannot be listed, it counts."""
    from resilint.rules import YAML_SUFFIXES, rule_files

    root = real(directory)
    if not within(path, root):
        return False
    parts = Path(os.path.relpath(path, root)).parts
    if parts[-1].lower().endswith(YAML_SUFFIXES) and not any(p.startswith(".") for p in parts):
        return True
    try:
        return any(real(rule) == path for rule in rule_files(directory) if rule.is_symlink())
    except (ConfigError, OSError):
        return True


def load_config(
    path: Path | None, schemas: SchemaSet, cwd: Path, kept: KnownValid | None = None
) -> Config:
    """The configuration in ``path`` (or the defaults when there is none); raises ConfigError.
    Data ``kept`` as valid by an earlier run (in the cache) is not validated again."""
    if path is None:
        return Config(root=cwd)
    data, line_of = _read_pyproject(path) if _istoml_tables(path) else _read_yaml(path)
    _no_escaped_characters(data, (), path, line_of)
    schema = schemas.schema_by_id("config.json")
    valid = (kept is not None and kept.holds(data)) or schemas.is_valid_for(schema, data)
    if valid and kept is not None:
        kept.keep(data)
    for error in (
        []
        if valid
        else sorted(
            schemas.validator_for(schema).iter_errors(data), key=lambda e: list(map(str, e.path))
        )
    ):
        where = tuple(error.absolute_path)
        named = False  # an unknown name: point at the key itself, else at the value
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = _schema_of(error).get("properties", {})
            unknown = tuple(key for key in error.instance if key not in known)[:1]
            where, named = (*where, *unknown), bool(unknown)
        if "propertyNames" in error.schema_path:
            where, named = (*where, str(error.instance)), True
        line, column = line_of(where, named, error.validator in _OF_THE_VALUE)
        raise ConfigError(
            f"invalid configuration: {_clip(_explain(error))}", str(path), line, column
        )
    _whole_limits(data, path, line_of)
    _stays_inside(data, path, line_of)
    _rule_dirs_hold_rules(data, path, line_of)
    origins = {key: f"{path.name}:{line_of((key,))[0]}" for key in data}
    config = _from_data(data, path)
    _per_file_not_everywhere(data, path, line_of)
    return dataclasses.replace(config, origins=origins, locate=line_of)


_ANY_FILE = ("zq9x/zq9z.yaml", "zq9x/zq9y/zq9z.yaml")
"""Files no pattern names on purpose, in a directory and deeper: a per-file pattern that
covers both covers every file a repository keeps its documents in."""


def _per_file_not_everywhere(data: dict[str, Any], path: Path, line_of: Locate) -> None:
    """A per-file exception that holds for every file (``**``, ``*``, ``**/*.yaml``) switches
    its rules off for the whole repository while the summary shows only a count of findings
    "suppressed" per file: refused, for ``ignore`` to say so plainly."""
    from resilint.wildmatch import Patterns

    for pattern, named in data.get("per_file_ignores", {}).items():
        if all(Patterns([pattern]).covering(probe) for probe in _ANY_FILE):
            codes_named = ", ".join(named)
            raise ConfigError(
                f"invalid configuration: per_file_ignores: '{printable(pattern)}' matches every "
                f"file, so it switches {codes_named} off in the whole repository, not for a few "
                f"files; to do that, say so with ignore: [{codes_named}] (or name the files and "
                "directories the exception is for)",
                str(path),
                *line_of(("per_file_ignores", pattern)),
            )


def _stays_inside(data: dict[str, Any], path: Path, line_of: Locate) -> None:
    """Rule directories and the baseline are read like documents: never outside the
    repository, whatever a committed configuration says."""
    root = path.parent
    named: list[tuple[tuple[str | int, ...], str]] = [
        (("rule_dirs", index), value) for index, value in enumerate(data.get("rule_dirs", ()))
    ]
    if "baseline" in data:
        named.append((("baseline",), data["baseline"]))
    for where, value in named:
        if not within(real(root / value), real(root)):
            shown = ".".join(str(part) for part in where)
            raise ConfigError(
                f"invalid configuration: {shown}: '{value}' is outside the repository "
                f"(the directory of {path.name}); resilint reads nothing outside it",
                str(path),
                *line_of(where),
            )


def _no_escaped_characters(
    value: Any, where: tuple[Any, ...], path: Path, line_of: Locate, on_key: bool = False
) -> None:
    """A control character a value writes as an escape (``"\\x1b[31m"``), or a bidirectional
    or invisible one (``"\\u202e"``, or as itself in TOML), refused as in a document (ENC-04,
    ENC-03): the setting would not say what it shows, in the file or in a terminal."""
    if isinstance(value, dict):
        for key, item in value.items():
            _no_escaped_characters(key, (*where, key), path, line_of, on_key=True)
            _no_escaped_characters(item, (*where, key), path, line_of)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _no_escaped_characters(item, (*where, index), path, line_of)
    elif isinstance(value, str) and not value.isprintable():
        found = escaped(value)
        if found is not None:
            code = "ENC-04" if found[0] else "ENC-03"
            shown = ".".join(printable(str(part)) for part in where)
            raise ConfigError(f"{code} {shown}: {found[1]}", str(path), *line_of(where, on_key))


def _whole_limits(data: dict[str, Any], path: Path, line_of: Locate) -> None:
    """A limit is a count: 1e100 or 10.0 passes the schema's integer (a float with no
    fraction does), and would reach the reader as a float."""
    for key, value in data.get("limits", {}).items():
        if isinstance(value, float):
            raise ConfigError(
                f"invalid configuration: limits.{key}: {_clip(repr(value))} is not a whole "
                "number; write its digits, without a decimal point or an exponent",
                str(path),
                *line_of(("limits", key)),
            )


def _rule_dirs_hold_rules(data: dict[str, Any], path: Path, line_of: Locate) -> None:
    """A rule directory that loads nothing is a misconfiguration (a misspelt name, the rules
    moved away): its rules would never run, and nothing would say so."""
    from resilint.rules import YAML_SUFFIXES, rule_files

    names = ", ".join("*" + suffix for suffix in YAML_SUFFIXES)
    for index, value in enumerate(data.get("rule_dirs", ())):
        directory = path.parent / value
        problem = ""
        if not directory.is_dir():
            problem = "does not exist" if not directory.exists() else "is not a directory"
        elif not rule_files(directory):
            problem = f"holds no rule file ({names}, in it or below, not hidden)"
        else:
            problem = _rule_file_left_out(directory)
        if problem:
            raise ConfigError(
                f"invalid configuration: rule_dirs.{index}: '{printable(value)}' {problem}",
                str(path),
                *line_of(("rule_dirs", index)),
            )


def _rule_file_left_out(directory: Path) -> str:
    """What a sparse checkout leaves out of the rule directory ``directory``: a rule file git
    tracks there that is not in the work tree would not run, and no other check names it when
    the configuration's ``exclude`` covers the directory (documents left out are FILE-06)."""
    from resilint.gittree import left_out_of_checkout
    from resilint.rules import YAML_SUFFIXES
    from resilint.userfiles import work_tree

    top = work_tree(directory.resolve())
    if top is None or not directory.resolve().is_relative_to(top):
        return ""
    below = directory.resolve().relative_to(top).as_posix()
    prefix = "" if below == "." else below + "/"
    for where in sorted(left_out_of_checkout(top)):
        inside = where[len(prefix) :]
        if not where.startswith(prefix) or any(n.startswith(".") for n in inside.split("/")):
            continue
        if where.lower().endswith(YAML_SUFFIXES) and not os.path.lexists(top / where):
            return (
                f"lacks its rule file {printable(inside)}: git tracks it, but this sparse "
                "checkout leaves it out of the work tree, so its rules would not run; check it "
                "out (git sparse-checkout add), or leave the check to CI, which checks out "
                "everything"
            )
    return ""


def _istoml_tables(path: Path) -> bool:
    """pyproject.toml, or any file named .toml on the command line: its [tool.resilint] table."""
    return path.suffix.lower() == ".toml"


_OF_THE_VALUE = frozenset({"type", "enum", "const"})
"""Schema errors about the value as a whole, shown where it starts, whatever its type."""


class Locate(Protocol):
    """The file's line and column of a place in it: of the value (where it starts on its key's
    line, else of its key), or of the key itself where ``on_key`` (an unknown name), or of the
    value wherever it starts where ``at_value`` (a value of the wrong type: a list or mapping
    is no less the value than a number, ``rules: [X]`` is shown at ``[X]``)."""

    def __call__(
        self, where: tuple[Any, ...], on_key: bool = False, at_value: bool = False
    ) -> tuple[int, int]: ...


def _read_yaml(path: Path) -> tuple[dict[str, Any], Locate]:
    refused = outside(path, real(path.parent))
    if refused is not None:
        raise ConfigError(f"{refused.code} {refused.message}", str(path), 1, 1)
    text = read_text(path, Limits())
    if not isinstance(text, Finding):
        _no_hidden_characters(text, path, lambda line: True)  # a comment's too: it hides lines
    loaded = text if isinstance(text, Finding) else placed_mapping(path, text, Limits())
    if isinstance(loaded, Finding):
        read_as = (
            ""
            if path.suffix.lower() in (".yaml", ".yml")
            else " (a configuration is read as YAML, or as TOML when its name ends in .toml)"
        )
        message = f"{loaded.code} {loaded.message}{read_as}"
        raise ConfigError(message, str(path), loaded.line, loaded.column)
    data, place = loaded

    def line_of(
        where: tuple[Any, ...], on_key: bool = False, at_value: bool = False
    ) -> tuple[int, int]:
        if at_value and where and not on_key:
            return _value_start(text, where) or line_of(where)
        if on_key or len(where) != 1:
            return place(where, on_key)
        # a top-level setting: its value where it is written on the key's line (fail_on:
        # sometimes), else the key (a block of rules below it starts on the next line)
        key, value = place(where, True), place(where, False)
        return value if value[0] == key[0] else key

    return data, line_of


def _value_start(text: str | Finding, where: tuple[Any, ...]) -> tuple[int, int] | None:
    """Where the value ``where`` names starts, a mapping's or list's too (composed: asked on
    an error only)."""
    from resilint.load import compose_text
    from resilint.locate import find_node

    if isinstance(text, Finding):
        return None
    roots = compose_text(text, Limits())
    if len(roots) != 1:
        return None
    mark = find_node(roots[0], where, on_key=False, at_value=True).start_mark
    return (mark.line + 1, mark.column + 1) if mark else None


def _read_pyproject(path: Path) -> tuple[dict[str, Any], Locate]:
    data = read_guarded(path)
    if isinstance(data, Refusal):
        raise ConfigError(f"{data.code} {data.message}", str(path), 1, 1)
    try:
        text = data.decode("utf-8")
        tool = toml_tables(text).get("tool")
    except (ValueError, RecursionError) as exc:
        reason = "it nests too deeply" if isinstance(exc, RecursionError) else str(exc)
        if data.startswith(b"\xef\xbb\xbf"):  # an editor's UTF-8 BOM, which TOML does not allow
            reason = "it starts with a byte order mark (U+FEFF); save it as UTF-8 without one"
        at = re.search(r"at line (\d+), column (\d+)", reason)
        line, column = (int(at.group(1)), int(at.group(2))) if at else (1, 1)
        message = f"cannot read the configuration: {reason}"
        raise ConfigError(message, str(path), line, column) from None
    table = _plain(tool["resilint"]) if isinstance(tool, dict) and "resilint" in tool else None
    if not isinstance(table, dict):
        # named on the command line (a search takes only a file with the table): never
        # the built-in defaults in silence
        missing = "has no [tool.resilint] table" if table is None else "has no table there"
        raise ConfigError(
            f"cannot read the configuration: this file {missing}; resilint's settings in a "
            "TOML file go in a [tool.resilint] table (or use a resilint.yaml)",
            str(path),
        )
    lines = text.split("\n")  # as positions count them (splitlines breaks at U+0085 too)
    keys = _resilint_keys(lines)
    _no_hidden_characters(text, path, lambda line: keys[line - 1] is not None)
    # TOML allows C1 controls (U+0080-U+009F) in comments and strings; resilint's settings hold
    # none, as its YAML cannot (the other lines are other tools', blanked to keep the places)
    ours = "\n".join(line if keys[n] is not None else "" for n, line in enumerate(lines))
    control = control_character(ours, "in resilint's settings")
    if control is not None:
        message = f"{control.code} {control.message}"
        raise ConfigError(message, str(path), control.line, control.column)
    start = next((n for n, key in enumerate(keys) if key is not None), 0)

    def line_of(
        where: tuple[Any, ...], on_key: bool = False, at_value: bool = False
    ) -> tuple[int, int]:
        # TOML parsers keep no positions: find the line that sets the key in resilint's table
        # (the innermost key named, under its top-level setting), and the value after its =.
        key = str(where[0]) if where else ""
        rows = [n for n, k in enumerate(keys) if key and k == key]
        found = rows[0] if rows else start
        for part in where[1:]:  # each key named below it, in order: a table's, then its key's
            if isinstance(part, str):
                below = [n for n in rows if n >= found]
                found = next((n for n in below if part in _names(lines[n])), found)
        return found + 1, _column(lines[found], on_key)

    return table, line_of


def _names(line: str) -> tuple[str, ...]:
    """The names a TOML line's table header or key spells (``("tool", "resilint", "rules",
    "IAM-02")``, ``("level",)``)."""
    stripped = line.strip()
    if stripped.startswith("["):
        return _toml_path(stripped) or ()
    matched = _TOML_KEY.match(line)
    return (_toml_path(f"{matched.group(1)} = 0") or ()) if matched else ()


def _column(line: str, on_key: bool) -> int:
    """The column of the value a TOML line sets, after its ``=`` (of its key where
    ``on_key``); 1 on a line that sets none (a table's header)."""
    matched = _TOML_KEY.match(line)
    if matched is None or on_key:
        return len(line) - len(line.lstrip()) + 1 if matched else 1
    after = line[matched.end() :]
    return matched.end() + len(after) - len(after.lstrip()) + 1


def _no_hidden_characters(text: str, path: Path, settings: Callable[[int], bool]) -> None:
    """A bidirectional or invisible character as itself on a line of ``settings`` (ENC-03)."""
    for hidden in hidden_characters(text):
        if settings(hidden.line):
            message = f"{hidden.code} {hidden.message}"
            raise ConfigError(message, str(path), hidden.line, hidden.column)


_TOML_KEY = Lazy(  # read only for a pyproject.toml: compiled when first used
    r"""\s*((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
    r"""(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*="""
)
RESILINT_TABLE = ("tool", "resilint")


def _resilint_keys(lines: list[str]) -> list[str | None]:
    """For each line of a TOML file, whether it is part of resilint's settings: None where not;
    else the top-level setting it writes ("" for a table's header or a line that writes
    none). TOML spells the table in many ways: ``[tool.resilint]``, ``[ tool . "resilint" ]``,
    ``[tool.resilint.rules]``, a dotted key ``tool.resilint.fail_on = ...`` at the top level or
    ``resilint.fail_on`` under ``[tool]``, an inline ``tool = {resilint = {...}}``; each is
    read as the parser reads it, so that an invisible character or an error's line is found in
    the table however it was spelt. A line that continues a value (a list over several lines)
    or a comment belongs where the line before it does."""
    table: tuple[str, ...] = ()
    keys: list[str | None] = []
    current: str | None = None
    within = ""  # the delimiter of a multi-line string the line starts in: its text, no header
    for line in lines:
        inside, within = within, _string_after(line, within)
        if inside:
            keys.append(current)
            continue
        stripped = line.strip()
        header = _toml_path(stripped) if stripped.startswith("[") else None
        if header is not None:
            table = header
            current = "" if header[:2] == RESILINT_TABLE else None
            if len(header) > 2 and current is not None:
                current = header[2]
        else:
            matched = _TOML_KEY.match(line)
            dotted = _toml_path(f"{matched.group(1)} = 0") if matched else None
            if dotted is not None:
                full = (*table, *dotted)
                if full[:2] == RESILINT_TABLE:
                    current = full[2] if len(full) > 2 else ""
                elif RESILINT_TABLE[: len(full)] == full:  # tool = {resilint = {...}}
                    current = ""
                elif table[:2] != RESILINT_TABLE:
                    current = None
        keys.append(current)
    return keys


def _string_after(line: str, within: str) -> str:
    """The multi-line string (its delimiter, ``\"\"\"`` or ``'''``) still open at the end of
    ``line``, which starts within ``within`` ("" where in none): its lines are text, so a
    ``[tool.other]`` in one is no header."""
    i, end = 0, len(line)
    while i < end:
        if within:
            close = _closing(line, i, within)
            if close < 0:
                return within
            i, within = close, ""
            continue
        char = line[i]
        if char == "#":
            break
        if line.startswith(('"""', "'''"), i):
            within, i = line[i : i + 3], i + 3
        elif char in "\"'":
            close = _closing(line, i + 1, char)
            i = end if close < 0 else close
        else:
            i += 1
    return within


def _closing(line: str, start: int, delimiter: str) -> int:
    """Where the string ``delimiter`` closes, from ``start``, and past it; -1 where it does
    not on this line (a basic string's escapes skipped; quotes before the closing three are
    the text's)."""
    i = start
    while i < len(line):
        if delimiter[0] == '"' and line[i] == "\\":
            i += 2
            continue
        if line.startswith(delimiter, i):
            if len(delimiter) == 1:
                return i + 1
            while i < len(line) and line[i] == delimiter[0]:  # """"": two quotes of the text
                i += 1
            return i
        i += 1
    return -1


def _toml_path(line: str) -> tuple[str, ...] | None:
    """The dotted name a TOML table header (``[a . "b"]``, ``[[a.b]]``) or key line
    (``a.b = 0``) names, as the parser reads it; None where the line is neither."""
    try:
        node: Any = toml_tables(line)
    except ValueError:
        return None
    path: list[str] = []
    while isinstance(node, dict) and len(node) == 1:
        ((name, node),) = node.items()
        path.append(name)
        if isinstance(node, list):
            node = node[-1] if node else {}
    return tuple(path) if path else None


def _clip(text: str, most: int = 300) -> str:
    """A message that quotes a value: a 4,000-digit number is not repeated in full."""
    return text if len(text) <= most else f"{text[: most - 40]}... ({len(text):,} characters)"


def _plain(value: Any) -> Any:
    """TOML's values as YAML's: a date (``as_of = 2026-11-26``, TOML's own date) becomes the
    text resilint's YAML reader gives for one, and so does a date-time or a time, which the
    schema then reports, instead of the validator failing on a type it does not know."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.time)):  # a datetime is a date too
        return value.isoformat()
    return value


def _schema_of(error: jsonschema.ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _explain(error: jsonschema.ValidationError) -> str:
    parts = ".".join(str(p) for p in error.absolute_path)
    where = f"{parts}: " if parts else ""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "propertyNames" in error.schema_path and isinstance(error.validator_value, list):
        known = [str(name) for name in error.validator_value]
        hint = did_you_mean(str(error.instance), known)
        return f"{where}unknown name '{error.instance}'{hint}; names: {', '.join(known)}"
    if error.validator == "pattern" and error.validator_value == codes.SELECTOR_PATTERN:
        return f"{where}{codes.not_a_selector(str(error.instance))}"
    if error.validator == "pattern" and list(error.absolute_path)[-1:] == ["basis"]:
        kinds = ", ".join(BASIS_KINDS)
        return f"{where}{error.instance!r} does not start with what requires the term: {kinds}"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in known]
        hints = [f"'{key}'" + did_you_mean(key, known) for key in unknown]
        return f"{where}unknown setting {', '.join(hints)}; settings: {', '.join(known)}"
    if error.validator == "maximum" and list(error.absolute_path)[:1] == ["limits"]:
        return (
            f"{where}{_clip(repr(error.instance))} is more than resilint allows "
            f"({error.validator_value:,}): a limit that high no longer protects the machine "
            "from a hostile file; check the repository in parts instead"
        )
    from resilint.value_errors import worded  # an invalid configuration's words only

    return f"{where}{worded(error)}"


def describe(config: Config, switched_on: Mapping[str, str] | None = None) -> str:
    """The merged configuration and where each value came from, for ``resilint config``;
    ``switched_on``: the profiles the repository's Entities switch on, and by which."""
    extra = {p: why for p, why in (switched_on or {}).items() if p not in config.profiles}
    shown = {
        "exclude": list(config.exclude),
        "fail_on": config.fail_on,
        "profiles": [*config.profiles, *extra],
        "select": list(dict.fromkeys(config.selected)),
        "ignore": list(dict.fromkeys((*config.ignore, *config.command_ignore))),
        "per_file_ignores": {pattern: list(codes) for pattern, codes in config.per_file_ignores},
        "rules": {
            code: {
                k: v.label if isinstance(v, Level) else v  # as written: warning, not 2
                for k, v in dataclasses.asdict(s).items()
                if v is not None
            }
            for code, s in config.rules.items()
        },
        "rule_dirs": [str(d) for d in config.rule_dirs],
        "suppressions": {
            "forbid_inline": list(config.forbid_inline),
            "require_expiry": config.require_expiry,
        },
        "baseline": str(config.baseline) if config.baseline else None,
        "limits": dataclasses.asdict(config.limits),
        "as_of": config.as_of.isoformat() if config.as_of else None,
        "critical_levels": list(config.definitions.critical_levels),
        "requirements": dict(config.definitions.requirements),
    }
    origin = dict(config.origins)
    if extra:
        origin["profiles"] = "; ".join(
            [origin.get("profiles", "default"), *(f"{p}: {why}" for p, why in extra.items())]
        )
    lines = [
        f"# configuration: {config.source or 'none found (built-in defaults)'}",
        f"# repository root: {config.root}",
    ]
    for key, value in shown.items():
        rendered = json.dumps(value, default=str)
        lines.append(f"{key}: {rendered}  # {origin.get(key, 'default')}")
    return "\n".join(lines) + "\n"


def _from_data(data: dict[str, Any], path: Path) -> Config:
    root = path.parent
    limits = dataclasses.replace(Limits(), **data.get("limits", {}))
    rules = {
        code: RuleSettings(
            Level.parse(spec["level"]) if "level" in spec else None, spec.get("params")
        )
        for code, spec in data.get("rules", {}).items()
    }
    suppressions = data.get("suppressions", {})
    named = (
        *((("select", i), code) for i, code in enumerate(data.get("select", ()))),
        *((("ignore", i), code) for i, code in enumerate(data.get("ignore", ()))),
        *((("rules", code), code) for code in data.get("rules", {})),
        *(
            (("suppressions", "forbid_inline", i), code)
            for i, code in enumerate(suppressions.get("forbid_inline", ()))
        ),
        *(
            (("per_file_ignores", pattern, i), code)
            for pattern, codes in data.get("per_file_ignores", {}).items()
            for i, code in enumerate(codes)
        ),
    )
    return Config(
        root=root,
        source=path,
        exclude=tuple(data.get("exclude", ())),
        fail_on=data.get("fail_on", "error"),
        limits=limits,
        profiles=tuple(data.get("profiles", ("baseline",))),
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        per_file_ignores=tuple(
            (pattern, tuple(codes)) for pattern, codes in data.get("per_file_ignores", {}).items()
        ),
        rules=rules,
        rule_dirs=tuple(root / d for d in data.get("rule_dirs", ())),
        forbid_inline=tuple(suppressions.get("forbid_inline", ())),
        require_expiry=bool(suppressions.get("require_expiry", False)),
        baseline=root / data["baseline"] if "baseline" in data else None,
        as_of=datetime.date.fromisoformat(data["as_of"]) if "as_of" in data else None,
        definitions=Definitions(
            tuple(data.get("critical_levels", DEFAULT_CRITICAL_LEVELS)),
            data.get("requirements", {}),
        ),
        named=named,
    )
