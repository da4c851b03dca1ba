"""CTR-08 asks step-in rights, or for a hard-to-replace SaaS a tested exit plan or escrow in
their place, as a continuity remedy: it keeps running a service we rely on. A supplier recorded
as supporting no critical function, on which no critical or important function rests, and tier
1 only by the restricted data it holds (a hospital's telemedicine platform under evaluation,
holding patient data) has no continuity to keep: the remedy is not asked of it, while its
security indemnity and termination on failed containment still are. The same platform relied on
by an important function, recorded tier 1 without such a reason, or not recorded either way is
still asked it."""

from __future__ import annotations

import pytest
from one_file import check, doc, repo

PLATFORM = doc(
    "Supplier",
    "teleplatform",
    "name: Telemedicine Platform BV\nstatus: prospective\ntier: 1\n"
    "provides_ict_services: true\nsupports_critical_function: false\n"
    "data_sensitivity: restricted\npersonal_data: true\nhighest_access_level: none\n"
    "services:\n  - {name: telemedicine, ict_service_type: S19, stores_data: true,"
    " supports_critical_function: false}\n",
)
DRAFT = doc(
    "Contract",
    "ctr-teleplatform",
    "supplier: teleplatform\nstatus: draft\ncovers_ict_services: true\n"
    "supports_critical_function: false\nservices: [telemedicine]\n"
    "remedies: {service_credits: true}\n",
)
ENTITY = doc("Entity", "hospital", "country: BE\nregimes: [nis2]\n")


def _messages(cli, write, *documents: str) -> str:
    return " ".join(f["message"] for f in check(cli, write, repo(*documents), ["CTR-08"]))


def test_no_continuity_remedy_of_a_platform_we_do_not_rely_on(cli, write) -> None:
    said = _messages(cli, write, ENTITY, PLATFORM, DRAFT)
    assert "continuity remedy" not in said and "step-in" not in said
    # the security remedies are still asked of it
    assert "indemnity for losses caused by negligent security" in said
    assert "terminate early" in said


@pytest.mark.parametrize(
    "change",
    [
        # an important function rests on it, as its record says
        lambda platform: platform.replace(
            "supports_critical_function: false", "supports_critical_function: true"
        ),
        # recorded tier 1 without restricted data to explain it
        lambda platform: platform.replace(
            "data_sensitivity: restricted", "data_sensitivity: confidential"
        ),
        # its support of a critical function is not recorded
        lambda platform: platform.replace("supports_critical_function: false\ndata", "data"),
    ],
)
def test_a_platform_we_rely_on_is_still_asked_one(cli, write, change) -> None:
    documents = [ENTITY, change(PLATFORM), DRAFT]
    if "supports_critical_function: true" in change(PLATFORM):
        documents.append(
            doc(
                "BusinessFunction",
                "remote-monitoring",
                "entities: [hospital]\ncriticality: important\n"
                "depends_on:\n  suppliers: [teleplatform]\n",
            )
        )
    said = _messages(cli, write, *documents)
    assert "continuity remedy for a shared platform that is hard to replace" in said
