"""Rule files to rules: each file read (safely, positions kept) and validated against
``schemas/rule-file.json``, then its rules compiled (:mod:`.compiler`); a file unchanged since
its last compilation comes from the stored copy, its declarative rules compiled when they first
have documents to run on."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilint.errors import ConfigError
from resilint.findings import Finding, JsonPath
from resilint.limits import Limits
from resilint.load import load_mapping
from resilint.locate import find_node
from resilint.rules.model import Rule, RuleContext, RuleInfo, describe, read_as_days
from resilint.rules.python import PythonCheck, PythonRule
from resilint.rules.site import Site
from resilint.rules.stored import Locate, StoredRules, kept_copy
from resilint.schemas import SchemaSet
from resilint.suggest import did_you_mean

if TYPE_CHECKING:
    from yaml.nodes import Node


def load_rule_file(
    path: Path,
    schemas: SchemaSet,
    checks: Mapping[str, PythonCheck],
    stored: StoredRules | None = None,
    installed: bool = False,
) -> list[Rule]:
    """The rules of one file; from the data kept in ``stored`` when the file is unchanged
    (one of resilint's own, ``installed``, told by its stat)."""
    key = stored.key(path, installed) if stored is not None else None
    kept = stored.get(key) if stored is not None else None
    if kept is not None:
        data, known, aware = kept
        return _compile_lazily(path, data, schemas, checks, _known_or_read(path, known), aware)
    data, root = _read_rule_file(path, schemas)
    copy = kept_copy(data) if stored is not None else None  # before compiling reads it
    asked: dict[JsonPath, tuple[int, int]] = {}

    def locate(where: JsonPath) -> tuple[int, int]:
        node = find_node(root, where, on_key=False)
        asked[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        return asked[where]

    rules = _compile_all(path, data, schemas, checks, locate)
    if stored is not None and copy is not None:
        stored.put(key, copy, asked, [rule.info.time_aware for rule in rules])
    return rules


def _compile_all(
    path: Path,
    data: dict[str, Any],
    schemas: SchemaSet,
    checks: Mapping[str, PythonCheck],
    locate: Locate,
) -> list[Rule]:
    return [
        _compile(path, rule, i, schemas, checks, locate) for i, rule in enumerate(data["rules"])
    ]


def _compile(
    path: Path,
    rule: dict[str, Any],
    number: int,
    schemas: SchemaSet,
    checks: Mapping[str, PythonCheck],
    locate: Locate,
    checked: bool = False,
) -> Rule:
    # the compiler and the rule language's modules are imported by a run that compiles a rule:
    # one that keeps the rules' findings (the pre-commit hook's, mostly) compiles none
    from resilint.rules.compiler import RuleCompiler

    site = Site(str(path), locate, checked=checked)
    return RuleCompiler(schemas, site, checks).compile(rule, ("rules", number))


def _compile_lazily(
    path: Path,
    data: dict[str, Any],
    schemas: SchemaSet,
    checks: Mapping[str, PythonCheck],
    locate: Locate,
    aware: list[bool],
) -> list[Rule]:
    """The rules of a file that compiled before, unchanged since: a declarative rule is
    compiled when it first has documents to run on (a check served from the cache runs none);
    its description is what compiling it gave, ``time_aware`` included."""
    rules: list[Rule] = []
    site = Site(str(path), locate, checked=True)
    for i, rule in enumerate(data["rules"]):
        where = ("rules", i)
        if "check" in rule:  # a Python check is named now: installed plug-ins are looked up
            check = checks.get(rule["check"])
            if check is None:  # no longer installed: the compiler says so, as at first
                rules.append(_compile(path, rule, i, schemas, checks, locate))
                continue
            kind = rule.get("applies_to", {}).get("kind")
            info = describe(rule, site, where, time_aware=aware[i], kind=kind)
            rules.append(PythonRule(info, check))
            continue
        kind = str(rule["select"])
        info = describe(rule, site, where, time_aware=aware[i], kind=kind)
        build = partial(_compile, path, rule, i, schemas, checks, locate, checked=True)
        rules.append(LazyRule(info, build, _deferring(rule)))
    return rules


def _deferring(rule: dict[str, Any]) -> tuple[str, ...]:
    """The rules a declarative rule's requirements leave their gaps to (``unless_reported_by``),
    each once, read from its data as it compiled before (as
    :attr:`resilint.rules.declarative.DeclarativeRule.asks` says it once compiled)."""
    require = rule.get("require")
    specs = [s for s in require if isinstance(s, dict)] if isinstance(require, list) else []
    return tuple(dict.fromkeys(c for s in specs for c in s.get("unless_reported_by") or ()))


class LazyRule:
    """A declarative rule compiled on its first run over documents of its kind."""

    def __init__(
        self, info: RuleInfo, build: Callable[[], Rule], asks: tuple[str, ...] = ()
    ) -> None:
        self._info = info
        self._build = build
        self._rule: Rule | None = None
        self.asks = asks
        """The rules its requirements leave their gaps to, known without compiling it."""

    @property
    def info(self) -> RuleInfo:
        return self._info

    def run(self, context: RuleContext) -> Iterator[Finding]:
        if not context.index.of_kind(self._info.kind or ""):
            return iter(())  # what the rule finds among no documents
        return self.compiled().run(context)

    def compiled(self) -> Rule:
        """The rule itself, compiled now if it was not yet (a reader of its conditions)."""
        if self._rule is None:
            self._rule = self._build()
        return self._rule


def _read_rule_file(path: Path, schemas: SchemaSet) -> tuple[dict[str, Any], Node]:
    """The file's data, validated against ``rule-file.json``, and its root node."""
    loaded = load_mapping(path, Limits())
    if isinstance(loaded, Finding):
        raise ConfigError(f"{loaded.code} {loaded.message}", str(path), loaded.line, loaded.column)
    data, root = loaded
    if data.get("rules", None) in (None, []) and set(data) <= {"rules"}:
        mark = find_node(root, ("rules",), on_key=True).start_mark if data else None
        raise ConfigError(
            "the rule file holds no rules: list them under `rules:` (see the rule language's "
            "documentation, docs/rule-language.md), or delete the file; every YAML file in a "
            "`rule_dirs` directory is read as a rule file",
            str(path),
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
        )
    schema = schemas.schema_by_id("rule-file.json")
    errors = (
        []
        if schemas.is_valid_for(schema, data)
        else schemas.validator_for(schema).iter_errors(data)
    )
    found: dict[tuple[int, int, str], ConfigError] = {}
    errors = list(errors)
    for error in errors:
        if error.validator == "enum" and "propertyNames" in error.schema_path:
            continue  # an unknown operator: the compiler names it at its key, with the operators
        if _misspelt_there(error, errors):
            continue  # 'level' missing where 'levle' is written: the unknown key says it
        from resilint.value_errors import worded  # an invalid rule file's words only

        where = tuple(error.absolute_path)
        field = ".".join(str(p) for p in where)
        unknown = _unknown_key(error, where)
        message, where = unknown or (worded(error), where)
        mark = find_node(root, where, on_key=unknown is not None).start_mark  # None: empty file
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        text = f"invalid rule file: {field + ': ' if field else ''}{message}"
        found.setdefault((line, column, text), ConfigError(text, str(path), line, column))
        if len(found) == MOST_ERRORS:
            break
    if found:
        first, *rest = (found[key] for key in sorted(found))
        first.also = tuple(rest)
        raise first
    _misspelt_profiles(path, data, root)
    _unusable_params(path, data, root)
    return data, root


MOST_ERRORS = 20
"""Problems of one rule file said at most: each at its place, in the file's order."""


def _misspelt_there(error: Any, errors: list[Any]) -> bool:
    """Whether a required key the error says is missing is written misspelt in the same
    mapping (``levle:`` for ``level``): the unknown key's error says so, with the key meant."""
    if error.validator != "required" or not isinstance(error.instance, dict):
        return False
    from resilint.suggest import distance

    missing = [  # one error a key missing; the library names it first in its message
        key
        for key in error.validator_value
        if key not in error.instance and error.message.startswith(repr(key))
    ]
    written = [
        str(key)
        for other in errors
        if other.validator == "additionalProperties"
        and tuple(other.absolute_path) == tuple(error.absolute_path)
        for key in error.instance
        if key not in other.schema.get("properties", {})
    ]
    return bool(missing) and all(
        any(distance(key, typed) <= 2 for typed in written) for key in missing
    )


def _unknown_key(error: Any, where: JsonPath) -> tuple[str, JsonPath] | None:
    """A key the rule file's schema does not know (``selct: Contract``), said at its own line
    with the key meant, rather than as the schema library words it at the rule's first line."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return None
    known = error.schema.get("properties", {})
    unknown = [key for key in error.instance if key not in known]
    if not unknown or error.schema.get("patternProperties"):
        return None
    key = str(unknown[0])
    keys = ", ".join(sorted(known))
    return f"unknown key '{key}'{did_you_mean(key, known)}; keys: {keys}", (*where, key)


def _unusable_params(path: Path, data: dict[str, Any], root: Node) -> None:
    """A rule's own parameter past what it can use (``max_age_days: 1e308``) is an error at its
    line, as the configuration's override would be: the rule would never report anything."""
    from resilint.domain.tiers import stray_tier
    from resilint.selection import unusable

    for i, rule in enumerate(data.get("rules", [])):
        params = rule.get("params") if isinstance(rule, dict) else None
        by_tier = _read_by_tier(rule)
        counted = read_as_days(rule)
        for name, value in (params or {}).items() if isinstance(params, dict) else ():
            wrong = unusable(str(rule.get("code")), str(name), value, None)
            if wrong is None and name in counted:
                wrong = no_days(value)
            if wrong is None and name in by_tier and isinstance(value, dict):
                stray = stray_tier(value)
                wrong = None if stray is None else ((stray[0],), f"{name}: {stray[1]}")
            if wrong is None:
                continue
            where = ("rules", i, "params", name, *wrong[0])
            mark = find_node(root, where, on_key=False).start_mark
            raise ConfigError(
                f"invalid rule file: {'.'.join(str(p) for p in where)}: {wrong[1]}",
                str(path),
                mark.line + 1 if mark else 1,
                mark.column + 1 if mark else 1,
            )


def no_days(value: Any) -> tuple[tuple[Any, ...], str] | None:
    """Where and why a parameter read as a count of days (each entry of a table by tier) is
    none, or None."""
    from resilint.quoting import shown
    from resilint.rules.expressions import not_days

    entries = value.items() if isinstance(value, dict) else [((), value)]
    for key, item in entries:
        if isinstance(item, dict) or not_days(item) is not None:
            return (key,) if key != () else (), (
                f"the rule reads it as a count of days, a whole number of 0 or more (90), and "
                f"{shown(item)} is none"
            )
    return None


def _read_by_tier(node: Any) -> set[str]:
    """The parameters a rule reads as a table by tier: ``{param: NAME, by: <kind>.<..>tier}``
    (``by: contract.effective_tier``), anywhere in the rule."""
    found: set[str] = set()
    if isinstance(node, dict):
        by, name = node.get("by"), node.get("param")
        if isinstance(by, str) and by.endswith("tier") and isinstance(name, str):
            found.add(name)
        for value in node.values():
            found |= _read_by_tier(value)
    elif isinstance(node, list):
        for item in node:
            found |= _read_by_tier(item)
    return found


def _misspelt_profiles(path: Path, data: dict[str, Any], root: Node) -> None:
    """A rule's profile a letter or two off a built-in one (``basline``) is an error at its
    line: a profile of one's own is on only where the configuration selects the rule (by code
    or group; ``profiles:`` takes the built-in ones alone), so the rule would load, be listed
    and tested, and never run, with nothing said."""
    from resilint.rules.model import PROFILES
    from resilint.suggest import distance

    for i, rule in enumerate(data.get("rules", [])):
        for j, profile in enumerate(rule.get("profiles", []) if isinstance(rule, dict) else []):
            if not isinstance(profile, str) or profile in PROFILES:
                continue
            close = [p for p in PROFILES if distance(profile, p) <= 2]
            if close:
                mark = find_node(root, ("rules", i, "profiles", j), on_key=False).start_mark
                raise ConfigError(
                    f"invalid rule file: rules.{i}.profiles.{j}: '{profile}' is not a profile "
                    f"(did you mean '{close[0]}'?); a profile of your own makes the rule run "
                    "only where the configuration selects its code or group",
                    str(path),
                    mark.line + 1 if mark else 1,
                    mark.column + 1 if mark else 1,
                )


def _known_or_read(path: Path, known: dict[JsonPath, tuple[int, int]]) -> Locate:
    """Positions kept from the file's last compilation; any other is read from the file."""

    def locate(where: JsonPath) -> tuple[int, int]:
        if where not in known:
            loaded = load_mapping(path, Limits())
            if isinstance(loaded, Finding):  # changed since it was read: its start, at least
                return 1, 1
            node = find_node(loaded[1], where, on_key=False)
            known[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        return known[where]

    return locate
