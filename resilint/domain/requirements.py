"""The requirements matrix: which terms each class of supplier must carry, as data.

resilint's defaults are in ``rules/requirements.yaml``; the configuration's ``requirements:``
overrides any cell. A term is required of a supplier's class ``always``, ``never``, or when the
supplier has any of the exposures listed (``ict``: provides ICT services; ``access``: holds
access to our systems; ``operating_access``: operates in our
systems through a person's account or privileged rights, not only an integration credential;
``data``: handles our confidential or restricted data). A term may also name the service models
(:mod:`resilint.domain.delivery`) it is ``not_for``: it has no object where every service
concerned is of one of them (forensic images of a multi-tenant platform, step-in into a
colocation, IT-vendor terms of a bank), and those it is ``critical_only_for``: asked of them only
when the supplier is critical (a law firm's engagement terms), and cells of its own for a
service model (``for_models``: a data feed below tier 1 is asked a 24x7 security line only
when it holds access into our systems). Every term says its ``basis``:
what requires it, law (the exact article, and for whom), the programme's policy or market
practice, so that a gap is read for what it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from resilint.domain.delivery import MODEL_WORDS
from resilint.domain.regimes import NIS2_LISTED, REGIMES
from resilint.errors import ConfigError
from resilint.limits import Limits
from resilint.resources import data_dir

CLASSES = ("critical", "tier_2", "tier_3")
EXPOSURES = ("ict", "access", "operating_access", "data")
ON_SITE_EXPOSURES = frozenset({"access", "operating_access"})
"""The exposures a supplier's on-site-only accounts give it: not read by a term not asked for
them (:attr:`Term.on_site`)."""
ALWAYS, NEVER = "always", "never"
FILE_NAME = "requirements.yaml"
"""Lives beside the rule files in rules/, but holds the matrix, not rules."""
BASIS_KINDS = ("law", "policy", "market practice")
"""What a term's basis starts with: ``law: DORA Art. 30(2)(h) for DORA entities; policy
otherwise``, ``policy (this programme's choice)``, ``market practice (...)``."""


@dataclass(frozen=True)
class Term:
    """A contract term of the requirements matrix: whom it is required of, and by which rules."""

    name: str
    title: str
    rules: tuple[str, ...]
    ict_security: bool
    """An ICT-security term: not asked of a contract marked ``covers_ict_services: false``."""
    required_of: Mapping[str, str | tuple[str, ...]]
    not_for: tuple[str, ...] = ()
    """Service models it has no object for: not asked where every service concerned is one."""
    critical_only_for: tuple[str, ...] = ()
    """Service models of which it is asked only when the supplier is critical: where every
    service concerned is one, the tier-2 and tier-3 cells read never."""
    intra_group: bool = True
    """Asked of a provider in our own group (a supplier with group_entity); False for the
    commercial remedies, which would move money or control inside the group, and for terms the
    law asks only of a provider outside it (NYDFS: not an affiliate)."""
    basis: str = "policy"
    """What requires it, in words a committee reads: starts with one of :data:`BASIS_KINDS`
    (resilint's matrix gives every term one; the safe claim for a term made without is policy:
    never law without the article)."""

    law_for: tuple[str, ...] = ()
    """The regimes whose law the basis cites (``dora``, ``nis2``, ``nydfs``): for a repository
    with no entity under any of them the term is the programme's policy. Empty: the basis says
    law for everyone (or is not law)."""

    otherwise: str = ""
    """What requires it in a repository with no entity under the regimes of ``law_for``, in the
    same form as the basis (empty: the basis is shown there, saying its law binds none of them):
    a telecom under NIS2 alone is not told the DORA article that binds a bank."""

    public_body: bool = True
    """Asked of a public body serving us under public law (a supplier with public_body: true,
    such as a shared public-sector IT service centre); False for the commercial remedies a
    public authority does not grant (step-in into its operation, a contractual indemnity)."""

    cites: tuple[tuple[str, str], ...] = ()
    """The laws the basis cites, each with where it binds (a regime, or :data:`NIS2_LISTED`
    for Implementing Regulation (EU) 2024/2690): a repository is shown only the laws that bind
    one of its entities, through ``cited``; none, the basis otherwise. Empty: the basis is shown
    whole wherever a regime of ``law_for`` is."""

    cited: str = ""
    """The basis as a repository bound by only some of ``cites`` reads it, ``{laws}`` standing
    for those laws (empty: the whole basis)."""

    mandated: bool = True
    """Asked of a supplier we take part in because a law, a by-law or a regulator requires it,
    on terms set alike for every participant (a supplier with mandated: true, such as a port
    community system or a state health-information exchange); False for the terms only a
    bargain gives, which no participant can obtain (the commercial remedies, terms of our own
    choosing for notices, forensics and claims)."""

    mandated_where_law: bool = False
    """With ``mandated`` False: asked of a supplier we take part in by mandate all the same
    where the law the basis cites binds the entities concerned (a regime of ``law_for``): the
    law is asked of every provider, a bargain's terms are not (matrix value ``mandated:
    where_law``; cooperation with our incident team, DORA Art. 30(2)(f))."""

    on_site: bool = True
    """Asked, for its access to our systems, of a supplier whose only access is people's accounts
    that sign in only on our premises or internal network (:func:`.delivery.on_site_only`: a
    field-service crew at a console in our plant); False for evidence retention and forensic
    images, whose object is the trail of what it did from outside (what such a crew does is
    logged in our own systems), and for step-in rights and the joint playbook, whose objects are
    an operation of its own and an integration of its own (the systems it works in are ours, and
    its accounts ours to disable). Its ICT services or our confidential data ask it all the
    same, as its cells say."""

    for_models: Mapping[str, Mapping[str, str | tuple[str, ...]]] = field(default_factory=dict)
    """Cells of the term's own for a service model, by class: a service of that model is asked
    the term as its cell there says (a tier-2 data feed only with access into our systems),
    the other classes as ``required_of``. Where the services concerned are of several models,
    the term is asked if any one's cell asks it; where any model is unknown, by ``required_of``."""

    @property
    def basis_kind(self) -> str:
        """``law``, ``policy`` or ``market practice``: the word the report shows on its column."""
        return basis_kind(self.basis) or "policy"

    def binds_none(self, regimes: frozenset[str]) -> bool:
        """Whether the law the basis cites binds none of the entities under ``regimes`` (with
        :data:`NIS2_LISTED` where one is of a kind Regulation 2024/2690 binds)."""
        if self.cites:
            return not any(where in regimes for where, _ in self.cites)
        return bool(self.law_for) and not regimes.intersection(self.law_for)

    def basis_for(self, regimes: frozenset[str]) -> str:
        """What requires it in a repository whose entities fall under ``regimes``: the basis,
        or where its law binds none of them, the basis otherwise when the matrix gives one; where
        only some of the laws it cites bind them, those alone (a water utility under NIS2 is
        not told the NYDFS section or the DORA article that binds a bank)."""
        if self.binds_none(regimes):
            return self.otherwise or self.basis
        binding = [law for where, law in self.cites if where in regimes]
        if self.cited and len(binding) < len(self.cites):
            return self.cited.replace("{laws}", ", ".join(binding))
        return self.basis

    def sparing(self, critical: bool) -> frozenset[str]:
        """The service models whose record takes the term off a supplier, critical or not: its
        ``not_for``, and below tier 1 its ``critical_only_for`` too."""
        return frozenset(self.not_for) | frozenset(() if critical else self.critical_only_for)

    def kind_for(self, regimes: frozenset[str]) -> str:
        """The basis's word for a repository whose entities fall under ``regimes``: a term the
        law requires only under regimes none of them is under is policy there."""
        kind = basis_kind(self.basis_for(regimes)) or "policy"
        return "policy" if kind == "law" and self.binds_none(regimes) else kind

    def required(
        self,
        supplier_class: str,
        exposures: frozenset[str],
        models: frozenset[str] = frozenset(),
        intra_group: bool = False,
        public_body: bool = False,
        mandated: bool = False,
        on_site: bool = False,
        regimes: frozenset[str] = frozenset(),
    ) -> bool:
        if on_site and not self.on_site:
            exposures = exposures - ON_SITE_EXPOSURES
        if intra_group and not self.intra_group:
            return False
        if public_body and not self.public_body:
            return False
        if mandated and not self.mandated and not self.asked_by_law_of_mandated(regimes):
            return False
        if models and models.issubset(self.not_for):
            return False
        if supplier_class != "critical" and models and models.issubset(self.critical_only_for):
            return False
        cells = {self.cell(supplier_class, model) for model in models} or {
            self.required_of.get(supplier_class, NEVER)
        }
        return any(_asks(cell, exposures) for cell in cells)

    def asked_by_law_of_mandated(self, regimes: frozenset[str]) -> bool:
        """Whether the law still asks it of a mandated supplier of entities under ``regimes``."""
        return self.mandated_where_law and bool(regimes.intersection(self.law_for))

    def cell(self, supplier_class: str, model: str | None = None) -> str | tuple[str, ...]:
        """The class's cell, for a service of ``model`` where the term has one of its own."""
        own = self.for_models.get(model or "", {})
        return own.get(supplier_class, self.required_of.get(supplier_class, NEVER))

    def describe(self, supplier_class: str, model: str | None = None) -> str:
        """A cell in words (a service model's own, with ``model``), for ``explain`` and
        docs/rules.md."""
        cell = self.cell(supplier_class, model)
        if cell in (ALWAYS, NEVER):
            return "yes" if cell == ALWAYS else "no"
        return "if " + " or ".join(_EXPOSURE_WORDS[e] for e in cell)

    def describe_models(self, last: str = " and ", models: tuple[str, ...] | None = None) -> str:
        """The service models it is not for (or ``models``), in words ("" when none)."""
        chosen = self.not_for if models is None else models
        words = [MODEL_WORDS.get(m, m) for m in chosen]
        return last.join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


def _asks(cell: str | tuple[str, ...], exposures: frozenset[str]) -> bool:
    """Whether a cell asks the term of a supplier with ``exposures``."""
    if cell == ALWAYS:
        return True
    return cell != NEVER and bool(exposures.intersection(cell))


_EXPOSURE_WORDS = {
    "ict": "it provides ICT services",
    "access": "it has access to our systems",
    "operating_access": "it operates in our systems",
    "data": "it handles our confidential data",
}


@dataclass(frozen=True)
class Matrix:
    """The requirements matrix: which terms each kind of supplier and contract is asked."""

    terms: Mapping[str, Term]
    _required: dict[tuple[Any, ...], frozenset[str]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    """Answers by question: thousands of suppliers and contracts ask a handful of questions,
    and share the answers' sets (one check keeps every one of them)."""

    def sparing(self, names: Iterable[str], critical: bool) -> frozenset[str]:
        """The service models whose record takes every one of the terms ``names`` off a
        supplier, critical or not (a term the matrix does not hold spares none)."""
        spared = [
            self.terms[n].sparing(critical) if n in self.terms else frozenset() for n in names
        ]
        return frozenset.intersection(*spared) if spared else frozenset()

    def required(
        self,
        supplier_class: str,
        exposures: frozenset[str],
        contract_ict: bool | None = None,
        models: frozenset[str] = frozenset(),
        intra_group: bool = False,
        public_body: bool = False,
        mandated: bool = False,
        on_site: bool = False,
        regimes: frozenset[str] = frozenset(),
    ) -> frozenset[str]:
        """The terms a supplier of this class and exposure must carry; for a contract,
        ICT-security terms only where it covers ICT services. ``models`` are the service models
        of what is concerned (empty when any is unknown: then no term is left out for its
        model); ``intra_group``: the supplier is a company of our own group; ``public_body``: a
        public body serving us under public law; ``mandated``: one we take part in by mandate,
        on terms set for every participant; ``on_site``: its only access to our systems is
        people's accounts that sign in only on our premises (:attr:`Term.on_site`);
        ``regimes``: those of the entities concerned (:attr:`Term.mandated_where_law`)."""
        question = (
            supplier_class,
            exposures,
            contract_ict,
            models,
            intra_group,
            public_body,
            mandated,
            on_site,
            regimes if mandated else frozenset(),  # only a mandated supplier's answer reads them
        )
        found = self._required.get(question)
        if found is None:
            found = self._required[question] = frozenset(
                name
                for name, term in self.terms.items()
                if term.required(
                    supplier_class,
                    exposures,
                    models,
                    intra_group,
                    public_body,
                    mandated,
                    on_site,
                    regimes,
                )
                and not (term.ict_security and contract_ict is False)
            )
        return found

    def with_overrides(self, overrides: Mapping[str, Any]) -> Matrix:
        """The matrix with the configuration's cells in place of resilint's."""
        terms = dict(self.terms)
        for name, cells in overrides.items():
            if name not in terms:
                known = ", ".join(sorted(terms))
                raise ConfigError(f"requirements: unknown term '{name}'; terms: {known}")
            term = terms[name]
            classes = {k: _cell(v) for k, v in cells.items() if k not in _NOT_CELLS}
            required_of = {**term.required_of, **classes}
            terms[name] = replace(
                term,
                required_of=required_of,
                not_for=tuple(cells.get("not_for", term.not_for)),
                critical_only_for=tuple(cells.get("critical_only_for", term.critical_only_for)),
                for_models=_for_models(cells.get("for_models", term.for_models)),
                basis=str(cells.get("basis", term.basis)),
                # a configuration's own basis says for whom in its words; law_for follows it
                law_for=tuple(cells.get("law_for", () if "basis" in cells else term.law_for)),
                otherwise=str(cells.get("otherwise", "" if "basis" in cells else term.otherwise)),
                cites=() if "basis" in cells else term.cites,
                cited="" if "basis" in cells else term.cited,
            )
        return Matrix(terms)


_NOT_CELLS = ("not_for", "critical_only_for", "for_models", "basis", "law_for", "otherwise")
"""Keys of a term's overrides that are not a class's cell: the service models' lists and the
basis (the configuration's schema checks its form)."""


def basis_kind(basis: str) -> str | None:
    """The kind a basis starts with (``law: ...``, ``policy (...)``), None if none."""
    for kind in BASIS_KINDS:
        rest = basis[len(kind) :]
        if basis.startswith(kind) and (not rest or rest[0] in " :;,("):
            return kind
    return None


def _basis(name: str, spec: Mapping[str, Any], where: Path) -> str:
    """A term's basis, required of every term of a matrix file."""
    basis = spec.get("basis")
    if not isinstance(basis, str) or basis_kind(basis) is None:
        kinds = ", ".join(f"'{k}'" for k in BASIS_KINDS)
        raise ConfigError(
            f"requirements: term '{name}' needs a basis starting with {kinds} (what requires it)",
            str(where),
        )
    return basis


def _otherwise(name: str, spec: Mapping[str, Any], where: Path) -> str:
    """A term's basis where its law binds none of the repository's entities (optional)."""
    if "otherwise" not in spec:
        return ""
    return _basis(name, {"basis": spec["otherwise"]}, where)


def _law_for(name: str, spec: Mapping[str, Any], where: Path) -> tuple[str, ...]:
    """The regimes a term's basis cites the law of (none: every entity, or not law)."""
    regimes = spec.get("law_for", [])
    if not isinstance(regimes, list) or any(r not in REGIMES for r in regimes):
        raise ConfigError(
            f"requirements: term '{name}' law_for must list regimes of {', '.join(REGIMES)}",
            str(where),
        )
    return tuple(regimes)


def _cites(name: str, spec: Mapping[str, Any], where: Path) -> tuple[tuple[str, str], ...]:
    """The laws a term's basis cites, each with where it binds (optional)."""
    cites = spec.get("cites", {})
    places = (*REGIMES, NIS2_LISTED)
    if not isinstance(cites, dict) or any(
        k not in places or not isinstance(v, str) for k, v in cites.items()
    ):
        raise ConfigError(
            f"requirements: term '{name}' cites must map {', '.join(places)} to the law cited",
            str(where),
        )
    return tuple(cites.items())


def _cited(name: str, spec: Mapping[str, Any], where: Path) -> str:
    """A term's basis where only some of the laws it cites bind (optional): ``{laws}`` in it."""
    if "cited" not in spec:
        return ""
    cited = _basis(name, {"basis": spec["cited"]}, where)
    if "{laws}" not in cited:
        raise ConfigError(f"requirements: term '{name}' cited must say {{laws}}", str(where))
    return cited


def _cell(value: Any) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)


def _for_models(value: Any) -> dict[str, dict[str, str | tuple[str, ...]]]:
    """A term's cells by service model (the matrix's and the configuration's schemas check
    their form)."""
    return {
        str(model): {str(c): _cell(cell) for c, cell in cells.items() if c in CLASSES}
        for model, cells in (value or {}).items()
    }


def _own_matrix(where: Path) -> dict[str, Any] | None:
    """resilint's own matrix file read by yaml-rs, where it is installed: no user writes this
    file, and a test checks that yaml-rs gives it exactly the data of the safe reader (libyaml,
    YAML 1.2's meanings, the limits), which takes a few times longer and imports PyYAML, which
    a check of plain files otherwise never needs."""
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - a platform without a wheel
        return None
    data = yaml_rs.loads(where.read_text(encoding="utf-8"), parse_datetime=False)
    return data if isinstance(data, dict) else None


def load_matrix(path: Path | None = None) -> Matrix:
    """resilint's matrix from ``rules/requirements.yaml`` (validated by its schema in tests)."""
    from resilint.load import load_mapping

    where = path or data_dir("rules") / FILE_NAME
    data = _own_matrix(where) if path is None else None
    if data is None:
        loaded = load_mapping(where, Limits())
        if not isinstance(loaded, tuple):
            raise ConfigError(f"{loaded.code} {loaded.message}", str(where), loaded.line, 1)
        data, _ = loaded
    return Matrix(
        {
            name: Term(
                name,
                str(spec["title"]),
                tuple(spec.get("rules", ())),
                bool(spec.get("ict_security", False)),
                {cls: _cell(spec["required_of"].get(cls, NEVER)) for cls in CLASSES},
                tuple(spec.get("not_for", ())),
                tuple(spec.get("critical_only_for", ())),
                bool(spec.get("intra_group", True)),
                _basis(name, spec, where),
                _law_for(name, spec, where),
                _otherwise(name, spec, where),
                bool(spec.get("public_body", True)),
                _cites(name, spec, where),
                _cited(name, spec, where),
                spec.get("mandated", True) is True,
                spec.get("mandated") == "where_law",
                bool(spec.get("on_site", True)),
                _for_models(spec.get("for_models")),
            )
            for name, spec in data["terms"].items()
        }
    )
