"""What the ESAs' technical checks reject in a built register, each problem at the document and
field a row came from: an empty primary-key column (check 805), a duplicate primary key (806), a
foreign key R1-R22 that does not resolve (807); and what their data-quality checks flag: a
mandatory column left empty, a conditional one left empty where its condition holds (v8825_m),
a closed-list value outside its list, an LEI (of our entities or of a provider) whose check
digits are wrong. With them, the register's own consistency: the ranks of its supply chains
(:mod:`.chains`) and its dates against the reference date (:mod:`.dates`). The readiness rules
REG-09 to REG-12 report them; the export refuses while any is left.

An entity's register is built and checked once per check (:func:`checked_register`): the four
register checks (REG-09 to REG-12) and the export read the same one."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from resilint.domain import Facts
from resilint.domain.identifiers import lei_problem
from resilint.domain.registers import RegisterLevel
from resilint.model import Document
from resilint.patterns import kept
from resilint.register import amounts, chains, codes, dates
from resilint.register.build import build_register
from resilint.register.model import Register, Row
from resilint.register.problems import Problem
from resilint.register.remedies import EUID_FORM, SAME_ENTITY, SAME_PROVIDER, UNASSESSED
from resilint.register.templates import BY_ID, FOREIGN_KEYS, TEMPLATES

MANDATORY: dict[str, tuple[str, ...]] = {
    "B_01.01": ("c0010", "c0020", "c0030", "c0040", "c0050", "c0060"),
    "B_01.02": ("c0020", "c0030", "c0040", "c0050", "c0060", "c0070", "c0080", "c0090"),
    "B_01.03": ("c0030", "c0040"),
    "B_02.01": ("c0020", "c0040", "c0050"),
    "B_02.02": ("c0040", "c0070", "c0080"),
    "B_03.02": ("c0030",),
    "B_04.01": ("c0030",),
    "B_05.01": ("c0020", "c0050", "c0070", "c0080", "c0110", "c0120"),
    "B_05.02": ("c0040", "c0070"),
    "B_06.01": ("c0020", "c0030", "c0050", "c0070", "c0080", "c0090", "c0100"),
    "B_07.01": ("c0030", "c0050", "c0080", "c0090", "c0100", "c0110"),
}
"""Non-key columns the ESAs' existence rules (e23674_e to e23683_e, e23792_e) require."""

LEI_COLUMNS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "B_01.02": (("c0010", None),),
    "B_05.01": (("c0010", "c0020"), ("c0030", "c0040")),
}
"""Where each LEI is checked, once: our entities' where each is listed (B_01.02.0010), the
providers' where each has its row (B_05.01.0010, and the additional code 0030), each paired with
the column of its code type (a provider's code is an LEI only when its type says so, qx2000).
Every other column holding an LEI is a foreign key to one of these (R1 to R6 to B_01.02; R17 to
R22 to B_05.01, the ultimate parent's 0110 by R18), checked by the keys."""

CONDITIONAL: dict[tuple[str, str], tuple[str, frozenset[str], str]] = {
    ("B_07.01", "c0060"): (
        "c0050",
        frozenset(codes.SUBSTITUTABILITY[k] for k in ("not_substitutable", "highly_complex")),
        "v8825_m",
    ),
}
"""Columns that must be filled when another column of the row holds one of some values: the
reason a provider is not or hardly substitutable (v8825_m)."""

LATIN_NAME = ("B_05.01", "c0050", "c0060")
"""A provider's legal name (B_05.01.0050) written in another script than the Latin alphabet
(Greek, Cyrillic, Chinese) is also given in it (0060, which existence rule e23674_e wants)."""


@dataclass(frozen=True)
class CheckedRegister:
    """A built register and the problems its checks found."""

    register: Register
    problems: tuple[Problem, ...]


def checked_register(
    facts: Facts, maintainer: Document, level: RegisterLevel = "group"
) -> CheckedRegister:
    """The register ``maintainer`` keeps at ``level`` (its group's, of itself alone, or of its
    sub-group), with its problems, as of the facts' date: built and checked on first use, then
    the same for the rest of the check."""
    return facts.derived(_build_and_check, (maintainer, level))


def _build_and_check(facts: Facts, asked: tuple[Document, RegisterLevel]) -> CheckedRegister:
    register = build_register(facts, *asked)
    return CheckedRegister(register, tuple(problems(register)))


def problems(register: Register) -> Iterator[Problem]:
    for template in TEMPLATES:
        rows = register.rows[template.id]
        yield from _keys(template.id, rows)
        yield from _mandatory(template.id, rows)
        yield from _conditional(template.id, rows)
        yield from _latin(template.id, rows)
        yield from _closed(template.id, rows)
        yield from _leis(template.id, rows)
        yield from _euids(template.id, rows)
    yield from _foreign(register)
    yield from _one_country(register)
    yield from _one_code(register)
    yield from _unassessed(register)
    yield from _stored_nowhere(register)
    yield from chains.problems(register)
    yield from dates.problems(register)
    yield from amounts.problems(register)


def _keys(template: str, rows: list[Row]) -> Iterator[Problem]:
    key = BY_ID[template].key
    seen: dict[tuple[str, ...], Row] = {}
    for row in rows:
        empty = [c for c in key if not row.values.get(c)]
        for code in empty:
            name = BY_ID[template].column(code).name
            message = f"{template}.{code[1:]} ({name}) is part of the key and is empty"
            yield Problem(template, code, row.place(code), message, "805")
        values = tuple(row.values.get(c, "") for c in key)
        if key and not empty and values in seen:
            shown = ", ".join(values)
            message = f"the row ({shown}) of {template} is there twice: its key must be unique"
            yield Problem(template, key[0], row.source, message, "806")
        seen.setdefault(values, row)


def _mandatory(template: str, rows: list[Row]) -> Iterator[Problem]:
    for row in rows:
        for code in MANDATORY.get(template, ()):
            if not row.values.get(code):
                name = BY_ID[template].column(code).name
                message = f"{template}.{code[1:]} ({name}) is empty"
                yield Problem(template, code, row.place(code), message, "existence rule")


def _conditional(template: str, rows: list[Row]) -> Iterator[Problem]:
    for (source, code), (condition, values, rule) in CONDITIONAL.items():
        if source != template:
            continue
        for row in rows:
            if row.values.get(condition) in values and not row.values.get(code):
                name = BY_ID[template].column(code).name
                message = f"{template}.{code[1:]} ({name}) is empty"
                yield Problem(template, code, row.place(code), message, rule)


def _latin(template: str, rows: list[Row]) -> Iterator[Problem]:
    source, name, latin = LATIN_NAME
    if template != source:
        return
    for row in rows:
        if not row.values.get(latin) and not is_latin(row.values.get(name, "")):
            column = BY_ID[template].column(latin).name
            message = (
                f"{template}.{latin[1:]} ({column}) is empty, and the legal name in "
                f"{name[1:]} is not written in the Latin alphabet"
            )
            yield Problem(template, latin, row.place(latin), message, "e23674_e")


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin one (``Kühlhaus``, ``Hébergement``);
    digits, punctuation and spaces do not count."""
    if text.isascii():  # the letters of ASCII are Latin (A to Z): no name to look up
        return True
    return all(
        unicodedata.name(c, "").startswith("LATIN")
        for c in text
        if unicodedata.category(c).startswith("L")
    )


def _closed(template: str, rows: list[Row]) -> Iterator[Problem]:
    lists = {"eba_GA": codes.COUNTRIES, "eba_CU": codes.CURRENCIES}
    coded = [  # every closed list's member is an eba_ code: the other cells, most, are passed by
        (row, code, value)
        for row in rows
        for code, value in row.values.items()
        if value.startswith("eba_")
    ]
    for row, code, value in coded:
        prefix, _, member = value.partition(":")
        allowed = lists.get(prefix)
        if value == codes.NOT_APPLICABLE_COUNTRY:
            allowed = None if code in ("c0130", "c0150", "c0160") else frozenset()
        if prefix == "eba_TA" and member.startswith(("x", "qx")):
            allowed = codes.LICENSED_ACTIVITIES
        if allowed is not None and member not in allowed:
            message = f"{template}.{code[1:]}: {value} is not in the ESAs' closed list"
            yield Problem(template, code, row.place(code), message, "503", value)


def _leis(template: str, rows: list[Row]) -> Iterator[Problem]:
    for row in rows:
        for code, kind in LEI_COLUMNS.get(template, ()):
            value = row.values.get(code, "")
            if kind is not None and row.values.get(kind) != codes.ID_TYPES["LEI"]:
                continue  # a provider's code of another type (EUID, VAT, ...)
            problem = lei_problem(value) if value else None
            if problem is not None:
                message = f"{template}.{code[1:]}: the LEI {value} is not valid: {problem}"
                yield Problem(template, code, row.place(code), message, "ISO 17442")


EUID = kept(r"[A-Z]{2}[A-Z0-9]{1,13}\.[A-Za-z0-9]+(?:[.\-/][A-Za-z0-9]+)*\Z")
"""The European Unique Identifier (BRIS, Implementing Regulation (EU) 2021/1042): the country
code, the business register's code, a dot and the registration number (``DKCVR.11845118``)."""


def _euids(template: str, rows: list[Row]) -> Iterator[Problem]:
    """A provider's code typed EUID (qx2002) in the EUID's form, where its row is (the ESAs'
    LEI and EUID data-quality checks); like LEIs, every other column holding it is a key."""
    for row in rows:
        for code, kind in LEI_COLUMNS.get(template, ()):
            value = row.values.get(code, "")
            if kind is None or row.values.get(kind) != codes.ID_TYPES["EUID"] or not value:
                continue
            if not EUID.match(value):
                message = (
                    f"{template}.{code[1:]}: {value} is not in the form of an EUID (country "
                    "code, register code, a dot, the registration number)"
                )
                yield Problem(template, code, row.place(code), message, EUID_FORM, value)


def _foreign(register: Register) -> Iterator[Problem]:
    keys: dict[tuple[str, tuple[str, ...]], set[tuple[str, ...]]] = {}  # shared by R1-R6
    for fk in FOREIGN_KEYS:
        target = (fk.target, fk.target_columns)
        if target not in keys:
            keys[target] = {
                tuple(r.values.get(c, "") for c in fk.target_columns)
                for r in register.rows[fk.target]
            }
        targets = keys[target]
        for row in register.rows[fk.source]:
            values = tuple(row.values.get(c, "") for c in fk.columns)
            if not all(values) or values in targets:
                continue
            shown = ", ".join(values)
            columns = ", ".join(f"{fk.source}.{c[1:]}" for c in fk.columns)
            message = (
                f"{columns} ({shown}) finds no row of {fk.target} "
                f"({', '.join(c[1:] for c in fk.target_columns)}): key {fk.name} does not resolve"
            )
            yield Problem(
                fk.source, fk.columns[0], row.place(fk.columns[0]), message, f"807 ({fk.name})"
            )


def _one_country(register: Register) -> Iterator[Problem]:
    """An entity of the register (B_01.02) that is also a provider (B_05.01, an intra-group
    provider or our group's top entity as an ultimate parent) has one country in both: the
    provider's row that says another is the problem, at the field it comes from."""
    ours = {r.values["c0010"]: r.values.get("c0030", "") for r in register.rows["B_01.02"]}
    for row in register.rows["B_05.01"]:
        country = ours.get(row.values.get("c0010", ""), "")
        given = row.values.get("c0080", "")
        if country and given and given != country:
            shown = country.removeprefix("eba_GA:")
            message = (
                f"B_05.01.0080 (Country of the ICT third-party service provider's headquarters) "
                f"is {given.removeprefix('eba_GA:')}, and B_01.02.0030 gives the same LEI "
                f"{row.values['c0010']} the country {shown}"
            )
            yield Problem("B_05.01", "c0080", row.place("c0080"), message, SAME_ENTITY, shown)


def _one_code(register: Register) -> Iterator[Problem]:
    """An intra-group provider (B_03.03, by the LEI of its entity in B_01.02) is the provider
    that signs the same arrangement in B_03.02, whose code keys its B_02.02 rows (R17) and its
    row of B_05.01 (R19): one company, one code. A B_03.02 row giving another is the problem,
    at the field it comes from."""
    ours: dict[str, str] = {}
    for row in register.rows["B_03.03"]:
        ours.setdefault(row.values.get("c0010", ""), row.values.get("c0020", ""))
    for row in register.rows["B_03.02"]:
        lei = ours.get(row.values.get("c0010", ""), "")
        code = row.values.get("c0020", "")
        if lei and code and code != lei:
            message = (
                f"B_03.02.0020 (Identification code of ICT third-party service provider) is "
                f"{code}, and B_03.03.0020 (LEI of the entity providing ICT services) gives the "
                f"same provider of arrangement {row.values['c0010']} as the entity {lei}"
            )
            yield Problem("B_03.02", "c0020", row.place("c0020"), message, SAME_PROVIDER, lei)


def _unassessed(register: Register) -> Iterator[Problem]:
    """A contract the register's entities use, said to support a critical or important function,
    none of whose ICT services is recorded as supporting one: the assessment (B_07.01) and the
    supply chain (B_05.02) cover such services only, so the register has no row of either for
    it, which the ESAs would read as an arrangement for a critical function left unassessed."""
    for place in register.unassessed:
        message = (
            "B_07.01 (Assessment of the ICT services) and B_05.02 (ICT service supply chains) "
            "have no row for the arrangement: no ICT service it covers supports a critical or "
            "important function"
        )
        yield Problem("B_07.01", "c0010", place, message, UNASSESSED)


def _stored_nowhere(register: Register) -> Iterator[Problem]:
    """A row of B_02.02 saying the provider stores data (0140 yes) gives where (0150): the
    ESAs take "not applicable" there only where it stores none, and the export writes it for a
    service recorded as storing data in no country (data_storage_countries)."""
    for row in register.rows["B_02.02"]:
        stored = row.values.get("c0140") == codes.YES_NO[True]
        if stored and row.values.get("c0150") == codes.NOT_APPLICABLE_COUNTRY:
            message = (
                "B_02.02.0150 (Location of the data at rest (storage)) would say not applicable "
                "while B_02.02.0140 says the provider stores data"
            )
            yield Problem("B_02.02", "c0150", row.place("c0150"), message, "existence rule")
