"""Cloud providers named in free text, and the corporate group each belongs to.

A record names a hyperscaler by its code (``shared_dependencies.cloud[].provider: aws``, the
schema's lower-case codes) or by its company name (``subprocessors: [Amazon Web Services]``).
Which provider a name means, and whether a supplier belongs to that provider's own group (AWS
hosting itself on its own regions, Microsoft 365 on Azure), is read here once, for the
subcontracting chain (SUP-09) and shared subprocessors (CON-03).
"""

from __future__ import annotations

import re
from typing import Any

from resilint.domain.readers import text_of, value_at
from resilint.model import caseless

_GROUPS: dict[str, frozenset[str]] = {
    "aws": frozenset({"aws", "amazon"}),
    "azure": frozenset({"azure", "microsoft"}),
    "gcp": frozenset({"gcp", "google", "alphabet"}),
    "oci": frozenset({"oci", "oracle"}),
    "ibm": frozenset({"ibm"}),
    "alibaba": frozenset({"alibaba", "aliyun"}),
}
"""Each provider code with the words that name it or its group in company names."""


def _words(value: Any) -> frozenset[str]:
    text = text_of(value)
    return frozenset(re.findall(r"[a-z0-9]+", caseless(text))) if text else frozenset()


def cloud_provider(name: Any) -> str | None:
    """The provider code a company name or code means (``Amazon Web Services`` is aws), if it
    names one of the hyperscalers above."""
    words = _words(name)
    return next((code for code, group in _GROUPS.items() if words & group), None)


def names_provider(name: Any, provider: Any) -> bool:
    """Whether a company ``name`` is that of the cloud ``provider`` a region record names:
    the same hyperscaler (``Amazon Web Services EMEA SARL`` for aws), or, for a provider not
    listed above (a European or sovereign cloud), a name that begins with the provider's
    (``STACKIT GmbH & Co. KG`` for stackit, ``Nimbus Cloud EMEA Ltd`` for nimbus)."""
    code = cloud_provider(provider)
    if code is not None:
        return cloud_provider(name) == code
    wanted = _ordered(provider)
    return bool(wanted) and _ordered(name)[: len(wanted)] == wanted


def own_cloud(supplier: dict[str, Any], provider: Any) -> bool:
    """Whether a cloud ``provider`` is the supplier itself or its corporate group: its own
    regions are where it runs, not a provider it subcontracts to."""
    code = cloud_provider(provider)
    names = (
        supplier.get("id"),
        supplier.get("name"),
        value_at(supplier, "ultimate_parent", "name"),
    )
    if code is None:
        return _named_after(provider, supplier)
    return any(_words(name) & _GROUPS[code] for name in names)


def _named_after(provider: Any, supplier: dict[str, Any]) -> bool:
    """Another provider is the supplier's own when the supplier's id or name begins with its
    name (provider nubis for nubis-cloud, "Nubis Cloud Europe GmbH") or its ultimate parent
    is named so ("Nubis Inc."); a partner named after the platform it resells ("Müller SAP
    Hosting GmbH" on sap) is not."""
    wanted = _ordered(provider)
    if not wanted:
        return False
    for name in (supplier.get("id"), supplier.get("name")):
        if _ordered(name)[: len(wanted)] == wanted:
            return True
    return set(wanted) <= _words(value_at(supplier, "ultimate_parent", "name"))


def _ordered(value: Any) -> list[str]:
    text = text_of(value)
    return re.findall(r"[a-z0-9]+", caseless(text)) if text else []
