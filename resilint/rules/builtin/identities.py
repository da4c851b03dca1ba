"""Python checks for the identity rules (see rules/identities.yaml for their documentation;
IAM-01, IAM-02 and IAM-03 are declarative).

IAM-04 groups identities across documents by their credential fingerprint, which the rule
language cannot do.
"""

from __future__ import annotations

from collections.abc import Iterator

from resilint.domain.documents import schema_enum
from resilint.domain.readers import among, in_order, listed, text_of
from resilint.findings import Finding
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def _supplier(identity: Document) -> str:
    # a missing supplier is a schema error (SCH-01); name it plainly rather than fail
    return text_of(identity.data.get("supplier")) or "(no supplier)"


def _by_fingerprint(context: RuleContext) -> dict[str, list[Document]]:
    """Identities not revoked for good, by the credential they use, in file order. A disabled
    one counts: it can be switched back on with the same secret."""
    groups: dict[str, list[Document]] = {}
    for identity in in_order(context.index.of_kind("Identity")):
        fingerprint = text_of(identity.data.get("secret_fingerprint"))
        if fingerprint is not None and identity.data.get("status") != "revoked":
            groups.setdefault(fingerprint, []).append(identity)
    return groups


def _shared_secret(
    context: RuleContext, info: RuleInfo, fingerprint: str, group: list[Document]
) -> Finding | None:
    if not _shared(context, group):  # one supplier's identities may share a secret
        return None
    suppliers = list(dict.fromkeys(_supplier(i) for i in group))
    first = next(i for i in group if context.facts.identity(i).active)
    message = (
        f"identities {listed([str(i.id) for i in group])} of suppliers {listed(suppliers)} use "
        f"the same credential (secret_fingerprint {fingerprint}): it cannot be revoked for one "
        "supplier without cutting off the others, and a leak at one exposes all of them. Issue "
        "each supplier its own credential and record the new fingerprints"
    )
    related = tuple(
        context.related(
            i, ("secret_fingerprint",), f"same credential, used by supplier {_supplier(i)}"
        )
        for i in group
        if i is not first
    )
    # an identity whose status fails the schema ('Revoked') is read as not revoked: the gap
    # waits for it, unless the identities of a status that reads as written share it anyway
    statuses = schema_enum("identity.json", "properties", "status")
    known = [i for i in group if among(i.data.get("status", "active"), statuses)]
    judged = [] if _shared(context, known) else [(i, ("status",)) for i in group]
    at = ("secret_fingerprint",)
    return context.finding(info, first, at, message, related, judged_on=judged)


def _shared(context: RuleContext, group: list[Document]) -> bool:
    """Identities of two suppliers or more use the credential, one of them active."""
    suppliers = {_supplier(i) for i in group if i.data.get("status") != "revoked"}
    live = any(context.facts.identity(i).active for i in group)
    return len(suppliers) >= 2 and live


def check_secret_unshared(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    for fingerprint, group in _by_fingerprint(context).items():
        found = _shared_secret(context, info, fingerprint, group)
        if found is not None:
            yield found


CHECKS: dict[str, PythonCheck] = {"identity-secret-unshared": check_secret_unshared}
