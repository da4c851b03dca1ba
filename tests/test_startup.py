"""What a start-up of resilint builds and imports, run as users run it (a new Python process):
the dataclasses compiled from kept code are the classes ``dataclasses`` builds, and a check of a
one-file repository imports none of the modules only other commands or inputs need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import python_json, resilint_and_modules

from resilint.rules.builtin import AREAS

REPO = Path(__file__).resolve().parent.parent

# Every resilint dataclass a check builds, described by what ``dataclasses`` generates for it.
_DESCRIBE = """
import dataclasses, inspect, json, sys
{setup}
import resilint.cli, resilint.domain.model  # the facts: built only when rules run
out = {{}}
for name, module in sorted(sys.modules.items()):
    if not name.startswith("resilint"):
        continue
    for cls in vars(module).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name:
            methods = {{}}
            for m in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
                fn = cls.__dict__.get(m)
                code = getattr(fn, "__code__", None)
                if code is not None:
                    methods[m] = [code.co_code.hex(), repr(code.co_consts), repr(code.co_names),
                                  repr(fn.__annotations__), repr(fn.__defaults__)]
            signature = str(inspect.signature(cls))
            out[f"{{name}}.{{cls.__qualname__}}"] = [signature, cls.__doc__, methods]
kept = getattr(getattr(dataclasses, "exec", None), "__self__", None)
compiled = bool(getattr(kept, "added", None))
print(json.dumps({{"classes": out, "compiled": compiled}}))
"""
_PLAIN = "import resilint.codecache; resilint.codecache.install = lambda: None"


_python = python_json


def _kept(prefix: Path) -> list[Path]:
    return sorted(prefix.rglob("dataclasses.*.code"))


def test_dataclasses_from_kept_code_are_those_dataclasses_builds(tmp_path: Path) -> None:
    plain = _python(_DESCRIBE.format(setup=_PLAIN), tmp_path / "plain")
    first = _python(_DESCRIBE.format(setup=""), tmp_path / "kept")
    assert len(_kept(tmp_path / "kept")) == 1
    second = _python(_DESCRIBE.format(setup=""), tmp_path / "kept")
    assert first["compiled"] is True and second["compiled"] is False
    assert plain["classes"] == first["classes"] == second["classes"]
    assert len(plain["classes"]) > 50  # type: ignore[arg-type]


def test_an_unreadable_kept_file_is_compiled_again(tmp_path: Path) -> None:
    describe = _DESCRIBE.format(setup="")
    expected = _python(describe, tmp_path)["classes"]
    (kept,) = _kept(tmp_path)
    for garbage in (b"", b"not marshal data", kept.read_bytes()[:-100]):
        kept.write_bytes(garbage)
        again = _python(describe, tmp_path)
        assert again["classes"] == expected and again["compiled"] is True
    assert _python(describe, tmp_path)["compiled"] is False  # written again, whole


def test_a_run_that_builds_fewer_classes_keeps_the_others_code(tmp_path: Path) -> None:
    """Each module's code is read only when its classes are built (a hook run builds no
    facts), and what a run did not build stays kept for the next run that does."""
    everything = _DESCRIBE.format(setup="")
    fewer = everything.replace(", resilint.domain.model", "")
    assert fewer != everything
    first = _python(everything, tmp_path)
    assert first["compiled"] is True
    some = _python(fewer, tmp_path)
    assert some["compiled"] is False
    assert len(some["classes"]) < len(first["classes"])  # type: ignore[arg-type]
    again = _python(everything, tmp_path)
    assert again["compiled"] is False and again["classes"] == first["classes"]


def test_nothing_is_kept_when_python_writes_no_bytecode(tmp_path: Path) -> None:
    found = _python(_DESCRIBE.format(setup=""), tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert found["compiled"] is True
    assert _kept(tmp_path) == []


# Imported only by other commands, other output formats, a fix, a register, a pyproject.toml,
# ignore patterns, an invalid document or rules spread over processes (1,000 documents or more):
# a one-file check (the pre-commit hook) needs none.
_NOT_NEEDED = (
    "click.shell_completion",
    "html",
    "jsonschema",
    "multiprocessing",
    "pathspec",
    "pickle",
    "rapidfuzz",
    "resilint.catalogue",
    "resilint.edit.commands",
    "resilint.impact",
    "resilint.register",
    "resilint.report",
    "resilint.reporters.github",
    "resilint.reporters.gitlab",
    "resilint.reporters.junit",
    "resilint.reporters.markdown",
    "resilint.reporters.statistics",
    "resilint.reporters.sarif",
    "resilint.reporters.stopped",  # a check that could not run
    "tempfile",  # the cache writes its files without it
    "unicodedata",  # asked only of text that is not ASCII
    "tomllib",
    "xml.etree.ElementTree",
)
# Also not imported when the rules come from the cache (the hook's run), every file, the
# configuration too, has a plain shape and the edit left the data as it was: PyYAML, libyaml's
# reading, the fixes' remedies, the validators and the built-in checks.
_NOT_NEEDED_PLAIN = (
    *_NOT_NEEDED,
    "yaml",
    "resilint.load.compose",
    "resilint.remedies",
    "jsonschema_rs",
    "secrets",  # the cache's secret exists by then
    "_hashlib",  # OpenSSL (but for a user's first secret): short data is hashed by Python's own
    "hmac",
    "difflib",  # a check of waivers' codes uses it
    "resilint.rules.compiler",  # rules compiled before are described from the stored copy
    "resilint.rules.declarative",
    "resilint.rules.expressions",
    *(f"resilint.rules.builtin.{area}" for area in AREAS),
    "resilint.domain.model",  # no facts are built when the rules' findings are kept
    "resilint.domain.graph",
    "resilint.domain.suppliers",
    "resilint.domain.documents",
)
_CHECK = """
import json, sys
sys.argv = ["resilint", "check", "suppliers/one.yaml", "--format", "json", *sys.argv[1:]]
from resilint.cli import main
try:
    main()
except SystemExit:
    # the modules imported, not those standing in for one until it is used (resilint.deferred)
    real = (n for n, m in sys.modules.items() if type(m).__name__ != "_StandIn")
    print(json.dumps(sorted(real)), file=sys.stderr)
"""


def _check(root: Path, *args: str) -> tuple[dict[str, object], set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, *args],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout), set(json.loads(done.stderr))


def test_a_one_file_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    supplier = REPO / "examples" / "northwind" / "suppliers" / "nimbara-cloud.yaml"
    (tmp_path / "suppliers").mkdir()
    one = tmp_path / "suppliers" / "one.yaml"
    one.write_bytes(supplier.read_bytes())
    (tmp_path / "resilint.yaml").write_text("# ours\nfail_on: error\nprofiles: [baseline]\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    report, imported = _check(tmp_path, "--no-cache")
    assert report["summary"]["files"] == 1  # type: ignore[index]
    assert report["summary"]["findings"] > 0  # type: ignore[index]
    assert imported.isdisjoint(_NOT_NEEDED), sorted(imported.intersection(_NOT_NEEDED))
    # imported by the email.utils jsonschema-rs imports, and used by neither
    assert imported.isdisjoint({"socket", "random", "calendar", "email.charset", "email.utils"})
    assert "resilint.run_cache" not in imported  # the cache is off
    # a check examines documents of its rule's kind: one of a kind the repository does not hold
    # (insurance policies, exercises, contracts, waivers, identities) is not even imported
    absent = {f"resilint.rules.builtin.{area}" for area in AREAS} - {
        "resilint.rules.builtin.suppliers",
        "resilint.rules.builtin.concentration.supply_chain",  # CON-03, of critical suppliers
        "resilint.rules.builtin.continuity.mapping",  # BCM-05, of suppliers relied on
        "resilint.rules.builtin.regulatory",  # SUP-02 and SUP-09 (dora only: not run here)
    }
    assert imported.isdisjoint(absent), sorted(imported.intersection(absent))
    for edit, not_needed in (
        ("first run, filling the cache", _NOT_NEEDED),
        ("# edited", _NOT_NEEDED_PLAIN),  # as the hook runs it
    ):
        one.write_bytes(supplier.read_bytes() + f"# {edit}\n".encode())
        again, imported = _check(tmp_path)
        assert again == report
        assert imported.isdisjoint(not_needed), sorted(imported.intersection(not_needed))
    assert "yaml_rs" in imported  # the file was read, the fast way


def _yaml_allows(code: int) -> bool:
    """YAML 1.2's printable characters, less tab, CR, NEL, the byte order mark and the
    YAML 1.1 line and paragraph separators: what the fast reader takes (after ``\\n``)."""
    return (
        code == 0x0A
        or 0x20 <= code <= 0x7E
        or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


def test_the_fast_reader_refuses_exactly_the_characters_yaml_refuses() -> None:
    from resilint.load.fast import _usual

    codes = [*range(0x10000), 0x10000, 0x10001, 0x1F600, 0x10FFFE, 0x10FFFF]  # astral: one range
    refused = [c for c in codes if not _usual(f"é{chr(c)}")]  # é: not the ASCII shortcut
    assert refused == [c for c in codes if not _yaml_allows(c)]


def test_dataclasses_of_other_packages_are_built_as_without_resilint(tmp_path: Path) -> None:
    """A program that imports resilint builds its own dataclasses as Python does: only
    resilint's classes go through the kept code (nothing of theirs is compiled into it)."""
    describe = _DESCRIBE.format(setup="")
    _python(describe, tmp_path)  # resilint's classes kept
    theirs = _DESCRIBE.format(setup="").replace(
        "compiled = ",
        "@dataclasses.dataclass(frozen=True)\n"
        "class Theirs:\n    name: str\n    size: int = 3\n"
        "assert Theirs('a') == Theirs('a', 3) and hash(Theirs('a'))\n"
        "compiled = ",
    )
    assert "class Theirs" in theirs
    assert _python(theirs, tmp_path)["compiled"] is False


_hook = resilint_and_modules


def test_the_hook_as_pre_commit_runs_it_does_not_import_click(tmp_path: Path) -> None:
    """``resilint pre-commit FILE...`` (how pre-commit calls the hook) is parsed without click
    (:mod:`resilint.check_line`); with an option the table leaves to click, click parses it;
    both run the same check, with the same output and exit."""
    supplier = REPO / "examples" / "northwind" / "suppliers" / "nimbara-cloud.yaml"
    (tmp_path / "suppliers").mkdir()
    (tmp_path / "suppliers" / "one.yaml").write_bytes(supplier.read_bytes())
    (tmp_path / "suppliers" / "broken.yaml").write_text("kind: Supplier\nid: [unclosed\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    for files in (["suppliers/one.yaml"], ["suppliers/one.yaml", "suppliers/broken.yaml"]):
        plain, imported = _hook(tmp_path, "pre-commit", *files)
        assert "click" not in imported
        assert imported.isdisjoint({"ipaddress", "locale"})  # urllib.parse's, subprocess's
        assert imported.isdisjoint({"inspect", "ast", "dis", "tokenize"})
        # without --fix, --exit-non-zero-on-fix changes nothing: click parses this one
        parsed, imported = _hook(tmp_path, "pre-commit", "--exit-non-zero-on-fix", *files)
        assert "click" in imported
        assert (plain.returncode, plain.stdout, plain.stderr) == (
            parsed.returncode,
            parsed.stdout,
            parsed.stderr,
        )
    assert plain.returncode == 2 and "suppliers/broken.yaml:3:1: YML-01" in plain.stdout


def test_with_no_server_running_a_command_asks_no_more_than_whether_its_socket_exists(
    tmp_path: Path,
) -> None:
    """Every command first looks for this installation's resident server; when none runs (the
    usual case) it imports nothing for it beyond what Python loaded at start-up."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "one.yaml").write_text("kind: Widget\n")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    env = {k: v for k, v in os.environ.items() if k != "RESILINT_NO_SERVER"}
    env |= {"PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done, imported = _hook(root, "check", "--no-cache", "one.yaml", env=env)
    assert done.returncode == 2 and "Checked 1 file" in done.stdout, done.stderr  # DOC-04
    assert imported.isdisjoint({"signal", "socket", "zlib"})  # a check runs no process


def test_every_dataclass_of_resilint_has_a_docstring() -> None:
    """``dataclasses`` writes a class's signature as the docstring of one that has none, through
    ``inspect``, which the command line otherwise imports only when used (resilint.deferred)."""
    import ast

    docless = [
        f"{path.relative_to(REPO)}:{node.lineno} {node.name}"
        for path in sorted((REPO / "resilint").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and any(ast.unparse(d).startswith("dataclass") for d in node.decorator_list)
        and ast.get_docstring(node) is None
    ]
    assert docless == []


_DEFERRED = """
import json, sys
from resilint import deferred
deferred.defer("inspect")
import inspect  # the stand-in: nothing is imported yet
before = "tokenize" in sys.modules
from inspect import signature  # the first name asked for imports the module
def f(a, b=1): pass
print(json.dumps([before, type(sys.modules["inspect"]).__name__, str(signature(f)),
                  str(inspect.signature(f)), inspect.isfunction(f)]))
"""


def test_a_deferred_module_is_imported_at_its_first_use_and_works_as_itself(tmp_path) -> None:  # type: ignore[no-untyped-def]
    before, kind, *used = _python(_DEFERRED, tmp_path)
    assert before is False and kind == "module"
    assert used == ["(a, b=1)", "(a, b=1)", True]


_ANNOTATIONS = """
import json, sys
from resilint import startup  # the command line's stand-ins, inspect's lending get_annotations
from resilint.findings import Finding
from resilint.model import Document
lent = sys.modules["inspect"].get_annotations
ours = [lent(Finding), lent(Document)]
imported = type(sys.modules["inspect"]).__name__ == "module"
class Theirs:
    size: int
theirs = lent(Theirs)  # not resilint's: asked of the real inspect, which it imports
print(json.dumps([ours, imported, repr(theirs), type(sys.modules["inspect"]).__name__]))
"""


def test_inspect_stands_in_lending_the_annotations_dataclasses_reads(tmp_path: Path) -> None:
    """On Python 3.12 and 3.13 ``dataclasses`` reads each class's annotations with
    ``inspect.get_annotations``: the stand-in answers that for resilint's classes without
    importing ``inspect`` (and ``ast``, ``dis``, ``tokenize``), and imports it for any other."""
    import inspect

    from resilint.findings import Finding
    from resilint.model import Document

    ours, imported, theirs, after = _python(_ANNOTATIONS, tmp_path)
    assert ours == [inspect.get_annotations(Finding), inspect.get_annotations(Document)]
    assert ours[0]["code"] == "str" and imported is False
    assert theirs == "{'size': <class 'int'>}" and after == "module"


def test_the_lent_annotations_are_inspects_for_every_class_of_resilint() -> None:
    """:func:`resilint.deferred.own_annotations` against ``inspect.get_annotations`` for every
    class of every module of resilint: the same dict, a new one each time."""
    import importlib
    import inspect

    from resilint.deferred import own_annotations

    classes = []
    for path in sorted((REPO / "resilint").rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name in {"resilint.__main__", "resilint.lsp.__main__"}:
            continue
        module = importlib.import_module(name)
        classes += [c for c in vars(module).values() if isinstance(c, type)]
    assert len(classes) > 150
    for cls in classes:
        lent = own_annotations(cls)
        assert lent == inspect.get_annotations(cls), cls
        assert lent is not own_annotations(cls)  # a fresh dict, as inspect gives
    assert own_annotations(Path, eval_str=False) == inspect.get_annotations(Path)


@pytest.mark.parametrize(
    ("redirect", "said"),
    [(">/dev/full", "No space left on device"), (">&-", "standard output is closed")],
)
def test_output_that_cannot_be_written_is_said_as_such(tmp_path: Path, redirect, said) -> None:
    """A report that cannot be written (a full disk, standard output closed) is an input or
    output problem (status 2) said in words, not an internal error asking for a bug report;
    for the pre-commit hook's command line as for click's."""
    (tmp_path / "a.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n"
    )
    resilint = str(Path(sys.executable).parent / "resilint")
    for command in ("check --format sarif", "pre-commit a.yaml"):
        done = subprocess.run(
            ["sh", "-c", f'"$0" {command} {redirect}', resilint],
            cwd=tmp_path,
            env={**os.environ, "RESILINT_NO_SERVER": "1"},
            stderr=subprocess.PIPE,
            text=True,
        )
        assert done.returncode == 2, (command, done.stderr)
        assert f"resilint: cannot write the output: {said}" in done.stderr
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr


_LENT = """
import json, sys
from resilint.schemas import fast_library
library = fast_library()
taken = sorted(n for n in sys.modules if n.startswith("email"))
import email.utils  # after jsonschema-rs: the real module
built = getattr(library.jsonschema_rs, "__build__", {}).get("info-time")
print(json.dumps([taken, str(built), callable(email.utils.formatdate), type(email.utils).__name__]))
"""
_PLAIN_IMPORT = """
import json, jsonschema_rs
built = getattr(jsonschema_rs.jsonschema_rs, "__build__", {}).get("info-time")
print(json.dumps(str(built)))
"""


def test_jsonschema_rs_is_imported_without_the_email_package(tmp_path: Path) -> None:
    """jsonschema-rs takes one date parser of ``email.utils`` when imported: it is lent that
    parser, so most of the ``email`` package is not imported, what jsonschema-rs makes of its
    build date is what the real module makes of it, and a later import of ``email.utils``
    finds the real module."""
    taken, built, real_formatdate, kind = _python(_LENT, tmp_path)
    assert taken == ["email", "email._parseaddr"]
    assert built == _python(_PLAIN_IMPORT, tmp_path)
    assert real_formatdate is True and kind == "module"


@pytest.mark.parametrize(
    "text",
    [
        "Thu, 12 Nov 2026 07:50:16 +0000",
        "Mon, 1 Jan 2024 10:00:00 -0500",
        "1 Jan 2024 10:00:00 -0000",
        "Sat, 29 Feb 2020 23:59:59 +1345",
        "Tue, 3 Mar 99 01:02:03 GMT",
        "Wed, 4 Apr 2029 05:06 EST",
        "Tue, 30 Feb 2021 10:00:00 GMT",
        "not a date",
        "",
    ],
)
def test_the_lent_date_parser_reads_dates_as_email_utils_does(text: str) -> None:
    import email.utils

    from resilint.schemas import rfc2822_datetime

    def outcome(parse: Any) -> object:
        try:
            return parse(text)
        except ValueError as error:
            return type(error)

    assert outcome(rfc2822_datetime) == outcome(email.utils.parsedate_to_datetime)


_COLLECTOR = """
import atexit, gc, sys
sys.argv = ["resilint", *sys.argv[1:]]
atexit.register(lambda: print("collector", gc.isenabled(), len(gc.get_objects()), file=sys.stderr))
from resilint.launch import main
main()
"""


def test_the_cycle_collector_waits_for_the_modules_and_resumes_for_other_commands(
    tmp_path: Path,
) -> None:
    """Paused while resilint's modules load; a check keeps it paused to its end (the process
    ends with it), any other command (the resident server's among them) runs with it on, the
    loaded modules set aside (frozen: not among the objects it passes over)."""
    (tmp_path / "suppliers").mkdir()
    supplier = REPO / "examples" / "northwind" / "suppliers" / "nimbara-cloud.yaml"
    (tmp_path / "suppliers" / "one.yaml").write_bytes(supplier.read_bytes())

    def collector(*args: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", _COLLECTOR, *args],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
        )
        return done.stderr.split("collector ")[-1].split()

    enabled, tracked = collector("rules")
    assert enabled == "True"
    assert int(tracked) < 5_000  # the modules' functions and classes are frozen, not tracked
    assert collector("check", "suppliers/one.yaml", "--no-cache")[0] == "False"
