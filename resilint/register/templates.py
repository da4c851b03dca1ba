# ruff: noqa: E501  (the column names are the regulation's own words, kept whole and searchable)
"""The fifteen templates of the DORA register of information (Commission Implementing Regulation
(EU) 2024/2956, Annex I, as the EBA DORA 4.0 taxonomy lays them out): each column's code, name,
type and whether it is part of the template's primary key, and the foreign keys R1 to R22
between templates, as the taxonomy declares them (``tc:keys``)."""

from __future__ import annotations

from dataclasses import dataclass

STRING, CLOSED, DATE, INTEGER, MONETARY, LINK = "s", "e", "d", "i", "m", "t"


@dataclass(frozen=True)
class Column:
    """A column of a register template: its code, name, kind and whether it is a key."""

    code: str
    """``c0010``: the header of the xBRL-CSV file."""
    name: str
    kind: str
    """s string, e closed list (an ``eba_*`` member), d date, i integer, m monetary, t link."""
    key: bool = False

    @property
    def number(self) -> str:
        return self.code[1:]


@dataclass(frozen=True)
class Template:
    """A template of the register of information and its columns."""

    id: str
    """``B_02.01``: the filing indicator."""
    name: str
    columns: tuple[Column, ...]

    @property
    def file(self) -> str:
        """``b_02.01.csv``: its table file in the report package."""
        return f"{self.id.lower()}.csv"

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.columns if c.key)

    def column(self, code: str) -> Column:
        return next(c for c in self.columns if c.code == code)


@dataclass(frozen=True)
class ForeignKey:
    """A key one template's columns hold into another template's (R1 to R22)."""

    name: str
    """The taxonomy's name, R1 to R22."""
    source: str
    columns: tuple[str, ...]
    target: str
    target_columns: tuple[str, ...]


def _t(template_id: str, name: str, *rows: tuple[str, str, str]) -> Template:
    columns = tuple(
        Column(f"c{code.rstrip('K')}", title, kind, code.endswith("K"))
        for code, title, kind in rows
    )
    return Template(template_id, name, columns)


TEMPLATES: tuple[Template, ...] = (
    _t(
        "B_01.01",
        "Entity maintaining the register of information",
        ("0010K", "LEI of the entity maintaining the register of information", "s"),
        ("0020", "Name of the entity", "s"),
        ("0030", "Country of the entity", "e"),
        ("0040", "Type of entity", "e"),
        ("0050", "Competent Authority", "s"),
        ("0060", "Date of the reporting", "d"),
    ),
    _t(
        "B_01.02",
        "List of entities within the scope of the register of information",
        ("0010K", "LEI of the entity", "s"),
        ("0020", "Name of the entity", "s"),
        ("0030", "Country of the entity", "e"),
        ("0040", "Type of entity", "e"),
        ("0050", "Hierarchy of the entity within the group (where applicable)", "e"),
        ("0060", "LEI of the direct parent undertaking of the entity", "s"),
        ("0070", "Date of last update", "d"),
        ("0080", "Date of integration in the Register of information", "d"),
        ("0090", "Date of deletion in the Register of information", "d"),
        ("0100", "Currency", "e"),
        ("0110", "Value of total assets - of the financial entity", "m"),
    ),
    _t(
        "B_01.03",
        "List of branches",
        ("0010K", "Identification code of the branch", "s"),
        ("0020K", "LEI of the financial entity head office of the branch", "s"),
        ("0030", "Name of the branch", "s"),
        ("0040", "Country of the branch", "e"),
    ),
    _t(
        "B_02.01",
        "Contractual arrangements - General information",
        ("0010K", "Contractual arrangement reference number", "s"),
        ("0020", "Type of contractual arrangement", "e"),
        ("0030", "Overarching contractual arrangement reference number", "s"),
        ("0040", "Currency of the amount reported in B_02.01.0050", "e"),
        (
            "0050",
            "Annual expense or estimated cost of the contractual arrangement for the past year",
            "m",
        ),
    ),
    _t(
        "B_02.02",
        "Contractual arrangements - Specific information",
        ("0010K", "Contractual arrangement reference number", "s"),
        ("0020K", "LEI of the financial entity making use of the ICT service(s)", "s"),
        ("0030K", "Identification code of the ICT third-party service provider", "s"),
        ("0040", "Type of code to identify the ICT third-party service provider", "e"),
        ("0050K", "Function identifier", "s"),
        ("0060K", "Type of ICT services", "e"),
        ("0070", "Start date of the contractual arrangement", "d"),
        ("0080", "End date of the contractual arrangement", "d"),
        ("0090", "Reason of the termination or ending of the contractual arrangement", "e"),
        ("0100", "Notice period for the financial entity making use of the ICT service(s)", "i"),
        ("0110", "Notice period for the ICT third-party service provider", "i"),
        ("0120", "Country of the governing law of the contractual arrangement", "e"),
        ("0130K", "Country of provision of the ICT services", "e"),
        ("0140", "Storage of data", "e"),
        ("0150K", "Location of the data at rest (storage)", "e"),
        ("0160K", "Location of management of the data (processing)", "e"),
        ("0170", "Sensitiveness of the data stored by the ICT third-party service provider", "e"),
        (
            "0180",
            "Level of reliance on the ICT service supporting the critical or important function.",
            "e",
        ),
    ),
    _t(
        "B_02.03",
        "List of intra-group contractual arrangements",
        ("0010K", "Contractual arrangement reference number", "s"),
        (
            "0020K",
            "Contractual arrangement linked to the contractual arrangement referred in B_02.03.0010",
            "s",
        ),
        ("0030", "Link", "t"),
    ),
    _t(
        "B_03.01",
        "Entities signing the Contractual arrangements for receiving ICT service(s) or on behalf of the entities making use of the ICT service(s)",
        ("0010K", "Contractual arrangement reference number", "s"),
        ("0020K", "LEI of the entity signing the contractual arrangement", "s"),
        ("0030", "Link", "t"),
    ),
    _t(
        "B_03.02",
        "ICT third-party service providers signing the Contractual arrangements for providing ICT service(s)",
        ("0010K", "Contractual arrangement reference number", "s"),
        ("0020K", "Identification code of ICT third-party service provider", "s"),
        ("0030", "Type of code to identify the ICT third-party service provider", "e"),
    ),
    _t(
        "B_03.03",
        "Entities signing the Contractual arrangements for providing ICT service(s) to other entity within the scope of consolidation",
        ("0010K", "Contractual arrangement reference number", "s"),
        ("0020K", "LEI of the entity providing ICT services", "s"),
        ("0031", "Link", "t"),
    ),
    _t(
        "B_04.01",
        "Entities making use of the ICT services",
        ("0010K", "Contractual arrangement reference number", "s"),
        ("0020K", "LEI of the entity making use of the ICT service(s)", "s"),
        ("0030", "Nature of the entity making use of the ICT service(s)", "e"),
        ("0040K", "Identification code of the branch", "s"),
    ),
    _t(
        "B_05.01",
        "ICT third-party service providers",
        ("0010K", "Identification code of ICT third-party service provider", "s"),
        ("0020", "Type of code to identify the ICT third-party service provider", "e"),
        ("0030", "Additional identification code of ICT third-party service provider", "s"),
        ("0040", "Type of additional identification code of ICT third-party service provider", "e"),
        ("0050", "Legal name of the ICT third-party service provider", "s"),
        ("0060", "Name of the ICT third-party service provider in Latin alphabet", "s"),
        ("0070", "Type of person of the ICT third-party service provider", "e"),
        ("0080", "Country of the ICT third-party service provider's headquarters", "e"),
        ("0090", "Currency of the amount reported in B_05.01.0100", "e"),
        (
            "0100",
            "Total annual expense or estimated cost of the ICT third-party service provider",
            "m",
        ),
        (
            "0110",
            "Identification code of the ICT third-party service provider's ultimate parent undertaking",
            "s",
        ),
        (
            "0120",
            "Type of code to identify the ICT third-party service provider's ultimate parent undertaking",
            "e",
        ),
    ),
    _t(
        "B_05.02",
        "ICT service supply chains",
        ("0010K", "Contractual arrangement reference number", "s"),
        ("0020K", "Type of ICT services", "e"),
        ("0030K", "Identification code of the ICT third-party service provider", "s"),
        ("0040", "Type of code to identify the ICT third-party service provider", "e"),
        ("0050K", "Rank", "i"),
        ("0060K", "Identification code of the recipient of sub-contracted ICT services", "s"),
        ("0070", "Type of code to identify the recipient of sub-contracted ICT services", "e"),
    ),
    _t(
        "B_06.01",
        "Functions identification",
        ("0010K", "Function Identifier", "s"),
        ("0020", "Licenced activity", "e"),
        ("0030", "Function name", "s"),
        ("0040K", "LEI of the financial entity", "s"),
        ("0050", "Criticality or importance assessment", "e"),
        ("0060", "Reasons for criticality or importance", "s"),
        ("0070", "Date of the last assessment of criticality or importance", "d"),
        ("0080", "Recovery time objective of the function", "i"),
        ("0090", "Recovery point objective of the function", "i"),
        ("0100", "Impact of discontinuing the function", "e"),
    ),
    _t(
        "B_07.01",
        "Assessment of the ICT services",
        ("0010K", "Contractual arrangement reference number", "s"),
        ("0020K", "Identification code of the ICT third-party service provider", "s"),
        ("0030", "Type of code to identify the ICT third-party service provider", "e"),
        ("0040K", "Type of ICT services", "e"),
        ("0050", "Substitutability of the ICT third-party service provider", "e"),
        (
            "0060",
            "Reason if the ICT third-party service provider is considered not substitutable or difficult to be substitutable",
            "e",
        ),
        ("0070", "Date of the last audit on the ICT third-party service provider", "d"),
        ("0080", "Existence of an exit plan", "e"),
        ("0090", "Possibility of reintegration of the contracted ICT service", "e"),
        ("0100", "Impact of discontinuing the ICT services", "e"),
        ("0110", "Are there alternative ICT third-party service providers identified?", "e"),
        ("0120", "Identification of alternative ICT TPP", "s"),
    ),
    _t(
        "B_99.01",
        "Definitions from Entities making use of the ICT Services",
        *(
            (f"{n:04d}", title, "s")
            for n, title in zip(
                range(10, 200, 10),
                (
                    "Standalone arrangement",
                    "Overarching arrangement",
                    "Subsequent or associated arrangement",
                    "Low sensitiveness of data",
                    "Medium sensitiveness of data",
                    "High sensitiveness of data",
                    "Low impact of discontinuing the function",
                    "Medium impact of discontinuing the function",
                    "High impact of discontinuing the function",
                    "Not substitutable",
                    "Highly complex substitutability",
                    "Medium complexity in terms of substitutability",
                    "Easily substitutable",
                    "Easy reintegration",
                    "Difficult reintegration",
                    "Highly complex reintegration",
                    "Low impact of discontinuing the ICT services",
                    "Medium impact of discontinuing the ICT services",
                    "High impact of discontinuing the ICT services",
                ),
                strict=True,
            )
        ),
    ),
)

BY_ID = {t.id: t for t in TEMPLATES}

EARLIER_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("B_02.01", "c0040"): ("Currency of the amount reported in RT.02.01.0050",),
    ("B_02.03", "c0020"): (
        "Contractual arrangement linked to the contractual arrangement referred in RT.02.03.0010",
    ),
    ("B_05.01", "c0090"): (
        "Currency of the amount reported in RT.05.01.0100",
        "Currency of the amount reported in RT.05.01.0070",
        "Currency of the amount reported in B_05.01.0070",
    ),
}
"""Other names of the columns whose names cite another column: the draft's ``RT.`` style, which
the ESAs' annotated templates and resilint's earlier workbooks and readable CSVs kept, and the
cross-reference to B_05.01.0070 that the corrigendum to the ITS (OJ 2025/90725) corrected to
B_05.01.0100. A workbook's row of names, or a readable CSV's header, that uses them still reads
as one (:mod:`.tables`); the export writes the ITS's names."""


def column_names(template: str) -> dict[str, str]:
    """Each name of ``template``'s columns (the ITS's and :data:`EARLIER_NAMES`), case-folded,
    with its column code."""
    names = {c.name.casefold(): c.code for c in BY_ID[template].columns}
    for (owner, code), earlier in EARLIER_NAMES.items():
        if owner == template:
            names |= {name.casefold(): code for name in earlier}
    return names


def _fk(name: str, source: str, columns: str, target: str, target_columns: str) -> ForeignKey:
    return ForeignKey(
        name, source, tuple(columns.split(",")), target, tuple(target_columns.split(","))
    )


FOREIGN_KEYS: tuple[ForeignKey, ...] = (
    _fk("R1", "B_03.03", "c0020", "B_01.02", "c0010"),
    _fk("R2", "B_03.01", "c0020", "B_01.02", "c0010"),
    _fk("R3", "B_01.03", "c0020", "B_01.02", "c0010"),
    _fk("R4", "B_04.01", "c0020", "B_01.02", "c0010"),
    _fk("R5", "B_06.01", "c0040", "B_01.02", "c0010"),
    _fk("R6", "B_01.02", "c0060", "B_01.02", "c0010"),
    _fk("R7", "B_02.02", "c0050,c0020", "B_06.01", "c0010,c0040"),
    _fk("R8", "B_03.03", "c0010", "B_02.01", "c0010"),
    _fk("R9", "B_03.02", "c0010", "B_02.01", "c0010"),
    _fk("R10", "B_03.01", "c0010", "B_02.01", "c0010"),
    _fk("R11", "B_02.03", "c0010", "B_02.01", "c0010"),
    _fk("R12", "B_02.03", "c0020", "B_02.01", "c0010"),
    _fk("R13", "B_02.01", "c0030", "B_02.01", "c0010"),
    _fk("R14", "B_05.02", "c0010", "B_02.01", "c0010"),
    _fk("R15", "B_07.01", "c0010", "B_02.01", "c0010"),
    _fk("R16", "B_04.01", "c0010", "B_02.01", "c0010"),
    _fk("R17", "B_02.02", "c0010,c0030", "B_03.02", "c0010,c0020"),
    _fk("R18", "B_05.01", "c0110", "B_05.01", "c0010"),
    _fk("R19", "B_03.02", "c0020", "B_05.01", "c0010"),
    _fk("R20", "B_05.02", "c0030", "B_05.01", "c0010"),
    _fk("R21", "B_05.02", "c0060", "B_05.01", "c0010"),
    _fk("R22", "B_07.01", "c0020", "B_05.01", "c0010"),
)
"""The taxonomy's foreign keys; a key column left empty (an optional reference) is not checked."""
