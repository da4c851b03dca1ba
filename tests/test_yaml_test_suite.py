"""Every case of the YAML test suite (yaml/yaml-test-suite, data-2022-01-17, 402 cases) through
resilint's loader: invalid YAML is always a finding, nothing crashes, valid YAML is not called a
syntax error, except for the cases listed below that libyaml, resilint's parser, cannot read."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from resilint.limits import Limits
from resilint.load import load_file

SUITE = Path(__file__).parent / "data" / "yaml-test-suite"
CASES = sorted(path.parent.relative_to(SUITE).as_posix() for path in SUITE.rglob("in.yaml"))
INVALID = [case for case in CASES if (SUITE / case / "error").exists()]
VALID = [case for case in CASES if case not in INVALID]

# Valid YAML 1.2 that libyaml refuses, so resilint reports YML-01 ("not valid YAML") for it. A
# gate that cannot read a file fails it, so none of these is a silent pass; each would need a
# different YAML parser to accept. Listed by reason; strict, so a case that starts to pass fails
# here until it is taken off the list.
_TABS = "libyaml refuses a tab used as separation where YAML 1.2 allows one"
_EMPTY_KEYS = "an empty key (': value') in a block mapping; libyaml cannot read it"
_FLOW = (
    "inside [...] or {...}: a ':' adjacent to a value, on the line after its key, or a key "
    "over two lines; libyaml does not implement these YAML 1.2 rules"
)
_ANCHOR_NAMES = "an anchor name holding ':' or non-ASCII letters; libyaml allows fewer characters"
_DUPLICATE_ANCHOR = "an anchor defined twice; PyYAML's composer refuses to redefine one"
_RESERVED_DIRECTIVE = "a reserved directive (%FOO) that YAML 1.2 ignores; libyaml refuses it"
_DOCUMENT_MARKERS = "a '...' with no document before it, or a bare document after '...'"
_ZERO_INDENT = "a top-level block text with lines at column 0 that start with '#' or '%'"
_VERSION = "%YAML 1.3: resilint refuses versions other than 1.1 and 1.2 on purpose (README)"
LIBYAML_REJECTS = {
    **dict.fromkeys(
        [
            "6BCT",
            "6CA3",
            "A2M4",
            "DK95/00",
            "DK95/03",
            "DK95/04",
            "Q5MG",
            "Y79Y/010",
            "96NN/00",
            "96NN/01",
            "R4YG",
            "Y79Y/001",
        ],
        _TABS,
    ),
    **dict.fromkeys(
        ["2JQS", "6M2F", "NHX8", "NKF9", "S3PD", "SM9W/01", "UKK6/00", "M2N8/00"], _EMPTY_KEYS
    ),
    **dict.fromkeys(
        [
            "4ABK",
            "58MP",
            "5T43",
            "CFD4",
            "DBG4",
            "FRK4",
            "HM87/00",
            "4MUZ/00",
            "4MUZ/01",
            "4MUZ/02",
            "5MUD",
            "K3WX",
            "UT92",
            "VJP3/01",
            "9SA2",
            "NJ66",
        ],
        _FLOW,
    ),
    **dict.fromkeys(["2SXE", "8XYN", "W5VH"], _ANCHOR_NAMES),
    **dict.fromkeys(["3GZX", "PW8X"], _DUPLICATE_ANCHOR),
    **dict.fromkeys(["2LFX", "6LVF", "MUS6/05", "MUS6/06"], _RESERVED_DIRECTIVE),
    **dict.fromkeys(["7Z25", "M7A3", "HWV9", "QT73"], _DOCUMENT_MARKERS),
    **dict.fromkeys(["DK3J", "FP8R", "W4TN"], _ZERO_INDENT),
    "BEC7": _VERSION,
}


def _codes(case: str) -> list[str]:
    path = SUITE / case / "in.yaml"
    loaded = load_file(path, Limits())  # raises nothing, whatever the input
    assert all(finding.path == str(path) for finding in loaded.findings)
    return [finding.code for finding in loaded.findings]


def test_the_suite_is_whole():
    assert (len(CASES), len(INVALID)) == (402, 94)
    assert set(LIBYAML_REJECTS) <= set(VALID)


@pytest.mark.parametrize("case", INVALID)
def test_invalid_yaml_is_a_finding_on_its_file(case):
    assert _codes(case), (SUITE / case / "===").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason=LIBYAML_REJECTS[case]
            ),
        )
        if case in LIBYAML_REJECTS
        else case
        for case in VALID
    ],
)
def test_valid_yaml_is_not_a_syntax_error(case):
    assert "YML-01" not in _codes(case), (SUITE / case / "===").read_text(encoding="utf-8")


SAMPLE = ["SU5Z", "X4QW", "9C9N", "QB6E", "RHX7", "MUS6/00", "S98Z", "DK95/01", "ZCZ6", "4H7K"]
SAMPLE_VALID = ["UGM3", "6JQW", "J7PZ", "7A4E"]
_LINE = re.compile(r"^(\S+\.yaml):(\d+):(\d+): ([A-Z]+-\d\d) ")


def test_a_sample_through_the_cli(cli, tmp_path: Path):
    for case in SAMPLE + SAMPLE_VALID:
        shutil.copyfile(SUITE / case / "in.yaml", tmp_path / f"{case.replace('/', '-')}.yaml")
    text = cli("check", ".")
    assert text.exit_code == 2
    assert "Traceback" not in text.stdout + text.stderr
    found = [_LINE.match(line) for line in text.lines if ".yaml:" in line]
    assert all(found), text.stdout
    named = {match.group(1) for match in found if match}
    assert named >= {f"{case.replace('/', '-')}.yaml" for case in SAMPLE}
    codes = {match.group(1): match.group(4) for match in found if match}
    assert all(codes.get(f"{case}.yaml") != "YML-01" for case in SAMPLE_VALID)
