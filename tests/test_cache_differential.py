"""Whatever makes a check faster (the per-file cache, the last run's findings kept when an edit
cannot have changed them, processes) never changes a finding: after each edit, a check with the
cache gives, byte for byte, what a check without it gives."""

from __future__ import annotations

import datetime
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import copy_example
from test_extensions import plugin_repository

CHECK = ("check", "--as-of", "2026-11-26", "--format", "json")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_example("lindenau-planted", tmp_path)


def _same(cli, repo: Path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The check with the cache kept from the run before, and the check without it."""
    cached = cli(*CHECK, cwd=repo)
    fresh = cli(*CHECK, "--no-cache", cwd=repo)
    return f"{cached.exit_code}\n{cached.stdout}", f"{fresh.exit_code}\n{fresh.stdout}"


def test_findings_after_an_empty_document_are_placed_in_their_own_document(cli, repo: Path) -> None:
    """A document holding only a comment takes a place in its file: the documents after it
    are the file's third and fourth, not its second and third, when their findings are placed
    again after an edit elsewhere in the file."""
    suppliers = repo / "suppliers"
    names = ("vektor-parcel", "brueckner-getriebe", "oder-spedition")  # a gap in the second
    texts = [(suppliers / f"{name}.yaml").read_text(encoding="utf-8") for name in names]
    for name in names:
        (suppliers / f"{name}.yaml").unlink()
    carriers = suppliers / "carriers.yaml"
    carriers.write_text(
        texts[0] + "---\n# the next carrier goes here\n---\n" + "---\n".join(texts[1:]),
        encoding="utf-8",
    )
    cached, fresh = _same(cli, repo)
    assert cached == fresh and '"path": "suppliers/carriers.yaml"' in fresh
    carriers.write_text("# reviewed\n" + carriers.read_text(encoding="utf-8"), encoding="utf-8")
    cached, fresh = _same(cli, repo)
    assert cached == fresh


def test_a_file_read_again_with_no_document_is_no_longer_named_as_unreadable(
    cli, repo: Path
) -> None:
    """A reference to a document that does not exist names the files that could not be read
    (the document may be in one). Once such a file reads, even with no document in it (so
    every document is where it was), the reference no longer names it."""
    playbook = repo / "playbooks" / "aurelia-erp.yaml"
    text = playbook.read_text(encoding="utf-8")
    playbook.write_text(text.replace("supplier: aurelia-erp", "supplier: ghost-carrier"))
    draft = repo / "suppliers" / "draft.yaml"
    draft.write_text('apiVersion: resilint/v1\nkind: Supplier\nid: draft\nname: "unclosed\n')
    cached, fresh = _same(cli, repo)
    assert cached == fresh and "could not be read: suppliers/draft.yaml" in fresh
    draft.write_text("# the draft carrier was dropped\n", encoding="utf-8")
    cached, fresh = _same(cli, repo)
    assert cached == fresh and "could not be read" not in fresh


_PLUGIN = """\
def owner_named(context, info):
    for supplier in context.index.of_kind("Supplier"):
        if not supplier.data.get("owner"):
            yield context.finding(info, supplier, ("id",), f"supplier {supplier.id} {WORDS}")
"""


def _plugin(tmp_path: Path) -> tuple[Path, Path]:
    """A plug-in package declaring a check (its site directory, to put on PYTHONPATH) and a
    repository whose own rule runs it on a supplier without an owner."""
    return plugin_repository(tmp_path, _PLUGIN.replace("{WORDS}", "has no owner"))


def test_a_plugin_check_changed_in_place_is_run_again(tmp_path: Path) -> None:
    """A plug-in's check edited where it is installed (an editable install: the same version)
    gives its new findings, though no document changed: its code is part of what the cache's
    results were found with."""
    site, repo = _plugin(tmp_path)
    module = site / "acme_checks" / "__init__.py"
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env["RESILINT_NO_SERVER"] = "1"

    def check(*extra: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "resilint", *CHECK, *extra],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        return f"{done.returncode}\n{done.stdout}{done.stderr}"

    assert "supplier acme has no owner" in check()
    module.write_text(_PLUGIN.replace("{WORDS}", "names no owner"))
    assert check() == check("--no-cache")  # the whole result
    (repo / "a.yaml").write_text("# a comment\n" + (repo / "a.yaml").read_text())
    module.write_text(_PLUGIN.replace("{WORDS}", "has no one answering"))
    assert check() == check("--no-cache")  # the rules' findings kept from the last run
    assert "supplier acme has no one answering" in check()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a server on Linux only")
def test_the_server_runs_no_command_that_imports_from_elsewhere(
    tmp_path: Path, short_dir: Path
) -> None:
    """A command whose module path is not the server's (a plug-in on PYTHONPATH) is run by
    the command itself: run by the server, it missed the plug-in (or had one the command does
    not), and exited 2 where the command finds what the plug-in finds, or the reverse."""
    site, repo = _plugin(tmp_path)
    resilint = str(Path(sys.executable).with_name("resilint"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RESILINT_", "PYTHONPATH"))}
    env["XDG_CACHE_HOME"] = str(short_dir / "xdg")

    def run(*args: str, **extra: str) -> tuple[int, str, str]:
        environ = {k: v for k, v in {**env, **extra}.items() if v}  # PYTHONPATH="": none
        done = subprocess.run(
            [resilint, *args], cwd=repo, env=environ, capture_output=True, text=True
        )
        return done.returncode, done.stdout, done.stderr

    try:
        for started, caller in (("", str(site)), (str(site), "")):
            run("server", "stop")
            assert run("server", "start", PYTHONPATH=started)[0] == 0
            served = run(*CHECK, "--no-cache", PYTHONPATH=caller)
            alone = run(*CHECK, "--no-cache", PYTHONPATH=caller, RESILINT_NO_SERVER="1")
            assert served == alone
            assert served[0] == (1 if caller else 2)
    finally:
        run("server", "stop")


def _documents(text: str) -> list[str]:
    return text.split("\n---\n")


class _Edits:
    """Edits a user makes to a repository, drawn from a seeded generator: each changes files
    and says what it did. The check afterwards must not depend on how it was made faster."""

    def __init__(self, repo: Path, rng: random.Random) -> None:
        self.repo = repo
        self.rng = rng
        self.undo: list[dict[Path, str | None]] = []

    def files(self) -> list[Path]:
        return sorted(p for p in self.repo.rglob("*.yaml") if ".resilint_cache" not in p.parts)

    def apply(self) -> str:
        before = {p: p.read_text(encoding="utf-8") for p in self.files()}
        for _ in range(20):
            edit = self.rng.choice(self.EDITS)
            said = edit(
                self, self.rng.choice([p for p in self.files() if p.name != "resilint.yaml"])
            )
            if said:
                after = set(self.files())
                self.undo.append(
                    {p: before.get(p) for p in after | set(before) if before.get(p) != _text(p)}
                )
                return said
        return "nothing"

    def value(self, path: Path) -> str:
        """A scalar changed: a number, a date, a flag, an id another document names, a text."""
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        scalars = [i for i, line in enumerate(lines) if _SCALAR.match(line)]
        if not scalars:
            return ""
        i = self.rng.choice(scalars)
        match = _SCALAR.match(lines[i])
        assert match is not None
        value = match["value"]
        loaded = yaml.safe_load(value)
        if isinstance(loaded, bool):
            new = "false" if loaded else "true"
        elif isinstance(loaded, int):
            new = str(loaded + self.rng.choice([-1, 1, 24, 1000]))
        elif isinstance(loaded, datetime.date):
            new = (loaded + datetime.timedelta(days=self.rng.choice([-400, 400]))).isoformat()
        elif match["key"] in ("tier", "criticality", "status", "access_level"):
            new = self.rng.choice(["1", "2", "3", "critical", "standard", "active", "admin"])
        else:
            new = f"{value}-x" if value[0] not in "'\"" else f"{value[:-1]}-x{value[-1]}"
        lines[i] = f"{match['indent']}{match['key']}: {new}\n"
        path.write_text("".join(lines), encoding="utf-8")
        return f"{path.name}:{i + 1} {match['key']}: {value} -> {new}"

    def layout(self, path: Path) -> str:
        """Comments, blank lines, quoting, an empty document, the order of two keys."""
        text = path.read_text(encoding="utf-8")
        how = self.rng.choice(["comment", "blank", "quote", "empty", "swap"])
        if how == "comment":
            path.write_text("# reviewed\n" + text, encoding="utf-8")
        elif how == "blank":
            path.write_text(text.replace("\nkind:", "\n\nkind:", 1), encoding="utf-8")
        elif how == "quote":
            path.write_text(
                re.sub(r"(?m)^name: ([^'\"\n#]+)$", r"name: '\1'", text), encoding="utf-8"
            )
        elif how == "empty":
            path.write_text(text + "---\n# to come\n", encoding="utf-8")
        else:
            lines = text.splitlines(keepends=True)
            tops = [
                i
                for i, line in enumerate(lines[:-1])
                if _TOP.match(line) and _TOP.match(lines[i + 1])
            ]
            tops = [i for i in tops if not lines[i].startswith(("apiVersion", "kind"))]
            if not tops:
                return ""
            i = self.rng.choice(tops)
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
            path.write_text("".join(lines), encoding="utf-8")
        return f"{path.name}: {how}"

    def files_op(self, path: Path) -> str:
        """A file renamed, removed, or its documents joined to another's."""
        how = self.rng.choice(["rename", "remove", "join"])
        if how == "rename":
            path.rename(path.with_name("renamed-" + path.name))
        elif how == "remove":
            path.unlink()
        else:
            other = self.rng.choice(
                [p for p in self.files() if p != path and p.name != "resilint.yaml"]
            )
            other.write_text(
                other.read_text(encoding="utf-8") + "---\n" + path.read_text(encoding="utf-8"),
                encoding="utf-8",
            )
            path.unlink()
        return f"{path.name}: {how}"

    def broken(self, path: Path) -> str:
        """A syntax or schema error (fixed again by a later revert)."""
        text = path.read_text(encoding="utf-8")
        how = self.rng.choice(["syntax", "schema"])
        broken = (
            text.replace("\nid: ", '\nid: "', 1)
            if how == "syntax"
            else text.replace("\nid: ", "\nidd: ", 1)
        )
        path.write_text(broken, encoding="utf-8")
        return f"{path.name}: {how} error"

    def stat(self, path: Path) -> str:
        """The same size and times (a digit changed, the modification time set back), or only
        the modification time."""
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        digits = [m.start() for m in re.finditer(r"(?<=: )\d", text)]
        if self.rng.random() < 0.5 or not digits:
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
            return f"{path.name}: touched"
        at = self.rng.choice(digits)
        path.write_text(
            text[:at] + str((int(text[at]) + 1) % 10) + text[at + 1 :], encoding="utf-8"
        )
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        return f"{path.name}: a digit, same size and time"

    def config(self, path: Path) -> str:
        """The configuration: a rule ignored, a level, a per-file ignore, a date."""
        target = self.repo / "resilint.yaml"
        extra = self.rng.choice(
            [
                "ignore: [CTR-08]\n",
                "rules:\n  SUP-04: {level: info}\n",
                'per_file_ignores:\n  "suppliers/**": [SUP-04]\n',
                "as_of: 2027-02-01\n",
            ]
        )
        text = re.sub(r"(?m)^(ignore|as_of):.*\n", "", target.read_text(encoding="utf-8"))
        target.write_text(text + extra, encoding="utf-8")
        return f"resilint.yaml: {extra.strip()}"

    def revert(self, path: Path) -> str:
        """The last edit undone (A -> B -> A)."""
        if not self.undo:
            return ""
        for file, text in self.undo.pop().items():
            if text is None:
                file.unlink(missing_ok=True)
            else:
                file.write_text(text, encoding="utf-8")
        return "reverted"

    EDITS = (value, value, value, layout, layout, files_op, broken, stat, config, revert, revert)


def _text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


_SCALAR = re.compile(r"^(?P<indent> *)(?P<key>[a-z_]+): (?P<value>[^\s|>{\[&*!#][^#\n]*?)\n$")
_TOP = re.compile(r"[a-z_]+:")


@pytest.mark.parametrize("seed", [4, 8, 12])
def test_seeded_edits_give_what_a_check_without_the_cache_gives(cli, repo: Path, seed: int) -> None:
    """Seeded random edits in a row, each followed by a check with the cache kept from the
    check before (its whole result, its files, the rules' findings kept) and one without. (The
    seeds draw a comment, a syntax error, an empty document, a value, a file removed and an
    edit that keeps the file's size and time; the harness this comes from runs hundreds.)"""
    edits = _Edits(repo, random.Random(seed))
    cli(*CHECK, cwd=repo)
    done = []
    for _ in range(2):
        done.append(edits.apply())
        cached, fresh = _same(cli, repo)
        assert cached == fresh, done
