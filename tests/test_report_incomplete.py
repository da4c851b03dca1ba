"""A posture report that lacks part of the programme says so where it is read first, in the
browser: a supplier file saved by Excel or Notepad as Windows-1252 ("ANSI") cannot be read, so
the supplier, its contracts and its gaps are in no table, count or graph. `resilint report`
says so on standard error and exits 2, but whoever opens the HTML file (a procurement analyst,
the committee it is attached for) sees neither: only one line among the findings, under
"reading and validation". Run as a user runs it (the CLI in a process of its own, on a copy
of examples/northwind, in a folder whose name has spaces), opened in headless Chromium.

Skipped, with the reason, where no Chromium or no Playwright is installed, as
tests/test_report_browser.py is.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
)
if not Path(CHROMIUM).is_file():
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)

ANSI_SUPPLIER = (
    "apiVersion: resilint/v1\r\nkind: Supplier\r\nid: mueller-kaffee\r\n"
    "name: Müller Kaffeerösterei GmbH\r\nowner: head-of-procurement\r\ntier: 3\r\n"
).encode("cp1252")
FILE = "programme/Supplier Files/Müller Kaffee.yaml"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def report(
    tmp_path: Path, *, ansi: bool = False, hidden_files: int = 0
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """``resilint report`` on a copy of examples/northwind, with a supplier file saved as
    Windows-1252 (``ansi``) and ``hidden_files`` empty YAML files in a hidden ``.archive/``."""
    repo = tmp_path / "Supplier Programme"
    shutil.copytree(EXAMPLES / "northwind", repo, ignore=shutil.ignore_patterns(".resilint_*"))
    if ansi:
        (repo / FILE).parent.mkdir(parents=True)
        (repo / FILE).write_bytes(ANSI_SUPPLIER)
    if hidden_files:
        (repo / ".archive").mkdir()
        for number in range(hidden_files):
            (repo / ".archive" / f"export-{number:05}.yaml").touch()
    out = repo / "Posture report.html"
    run = subprocess.run(
        [sys.executable, "-m", "resilint", "report", "--no-cache", "-o", str(out)],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.is_file(), run.stderr
    return run, out


def header_text(browser: Any, path: Path) -> tuple[str, bool]:
    """The page's header as shown, and whether its alert is in the first screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        alert = page.locator("header [role=alert]")
        seen = alert.count() == 1 and alert.is_visible()
        box = alert.bounding_box() if seen else None
        return page.inner_text("header"), bool(box and box["y"] + box["height"] <= 800)
    finally:
        context.close()


def test_a_file_that_could_not_be_read_is_said_first(browser: Any, tmp_path: Path) -> None:
    run, out = report(tmp_path, ansi=True)
    assert run.returncode == 2, run.stderr
    assert "could not be read" in run.stderr
    text, first_screen = header_text(browser, out)
    assert first_screen, text
    assert "This report is incomplete." in text
    assert f"1 file could not be read ({FILE})" in text
    assert "missing from every table, count and graph below" in text
    assert "Traceback" not in run.stderr


def test_a_complete_report_has_no_such_notice(browser: Any, tmp_path: Path) -> None:
    run, out = report(tmp_path, ansi=False)
    assert run.returncode == 0, run.stderr
    text, first_screen = header_text(browser, out)
    assert not first_screen
    assert "incomplete" not in text


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (1, "0 deadlines in the next 1 day"),
        (7, "1 deadline in the next 7 days"),
        (30, "5 deadlines in the next 30 days"),
    ],
)
def test_what_was_written_is_counted_in_words(tmp_path: Path, days: int, said: str) -> None:
    out = tmp_path / "report.html"
    run = subprocess.run(
        [
            *(sys.executable, "-m", "resilint", "report", "--no-cache", "--days", str(days)),
            *("-o", str(out), str(EXAMPLES / "northwind")),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert f"0 findings (1 suppressed), {said}\n" in run.stderr


def test_the_notice_is_styled_by_the_page_itself() -> None:
    """The report's Content-Security-Policy admits only its own stylesheet, by hash: the
    notice's look comes from there, not from an attribute the policy would refuse."""
    css = (REPO / "resilint" / "report" / "report.css").read_text(encoding="utf-8")
    assert ".incomplete {" in css


def test_a_hidden_folder_not_looked_into_whole_is_said_as_a_folder(
    browser: Any, tmp_path: Path
) -> None:
    """A hidden folder past the look's bound (DOC-06) was named among the "files that hold a
    document resilint does not check": it is a folder, and whether it holds one was not looked
    at. The report says so in those words, on standard error and first in the page (the
    register's and impact's notes are the same function's)."""
    run, out = report(tmp_path, hidden_files=5_100)  # past the look's 5,000 entries
    assert run.returncode == 2, run.stderr
    assert (
        "1 place(s) in hidden folders were not looked into whole for documents (.archive): what "
        "they hold is missing from this report"
    ) in run.stderr
    assert "file(s) hold a document" not in run.stderr
    text, first_screen = header_text(browser, out)
    assert first_screen, text
    assert "1 place in hidden folders was not looked into whole for documents (.archive)" in text
    assert "holds a document" not in text
