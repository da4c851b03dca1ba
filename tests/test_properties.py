"""Property-based hunting: generated and mutated YAML never crashes resilint.

Invariants, for every input: no uncaught exception, an exit status in the documented set,
every finding at a line inside its file, and no hang (a generous per-example deadline).
The budget is small in CI; `HYPOTHESIS_PROFILE=deep pytest tests/test_properties.py` hunts longer.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resilint.cli import main

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "deep",
    max_examples=3000,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

EXIT_CODES = {0, 1, 2}
SEEDS = sorted(p for p in EXAMPLES.rglob("*.yaml") if p.name != "resilint.yaml")[:40]
HEADER = "apiVersion: resilint/v1\nkind: Supplier\nid: s\n"


def run_on(tmp: Path, content: bytes) -> None:
    target = tmp / "doc.yaml"
    target.write_bytes(content)
    result = CliRunner().invoke(
        main,
        ["check", str(target), "--format", "json", "--as-of", "2026-11-26"],
        catch_exceptions=True,
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in EXIT_CODES, (result.exit_code, _crashes(result.stdout))
    # Lines as editors count them, as resilint reports them: CR, LF and CRLF each end one.
    lines = content.count(b"\n") + content.count(b"\r") - content.count(b"\r\n") + 1
    for finding in json.loads(result.stdout)["findings"]:
        assert 1 <= finding["line"] <= lines, finding
        assert finding["column"] >= 1


def _crashes(output: str) -> list[str] | str:
    """What a run that exits otherwise than 0, 1 or 2 says of the rules that crashed: their
    messages whole (the output as a whole is cut short in an assertion's report)."""
    try:
        findings = json.loads(output)["findings"]
    except (ValueError, KeyError, TypeError):
        return output
    return [
        f"{f['code']} {f['path']}:{f['line']}: {f['message']}"
        for f in findings
        if "could not be evaluated" in f["message"] or "was stopped" in f["message"]
    ] or output


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates().map(str),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(
    body=st.dictionaries(
        st.sampled_from(["name", "tier", "contacts", "services", "status", "owner", "labels", "x"]),
        trees,
        max_size=6,
    )
)
def test_generated_documents(tmp_path_factory, body) -> None:
    text = HEADER + yaml.safe_dump(body, allow_unicode=True)
    run_on(tmp_path_factory.mktemp("gen"), text.encode("utf-8", "surrogatepass"))


@given(data=st.data())
def test_mutated_example_files(tmp_path_factory, data) -> None:
    seed = data.draw(st.sampled_from(SEEDS)).read_bytes()
    content = bytearray(seed)
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        at = data.draw(st.integers(0, max(len(content) - 1, 0)))
        if kind == "flip" and content:
            content[at] = data.draw(st.integers(0, 255))
        elif kind == "insert":
            content[at:at] = data.draw(
                st.sampled_from(
                    [
                        b"\t",
                        b"&a ",
                        b"*a",
                        b"!!python/object:os.system ",
                        b"<<: *a\n",
                        b"---\n",
                        b"\x00",
                        b"\xff",
                        b"[",
                        b"{",
                        b": ",
                        b"- ",
                        b"? ",
                        b"%YAML 1.3\n",
                        b'"\\ud800"',
                        b"2026-02-30",
                        b"9" * 200,
                        b"!include x",
                        b"\xef\xbb\xbf",
                    ]
                )
            )
        elif kind == "delete":
            del content[at : at + data.draw(st.integers(1, 20))]
        else:
            del content[at:]
    run_on(tmp_path_factory.mktemp("mut"), bytes(content))


@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_arbitrary_text(tmp_path_factory, text) -> None:
    run_on(tmp_path_factory.mktemp("txt"), (HEADER + text).encode("utf-8", "surrogatepass"))
