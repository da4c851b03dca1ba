"""Stage 4 of the flow: index documents by id and resolve every declared reference."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from resilint.core_checks import CORE_CHECKS, why_unreadable
from resilint.findings import Finding, JsonPath, Level, Related, format_json_path
from resilint.locate import Locator
from resilint.model import Document, Index, from_root
from resilint.patterns import kept
from resilint.schemas import ANY_ITEM, ANY_KEY, SchemaSet
from resilint.suggest import Budget, check_budget, closest, difference, odd_characters

if TYPE_CHECKING:
    from resilint.domain.names import SupplierNames, Unresolved


def check_index(index: Index, locator: Locator, root: str = "") -> Iterator[Finding]:
    """DOC-02 for every document whose kind and id another document already has, naming the
    first one's file relative to ``root`` (:func:`resilint.model.from_root`)."""
    check = CORE_CHECKS["DOC-02"]
    for first, again in index.duplicates:
        where = f"{from_root(first.path, root)}:{first.line}"
        said = f"{again.label}: the id '{again.id}' is already used by another "
        said += f"{first.label.rsplit(' ', 1)[0]} in {where}"
        if again.path != first.path and _same_file(again.path, first.path):
            link, other = (first, again) if Path(first.path).is_symlink() else (again, first)
            said = (
                f"{again.label}: {from_root(link.path, root)} and "
                f"{from_root(other.path, root)} are one file (the first a link to the "
                f"second), so its documents are read twice and each id is used twice (first "
                f"at {where}): delete the link, or exclude it in the configuration"
            )
        yield locator.finding(
            check.code,
            check.name,
            check.level,
            said,
            again,
            ("id",),
            related=(locator.related(first, ("id",), "first document with this id"),),
        )


def _same_file(one: str, other: str) -> bool:
    """Whether two paths the walk read are one file (a link inside the repository to the
    other): its documents were read under each name."""
    try:
        return Path(one).samefile(other)
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read as documents: its first finding, and its text if any."""

    finding: Finding
    text: str


def check_references(
    index: Index,
    schemas: SchemaSet,
    locator: Locator,
    broken: Iterable[Unreadable] = (),
    names: SupplierNames | None = None,
    root: str = "",
) -> Iterator[Finding]:
    """REF-01 for every reference to a document that does not exist; REF-02, once per broken
    file, for the references whose target that file seems to hold (its text names the id);
    REF-05 (:func:`check_names`), reading the suppliers' names from ``names`` where the check
    has them already (the dependency graph's), else from a table of its own. A file a message
    names is named relative to ``root`` (:func:`resilint.model.from_root`)."""
    blocked: dict[str, list[tuple[Document, JsonPath, str]]] = {}
    broken = list(broken)
    holders: dict[str, Unreadable] | None = None  # read on the first unknown reference
    budget = check_budget(len(index.documents))
    for document in index.documents:
        if not schemas.is_kind(document.kind):
            continue
        for field in schemas.references(document.kind):
            for path, value in field.values(document.data):
                if not isinstance(value, str) or index.get(field.target, value) is not None:
                    continue
                if holders is None:
                    holders = _holders(broken)
                holder = holders.get(value)
                if holder is None:
                    yield _unknown(
                        document, path, value, field.target, index, locator, broken, budget, root
                    )
                else:
                    blocked.setdefault(holder.finding.path, []).append((document, path, value))
    for holder in broken:
        if holder.finding.path in blocked:
            yield _blocked(holder.finding, blocked[holder.finding.path], locator, root)
    yield from _loops(index, schemas, locator)
    yield from check_names(index, locator, broken, names)


def _loops(index: Index, schemas: SchemaSet, locator: Locator) -> Iterator[Finding]:
    """REF-04 for each loop of a reference that names one document of its own kind: a chain
    that must end (an entity's parent, the contract a contract falls under, the policy an
    excess layer sits over) but comes back to where it started. Reported once per loop, at the
    document of the loop that comes first in the repository."""
    for kind in schemas.kinds:
        for field in schemas.references(kind):
            if field.target != kind or ANY_ITEM in field.pattern or ANY_KEY in field.pattern:
                continue
            following: dict[int, tuple[Document, JsonPath, Document]] = {}
            for document in index.of_kind(kind):
                for path, value in field.values(document.data):
                    after = index.get(kind, value) if isinstance(value, str) else None
                    if after is not None:
                        following[id(document)] = (document, path, after)
            yield from _closed_chains(following, locator)


def _closed_chains(
    following: dict[int, tuple[Document, JsonPath, Document]], locator: Locator
) -> Iterator[Finding]:
    """The loops among single links from each document to the next (each document has at
    most one next, so each loop is found once, walking from any document into it)."""
    done: set[int] = set()
    for start in following:
        walked: list[int] = []
        at: int | None = start
        while at is not None and at not in done and at not in walked:
            walked.append(at)
            link = following.get(at)
            at = id(link[2]) if link is not None else None
        if at is not None and at in walked:  # closed here, not in a chain walked before
            loop = [following[n] for n in walked[walked.index(at) :]]
            yield _loop(loop, locator)
        done.update(walked)


_ENDS: dict[tuple[str, JsonPath], str] = {
    ("Entity", ("parent",)): (
        "A group's chain of parents ends at its ultimate parent, which records no parent; as "
        "it is, the DORA register of information files a parent from inside the loop "
        "(B_01.02.0050 and 0060) and the group without its ultimate parent"
    ),
    ("Contract", ("overarching_contract",)): (
        "A chain of contracts ends at the framework agreement, which records no "
        "overarching_contract; as it is, the DORA register of information files an overarching "
        "arrangement from inside the loop (B_02.01.0030)"
    ),
    ("InsurancePolicy", ("layer", "sits_over")): (
        "A tower ends at its primary policy, which sits over nothing; as it is, no layer of it "
        "can be traced to the terms it follows"
    ),
}
"""What each chain a loop can close ends at, and what the loop breaks."""


def _loop(loop: list[tuple[Document, JsonPath, Document]], locator: Locator) -> Finding:
    check = CORE_CHECKS["REF-04"]
    first = min(range(len(loop)), key=lambda i: (loop[i][0].path, loop[i][0].index))
    loop = loop[first:] + loop[:first]
    document, path, _ = loop[0]
    field = format_json_path(path)
    if len(loop) == 1:
        what = f"names itself in {field}"
    else:
        chain = " -> ".join([*(str(d.id) for d, _, _ in loop), str(document.id)])
        what = f"comes back to itself through {field}: {chain}"
    ends = _ENDS.get(
        (document.kind, tuple(step for step in path if isinstance(step, str))),
        "Such a chain must end at a document that names none",
    )
    noun = document.label.rsplit(" ", 1)[0]
    message = f"{document.label} {what}. {ends}. Correct the {field} that names the wrong {noun}"
    related = tuple(
        locator.related(
            other, where, f"{other.label} names {after.id} in {format_json_path(where)}"
        )
        for other, where, after in loop[1:]
    )
    return locator.finding(
        check.code, check.name, check.level, message, document, path, related=related
    )


# A line that declares an id (after a list item's dash or not), and what follows ``id:``: an
# optional quote, the id as one word, and the rest of its line. A lookahead, so that each line
# is tried; each part ends in one place only, so a line is read once.
_DECLARED_ID = kept(r"(?m)^(?=[^\S\n]*(?:-\s+)?id:\s*['\"]?([^\s'\"#]*)(.*))")


def _holders(broken: list[Unreadable]) -> dict[str, Unreadable]:
    """The first broken file whose text declares each id: ``id: value``, quoted or not, with a
    comment or not. Each file is read once, not once for each unknown reference (a thousand
    references into a megabyte-long broken file read it a thousand times)."""
    holders: dict[str, Unreadable] = {}
    for holder in broken:
        for found in _DECLARED_ID.finditer(holder.text):
            rest = found.group(2)
            rest = (rest[1:] if rest[:1] in ("'", '"') else rest).lstrip()
            if not rest or rest[0] == "#":
                holders.setdefault(found.group(1), holder)
    return holders


def _blocked(
    error: Finding, places: list[tuple[Document, JsonPath, str]], locator: Locator, root: str
) -> Finding:
    check = CORE_CHECKS["REF-02"]
    first, path, _ = places[0]
    names = ", ".join(dict.fromkeys(f"'{v}'" for _, _, v in places))
    count = len(places)
    message = (
        f"{count} reference{'s' if count > 1 else ''} ({names}) cannot be checked: "
        f"{from_root(error.path, root)} has {why_unreadable(error.code)} at line {error.line} "
        f"({error.code}), "
        "so its documents cannot be read. Fix that file "
        "first; these references are checked again then"
    )
    related = [Related(error.path, error.line, error.column, f"{error.code}: {error.message}")]
    related += [
        locator.related(document, where, f"{document.label} refers to '{v}'")
        for document, where, v in places[1:]
    ]
    return locator.finding(
        check.code, check.name, check.level, message, first, path, related=tuple(related)
    )


def _unknown(
    document: Document,
    path: JsonPath,
    value: str,
    target: str,
    index: Index,
    locator: Locator,
    broken: list[Unreadable],
    budget: Budget,
    root: str,
) -> Finding:
    check = CORE_CHECKS["REF-01"]
    # A typo keeps its first letter and about its length nearly always.
    close = index.meant(target, value, budget)
    target_words = Document("", 0, 0, target, None, {}).label
    known = bool(index.of_kind(target))
    differs = difference(value, close) if close else None
    if differs:
        hint = (
            f"; it only looks like '{close}': it differs by {differs}. Retype the reference "
            "(it was probably pasted from a document that uses other characters)"
        )
    elif close and index.named(target, value) == close:
        hint = f"; that is the name of {target_words} {close}: write its id, {close}"
    elif close:
        hint = f"; did you mean '{close}'?"
        odd = odd_characters(value)
        if odd:
            hint += f" (the reference holds {', '.join(odd)})"
    elif not known:
        hint = f"; no file checked holds {target_words} documents"
    elif budget.spent:
        hint = "; too many unknown references in this check to suggest the nearest id of each"
    else:
        hint = ""
    if broken:  # the document may be in a file that could not be read
        hint += " (or it is in a file that could not be read: "
        hint += from_root(broken[0].finding.path, root)
        hint += f" and {len(broken) - 1} more)" if len(broken) > 1 else ")"
    related: tuple[Related, ...] = ()
    if close:
        match = index.get(target, close)
        assert match is not None
        related = (locator.related(match, ("id",), f"{target_words} '{close}'"),)
    return locator.finding(
        check.code,
        check.name,
        check.level,
        f"{document.label}: {format_json_path(path)} names {target_words} '{value}', "
        f"which does not exist{hint}",
        document,
        path,
        related=related,
    )


def check_names(
    index: Index,
    locator: Locator,
    broken: Iterable[Unreadable] = (),
    names: SupplierNames | None = None,
    root: str = "",
) -> Iterator[Finding]:
    """REF-05 for each name that should link to a supplier or one of its services and links to
    nothing (:func:`resilint.domain.names.unresolved`), unless a file that could not be read
    declares it as an id (the supplier it names may be there)."""
    from resilint.domain.names import SupplierNames, unresolved  # its tables: only here

    declared = _holders(list(broken))
    budget = check_budget(len(index.documents))
    for found in unresolved(names if names is not None else SupplierNames(index)):
        if found.name not in declared:
            yield _unlinked(found, locator, budget)


def _unlinked(found: Unresolved, locator: Locator, budget: Budget) -> Finding:
    check = CORE_CHECKS["REF-05"]
    where = f"{found.document.label}: {format_json_path(found.path)}"
    related: tuple[Related, ...]
    if found.supplier is not None:
        message = f"{where} {_unknown_service(found, budget)}"
        supplier = found.supplier
        at: JsonPath = ("services",) if supplier.data.get("services") else ("id",)
        related = (locator.related(supplier, at, f"the services of {supplier.label}"),)
    else:
        message = f"{where} names {found.what} '{found.name}', {_unlinked_name(found)}"
        others = found.sharing or tuple(s for s, _ in found.like)
        related = tuple(locator.related(s, ("id",), s.label) for s in others)
    # a subprocessor is free text with no identifier to tell another firm by: a name that only
    # reads like a supplier of ours is a warning, not a gate's failure
    level = Level.WARNING if found.what == "subprocessor" else check.level
    return locator.finding(
        check.code, check.name, level, message, found.document, found.path, related=related
    )


def _unknown_service(found: Unresolved, budget: Budget) -> str:
    supplier = found.supplier
    assert supplier is not None
    listed = found.services
    said = f"names service '{found.name}' of supplier {supplier.id}"
    if not listed:
        return (
            f"{said}, which lists no services, so the name links to nothing: add the service to "
            f"supplier {supplier.id} (services[].name), as the name is written here"
        )
    close = closest(found.name, listed, budget)
    shown = ", ".join(listed[:8]) + (f" and {len(listed) - 8} more" if len(listed) > 8 else "")
    hint = f"did you mean '{close}'?" if close else f"its services: {shown}"
    return (
        f"{said}, which lists no service of that name, so the name links to nothing (what rests "
        f"on the service, what its contract covers, the register's rows of it); {hint}"
    )


def _unlinked_name(found: Unresolved) -> str:
    """What the name fails to link to, and what to write instead."""
    if found.sharing:
        ids = " and ".join(str(s.id) for s in found.sharing)
        return (
            f"a service that suppliers {ids} both list, so it links to neither: write the id "
            "of the supplier it means"
        )
    provider = found.what == "identity provider"
    service = "nor the name of one supplier's service, " if provider else ""
    reads = "; ".join(
        f"service {name} of supplier {s.id}" if name else f"supplier {s.id}"
        for s, name in found.like
    )
    write = " or ".join(name or str(s.id) for s, name in found.like)
    how = f"supplier: {write}" if found.what == "subcontractor" else write
    other = {
        "subcontractor": "; if it is another firm, record its identifier (provider_id)",
        "subprocessor": "; if it is another firm, leave it as it is",
    }.get(found.what, "")
    return (
        f"which is no supplier's id, name or identifier, {service}so it links to no supplier "
        f"of ours; it reads like {reads}: if it means that one, write {how} there{other}"
    )
