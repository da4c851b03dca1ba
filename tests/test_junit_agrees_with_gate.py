"""JUnit output agrees with the gate: a finding fails its test case where it fails the run (its
level reaches fail_on), as the exit status does. A warning below fail_on is a passing test case
that carries the finding in its output and its level in a property, so a CI dashboard is green
for a gate that passed and still shows what was found."""

from __future__ import annotations

from xml.etree import ElementTree

# a tier-2 supplier never assessed: SUP-04 warns (the gate, at error, passes)
REPO = """\
apiVersion: resilint/v1
kind: Supplier
id: mailsec
name: Mailsec
tier: 2
"""


def junit(cli, write, *options: str) -> tuple[ElementTree.Element, int]:
    write("repo.yaml", REPO)
    result = cli(
        "check", "repo.yaml", "--select", "SUP-04", "--format", "junit", "--no-cache", *options
    )
    return ElementTree.fromstring(result.stdout), result.exit_code


def test_a_warning_below_fail_on_passes_its_test_case(cli, write) -> None:
    root, status = junit(cli, write)
    assert status == 0
    assert root.get("failures") == "0" and root.get("tests") == "1"
    [case] = root.findall(".//testcase")
    assert case.find("failure") is None
    assert "SUP-04 warning supplier mailsec" in (case.findtext("system-out") or "")
    assert case.find("properties/property").attrib == {"name": "level", "value": "warning"}


def test_a_warning_that_fails_the_gate_fails_its_test_case(cli, write) -> None:
    root, status = junit(cli, write, "--fail-on", "warning")
    assert status == 1
    assert root.get("failures") == "1"
    [case] = root.findall(".//testcase")
    assert case.find("failure").get("type") == "SUP-04 warning"


def test_with_fail_on_never_nothing_fails(cli, write) -> None:
    write("repo.yaml", REPO.replace("tier: 2\n", "tier: 1\n"))  # tier 1: SUP-04 is an error
    result = cli(
        "check",
        "repo.yaml",
        "--select",
        "SUP-04",
        "--format",
        "junit",
        "--no-cache",
        "--fail-on",
        "never",
    )
    assert result.exit_code == 0
    root = ElementTree.fromstring(result.stdout)
    assert root.get("failures") == "0" and root.find(".//testcase/failure") is None
