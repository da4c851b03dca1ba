"""The posture report in a real browser: headless Chromium (Debian's ``chromium`` package,
which .ci/run installs) renders the reports of examples/northwind and examples/defects.

Driven with Playwright on the system's browser (``executable_path``; Playwright's own browser
download is never used): the filter needs JavaScript to run and be typed into, which
``--dump-dom`` cannot do, and Playwright gives console messages, page errors and network
requests as events, where a hand-written DevTools-protocol driver would be a second program to
maintain. One browser serves the whole module, so these tests add seconds, not minutes.

Where no browser or no Playwright is installed, every test here is skipped with the reason,
which pytest prints in its summary (``-ra``): never a silent pass.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOT = REPO / "docs" / "report.png"
FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
)
if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"no Chromium at {CHROMIUM}: install Debian's chromium package (.ci/run does, as root)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("reports")
    written = {}
    for name in ("northwind", "defects"):
        target = out / f"{name}.html"
        subprocess.run(
            [
                *(sys.executable, "-m", "resilint", "report", str(EXAMPLES / name)),
                *("-o", str(target), "--no-cache"),  # no cache secret written outside tmp
            ],
            cwd=REPO,
            check=False,
            capture_output=True,
        )
        assert target.is_file(), name
        written[name] = target
    return written


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Visit:
    """A page opened from disk, with what the browser reported while showing it."""

    def __init__(self, browser: Any, path: Path, *, javascript: bool = True) -> None:
        self.context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 1400, "height": 1000}
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)
        self.page.goto(path.as_uri())

    def _request(self, request: Any) -> None:
        if request.url.split(":", 1)[0] not in ("file", "data", "about"):
            self.requests.append(request.url)

    def visible_rows(self) -> int:
        return int(self.page.locator("#findings-table tbody tr[id]:visible").count())

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("name", ["northwind", "defects"])
def test_renders_without_errors_or_network(browser: Any, reports: dict[str, Path], name: str):
    visit = Visit(browser, reports[name])
    page = visit.page
    try:
        assert page.locator("svg.graph").is_visible()
        assert page.locator("svg.graph g.node.function").count() >= 1
        assert page.locator("svg.graph g.node.supplier").count() >= 1
        assert page.locator("table.matrix tbody tr").count() >= 1
        assert page.locator("table.functions tbody tr").count() >= 1
        assert page.locator("table.deadlines tbody tr").count() >= 1
        assert page.locator("table.conditions").count() >= 1
        assert page.locator("#filter").is_visible()  # the script ran
        assert page.locator("table.what-if tbody tr").count() >= 1
        assert page.locator("h2").count() == 8
        assert visit.errors == []  # no console error, no CSP violation, no script error
        assert visit.requests == []  # nothing fetched
    finally:
        visit.close()


def _check_json(name: str) -> list[dict[str, Any]]:
    run = subprocess.run(
        [
            *(sys.executable, "-m", "resilint", "check", str(EXAMPLES / name)),
            *("--format", "json", "--no-cache"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    findings: list[dict[str, Any]] = json.loads(run.stdout)["findings"]
    return findings


def test_the_filter_works(browser: Any, reports: dict[str, Path]) -> None:
    findings = _check_json("defects")
    visit = Visit(browser, reports["defects"])
    page = visit.page
    try:
        assert visit.visible_rows() == len(findings)
        page.select_option("#filter-level", "warning")
        warnings = sum(1 for f in findings if f["level"] == "warning")
        assert 0 < warnings < len(findings)
        assert visit.visible_rows() == warnings
        assert page.locator("#filter-count").inner_text() == (
            f"{warnings} of {len(findings)} findings shown"
        )
        page.select_option("#filter-level", "")
        page.fill("#filter-text", "forgepoint")
        matching = sum(1 for f in findings if "forgepoint" in json.dumps(f).lower())
        shown = page.locator("#findings-table tbody tr[id]:visible")
        assert 0 < shown.count() <= matching
        assert all("forgepoint" in t.lower() for t in shown.all_inner_texts())
        page.select_option("#filter-rule", "CTR-08")
        assert all("CTR-08" in t for t in shown.all_inner_texts())
        # A gap in the matrix links to its finding, and the link shows it even when filtered.
        page.fill("#filter-text", "no such finding anywhere")
        assert visit.visible_rows() == 0
        gap = page.locator("table.matrix td.gap a").first
        target = str(gap.get_attribute("href"))
        gap.click()
        # the page shows it when the address's fragment changes, an event after the click
        page.locator(target).wait_for(state="visible", timeout=5000)
        assert page.locator(target).is_visible()
        # Printed (to PDF for the committee), every finding shows, whatever the filter hides.
        page.fill("#filter-text", "no such finding anywhere")
        page.emulate_media(media="print")
        assert visit.visible_rows() == len(findings)
        assert not page.locator("#filter").is_visible()
        assert visit.errors == []
    finally:
        visit.close()


def test_readable_without_javascript(browser: Any, reports: dict[str, Path]) -> None:
    findings = _check_json("defects")
    visit = Visit(browser, reports["defects"], javascript=False)
    try:
        assert visit.visible_rows() == len(findings)
        assert not visit.page.locator("#filter").is_visible()
        assert visit.page.locator("svg.graph").is_visible()
    finally:
        visit.close()


def test_screenshot_for_the_readme(browser: Any, reports: dict[str, Path]) -> None:
    """docs/report.png, as the README shows it: rewritten with RESILINT_UPDATE_SCREENSHOT=1."""
    if not os.environ.get("RESILINT_UPDATE_SCREENSHOT"):
        assert SCREENSHOT.is_file()
        return
    visit = Visit(browser, reports["defects"])
    try:
        visit.page.set_viewport_size({"width": 1280, "height": 1700})
        visit.page.screenshot(path=str(SCREENSHOT))
    finally:
        visit.close()


A4_PRINTABLE = 718
"""The width Chromium lays a printed A4 page out in, in CSS pixels: 210 mm (794 px) less its
default margins. What is wider is cut off at the page's edge in the PDF."""


@pytest.mark.parametrize("name", ["northwind", "defects"])
def test_printed_every_table_fits_the_page(browser: Any, reports: dict[str, Path], name: str):
    """Printed to PDF for the committee pack, no table runs past the page's edge: the coverage
    matrix (a column per term) shows every term, as its symbol under an upright header, and
    the legend above it still says each symbol in words."""
    context = browser.new_context(viewport={"width": A4_PRINTABLE, "height": 1000})
    page = context.new_page()
    try:
        page.goto(reports[name].as_uri())
        page.emulate_media(media="print")
        page_width = page.evaluate("document.documentElement.clientWidth")
        overflowing = page.evaluate(
            """(width) => [...document.querySelectorAll('table')]
                .map(t => [t.className, Math.round(t.getBoundingClientRect().right)])
                .filter(([, right]) => right > width + 1)""",
            page_width,
        )
        assert overflowing == [], overflowing
        matrix = page.locator("table.matrix")
        headers = matrix.locator("thead th[scope=col]")
        assert headers.count() >= 10  # supplier and the terms
        right = page.evaluate(
            "Math.max(...[...document.querySelectorAll('table.matrix th')]"
            ".map(th => th.getBoundingClientRect().right))"
        )
        assert right <= page_width + 1
        assert not matrix.locator(".word").first.is_visible()  # symbols only, in print
        assert "✔ met" in page.locator(".legend").inner_text()
        page.emulate_media(media="screen")
        assert matrix.locator(".word").first.is_visible()  # on screen, the words too
    finally:
        context.close()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_each_term_says_what_requires_it(browser: Any, reports: dict[str, Path], media: str):
    """Under each term's header of the coverage matrix, on screen and printed on A4, the word
    for what requires it (law, policy, market practice); the header's title and the note below
    the table give the basis in full: a committee reading a gap in step-in rights sees that no
    law requires the term."""
    from resilint.domain.requirements import load_matrix

    # no entity of the defects programme is under NIS2 or NYDFS: no rule checks their terms,
    # which have no column (the note under the table names them)
    dropped = ("nis2_supply_chain", "nydfs_third_party")
    terms = [t for t in load_matrix().terms.values() if t.name not in dropped]
    width = A4_PRINTABLE if media == "print" else 1400
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    try:
        page.goto(reports["defects"].as_uri())
        page.emulate_media(media=media)
        headers = page.locator("table.matrix thead th[scope=col]:has(.basis)")
        assert headers.count() == len(terms)
        for n, term in enumerate(terms):
            header = headers.nth(n)
            marker = header.locator(".basis")
            assert marker.is_visible()
            # the defects programme's register entity is under DORA, no entity under NIS2 or
            # NYDFS: what only their law asks is this programme's policy
            assert marker.inner_text().strip() == term.kind_for(frozenset({"dora"})), term.name
            assert term.name.replace("_", " ") in header.locator(".term").inner_text()
            # where the law a basis cites binds no entity here, the basis it has here
            assert term.basis_for(frozenset({"dora"})) in str(header.get_attribute("title"))
            box, cell = marker.bounding_box(), header.bounding_box()
            assert box and cell and box["x"] >= cell["x"] - 1
            assert box["x"] + box["width"] <= cell["x"] + cell["width"] + 1  # within its column
        kinds = {t.name: t.basis_kind for t in terms}
        assert kinds["step_in_rights"] != "law" and kinds["notice_periods"] == "law"
        not_shown = page.locator("#coverage p.note", has_text="Not shown:")
        assert not_shown.is_visible()
        assert all(name.replace("_", " ") in not_shown.inner_text() for name in dropped)
        note = page.locator("#coverage dl.bases")
        assert note.is_visible()
        shown = " ".join(note.inner_text().split())
        # grouped by kind, each kind said once above its terms, each term once with what its
        # basis adds: not "policy (this programme's choice)" after each of sixteen terms
        kinds = {t.kind_for(frozenset({"dora"})) for t in terms}
        groups = note.locator("dt")
        assert sorted(groups.nth(n).locator(".basis").inner_text() for n in range(len(kinds))) == (
            sorted(kinds)
        )
        assert groups.count() == len(kinds)
        assert shown.count("this programme's choice") == 1
        assert shown.count("policy (") == 0
        listed = note.locator("li .term")
        assert sorted(listed.all_inner_texts()) == sorted(t.name.replace("_", " ") for t in terms)
        assert "step in rights: no law requires step-in rights" in shown
        assert "cooperation: DORA Art. 30(2)(f)" in shown
        legend = page.locator("#coverage .basis-legend").inner_text()
        assert all(kind in legend for kind in ("law", "policy", "market practice"))
        # northwind's NIS2 entity is none of the kinds Implementing Regulation 2024/2690 binds
        # (no nis2_entity_type): CTR-12 judges none of its contracts, so the NIS2 supply-chain
        # term has no column (the note under the table says why); DORA's terms are policy there
        page.goto(reports["northwind"].as_uri())
        page.emulate_media(media=media)
        columns = page.locator("table.matrix thead th[scope=col]:has(.basis)")
        shown_kinds = {
            columns.nth(n).locator(".term").inner_text().strip().replace(" ", "_"): columns.nth(n)
            .locator(".basis")
            .inner_text()
            .strip()
            for n in range(columns.count())
        }
        assert "nydfs_third_party" not in shown_kinds  # no NYDFS entity there either
        assert "nis2_supply_chain" not in shown_kinds
        assert shown_kinds["notice_periods"] == shown_kinds["cooperation"] == "policy"
        if media == "print":  # on screen the matrix scrolls; printed, it fits the page
            page_width = page.evaluate("document.documentElement.clientWidth")
            right = page.evaluate(
                "Math.max(...[...document.querySelectorAll('table.matrix th, dl.bases')]"
                ".map(e => e.getBoundingClientRect().right))"
            )
            assert right <= page_width + 1
    finally:
        context.close()


def test_the_matrix_keeps_its_supplier_column_in_view_when_scrolled(
    browser: Any, reports: dict[str, Path]
) -> None:
    """On a screen narrower than the coverage matrix (a column per term), scrolling it to its
    last terms leaves each row's supplier in view: marks without their supplier are unreadable."""
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    try:
        page.goto(reports["defects"].as_uri())
        box = page.locator("table.matrix").locator("xpath=..")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth + 100")  # it does scroll
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        row = page.locator("table.matrix tbody th[scope=row]").first
        row.scroll_into_view_if_needed()
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        shown = row.evaluate(
            """th => { const r = th.getBoundingClientRect();
                       const p = th.closest('.scroll').getBoundingClientRect();
                       const at = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
                       return r.left >= p.left - 1 && r.left < p.left + 5
                              && (at === th || th.contains(at)); }"""
        )
        assert shown
    finally:
        context.close()


def _report_of(tmp_path: Path, programme: str) -> Path:
    """The report of a one-file programme written to ``tmp_path``."""
    (tmp_path / "resilint.yaml").write_text("as_of: 2026-12-01\n", encoding="utf-8")
    (tmp_path / "programme.yaml").write_text(programme, encoding="utf-8")
    target = tmp_path / "report.html"
    subprocess.run(
        [sys.executable, "-m", "resilint", "report", ".", "-o", str(target), "--no-cache"],
        cwd=tmp_path,
        check=False,
        capture_output=True,
    )
    assert target.is_file()
    return target


def test_what_if_an_outage_stopping_no_critical_function_starts_no_dora_clock(
    browser: Any, tmp_path: Path
) -> None:
    """The what-if row of a supplier nothing depends on to run shows no DORA 4-hour clock; it
    says none started, and the note under the table, visible, says what would make it
    reportable (Delegated Regulation (EU) 2024/1772 Art. 8(1) and Art. 6)."""
    from tests.test_impact_what_if_not_major import FOUR_HOURS, NOT_STARTED, PROGRAMME

    visit = Visit(browser, _report_of(tmp_path, PROGRAMME))
    page = visit.page
    try:
        rows = page.locator("table.what-if tbody tr")
        mdr = rows.filter(has=page.locator("th", has_text="watch-mdr")).inner_text()
        core = rows.filter(has=page.locator("th", has_text="corebank")).inner_text()
        assert FOUR_HOURS not in mdr and NOT_STARTED in mdr
        assert FOUR_HOURS in core and NOT_STARTED not in core
        note = page.locator("#what-if p.major-note")
        assert note.is_visible()
        assert "Commission Delegated Regulation (EU) 2024/1772 Art. 8(1)" in note.inner_text()
        assert visit.errors == [] and visit.requests == []
    finally:
        visit.close()


def test_findings_by_area_as_users_know_the_areas(browser: Any, reports: dict[str, Path]) -> None:
    """The headline's table and the filter group findings by the area their codes name
    (SUP-08, an exit plan the DORA profile asks, is a supplier's finding; REG, the DORA
    register of information), not by the rules file a rule is kept in ("dora",
    "dora-register")."""
    findings = [f for f in _check_json("defects") if f["suppression"] is None]
    visit = Visit(browser, reports["defects"])
    page = visit.page
    try:
        table = page.locator("table.by-area tbody th[scope=row]").all_inner_texts()
        assert "DORA register of information" in table and "suppliers" in table
        assert not {"dora", "dora-register", "identities"} & set(table)
        assert table == sorted(table, key=str.casefold)
        row = page.locator("table.by-area tbody tr", has_text="DORA register of information")
        registers = sum(1 for f in findings if f["code"].startswith("REG-"))
        assert registers and row.locator("td").first.inner_text() == str(
            sum(1 for f in findings if f["code"].startswith("REG-") and f["level"] == "error")
        )
        page.select_option("#filter-area", "DORA register of information")
        shown = page.locator("#findings-table tbody tr[id]:visible")
        assert shown.count() >= registers
        assert all("REG-" in t for t in shown.all_inner_texts())
        page.select_option("#filter-area", "suppliers")
        assert all("SUP-" in t for t in shown.all_inner_texts())
        assert visit.errors == []
    finally:
        visit.close()


def test_resolved_since_the_previous_report_by_rule(browser: Any, tmp_path: Path) -> None:
    """With --previous, the headline lists what was resolved by rule, visible on screen and in
    print, beside the counts."""
    from tests.test_report_resolved_by_rule import _programme

    root = _programme(tmp_path)

    def report(as_of: str, *args: str) -> Path:
        run = [sys.executable, "-m", "resilint", "report", ".", "--no-cache", "--as-of", as_of]
        subprocess.run([*run, *args], cwd=root, check=False, capture_output=True)
        return root / "report.html"

    earlier = report("2027-06-01", "-o", "earlier.html")
    assert earlier.with_name("earlier.html").is_file()
    visit = Visit(browser, report("2026-12-06", "--previous", "earlier.html"))
    page = visit.page
    try:
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            resolved = page.locator("#headline .change ul.resolved li")
            assert resolved.count() == 1 and resolved.first.is_visible()
            text = " ".join(resolved.first.inner_text().split())
            assert text.startswith("EXR-04 Under DORA, every function that is not critical")
            assert text.endswith(": 2")
        assert visit.errors == [] and visit.requests == []
    finally:
        visit.close()


def test_the_change_names_what_it_was_compared_with(browser: Any, tmp_path: Path) -> None:
    """The headline names what --previous gave in words a committee reads: an earlier report
    and its date, or the output of check --format json and the date it records (an older
    one records none: it read "Compared with the check --format json undated")."""
    from tests.test_report_resolved_by_rule import _programme

    root = _programme(tmp_path)

    def report(as_of: str, *args: str) -> Path:
        run = [sys.executable, "-m", "resilint", "report", ".", "--no-cache", "--as-of", as_of]
        subprocess.run([*run, *args], cwd=root, check=False, capture_output=True)
        return root / "report.html"

    report("2027-06-01", "-o", "earlier.html")
    check = [sys.executable, "-m", "resilint", "check", ".", "-f", "json", "--no-cache"]
    done = subprocess.run(
        [*check, "--as-of", "2027-06-01"], cwd=root, check=False, capture_output=True, text=True
    )
    (root / "earlier.json").write_text(done.stdout, encoding="utf-8")
    older = json.loads(done.stdout)
    del older["as_of"]  # as a resilint that did not record it wrote it
    (root / "older.json").write_text(json.dumps(older), encoding="utf-8")
    said = {}
    for previous in ("earlier.html", "earlier.json", "older.json"):
        visit = Visit(browser, report("2026-12-06", "--previous", previous))
        try:
            change = visit.page.locator("#headline .change p").first
            assert change.is_visible()
            said[previous] = " ".join(change.inner_text().split())
            assert visit.errors == [] and visit.requests == []
        finally:
            visit.close()
    assert said["earlier.html"].startswith(
        "Compared with the previous report, as of 2027-06-01: 0 new, 2 resolved"
    )
    assert said["earlier.json"].startswith(
        "Compared with the previous output of resilint check --format json, as of 2027-06-01: "
        "0 new, 2 resolved"
    )
    assert said["older.json"].startswith(
        "Compared with the previous output of resilint check --format json (it does not record "
        "the date it was checked as of): 0 new, 2 resolved"
    )
    assert "undated" not in " ".join(said.values())
