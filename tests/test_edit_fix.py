"""`resilint fix` and `check --fix` on real files: the mechanical mistakes are fixed, every
comment stays, nothing outside an edit changes, and a fix that would change meaning is refused."""

from __future__ import annotations

import datetime
import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, REPO

from resilint.app import build_schemas
from resilint.edit.files import EditRefused, read_for_edit, replace
from resilint.edit.fixing import FixPolicy, fixable
from resilint.edit.splice import apply
from resilint.edit.verify import verify
from resilint.limits import Limits

MISTAKES = """\
# Acme Freight: our forwarder for the Hamburg plant. Keep this header.
apiVersion: resilint/v1
kind: Supplier
id: acme-freight
name: Acme Freight GmbH   # legal name, as on the contract
tier: "1"                 # quoted by mistake
provides_ict_services: false
contacts:
  security_24x7:
    name: Acme duty desk
    phone: "+49 40 5550 1000"
    channel: phone hotline
    available_24x7: true
    escalation:           # one level too deep
      - {name: Duty manager, phone: "+49 40 5550 1001"}
last_assessment:
  date: 31/12/2025        # written the European way
  type: questionnaire
  outcome: satisfactory
# The contract follows, but its '---' line was forgotten.
kind: supplier
id: acme-freight-spares
name: Acme Freight Spares
tier: 3
"""


@pytest.fixture
def northwind(tmp_path: Path) -> Path:
    repo = tmp_path / "northwind"
    shutil.copytree(EXAMPLES / "northwind", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    return repo


def comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def findings(cli, repo: Path, *paths: str) -> list[dict]:
    result = cli("check", "--format", "json", "--no-cache", *paths, cwd=repo)
    return [f for f in result.json()["findings"] if not f["suppressed"]]


def test_fix_leaves_only_what_needs_a_person(cli, northwind: Path) -> None:
    target = northwind / "suppliers" / "acme-freight.yaml"
    target.write_text(MISTAKES)
    before = findings(cli, northwind, "suppliers/acme-freight.yaml")
    assert {f["code"] for f in before} == {"YML-02"} and before[0]["fix"]["applicability"] == "safe"

    result = cli(
        "fix", "--unsafe-fixes", "--no-cache", "suppliers/acme-freight.yaml", cwd=northwind
    )
    assert "fixed 4 findings in 1 file" in result.stderr, result.stderr
    fixed = target.read_text()
    assert comments(fixed) == comments(MISTAKES)  # every comment, in order
    assert "tier: 1                   # quoted by mistake" in fixed  # comment column kept
    assert "  date: 2025-12-31        # written the European way" in fixed
    assert "---\n# The contract follows" in fixed
    # a kind not spelt as resilint spells it is not declared resilint's without a person
    assert "was forgotten.\nkind: supplier\nid: acme-freight-spares" in fixed
    assert "  escalation:           # one level too deep\n    - {name: Duty manager" in fixed
    left = findings(cli, northwind, "suppliers/acme-freight.yaml")
    assert left and all(f["fix"] is None for f in left)  # only what needs a person
    assert "DOC-03" in {f["code"] for f in left}
    assert {f["code"] for f in left} <= {"DOC-03", "SUP-04", "SUP-05", "BCM-05", "CON-04", "SUP-01"}


def test_safe_fixes_only_without_the_flag(cli, northwind: Path) -> None:
    target = northwind / "suppliers" / "acme-freight.yaml"
    target.write_text(MISTAKES)
    cli("check", "--fix", "--no-cache", "suppliers/acme-freight.yaml", cwd=northwind)
    text = target.read_text()
    assert "    escalation:           # one level too deep" in text  # unsafe: not moved
    result = cli("check", "--no-cache", "suppliers/acme-freight.yaml", cwd=northwind)
    assert "SCH-01 [unsafe fix] error" in result.stdout
    assert "with `resilint fix --unsafe-fixes`" in result.stdout


def test_diff_prints_a_unified_diff_and_writes_nothing(cli, northwind: Path) -> None:
    target = northwind / "suppliers" / "acme-freight.yaml"
    target.write_text(MISTAKES)
    before = target.read_bytes()
    result = cli("fix", "--diff", "--no-cache", cwd=northwind)
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/suppliers/acme-freight.yaml\n+++ b/suppliers/")
    assert '-tier: "1"' in result.stdout and "+---" in result.stdout
    assert target.read_bytes() == before
    clean = cli("fix", "--diff", "--no-cache", "suppliers/lindqvist-mes.yaml", cwd=northwind)
    assert clean.exit_code == 0 and clean.stdout == ""


def test_a_fix_that_would_change_meaning_is_refused(cli, tmp_path: Path) -> None:
    # Moving the only field out of security_24x7 would leave it empty: refused, file kept.
    text = MISTAKES.replace(
        '    name: Acme duty desk\n    phone: "+49 40 5550 1000"\n    channel: phone hotline\n'
        "    available_24x7: true\n",
        "",
    )
    target = tmp_path / "acme.yaml"
    target.write_text(text)
    result = cli("fix", "--unsafe-fixes", "--no-cache", "acme.yaml")
    assert "not fixed" in result.stderr and "meaning" in result.stderr, result.stderr
    assert "    escalation:           # one level too deep" in target.read_text()


def test_crlf_bom_and_comment_columns_survive(cli, tmp_path: Path) -> None:
    target = tmp_path / "acme.yaml"
    original = "\ufeff" + MISTAKES.replace("\n", "\r\n")
    target.write_bytes(original.encode("utf-8"))
    cli("fix", "--no-cache", "acme.yaml")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"tier: 1                   # quoted by mistake\r\n" in data


def test_json_and_sarif_carry_the_fixes(cli, tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(MISTAKES.split("# The contract")[0])
    result = cli("check", "--format", "json", "--no-cache")
    by_code = {(f["code"], f["line"]): f for f in result.json()["findings"]}
    tier = by_code[("SCH-01", 6)]["fix"]
    assert tier["applicability"] == "safe"
    assert tier["edits"] == [
        {"line": 6, "column": 7, "end_line": 6, "end_column": 10, "text": "1  "}
    ]
    assert result.json()["summary"]["fixable"] == 2
    sarif = json.loads(cli("check", "--format", "sarif", "--no-cache").stdout)
    schema = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    fixes = [r["fixes"][0] for r in sarif["runs"][0]["results"] if "fixes" in r]
    assert {f["properties"]["applicability"] for f in fixes} == {"safe", "unsafe"}
    change = fixes[0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "acme.yaml" and change["replacements"]


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*.yaml") if ".resilint_cache" not in p.parts)


@pytest.mark.parametrize("path", example_files(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_round_trip_of_every_example_is_byte_identical(path: Path) -> None:
    """The write path (guarded read, decode, splice, encode) with no edit gives the same bytes;
    and each fix the file's findings carry changes only the lines it edits."""
    try:
        file = read_for_edit(path, str(EXAMPLES.resolve()), 10 << 20)
    except EditRefused:
        return  # the hostile examples that cannot be read at all
    assert file.bom + apply(file.text, []).encode("utf-8") == path.read_bytes()
    policy = FixPolicy(build_schemas(), Limits(), unsafe=True)
    for finding in fixable(str(path), file.text, policy):
        assert finding.fix is not None
        new = apply(file.text, finding.fix.edits)
        touched = {line for e in finding.fix.edits for line in range(e.line, e.end_line + 1)}
        old_lines, new_lines = file.text.splitlines(), new.splitlines()
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, _, _ in matcher.get_opcodes():
            if tag != "equal":  # an insertion shows at the line it goes before
                assert {i1 + 1, *range(i1 + 1, i2 + 1)} <= touched, (finding, tag, i1, i2)
        assert verify(file.text, new, [finding.fix], Limits()) is None, finding


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    target = tmp_path / "acme.yaml"
    target.write_text("apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: '1'\n")
    file = read_for_edit(target, str(tmp_path.resolve()), 1 << 20)
    target.write_text("apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 2\n")
    with pytest.raises(EditRefused, match="changed since"):
        replace(file, file.text.replace("'1'", "1"))
    assert "tier: 2" in target.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".resilint-")]


def test_never_writes_through_a_symbolic_link(cli, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "acme.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: '1'\n"
    )
    (tmp_path / "resilint.yaml").write_text("profiles: []\nselect: [SCH]\n")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    with pytest.raises(EditRefused, match="symbolic link"):
        read_for_edit(tmp_path / "linked" / "acme.yaml", str(tmp_path.resolve()), 1 << 20)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text("apiVersion: resilint/v1\nkind: Supplier\nid: out\ntier: '1'\n")
    with pytest.raises(EditRefused, match="outside the repository"):
        read_for_edit(outside, str(tmp_path.resolve()), 1 << 20)


def test_a_read_only_file_is_not_fixed_and_the_others_are(cli, tmp_path: Path) -> None:
    """A file made read-only (0444) is left as it is, said so, and its finding still reported;
    replacing it by a rename would pass the protection (and, as root, so would writing)."""
    (tmp_path / "resilint.yaml").write_text("profiles: []\nselect: [SCH]\n")
    text = "apiVersion: resilint/v1\nkind: supplier\nid: {0}\nname: {0}\ntier: 3\n"
    (tmp_path / "kept.yaml").write_text(text.format("kept"))
    (tmp_path / "kept.yaml").chmod(0o444)
    (tmp_path / "fixed.yaml").write_text(text.format("fixed"))
    result = cli("check", "--fix", str(tmp_path))
    assert result.exit_code == 1
    assert "not fixed: " in result.stderr and "kept.yaml: read-only" in result.stderr
    assert (tmp_path / "kept.yaml").read_text() == text.format("kept")
    assert (tmp_path / "kept.yaml").stat().st_mode & 0o777 == 0o444
    assert "kind: Supplier" in (tmp_path / "fixed.yaml").read_text()
    assert "kept.yaml:2:7: DOC-01" in result.stdout


def test_the_check_path_never_imports_ruamel() -> None:
    script = (
        "import sys\n"
        "from resilint.cli import main\n"
        "try:\n"
        "    main(['check', '--no-cache', 'examples/northwind'])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "print(sorted(m for m in sys.modules if m.startswith('ruamel')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.stdout.splitlines()[-1] == "[]", result.stdout + result.stderr


def test_fixes_survive_the_cache(cli, tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(MISTAKES)
    cold = cli("check", "--format", "json")
    warm = cli("check", "--format", "json")
    assert [f["fix"] for f in cold.json()["findings"]] == [
        f["fix"] for f in warm.json()["findings"]
    ]
    assert any(f["fix"] for f in warm.json()["findings"])


def test_a_file_of_many_documents_is_fixed_whole(cli, write, tmp_path: Path) -> None:
    """Fixes that touch different places are applied together and verified as one change: a
    file of 300 documents with 900 fixes is fixed whole (one fix per round stopped at 200 and
    read the file again for each), and the data is what the fixes say, document by document."""
    one = (
        "apiVersion: resilint/v1\nkind: supplier\nid: s{n}\nname: S{n}\ntier: '3'\n"
        "last_assessment: {{date: 01.04.2025, type: questionnaire}}\n"
    )
    write("many.yaml", "---\n".join(one.format(n=n) for n in range(300)))
    fixed = cli("fix", "many.yaml")
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert "fixed 900 findings in 1 file" in fixed.stderr
    documents = list(yaml.safe_load_all((tmp_path / "many.yaml").read_text()))
    assert len(documents) == 300
    for n, document in enumerate(documents):
        assert document["kind"] == "Supplier" and document["id"] == f"s{n}"
        assert document["tier"] == 3
        assert document["last_assessment"]["date"] in ("2025-04-01", datetime.date(2025, 4, 1))
    again = cli("check", "many.yaml", "--format", "json", "--no-cache").json()
    assert again["summary"]["fixable"] == 0


def test_a_fix_that_cannot_be_verified_is_refused_alone(tmp_path: Path) -> None:
    """When the fixes of a round do not verify together, each is tried alone: the one that
    cannot be verified is refused and the others are applied."""
    from resilint.edit import fixing

    text = (
        "apiVersion: resilint/v1\nkind: supplier\nid: a\ntier: '3'\n---\n"
        "apiVersion: resilint/v1\nkind: supplier\nid: b\ntier: '2'\n"
    )
    path = tmp_path / "two.yaml"
    path.write_text(text)
    policy = FixPolicy(build_schemas(), Limits())
    real = fixing.verify

    def refusing(old: str, new: str, fixes, limits):  # type: ignore[no-untyped-def]
        if any("'2'" in old and e.text == "2" for fix in fixes for e in fix.edits):
            return "refused for the test"
        return real(old, new, fixes, limits)

    fixing.verify = refusing  # type: ignore[assignment]
    try:
        result = fixing.fix_file(read_for_edit(path, str(tmp_path), 1 << 20), policy)
    finally:
        fixing.verify = real  # type: ignore[assignment]
    assert [reason for _, reason in result.refused] == ["refused for the test"]
    assert "tier: 3" in result.text and "tier: '2'" in result.text
    assert result.text.count("kind: Supplier") == 2


def _diff(cwd: Path) -> bytes:
    """``resilint fix s.yaml --diff`` as a shell prints it: the bytes, line ends and all."""
    done = subprocess.run(
        [sys.executable, "-m", "resilint", "fix", "s.yaml", "--diff"], cwd=cwd, capture_output=True
    )
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_a_crlf_files_diff_applies_with_git(tmp_path: Path) -> None:
    """The --diff output is a patch git applies to the file: its CRLF line ends are kept."""
    text = "apiVersion: resilint/v1\nkind: supplier\nid: acme\nname: Acme\ntier: '3'\n"
    (tmp_path / "s.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "fix.patch").write_bytes(_diff(tmp_path))
    applied = subprocess.run(
        ["git", "apply", "--check", "fix.patch"], cwd=tmp_path, capture_output=True, text=True
    )
    assert applied.returncode == 0, applied.stderr


def test_a_diff_counts_lines_as_yaml_does(tmp_path: Path) -> None:
    """A U+2028 in a comment is text, not a line end: the hunk counts the file's real lines
    and claims no missing final newline."""
    text = "# a note\u2028that wraps\napiVersion: resilint/v1\nkind: supplier\nid: acme\n"
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    printed = _diff(tmp_path).decode("utf-8")
    assert "@@ -1,4 +1,4 @@" in printed, printed
    assert "No newline" not in printed


def test_one_fix_that_cannot_be_verified_does_not_hold_back_the_others(tmp_path: Path) -> None:
    """300 documents, 600 fixes, the last document's refused: the other 599 are applied in
    a few rounds (halving the round's fixes finds the one), not one fix a round."""
    from resilint.edit import fixing

    one = "apiVersion: resilint/v1\nkind: supplier\nid: s{n}\ntier: '3'\n"
    path = tmp_path / "many.yaml"
    path.write_text("---\n".join(one.format(n=n) for n in range(300)))
    real, calls = fixing.verify, []

    def refusing(old: str, new: str, fixes, limits):  # type: ignore[no-untyped-def]
        calls.append(len(fixes))
        if any(e.line == 299 * 5 + 4 for fix in fixes for e in fix.edits):  # its tier
            return "refused for the test"
        return real(old, new, fixes, limits)

    fixing.verify = refusing  # type: ignore[assignment]
    try:
        result = fixing.fix_file(
            read_for_edit(path, str(tmp_path), 1 << 22), FixPolicy(build_schemas(), Limits())
        )
    finally:
        fixing.verify = real  # type: ignore[assignment]
    assert len(result.refused) == 1 and len(result.applied) == 599
    assert len(calls) < 60, len(calls)
