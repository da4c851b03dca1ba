"""Hostile and broken input, fourth part, through the CLI on real files: a file composed once
however many of its findings need positions or fixes, the default limits of values a file and
a document may hold, and values shown in messages as YAML writes them."""

from __future__ import annotations

import pytest

import resilint.load.compose

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: zq-acme\nname: Zq\n"


# --- a file is parsed once -------------------------------------------------------------------


def test_a_file_read_the_slow_way_is_composed_once(cli, write, monkeypatch) -> None:
    """A file libyaml reads (an anchor in it) with a schema error that has a fix and a rule's
    finding: loading it, placing and fixing the schema error, and placing the rule's finding
    each composed it again (a 2.7 MB list on one line: three times, 13 s and 500 MB)."""
    write("suppliers/x.yaml", SUPPLIER + "owner: &o team\ntags: [" + ", ".join("a" * 50) + "]\n")
    composed: list[str] = []
    compose = resilint.load.compose.compose

    def counted(text: str, limits):  # type: ignore[no-untyped-def]
        if "id: zq-acme" in text:
            composed.append(text)
        return compose(text, limits)

    monkeypatch.setattr(resilint.load.compose, "compose", counted)
    run = cli("check", "suppliers/x.yaml", "--no-cache")
    assert run.exit_code == 1, run.stdout
    assert (
        "suppliers/x.yaml:6:1: SCH-01 [unsafe fix] error supplier zq-acme: unknown field"
        in run.stdout
    )
    assert "suppliers/x.yaml:3:5: SUP-01 error supplier zq-acme has no risk tier" in run.stdout
    assert len(composed) == 1


# --- a file named on the command line that holds nothing to check ---------------------------


@pytest.mark.parametrize(
    "text",
    ["name: ci\non: push\njobs: {}\n", "", "# notes\n", "~\n", "---\n"],
    ids=["another tool's", "empty", "comments", "null", "a marker"],
)
def test_a_named_file_holding_no_document_fails_as_a_directory_does(cli, write, text) -> None:
    """It only warned and exited 0, where a directory holding the same file fails: a gate given
    a file it cannot check passed, even beside a file it checked."""
    write("ci.yaml", text)
    write("suppliers/acme.yaml", SUPPLIER + "tier: 3\n")
    alone = cli("check", "ci.yaml", "--no-cache")
    assert alone.exit_code == 2, alone.stdout
    assert "ci.yaml:1:1: DOC-04 error this file holds no resilint document" in alone.stdout
    beside = cli("check", "suppliers/acme.yaml", "ci.yaml", "--no-cache", "--fail-on", "never")
    assert beside.exit_code == 2, beside.stdout
    write("elsewhere/ci.yaml", text)
    assert cli("check", "elsewhere", "--no-cache").exit_code == 2  # as a directory of it
    # named on purpose and accepted in the configuration: the run goes on
    write("resilint.yaml", "per_file_ignores: {'ci.yaml': [DOC-04]}\n")
    accepted = cli("check", "suppliers/acme.yaml", "ci.yaml", "--no-cache")
    assert accepted.exit_code == 0, accepted.stdout


# --- the values a file and a document may hold -------------------------------------------------

FUNCTION = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: orders
name: Orders
owner: ops
criticality: important
rto_hours: 4
rpo_hours: 4
mtpd_hours: 8
depends_on:
"""


def test_a_list_of_900000_values_on_one_line_is_refused_while_parsing(cli, write) -> None:
    """2.7 MB, under the size limit: composed, converted and checked it took seconds and
    hundreds of megabytes; past the file's limit of values it is counted, never built."""
    import resource

    write("suppliers/x.yaml", SUPPLIER + "tier: 3\ntags: [" + ", ".join(["a"] * 900_000) + "]\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run = cli("check", "suppliers/x.yaml", "--no-cache", "--format", "json")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    [finding] = run.json()["findings"]
    assert run.exit_code == 2
    assert (finding["code"], finding["line"]) == ("YML-09", 6)
    assert "more than 250,000 values (limits.max_file_values)" in finding["message"]
    assert grown_mb < 200, grown_mb


def test_thousands_of_aliases_under_depends_on_are_refused_as_aliases(cli, write) -> None:
    """200,000 aliases of one supplier (800 KB) were validated, walked as dependencies and
    filed in the register one by one: 5 s. A document holds at most 50,000 values."""
    write("suppliers/acme.yaml", SUPPLIER.replace("zq-acme", "acme") + "tier: 2\n")
    aliases = ", *a" * 200_000
    write("functions/orders.yaml", FUNCTION + f"  suppliers: [&a acme{aliases}]\n")
    run = cli("check", ".", "--no-cache")
    assert run.exit_code == 2, run.stdout
    assert (
        "functions/orders.yaml:11:14: YML-06 error aliases here expand to more than 50,000 "
        "values (limits.max_alias_expansion)" in run.stdout
    )
    # as many written out: a document too large
    write(
        "functions/orders.yaml",
        FUNCTION + f"  suppliers: [{', acme' * 60_000}]\n".replace("[, ", "["),
    )
    assert "YML-09 error this document holds more than 50,000 values" in cli("check", ".").stdout


# --- values shown as YAML writes them ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("[Contract]", "not a list ([Contract]) (write 'Contract' alone, without the brackets)"),
        ("[Contrct]", "not a list ([Contrct]) (did you mean 'Contract'?)"),
        ("{name: Contract}", "not a mapping ({name: Contract})"),
        ("12", "not a number (12)"),
        ('"Contract\\u00a0"', "unknown kind \"Contract\\xa0\" (did you mean 'Contract'?)"),
        ('"Con\\u200btract"', "unknown kind \"Con\\u200btract\" (did you mean 'Contract'?)"),
        ('"Con\\x1b[2Jtract"', "unknown kind \"Con\\x1b[2Jtract\" (did you mean 'Contract'?)"),
        ('"it\'s"', "unknown kind 'it''s'"),
    ],
)
def test_a_kind_is_shown_as_yaml_writes_it(cli, write, written, shown) -> None:
    """A list or mapping as a kind was shown as Python shows it (['Contract'], {'name': ...}),
    and a no-break space in a kind was sent raw, where nobody sees it."""
    write("x.yaml", f"apiVersion: resilint/v1\nkind: {written}\nid: x\n")
    run = cli("check", "x.yaml", "--no-cache", "--format", "json")
    [finding] = [f for f in run.json()["findings"] if f["code"] not in ("ENC-03", "ENC-04")]
    assert finding["code"] == "DOC-01"
    assert shown in finding["message"], finding["message"]
    assert "\xa0" not in run.stdout and "['" not in run.stdout


def test_an_apiversion_and_a_schema_value_are_shown_as_yaml_writes_them(cli, write) -> None:
    write("x.yaml", 'apiVersion: "resilint/v1\\u2060"\nkind: Supplier\nid: x\n')
    run = cli("check", "x.yaml", "--no-cache")
    assert 'DOC-01 error unknown apiVersion "resilint/v1\\u2060"' in run.stdout
    write("x.yaml", SUPPLIER + 'tier: 3\nstatus: "active\\u00a0"\n')
    run = cli("check", "x.yaml", "--no-cache")
    assert "got \"active\\xa0\" (did you mean 'active'?)" in run.stdout, run.stdout


@pytest.mark.parametrize("name", ["text", "json", "sarif", "junit", "gitlab", "markdown"])
def test_a_space_that_is_not_one_is_shown_escaped_in_every_message(cli, write, name) -> None:
    """A no-break or thin space in a field's name, a reference or an id reached every output
    raw, where it reads as a space: the reference then looks right and is not found."""
    write("x.yaml", SUPPLIER.replace("zq-acme", '"zq\\u202facme"') + '"tier\\u00a0": 3\n')
    write("c.yaml", 'apiVersion: resilint/v1\nkind: Contract\nid: c\nsupplier: "s\\u3000x"\n')
    output = cli("check", ".", "--no-cache", "--format", name).stdout
    assert not any(space in output for space in "\xa0\u202f\u3000"), output
    for shown in ("zq\\u202facme", "tier\\xa0", "s\\u3000x"):
        assert shown in output.replace("\\\\", "\\"), (shown, output)


# --- what keeps a file from being read, in words ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("[&a acme" + ", *a" * 60_000 + "]", "YML-06", "has aliases past the limit at line 11"),
        ("[" * 70 + "]" * 70, "YML-05", "has data nested too deeply at line 11"),
        ("!!python/object:os.system acme", "YML-03", "has a tag resilint does not accept"),
        ("[acme, 2026-02-30]", "YML-07", "has a value that cannot be read at line 11"),
    ],
    ids=["aliases", "depth", "tag", "date"],
)
def test_a_file_held_back_for_other_than_its_syntax_says_what(cli, write, value, code, words):
    """The findings a file that cannot be read holds back (REF-03), and the references into it
    (REF-02), said "that file has a syntax error" whatever kept it from being read."""
    write("suppliers/acme.yaml", SUPPLIER.replace("zq-acme", "acme") + "tier: 2\n")
    write("functions/orders.yaml", FUNCTION + f"  suppliers: {value}\n")
    write(
        "plans/p.yaml", "apiVersion: resilint/v1\nkind: ContinuityPlan\nid: p\nfunction: orders\n"
    )
    run = cli("check", ".", "--no-cache")
    assert run.exit_code == 2, run.stdout
    assert "functions/orders.yaml:11:" in run.stdout and f": {code} error" in run.stdout
    assert "syntax error" not in run.stdout, run.stdout
    assert words in run.stdout, run.stdout


# --- a file that is not YAML named by mistake --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n'),
        ("NOTES.md", "# Notes\n\n* item: one\n  * &nested: [x\n"),
    ],
)
def test_a_file_not_named_yaml_that_is_not_yaml_says_it_was_read_as_yaml(cli, write, name, text):
    """`resilint check pyproject.toml` said only that content followed the end of a document:
    the person needs to know that every file named is read as YAML."""
    write(name, text)
    write("suppliers/acme.yaml", SUPPLIER + "tier: 3\n")
    run = cli("check", name, "suppliers/acme.yaml", "--no-cache")
    assert run.exit_code == 2, run.stdout
    [finding] = [line for line in run.stdout.splitlines() if line.startswith(name)]
    assert ": YML-01 error " in finding
    assert "this file is not named .yaml or .yml" in finding
    assert "resilint reads every file it is given as YAML" in finding
    same = cli("check", "suppliers/acme.yaml", "--no-cache")
    assert "not named .yaml" not in same.stdout  # a YAML file's findings are its own


# --- many unknown fields are each explained at once --------------------------------------------


def test_thousands_of_unknown_fields_without_values_are_explained_in_proportion(
    cli, write, monkeypatch
):
    """Each unknown field without a value looked for the key before it among all the keys of
    its mapping (24,000 of them, 170 KB: 30 s), and each compared every field of the kind
    again for its suggestion. Counted, not timed: the keys before each field are found once for
    the mapping, and each field's suggestion reads the field itself, not every allowed name."""
    from resilint import schema_errors, suggest

    calls = {"previous": 0, "skeleton": 0}
    previous_keys, skeleton = schema_errors._previous_keys, suggest.skeleton

    def counted_previous(mapping):
        calls["previous"] += 1
        return previous_keys(mapping)

    def counted_skeleton(word):
        calls["skeleton"] += 1
        return skeleton(word)

    monkeypatch.setattr(schema_errors, "_previous_keys", counted_previous)
    monkeypatch.setattr(suggest, "skeleton", counted_skeleton)
    suggest._indexed.cache_clear()
    fields = "".join(f"f{n}:\n" for n in range(24_000))
    write("x.yaml", SUPPLIER + "tier: 3\n" + fields + "nme:\n")
    run = cli("check", "x.yaml", "--no-cache")
    assert run.exit_code == 1
    assert "x.yaml:6:1: SCH-01 error supplier zq-acme: unknown field 'f0'" in run.stdout
    assert "unknown field 'nme' (did you mean 'name'?)" in run.stdout
    assert "24001 findings (24001 errors)" in run.stdout
    assert calls["previous"] == 1, calls  # once for the mapping, not once a field
    # a field's own reading, and each allowed name's once: not every allowed name a field
    assert calls["skeleton"] < 4 * 24_001 + 500, calls  # compared with each: 1.6 million
