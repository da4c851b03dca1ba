"""What a check says on standard error beside its findings, so that a passing run is never
misread: rules a profile list leaves out, a baseline that is off, a date pinned in the
configuration, files git does not track."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from resilint.config import Config
from resilint.discover import (
    walked_name,
)
from resilint.findings import FAIL_ON_NEVER, Level, fails_gate
from resilint.load.read import real, within
from resilint.reporters.base import RunNote, listed, printable
from resilint.resources import data_dir
from resilint.rules import Rule

if TYPE_CHECKING:
    pass


def unselected_note(rules: tuple[Rule, ...], config: Config) -> str:
    """The configuration's own rules that never run: in profiles of their own alone, which no
    configuration switches on (``profiles`` takes resilint's), and not named by ``select``; a
    rule file written and tested, silently dead otherwise."""
    from resilint.model import Index
    from resilint.rules.model import PROFILES
    from resilint.selection import exactly_selected, select_rules

    if exactly_selected(config):
        return ""  # the others not running is what the run asks for
    packaged = str(data_dir("rules"))
    own = [
        r
        for r in rules
        if not r.info.source.startswith(packaged)
        and r.info.profiles
        and not set(r.info.profiles) & set(PROFILES)
    ]
    if not own:
        return ""
    chosen = {id(r) for r in select_rules(own, config, Index([]))}
    dead = [r for r in own if id(r) not in chosen]
    if not dead:
        return ""
    shown = listed([f"{r.info.code} ({r.info.source})" for r in dead], most=5)
    return (
        f"rule{'s' if len(dead) > 1 else ''} {shown} never run: in profiles of their own "
        f"({', '.join(sorted({p for r in dead for p in r.info.profiles}))}), which no "
        "configuration switches on; name them in select (by code or group) or give them one of "
        f"resilint's profiles ({', '.join(PROFILES)})"
    )


def baseline_off_note(rules: tuple[Rule, ...], config: Config) -> str:
    """Said when the configuration file's ``profiles`` leave out ``baseline``: the list names
    every profile to run, so ``profiles: [nis2]``, written to add NIS2's rules, runs them
    alone (none at all where no entity's contracts fall under NIS2's implementing rules).
    Not for ``profiles: []`` beside rules named in ``select``: those are what it asks for."""
    from resilint.model import Index
    from resilint.selection import exactly_selected, from_file, select_rules

    if "baseline" in config.profiles or exactly_selected(config):
        return ""
    if not from_file(config, "profiles") or (not config.profiles and config.select):
        return ""
    chosen = {id(rule) for rule in select_rules(rules, config, Index([]))}
    left = [r for r in rules if "baseline" in r.info.profiles and id(r) not in chosen]
    if not left:
        return ""
    shown = ", ".join(config.profiles)
    return (
        f"profiles: [{shown}] ({config.origins['profiles']}) leaves out baseline: "
        f"{len(left)} of its rules do not run (the programme's own: tiering, contracts, "
        "identities, continuity, exercises, insurance, waivers). profiles lists every profile "
        f"to run: write profiles: [{', '.join(['baseline', *config.profiles])}] to run "
        "baseline's rules too"
    )


def pinned_date_note(config: Config, today: datetime.date) -> str:
    """Said when the configuration file, not the command line, fixes the date of every run to
    another day: committed in a live repository, it freezes the clock of every CI run and
    hook, and expiries after that day (waivers, assessments, notice dates) never come due."""
    origin = config.origins.get("as_of", "")
    if config.as_of is None or config.as_of == today or origin.startswith(("default", "command")):
        return ""
    missed = (
        "what came due since (a waiver's expiry, an assessment, a notice date) is not seen; "
        if config.as_of < today
        else ""
    )
    if config.source is not None and ":" in origin:  # the file as the user finds it
        where = os.path.relpath(Path(os.path.normpath(config.source.absolute())))
        origin = f"{Path(where).as_posix()}:{origin.rpartition(':')[2]}"
    return (
        f"dates are judged as of {config.as_of.isoformat()}, the day {printable(origin)} pins "
        f"(as_of), not today ({today.isoformat()}): {missed}remove as_of to judge as of today"
    )


def law_off_note(off: tuple[str, ...], rules: tuple[Rule, ...], config: Config) -> str:
    """Said in every report when ``ignore`` turns off rules of a regime in effect: a regulated
    entity's gate would pass what the law asks of it (DORA Art. 30's contract clauses) without
    checking it. Turning them off is the user's choice; the report says it was made."""
    if not off:
        return ""
    regimes = _regimes(off, rules)
    from resilint import codes

    where = []
    if any(codes.naming(config.ignore, c) >= 0 for c in off):
        origin = config.origins.get("ignore", "the configuration").split(" + ")[0]
        if config.source is not None and ":" in origin:  # the file as the user finds it
            origin = f"{_config_file(config)}:{origin.rpartition(':')[2]}"
        where.append(f"ignore: [{', '.join(config.ignore)}] ({origin})")
    if any(codes.naming(config.command_ignore, c) >= 0 for c in off):
        where.append(f"--ignore {','.join(config.command_ignore)}")
    they, them = ("it", "it") if len(off) == 1 else ("they", "them")
    return printable(
        f"{' and '.join(regimes) or 'regulatory'} rule{'s' * (len(off) > 1)} not checked: "
        f"{listed(list(off), most=8)}, of the regimes in effect (an Entity's regimes or the "
        f"profiles), {'is' if len(off) == 1 else 'are'} turned off by {' and '.join(where)}: "
        f"the run passes whatever {they} would find; remove {them} from ignore to check "
        f"{them}, or accept a single gap with a Waiver"
    )


def _regimes(off: Iterable[str], rules: tuple[Rule, ...]) -> list[str]:
    """The names of the regimes whose profiles hold the rules ``off`` (DORA, NIS2)."""
    from resilint.domain.regimes import REGIME_NAMES, REGIME_OF_PROFILE

    profiles = {r.info.code: r.info.profiles for r in rules}
    return sorted(
        {
            REGIME_NAMES[REGIME_OF_PROFILE[p]]
            for c in off
            for p in profiles.get(c, ())
            if p in REGIME_OF_PROFILE
        }
    )


def _config_file(config: Config) -> str:
    """The configuration file's path as the user finds it (from the working directory)."""
    assert config.source is not None
    shown = os.path.relpath(Path(os.path.normpath(config.source.absolute())))
    return Path(shown).as_posix()


def law_gate_notes(
    on: tuple[str, ...],
    patterns: tuple[str, ...],
    rules: tuple[Rule, ...],
    config: Config,
    gate: bool = True,
) -> tuple[RunNote, ...]:
    """Said in every report where the configuration keeps rules of a regime in effect that run
    (``on``) from failing the gate: a rule's ``level`` set below ``fail_on`` (its findings are
    shown, never fail the check; only with ``gate``, as ``check`` has one), and a
    ``per_file_ignores`` pattern that names them (their findings in its files are suppressed,
    counted and never shown) and covers a file holding a document (``patterns``). Each note is
    placed on the setting's line."""
    notes: list[RunNote] = []
    if not on:
        return ()
    infos = {r.info.code: r.info for r in rules}
    if gate:
        below = [
            (code, own.level)
            for code in on
            if (own := config.rules.get(code)) is not None
            and own.level is not None
            and code in infos
            and config.fails(infos[code].level)
            and not config.fails(own.level)
        ]
        if below:
            said = [
                f"{code} set to {level.label} by rules.{code}.level"
                f"{_place(config, ('rules', code, 'level'))[1]}"
                for code, level in below
            ]
            one = len(below) == 1
            text = (
                f"{' and '.join(_regimes([c for c, _ in below], rules)) or 'regulatory'} "
                f"rule{'s' * (not one)} below the gate: {listed(said, most=8)}: "
                f"{'its' if one else 'their'} findings are shown but never fail the check "
                f"(fail_on: {config.fail_on}); remove the level to let "
                f"{'it' if one else 'them'} fail the check"
            )
            place = ("rules", below[0][0], "level")
            notes.append(_note("rules below the gate", text, config, place))
        notes.extend(_gate_raised([c for c in on if c not in dict(below)], rules, config))
    from resilint import codes
    from resilint.quoting import quoted

    for pattern, named in config.per_file_ignores:
        if pattern not in patterns:
            continue
        off = [c for c in on if codes.naming(named, c) >= 0]
        if not off:
            continue
        one = len(off) == 1
        where = _place(config, ("per_file_ignores", pattern))[1]
        text = (
            f"{' and '.join(_regimes(off, rules)) or 'regulatory'} rule{'s' * (not one)} not "
            f"checked in some files: per_file_ignores: {quoted(pattern)}: "
            f"[{', '.join(named)}]{where} "
            f"turns off {listed(off, most=8)} for the files it matches: "
            f"{'its' if one else 'their'} findings there are suppressed, only counted, and "
            f"{'never fail the check' if gate else 'their dates left out of the calendar'}; "
            "narrow the pattern to the files meant, or accept a single gap with a Waiver"
        )
        notes.append(_note("rules not checked", text, config, ("per_file_ignores", pattern)))
    return tuple(notes)


def _gate_raised(on: list[str], rules: tuple[Rule, ...], config: Config) -> list[RunNote]:
    """The rules of a regime in effect that run (``on``, less those the note of a level set
    below the gate names) and would fail the check under the default gate (``fail_on: error``)
    at their catalogue's level or the level they run at, but cannot under the ``fail_on`` the
    configuration or the command line sets (``never``): one note naming them, on the setting's
    line. A rule whose catalogue level is below the default gate (a warning) and runs at it is
    the catalogue's choice, not the configuration's, and is not named."""
    origin = config.origins.get("fail_on", "")
    if not origin:  # the default gate
        return []
    infos = {r.info.code: r.info for r in rules}
    raised = [
        code
        for code in on
        if code in infos
        and not config.fails(running := _running_level(config, code, infos[code].level))
        and (fails_gate(DEFAULT_FAIL_ON, running) or fails_gate(DEFAULT_FAIL_ON, infos[code].level))
    ]
    if not raised:
        return []
    one = len(raised) == 1
    if origin.startswith("command"):
        where, place, undo = "--fail-on " + config.fail_on, None, "drop --fail-on"
    else:
        where = f"fail_on: {config.fail_on}{_place(config, ('fail_on',))[1]}"
        place, undo = ("fail_on",), "remove fail_on (the default is error)"
    never = config.fail_on == FAIL_ON_NEVER
    text = (
        f"{' and '.join(_regimes(raised, rules)) or 'regulatory'} rule{'s' * (not one)} "
        f"cannot fail the check: {where} "
        f"{'fails it on no finding' if never else 'is set above their level'}, so "
        f"{listed(raised, most=8)}, of the regimes in effect (an Entity's regimes or the "
        f"profiles), {'is' if one else 'are'} shown but never fail{'s' * one} the check; "
        f"{undo} to let {'it' if one else 'them'} fail it"
    )
    if place is None:
        return [RunNote("rules below the gate", printable(text))]
    return [_note("rules below the gate", text, config, place)]


DEFAULT_FAIL_ON = "error"
"""The gate a configuration that sets no ``fail_on`` has."""


def _running_level(config: Config, code: str, level: Level) -> Level:
    """The level a rule runs at: its own setting's, else its catalogue's."""
    own = config.rules.get(code)
    return own.level if own is not None and own.level is not None else level


def _place(config: Config, where: tuple[str, ...]) -> tuple[int, str]:
    """The configuration's line of the setting at ``where``, and `` (resilint.yaml:12)`` as a
    note says it (empty where it is not known)."""
    if config.source is None or config.locate is None:
        return 0, ""
    try:
        line = config.locate(where)[0]
    except (KeyError, IndexError, TypeError, ValueError):
        return 0, ""
    return line, f" ({_config_file(config)}:{line})"


def _note(title: str, text: str, config: Config, where: tuple[str, ...]) -> RunNote:
    line, _ = _place(config, where)
    if not line:
        return RunNote(title, printable(text))
    return RunNote(title, printable(text), _config_file(config), line)


def nis2_kind_notes(unknown: Iterable[tuple[str, int, str]]) -> tuple[RunNote, ...]:
    """For each entity under NIS2 that records no ``nis2_entity_type`` while CTR-12 runs, a
    note at its document: the supplier clauses of Implementing Regulation (EU) 2024/2690 are
    not checked for it, since nothing says it is one of the kinds the Regulation binds."""
    return tuple(
        RunNote(
            "NIS2 rule not checked",
            printable(
                f"NIS2 rule not checked for entity {entity}: it records no nis2_entity_type, "
                "and CTR-12 checks the supplier clauses of Implementing Regulation (EU) "
                "2024/2690 only for the eleven kinds of entity that Regulation binds; record "
                "its kind (docs/data-model.md lists them), or other where it is none of them"
            ),
            Path(os.path.relpath(path)).as_posix(),
            line,
        )
        for path, line, entity in unknown
    )


def untracked_note(untracked: frozenset[str], config: Config) -> str:
    """What the hook leaves out because the commit does not hold it, a few files by name (those
    the walk would have checked); empty when the walk would have checked none."""
    root, top = Path(os.path.relpath(config.root)), real(config.root)
    shown: list[str] = []
    rest = 0
    for path in sorted(p for p in untracked if within(p, top)):
        name = walked_name(root, path, config.exclude) if len(shown) < _SHOWN else path
        if name is not None and len(shown) < _SHOWN:
            shown.append(printable(name))
        elif name is not None:
            rest += 1
    if not shown:
        return ""
    they = ("they are", "them") if len(shown) + rest > 1 else ("it is", "it")
    more = f" and {rest} other YAML file{'s' * (rest != 1)}" if rest else ""
    return (
        f"not checked: {', '.join(shown)}{more}: {they[0]} not tracked by git, so the commit "
        f"does not hold {they[1]} (git add what the commit needs)"
    )


_SHOWN = 5
