"""Rule codes, and the selectors that name them in the configuration and on the command line.

A code is a group of capital letters, a dash and a number: ``REG-12``. A selector is a whole
code, or a whole group (``REG``), which names every rule and check of that group, as ruff's
``E`` names ``E501``. A group ends at the dash: ``RE`` is no selector (it would also name a
future group ``RES``), and neither is a part of a number (``REG-1``): resilint numbers a group's
rules in sequence, not in families, so ``REG-1`` would be a typo of ``REG-01`` far more often than
a wish for REG-10 to REG-19. Where several selectors name a code, the most specific decides (a
code before its group), as in ruff.
"""

from __future__ import annotations

from collections.abc import Iterable

from resilint.patterns import Lazy

CODE = Lazy(r"^[A-Z][A-Z0-9]{1,7}-[0-9]{2,3}$")
SELECTOR_PATTERN = r"^[A-Z][A-Z0-9]{1,7}(-[0-9]{2,3})?$"
"""A code or a group; the configuration schema's pattern for every list of codes."""
_SELECTOR = Lazy(SELECTOR_PATTERN)

_GROUP = 1
"""The specificity of a group (``REG``); a profile's is 0, a whole code's 2."""
_WHOLE = 2


def group_of(code: str) -> str:
    return code.partition("-")[0]


def specificity(selector: str) -> int:
    return _WHOLE if "-" in selector else _GROUP


def is_group(selector: str) -> bool:
    return "-" not in selector and _SELECTOR.match(selector) is not None


def names(selector: str, code: str) -> bool:
    """Whether ``selector`` names ``code``: it is the code, or the code's group."""
    return selector == code or selector == group_of(code)


def naming(selectors: Iterable[str], code: str) -> int:
    """How specifically ``selectors`` name ``code``: the most specific that does, else -1."""
    return max((specificity(s) for s in selectors if names(s, code)), default=-1)


def any_names(selectors: Iterable[str], code: str) -> bool:
    return naming(selectors, code) >= 0


def named_by(selector: str, codes: Iterable[str]) -> list[str]:
    """The codes among ``codes`` that ``selector`` names, in their order."""
    return [code for code in codes if names(selector, code)]


def unknown(selector: str, codes: Iterable[str]) -> str | None:
    """Why ``selector`` names none of ``codes`` (a typo must never select or silence nothing
    in silence), with a suggestion; None when it names one."""
    known = sorted(set(codes))
    if named_by(selector, known):
        return None
    from resilint.quoting import quoted  # only for a mistake: not on every start-up
    from resilint.suggest import did_you_mean

    if not _SELECTOR.match(selector):
        return not_a_selector(selector, known)
    groups = sorted({group_of(code) for code in known})
    shown = quoted(selector, len(selector))  # whole: the error as a whole is cut if need be
    return f"no rule or check named {shown}{did_you_mean(selector, [*known, *groups])}"


def not_a_selector(selector: str, codes: Iterable[str] = ()) -> str:
    """What to write instead of ``REG-*``, ``REG-1`` or ``reg``."""
    from resilint.suggest import did_you_mean

    group, dash, number = selector.upper().partition("-")
    group = group.rstrip("*")
    if group and (not dash or number.strip("*") == ""):
        hint = f"; write {group}, which names every rule of the group"
    elif group and number.isdigit():
        hint = f"; write a whole code, such as {group}-{number.zfill(2)}, or the group {group}"
    else:
        hint = did_you_mean(selector, sorted(set(codes)))
    return (
        f"'{selector}' is not a rule code or a group of codes (a whole code, REG-12, or the "
        f"letters before its dash, REG, in capitals; no wildcards or partial numbers){hint}"
    )
