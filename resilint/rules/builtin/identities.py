"""Python checks for the identity rules (see rules/identities.yaml for their documentation).

IAM-01 groups identities across documents by their credential fingerprint, which the rule
language cannot do; its other two requirements live here too so that the rule stays one rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resilint.findings import Finding
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _supplier(identity: Document) -> str:
    # a missing supplier is a schema error (SCH-01); name it plainly rather than fail
    return _text(identity.data.get("supplier")) or "(no supplier)"


def _live_identities(context: RuleContext) -> list[Document]:
    """Identities not revoked for good, in file order so findings are stable."""
    identities = sorted(context.index.of_kind("Identity"), key=lambda d: (d.path, d.index))
    return [i for i in identities if i.data.get("status") != "revoked"]


def _missing_fields(context: RuleContext, info: RuleInfo, identity: Document) -> Iterator[Finding]:
    who = f"identity {identity.id} of supplier {_supplier(identity)}"
    if _text(identity.data.get("access_level")) is None:
        message = (
            f"{who} does not say what access it grants; "
            "set access_level: read-only, write or privileged"
        )
        yield context.finding(info, identity, ("id",), message)
    if _text(identity.data.get("owner")) is None:
        message = f"{who} has no owner on our side; set owner: to the role or person accountable"
        yield context.finding(info, identity, ("id",), message)


def _shared_secret(
    context: RuleContext, info: RuleInfo, fingerprint: str, group: list[Document]
) -> Finding | None:
    suppliers = list(dict.fromkeys(_supplier(i) for i in group))
    if len(suppliers) < 2:  # one supplier's identities may share a secret; that is not IAM-01
        return None
    names = _listed([str(i.id) for i in group])
    message = (
        f"identities {names} of suppliers {_listed(suppliers)} use the same credential "
        f"(secret_fingerprint {fingerprint}): it cannot be revoked for one supplier without "
        "cutting off the others, and a leak at one exposes all of them. Issue each supplier its "
        "own credential and record the new fingerprints"
    )
    related = tuple(
        context.related(
            i, ("secret_fingerprint",), f"same credential, used by supplier {_supplier(i)}"
        )
        for i in group[1:]
    )
    return context.finding(info, group[0], ("secret_fingerprint",), message, related)


def check_identity_ownership(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    identities = _live_identities(context)
    by_fingerprint: dict[str, list[Document]] = {}
    for identity in identities:
        yield from _missing_fields(context, info, identity)
        fingerprint = _text(identity.data.get("secret_fingerprint"))
        if fingerprint is not None:
            by_fingerprint.setdefault(fingerprint, []).append(identity)
    for fingerprint, group in by_fingerprint.items():
        problem = _shared_secret(context, info, fingerprint, group)
        if problem is not None:
            yield problem


CHECKS: dict[str, PythonCheck] = {"identity-owned-and-unshared": check_identity_ownership}
