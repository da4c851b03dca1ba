"""Did you mean: suggestions for a mistyped name, and what exactly differs when two names only
look alike (a Cyrillic letter, a zero-width space, a bidi control, another Unicode form).

Every "did you mean" of resilint comes from here, so suggestions read the same everywhere.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Letters from other scripts that render like Latin ones (a subset of Unicode's confusables
# list: the letters people actually paste from Cyrillic and Greek keyboards and documents).
_LOOK_ALIKES = dict(
    zip(
        "аеорсухіјѕԁһӏԛԝαοτυνρεκιΑΒΕΗΙΚΜΝΟΡΤΧΥΖАВЕКМНОРСТХ",
        "aeopcyxijsdhlqwaotuvpekiABEHIKMNOPTXYZABEKMHOPCTX",
        strict=True,
    )
)


_REMEMBERED = 200
"""Names up to this length (ids are) are folded once per run; longer text, each time."""

COMPARISONS = 400_000
COMPARISONS_PER_DOCUMENT = 20
"""The comparisons one check may make for "did you mean": 400,000 and 20 for each document,
about half a second and a tenth of a millisecond (the benchmark's 100,457 documents, 325
unknown references, make about 1,200,000). A suggestion compares an unknown reference with
every id of its kind that starts with its letter and has about its length, so N misspelt
references among N ids sharing a prefix took the square of N (6,000 of them in 700 KB: 33 s);
past the budget, a reference is still reported, with no suggestion."""
_DIFFLIB = 20
"""What one difflib comparison costs, in comparisons of a pass over the options (about 10 µs
against half of one): options the bound cannot tell apart are each compared by difflib."""


class Budget:
    """The comparisons "did you mean" may still make in one check: once one suggestion would
    take more than are left, no other is looked for, so the answer never depends on which
    references came first beyond that point."""

    __slots__ = ("left", "spent")

    def __init__(self, comparisons: int) -> None:
        self.left = comparisons
        self.spent = False
        """Whether a suggestion was not looked for: the budget ran out."""

    def spend(self, comparisons: int) -> bool:
        """Whether ``comparisons`` more may be made, counting them if so."""
        if comparisons > self.left:
            self.left, self.spent = 0, True
            return False
        self.left -= comparisons
        return True


def check_budget(documents: int) -> Budget:
    """The budget of one check of ``documents`` documents (:data:`COMPARISONS`)."""
    return Budget(COMPARISONS + COMPARISONS_PER_DOCUMENT * documents)


def did_you_mean(word: str, choices: Iterable[str], *, quote: str = "'") -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    close = closest(word, choices)
    return f" (did you mean {quote}{close}{quote}?)" if close else ""


def closest(word: str, choices: Iterable[str], budget: Budget | None = None) -> str | None:
    """The choice ``word`` most likely mistypes: one that differs only in look-alike or
    invisible characters first, else the closest by spelling. With a ``budget``, the choices
    are compared only as far as it allows (None past it)."""
    options = [choice for choice in choices if not opposite(word, choice)]
    if not options:  # nothing to compare: most unknown references of a long list of them
        return None
    if budget is not None and not budget.spend(len(options)):
        return None
    if _far_longer(word, options):
        return None
    by_skeleton, by_loose = _indexed(tuple(options))
    alike = [choice for choice in by_skeleton.get(skeleton(word), ()) if choice != word]
    if alike:
        return alike[0]
    loose = [choice for choice in by_loose.get(_loose(word), ()) if choice != word]
    if len(loose) == 1:  # ctr4 for CTR-04, fail-on for fail_on
        return loose[0]
    close = close_match(word, options, budget=budget)
    longer = extended(word, options)
    if longer is not None and not (close or "").casefold().startswith(longer.casefold()):
        return longer
    return close


def extended(word: str, options: list[str]) -> str | None:
    """The choice ``word`` is written as with words added (``named`` for ``named_suppliers``),
    the longest if several: what was meant, before a neighbour by spelling that shares only the
    added words (``all_suppliers``) and means something else; a neighbour that starts with the
    choice too (``nimbus-cloud-eu`` for ``nimbus-cloud-eur``, beside ``nimbus``) stays closer."""
    folded = word.casefold()
    found = [
        choice
        for choice in options
        if len(choice) > 2
        and folded[len(choice) : len(choice) + 1] in ("_", "-")
        and folded.startswith(choice.casefold())
    ]
    return max(found, key=len) if found else None


_NEGATIONS = ("not_", "not-", "non_", "non-", "no_", "no-", "un", "in")


_DEGREES = frozenset({"low", "medium", "high", "none", "partial", "full", "minor", "major"})
"""Words that place a value on a scale: two values alike but for one of these name different
degrees, not one value mistyped (``highly`` is ``high``)."""


def opposite(word: str, choice: str) -> bool:
    """Whether ``choice`` is ``word`` negated, or ``word`` is ``choice`` negated
    (``significant`` and ``not_significant``), or each names a degree and not the other's
    (``low_complexity`` and ``medium_complexity`` or ``highly_complex``), or ``word`` is a
    degree on its own and ``choice`` names none (``partial`` and ``material``: a word of its
    own, not a misspelling): the closest spelling, another meaning, so never offered as what
    was meant."""
    short, long = sorted((word.casefold(), choice.casefold()), key=len)
    if len(short) > 3 and any(long == prefix + short for prefix in _NEGATIONS):
        return True
    if word.casefold() in _DEGREES and not _degrees_in(choice.casefold()):
        return True
    return _other_degree(word.casefold(), choice.casefold())


def _other_degree(word: str, choice: str) -> bool:
    mine, theirs = _degrees_in(word), _degrees_in(choice)
    return bool(mine) and bool(theirs) and mine.isdisjoint(theirs)


def _degrees_in(text: str) -> set[str]:
    """The degrees a value names: ``high`` in ``high_risk`` and in ``highly_complex``."""
    words = re.split(r"[_\s-]+", text)
    return {w for w in (x.removesuffix("ly") for x in words) if w in _DEGREES}


@functools.lru_cache(maxsize=16)
def _indexed(options: tuple[str, ...]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The choices by how each reads (:func:`skeleton`) and as typed loosely (:func:`_loose`),
    in their order: built once for the choices a check asks about again and again (the fields
    of a kind for each of 24,000 unknown fields took 5 s, comparing each with every field)."""
    by_skeleton: dict[str, list[str]] = {}
    by_loose: dict[str, list[str]] = {}
    for choice in options:
        by_skeleton.setdefault(skeleton(choice), []).append(choice)
        by_loose.setdefault(_loose(choice), []).append(choice)
    return by_skeleton, by_loose


def close_match(
    word: str, options: list[str], cutoff: float = 0.6, budget: Budget | None = None
) -> str | None:
    """``difflib.get_close_matches(word, options, n=1, cutoff=cutoff)``, the same answer, without
    comparing ``word`` with every option the slow way (325 unknown references among 100,000
    documents took 10 seconds). RapidFuzz's ratio, twice the longest common subsequence over
    both lengths, bounds difflib's from above (difflib's matching blocks are such a
    subsequence): only options whose bound reaches the cutoff are compared, the most promising
    first, until no other can beat the best found. With a ``budget``, each difflib comparison
    is counted (options the bound ranks alike are each compared): None past it."""
    from rapidfuzz import fuzz, process  # suggestions are rare: not on every run's start-up

    if budget is not None and not budget.spend(len(options)):
        return None
    bounds = process.extract(
        word, options, scorer=fuzz.ratio, limit=None, score_cutoff=max(0.0, 100 * cutoff - _SLACK)
    )
    if not bounds:  # no option is close enough to be worth difflib's look
        return None
    bounds.sort(key=lambda found: -found[1])
    import difflib  # suggestions are rare: not on every run's start-up

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)  # as get_close_matches compares: the option first
    best: tuple[float, str] | None = None
    for option, bound, _ in bounds:
        if best is not None and bound / 100 + _SLACK < best[0]:
            break
        if budget is not None and not budget.spend(_DIFFLIB):
            return None
        matcher.set_seq1(option)
        score = matcher.ratio()
        if score >= cutoff and (best is None or (score, option) > best):
            best = (score, option)  # ties go to the larger text, as with get_close_matches
    return best[1] if best is not None else None


_SLACK = 1e-6
"""Rounding in the bound's floating point: an option is left out only when clearly beaten."""


def distance(word: str, target: str, most: int = 2) -> int:
    """How many letters to add, drop or change to turn ``word`` into ``target`` (Levenshtein),
    counted up to ``most + 1``: "a letter or two off" is all a near miss of a short name (a
    kind, a key, a word of a suppression comment) asks."""
    from rapidfuzz.distance import Levenshtein  # near misses are rare: not on every start-up

    return int(Levenshtein.distance(word, target, score_cutoff=most))


def unique_closest(word: str, choices: Iterable[str]) -> str | None:
    """:func:`closest`, but only when no other choice is as close: what a fix may rename
    ``word`` to without a person choosing."""
    options = list(choices)
    if _far_longer(word, options):
        return None
    alike = [c for c in _indexed(tuple(options))[0].get(skeleton(word), ()) if c != word]
    if alike:
        return alike[0] if len(alike) == 1 else None
    longer = extended(word, options)
    if longer is not None:
        return longer if longer == closest(word, options) else None
    import difflib

    from rapidfuzz import fuzz, process  # difflib's ratio only where its bound reaches the cutoff

    floor = 100 * 0.6 - _SLACK  # as close_match bounds it: the same choices, a tenth the time
    bounded = process.extract(word, options, scorer=fuzz.ratio, limit=None, score_cutoff=floor)
    ranked = sorted(
        (difflib.SequenceMatcher(None, word, choice).ratio(), choice) for choice, _, _ in bounded
    )
    ranked = [(score, choice) for score, choice in ranked if score >= 0.6]
    if not ranked or (len(ranked) > 1 and ranked[-2][0] == ranked[-1][0]):
        return None
    best = ranked[-1][1]
    return best if best == closest(word, options) else None


def near_misses(word: str, choices: Iterable[str]) -> dict[str, int]:
    """The choices ``word`` may be a slip for, each with how far apart the two are written:
    0 for the same letters and digits in another case, with other separators or look-alike
    and invisible characters (``dora.30.2c`` or ``DORA_30_2_C`` for ``dora.30.2.c``); else the
    letters and digits to add, drop or change to turn one into the other, up to two (one for a
    name of under seven of them): a letter left out, one too many or wrong, two swapped
    (``nis2.staff_trainng``, ``nis2.staff_trainign`` for ``nis2.staff_training``). Which one
    was meant, if any, is the caller's to judge: an id may be a name of its own."""
    folded = _folded(word)
    forms = {choice: _folded(choice) for choice in choices if choice != word}
    if not folded or not forms or _far_longer(word, list(forms)):
        return {}
    from rapidfuzz import process  # near misses are rare: not on every start-up
    from rapidfuzz.distance import Levenshtein

    found = process.extract(folded, forms, scorer=Levenshtein.distance, score_cutoff=2, limit=None)
    return {
        choice: int(apart)
        for _, apart, choice in found
        if apart <= (2 if len(forms[choice]) >= 7 else 1)
    }


def _folded(text: str) -> str:
    """A name's letters and digits as it reads (:func:`skeleton`), in lower case."""
    return _folded_id(text) if len(text) <= _REMEMBERED else _fold(text)


@functools.lru_cache(maxsize=16384)
def _folded_id(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    return "".join(c for c in skeleton(text).casefold() if c.isalnum())


def _far_longer(word: str, options: list[str]) -> bool:
    """A word far longer than every choice mistypes none of them; comparing would cost time in
    proportion to its length for each choice (a 100,000-character argument took seconds)."""
    return len(word) > 2 * _longest(tuple(options)) + 16


@functools.lru_cache(maxsize=16)
def _longest(options: tuple[str, ...]) -> int:
    return max((len(choice) for choice in options), default=0)


def _loose(text: str) -> str:
    """A name as people type it loosely: case, dashes, underscores, spaces and the leading zeros
    of numbers make no difference."""
    return _loose_id(text) if len(text) <= _REMEMBERED else _loosen(text)


@functools.lru_cache(maxsize=16384)  # every unknown reference is compared with the same ids
def _loose_id(text: str) -> str:
    return _loosen(text)


def _loosen(text: str) -> str:
    folded = re.sub(r"[\s_-]+", "", skeleton(text).upper())
    return re.sub(r"(?<!\d)0+(?=\d)", "", folded)


def skeleton(text: str) -> str:
    """``text`` as it reads: compatibility-normalised (NFKC), invisible format characters
    dropped, look-alike letters of other scripts mapped to Latin."""
    return _id_skeleton(text) if len(text) <= _REMEMBERED else _skeleton(text)


@functools.lru_cache(maxsize=16384)
def _id_skeleton(text: str) -> str:
    return _skeleton(text)


def _skeleton(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(_LOOK_ALIKES.get(c, c) for c in folded if not _invisible(c))


def difference(value: str, target: str) -> str | None:
    """When ``value`` and ``target`` read alike but are different text, what differs, in words:
    ``U+043E CYRILLIC SMALL LETTER O at character 7``. None when they differ otherwise."""
    if value == target or skeleton(value) != skeleton(target):
        return None
    if unicodedata.normalize("NFC", value) == unicodedata.normalize("NFC", target):
        return "the same letters in another Unicode form (decomposed accents, not NFC)"
    odd = [f"{describe(c)} at character {i + 1}" for i, c in enumerate(value) if _odd(c, target)]
    return ", ".join(odd) or "the same letters in another Unicode form"


def odd_characters(value: str) -> list[str]:
    """Characters an id cannot hold (ids are plain ASCII) that people do not see or mistake for
    others: controls, zero-width and bidi characters, any non-ASCII letter or mark, described."""
    return [
        f"{describe(c)} at character {i + 1}"
        for i, c in enumerate(value)
        if _invisible(c) or not c.isascii()
    ]


_CONTROL_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE"}


def describe(char: str) -> str:
    """``U+043E CYRILLIC SMALL LETTER O``."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"


def _invisible(char: str) -> bool:
    """Controls, format characters (zero-width, bidi) and line or paragraph separators."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def _odd(char: str, target: str) -> bool:
    return char not in target or _invisible(char) or char in _LOOK_ALIKES
