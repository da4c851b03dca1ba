"""A maker's full-service maintenance of equipment it reaches over a remote-service connection
(CT and MRI scanners of a hospital) is a service run for us: service_model managed_service.
CTR-08's note on an unknown model names that case, so the record it asks for can be made, and
once recorded the terms a maker with access into our network has an object for are still asked
(step-in, a security indemnity, a joint playbook), as of any service run for us."""

from __future__ import annotations

from one_file import check, doc, messages, repo

SCANNERS = (
    "tier: 1\nname: Helion Medical Imaging GmbH\nprovides_ict_services: true\n"
    "supports_critical_function: true\nhighest_access_level: write\n"
    "services:\n  - name: ct-mri-service\n"
    "    service_type: full-service maintenance and remote service of CT and MRI scanners\n"
    "    stores_data: false\n    substitutability: highly_complex\n"
)
NO_REMEDIES = (
    "supplier: helion\nstatus: active\ncovers_ict_services: true\n"
    "remedies: {step_in_rights: false, security_indemnity: false, accelerated_termination: true}\n"
)


def test_the_note_on_an_unknown_model_names_a_makers_remote_maintenance(cli, write) -> None:
    text = repo(doc("Supplier", "helion", SCANNERS), doc("Contract", "ctr-helion", NO_REMEDIES))
    said = messages(check(cli, write, text, ["CTR-08"]), "CTR-08")
    assert "record its service_model" in said
    assert "managed_service (run for us" in said
    assert "a maker maintaining our equipment over remote access included" in said


def test_recorded_as_managed_service_a_maker_is_asked_what_its_access_calls_for(cli, write) -> None:
    managed = SCANNERS + "service_model: managed_service\n"
    text = repo(doc("Supplier", "helion", managed), doc("Contract", "ctr-helion", NO_REMEDIES))
    found = check(cli, write, text, ["CTR-08", "PLB-02"])
    said = messages(found, "CTR-08")
    assert "step-in rights" in said and "negligent security" in said
    assert "record its service_model" not in said
    assert [f["id"] for f in found if f["code"] == "PLB-02"] == ["helion"]
