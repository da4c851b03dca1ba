"""A rule file's or the configuration's value outside its choices (``level: critical``) is said
as a document's is, ``must be one of: error, warning, info; got 'critical'``, where it showed
jsonschema's Python-style list ``'critical' is not one of ['error', 'warning', 'info']``."""

from __future__ import annotations

from pathlib import Path

from test_rule_file_errors_relative import RULE, _repo


def test_a_rule_level_outside_the_choices_is_worded_for_people(cli, tmp_path: Path) -> None:
    _repo(tmp_path, ("org.yaml", RULE.replace("level: warning", "level: critical")))
    run = cli("check", ".", "--no-cache", cwd=tmp_path)
    assert run.exit_code == 2
    said = "policies/org.yaml:4:12: invalid rule file: rules.0.level: must be one of: error, "
    assert said + "warning, info; got 'critical'" in run.stderr, run.stderr
    assert "[" not in run.stderr


def test_a_configured_level_outside_the_choices_is_worded_for_people(cli, tmp_path: Path) -> None:
    _repo(tmp_path, ("org.yaml", RULE))
    config = "rule_dirs: [policies]\nfail_on: critical\nrules: {ORG-01: {level: high}}\n"
    (tmp_path / "resilint.yaml").write_text(config, encoding="utf-8")
    run = cli("check", ".", "--no-cache", cwd=tmp_path)
    assert run.exit_code == 2
    assert "must be one of: error, warning, info, never; got 'critical'" in run.stderr
    assert "[" not in run.stderr
