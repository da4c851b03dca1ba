"""Which rules run: the configured profiles, profiles our entities' regimes switch on, plus
``select``, minus ``ignore``; the command line's ``--select``, ``--extend-select`` and
``--ignore`` merged last, as ruff merges them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn

from resilint import codes
from resilint.config import Config
from resilint.core_checks import CORE_CHECKS
from resilint.domain.readers import strings
from resilint.domain.regimes import PROFILES_OF_REGIME, REGIME_OF_PROFILE, REGIMES
from resilint.domain.tiers import is_tier_table, stray_tier
from resilint.errors import ConfigError, UsageError
from resilint.model import Index
from resilint.quoting import quoted
from resilint.rules import Rule
from resilint.suggest import did_you_mean


def active_profiles(config: Config, index: Index) -> frozenset[str]:
    """Configured profiles, and any regime an Entity declares (dora, nis2, nydfs)."""
    return frozenset(profile_origins(config, index))


def profile_origins(config: Config, index: Index) -> dict[str, str]:
    """Each profile in effect and where it came from: the configuration (or the defaults), or
    the regimes of an Entity, which switch a profile on for the documents under that entity."""
    origins = {p: config.origins.get("profiles", "default") for p in config.profiles}
    for regime in [p for p in config.profiles if p in PROFILES_OF_REGIME]:
        for companion in PROFILES_OF_REGIME[regime]:
            origins.setdefault(companion, f"with {regime} ({origins[regime]})")
    if not config.entity_regimes:
        return origins
    for entity in index.of_kind("Entity"):
        for regime in strings(entity.data.get("regimes")):
            for profile in PROFILES_OF_REGIME.get(regime, ()) if regime in REGIMES else ():
                origins.setdefault(
                    profile,
                    f"regimes of Entity {entity.id} ({entity.path}), for the documents under it",
                )
    return origins


def select_rules(rules: Iterable[Rule], config: Config, index: Index) -> list[Rule]:
    profiles = active_profiles(config, index)
    return [rule for rule in rules if _chosen(rule, profiles, config)]


def law_rules_off(
    rules: Iterable[Rule], selected: Iterable[Rule], config: Config, index: Index
) -> tuple[str, ...]:
    """The codes of the rules of a regime in effect (DORA's, its register's, NIS2's, NYDFS's:
    an Entity's ``regimes`` or the configured profiles switch them on) that ``ignore`` (the
    file's or ``--ignore``) turns off: what the law asks of the programme, not checked. A run
    asking for exactly some rules (``--select``) names what it wants: none."""
    if exactly_selected(config):
        return ()
    profiles = active_profiles(config, index) & frozenset(REGIME_OF_PROFILE)
    ran = {rule.info.code for rule in selected}
    ignored = (*config.ignore, *config.command_ignore)
    return tuple(
        sorted(
            rule.info.code
            for rule in rules
            if rule.info.code not in ran
            and not profiles.isdisjoint(rule.info.profiles)
            and codes.naming(ignored, rule.info.code) >= 0
        )
    )


def law_rules_on(selected: Iterable[Rule], config: Config, index: Index) -> tuple[str, ...]:
    """The codes of the rules that run of a regime in effect (as :func:`law_rules_off` reads
    it): those a rule's level set below ``fail_on`` or ``per_file_ignores`` may still keep from
    failing the gate, which every report says (:func:`resilint.run_notes.law_gate_notes`)."""
    profiles = active_profiles(config, index) & frozenset(REGIME_OF_PROFILE)
    return tuple(
        sorted(rule.info.code for rule in selected if not profiles.isdisjoint(rule.info.profiles))
    )


def law_patterns(on: Sequence[str], config: Config, paths: Iterable[str]) -> tuple[str, ...]:
    """The ``per_file_ignores`` patterns that name a rule of a regime in effect that runs
    (``on``) and cover a file holding a document (``paths``, as shown): where the law's rules
    are off for some files. A pattern that covers none turns nothing off."""
    named = [(p, c) for p, c in config.per_file_ignores if any(codes.any_names(c, x) for x in on)]
    if not named:
        return ()
    import os
    from pathlib import Path

    from resilint.wildmatch import Patterns  # only for a configuration that names such rules

    top = config.root.absolute()
    shown = {Path(os.path.relpath(Path(p).absolute(), top)).as_posix() for p in paths}
    relative = [p for p in shown if not p.startswith("../")]
    return tuple(
        pattern
        for pattern, _ in named
        if any(Patterns([pattern]).covering(path) for path in relative)
    )


def require_rules(selected: Sequence[Rule], config: Config) -> None:
    """A run in which no rule runs checks schemas and references alone, and passes whatever
    gaps the programme has: refused, naming the setting that leaves none (``profiles: []``
    with nothing selected). A selection that names a built-in check (``select: [SCH]``,
    ``--select SCH-01``) asks for the built-in checks alone: that run is what it asks for."""
    if selected or any(codes.named_by(s, CORE_CHECKS) for s in config.selected):
        return
    chosen = "; ".join(
        f"{key}: [{', '.join(value)}]"
        for key, value in (("profiles", config.profiles), *_selectors(config))
        if value or key == "profiles"
    )
    message = (
        f"no rule would run ({chosen}): only schemas and references would be checked, and the "
        "run would pass whatever gaps the programme has. Name the profiles to run (profiles: "
        "[baseline], with dora, nis2 or nydfs) or rules (select: [CTR]); to run the built-in "
        "checks alone, name them (select: [SCH])"
    )
    where = next((key for key in ("profiles", "ignore") if from_file(config, key)), None)
    if where is None or exactly_selected(config):
        raise UsageError(message)
    _refuse(config, (where,), message)


def _selectors(config: Config) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return (
        ("select", config.selected),
        ("ignore", (*config.ignore, *config.command_ignore)),
    )


def from_file(config: Config, key: str) -> bool:
    """Whether the configuration file gave ``key`` (not the defaults, not the command line)."""
    origin = config.origins.get(key, "default")
    return origin != "default" and not origin.startswith("command line")


def _chosen(rule: Rule, profiles: frozenset[str], config: Config) -> bool:
    """As ruff decides: the most specific of the profiles (least), a group (``REG``) and a
    whole code (``REG-12``) that name the rule decides, and ``ignore`` at equal specificity;
    then the command line's ``--extend-select`` and ``--ignore`` likewise, over that."""
    code = rule.info.code
    on = -1 if profiles.isdisjoint(rule.info.profiles) else 0
    chosen = max(on, codes.naming(config.select, code)) > codes.naming(config.ignore, code)
    late_on = codes.naming(config.command_select, code)
    late_off = codes.naming(config.command_ignore, code)
    return chosen if late_on == late_off == -1 else late_on > late_off


@dataclasses.dataclass(frozen=True)
class CommandLine:
    """The rule selection given on the command line (codes and groups of codes, each option
    repeatable)."""

    select: tuple[str, ...] = ()
    """Exactly these rules: the profiles, the file's select and ignore and the Entities'
    regimes no longer choose."""
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return (*self.select, *self.extend_select, *self.ignore)


def command_line(options: Mapping[str, Any]) -> CommandLine:
    """The selection among a command's parsed options (click's, or those parsed without it)."""
    return CommandLine(
        options.get("select", ()), options.get("extend_select", ()), options.get("ignore", ())
    )


def split_codes(values: Iterable[str]) -> tuple[str, ...]:
    """An option's rule codes as typed: repeatable, comma-separated, any case
    (``--select ctr-08,REG --select INS-01``), each once, in order."""
    split = (code.strip().upper() for value in values for code in value.split(","))
    return tuple(dict.fromkeys(code for code in split if code))


EXACTLY = "command line (--select)"
"""Where the selection comes from when the command line asks for exactly some rules."""


def exactly_selected(config: Config) -> bool:
    """Whether this run asks for exactly some rules (``--select``): the others not running is
    what it asks for."""
    return config.origins.get("select") == EXACTLY


def with_command_line(config: Config, line: CommandLine) -> Config:
    """The configuration with the command line's selection merged last (defaults < file <
    command line); ``resilint config`` shows where each value came from."""
    origins = dict(config.origins)
    if line.select:  # exactly these: one layer, decided as the file's is
        config = dataclasses.replace(
            config,
            profiles=(),
            select=_unique(line.select, line.extend_select),
            ignore=line.ignore,
            entity_regimes=False,
        )
        for key in ("profiles", "select", "ignore"):
            origins[key] = EXACTLY  # emptied, or named
        if line.ignore:
            origins["ignore"] = "command line (--ignore)"
        return dataclasses.replace(config, origins=origins)
    if line.extend_select:
        config = dataclasses.replace(config, command_select=_unique(line.extend_select))
        origins["select"] = _and(origins.get("select"), "command line (--extend-select)")
    if line.ignore:
        config = dataclasses.replace(config, command_ignore=_unique(line.ignore))
        origins["ignore"] = _and(origins.get("ignore"), "command line (--ignore)")
    return dataclasses.replace(config, origins=origins)


def _unique(*parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code for part in parts for code in part))


def _and(before: str | None, now: str) -> str:
    return f"{before} + {now}" if before and before != now else now


def unknown_codes(line: CommandLine, known: Iterable[str]) -> list[str]:
    """A message for each code or group on the command line that names no rule or check, and
    for each ``--ignore`` of built-in checks alone, which every run makes."""
    codes_known = sorted(set(known))
    problems = [codes.unknown(selector, codes_known) for selector in dict.fromkeys(line.codes)]
    problems += [_checks_only(selector, codes_known) for selector in dict.fromkeys(line.ignore)]
    return [problem for problem in problems if problem is not None]


def _checks_only(selector: str, known: Iterable[str]) -> str | None:
    """Why ``ignore`` of ``selector`` is refused: it names built-in checks alone, which always
    run (only their findings can be suppressed, where they are suppressible)."""
    named = codes.named_by(selector, known)
    if not named or any(code not in CORE_CHECKS for code in named):
        return None
    if selector in CORE_CHECKS and not CORE_CHECKS[selector].suppressible:
        return _unsuppressible(selector)
    if not any(CORE_CHECKS[code].suppressible for code in named):
        return _unsuppressible_group(selector, named)
    return (
        f"{selector} names built-in checks, which every run makes: ignore cannot turn them "
        "off; per_file_ignores, an inline comment or a Waiver suppresses their findings"
    )


def check_configured(config: Config, rules: Iterable[Rule], checks: Iterable[str]) -> None:
    """The configuration file names only rules and checks that exist, and gives a rule only
    parameters it has, each of its default's type (``max_window_hours: {"1": true}`` would be
    read as "the yes hours"); raises ConfigError at the first entry that does not."""
    rules = list(rules)
    defaults = {rule.info.code: rule.info.params for rule in rules}
    infos = {rule.info.code: rule.info for rule in rules}
    known = sorted({*defaults, *checks})
    for where, selector in config.named:
        problem = codes.unknown(selector, known) if where[0] != "rules" else None
        if problem is None and where[0] == "ignore":
            problem = _checks_only(selector, known)
        if problem is None and where[0] == "per_file_ignores":
            problem = _unsuppressed(selector, known)
        if where[0] == "rules" and selector not in known:
            shown = quoted(selector, len(selector))  # whole: the error is cut if need be
            problem = f"no rule or check named {shown}{did_you_mean(selector, known)}"
        if problem is not None:
            _refuse(config, where, problem)
    for code, settings in config.rules.items():
        have = defaults.get(code, {})
        for name, value in (settings.params or {}).items():
            where = ("rules", code, "params", name)
            if name not in have:
                named = ", ".join(sorted(have)) or "none"
                hint = did_you_mean(name, sorted(have))
                _refuse(config, where, f"{code} has no parameter {name}{hint} (it has: {named})")
            wrong = _unlike(value, have[name]) or unusable(code, name, value, have[name])
            counted = infos[code].day_params if code in infos else frozenset()
            if wrong is None and name in counted:  # a day count of any name
                from resilint.rules.rule_file import no_days

                wrong = no_days(value)
            if wrong is not None:
                message = f"{code} parameter {name}: {wrong[1]}"
                _refuse(config, (*where, *wrong[0]), message, at_value=True)


def _unsuppressed(selector: str, known: Iterable[str]) -> str | None:
    """Why ``per_file_ignores`` may not name ``selector``: it names a check whose findings are
    never suppressed (a group too: ``DOC`` would take in DOC-01)."""
    named = codes.named_by(selector, known)
    never = [code for code in named if code in CORE_CHECKS and not CORE_CHECKS[code].suppressible]
    if not never:
        return None
    if selector in never:
        return _unsuppressible(selector)
    others = [code for code in named if code not in never]
    instead = f"; name the others ({', '.join(others)})" if others else ""
    return f"{_unsuppressible_group(selector, never)}{instead}"


def _unsuppressible_group(selector: str, never: list[str]) -> str:
    return (
        f"{selector} names {', '.join(never)}, whose findings cannot be ignored: where one is "
        "reported, the file or document is not checked at all (or a suppression does not "
        "work), so anything in it would pass unseen"
    )


def _unsuppressible(code: str) -> str:
    """Why a finding of ``code`` is never ignored (per file, inline, by waiver or baseline)."""
    check = CORE_CHECKS[code]
    if code.startswith("IGN"):
        return f"{code} reports a suppression that does not work; it cannot itself be ignored"
    if code.startswith("RUN"):
        return f"{code} reports a check that could not run at all; it cannot be ignored"
    what = "the file cannot be read" if check.unreadable else "the document is not checked at all"
    return (
        f"{code} cannot be ignored: where it is reported {what}, so anything in it would pass "
        "unseen; fix it, or exclude a file that belongs to another tool (exclude:)"
    )


def _unlike(value: Any, default: Any) -> tuple[tuple[Any, ...], str] | None:
    """Where and how ``value`` is not of ``default``'s kind (a number, true or false, text,
    a list or a mapping; a mapping's entries as the default's are, a list's items as one of
    the default's items is), or None when it is."""
    if default is None:
        return None
    kind, expected = _kind(value), _kind(default)
    if kind != expected:
        return (), f"must be {expected}, got {kind}"
    if expected == "a number" and value < 0 <= default:
        return (), f"must not be negative, got {value}"
    if isinstance(default, dict):
        for key, item in value.items():
            model = default.get(key, next(iter(default.values()), None))
            wrong = _unlike(item, model)
            if wrong is not None:
                return (key, *wrong[0]), wrong[1]
    if isinstance(default, list) and default:
        for i, item in enumerate(value):  # like one of the default's items (texts and lists)
            wrongs = [_unlike(item, model) for model in default]
            first = wrongs[0]
            if first is not None and all(w is not None for w in wrongs):
                return (i, *first[0]), first[1]
    return None


# The most a parameter can usefully say, by the unit its name gives: a hundred years. A number
# past it (max_age_days: 10**22, threshold: 1e300) is never reached, so the check it sets stops
# reporting anything while the configuration reads as a stricter or looser setting of it.
_CEILINGS = {"minutes": 52_596_000, "hours": 876_600, "days": 36_525, "months": 1_200}
_CEILING = 10**18
"""A number without a unit (a count, or an amount a rule of one's own compares a cover limit
with: EUR 5,000,000 is an ordinary one): past 10^18, the most an amount may be (a large bank's
total assets are some 2 x 10^15 in rupiah), none is real."""


def unusable(code: str, name: str, value: Any, default: Any) -> tuple[tuple[Any, ...], str] | None:
    """Where and why ``value``, of its default's kind, is one the rule cannot use: a number
    beyond the ceiling for the unit the parameter's name gives, or an empty table or list where
    the default has entries (CTR-03's ``max_window_hours: {}`` has no maximum for any tier, so
    the rule says nothing); an off switch in disguise, where ``ignore`` says it plainly."""
    if is_tier_table(default) and isinstance(value, dict):
        stray = stray_tier(value)
        if stray is not None:
            return (stray[0],), stray[1]
    if isinstance(default, dict | list) and default and not value:
        return (), (
            f"is empty, so {code} has nothing to judge by and reports nothing; give it the "
            f"entries it needs, or switch the rule off plainly with ignore: [{code}]"
        )
    if isinstance(value, dict):
        for key, item in value.items():
            wrong = unusable(code, name, item, None)
            if wrong is not None:
                return (key, *wrong[0]), wrong[1]
        return None
    if isinstance(value, list):
        for i, item in enumerate(value):
            wrong = unusable(code, name, item, None)
            if wrong is not None:
                return (i, *wrong[0]), wrong[1]
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    unit = next((unit for unit in _CEILINGS if unit in name.split("_")), None)
    ceiling = _CEILINGS[unit] if unit is not None else _CEILING
    if value <= ceiling:
        return _part_day(code, value) if unit == "days" else None
    what = f"{ceiling:,} {unit}, a hundred years" if unit is not None else f"{ceiling:,.0e}"
    return (), (
        f"{value:,} is more than {code} can use (at most {what}): a value that high is never "
        "reached, so the rule no longer tells one document from another (a maximum is never "
        f"passed, a warning window takes in everything); to switch it off, say ignore: [{code}]"
    )


def _part_day(code: str, value: float) -> tuple[tuple[Any, ...], str] | None:
    """Why a count of days with a fraction is refused: the rules count whole days, and one
    that finds no whole number judged by its default instead (``max_age_days: 180.5`` read as
    EXR-01's 365), so the setting would pass what it was meant to report."""
    if float(value).is_integer():
        return None
    return (), (
        f"a count of days is a whole number of 0 or more, got {value}: {code} counts whole "
        f"days; write {int(value)} or {int(value) + 1}"
    )


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "null" if value is None else type(value).__name__


def _refuse(
    config: Config, where: tuple[Any, ...], message: str, *, at_value: bool = False
) -> NoReturn:
    """A configuration error at ``where``: at its value where ``at_value`` (the value is
    wrong, a list or mapping too), else as :data:`~resilint.config.Locate` places it."""
    locate = config.locate
    line, column = locate(where, False, at_value) if locate is not None else (1, 1)
    shown = ".".join(str(part) for part in where)
    raise ConfigError(
        f"invalid configuration: {shown}: {message}",
        str(config.source) if config.source is not None else "resilint.yaml",
        line,
        column,
    )
