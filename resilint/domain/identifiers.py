"""Official identifiers, defined once: what makes a Legal Entity Identifier valid."""

from __future__ import annotations

from resilint.patterns import kept

_LEI = kept(r"[A-Z0-9]{18}[0-9]{2}")


def lei_problem(value: str) -> str | None:
    """Why ``value`` is not a valid LEI (ISO 17442: 18 characters and two check digits that
    make the whole, read as a base-36 number, equal 1 modulo 97 per ISO 7064), or None."""
    if not _LEI.fullmatch(value):
        return "an LEI is 20 characters: 18 capital letters or digits, then 2 check digits"
    number = int("".join(str(int(ch, 36)) for ch in value))
    return None if number % 97 == 1 else "its check digits are wrong (ISO 17442 mod-97 check)"
