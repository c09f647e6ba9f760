"""Docs made from code stay in step with it."""

from outscan.rule_docs import replace_rules_section
from tests.conftest import ROOT


def test_readme_rule_table_is_generated_from_the_checks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_rules_section(readme) == readme, "run: python scripts/update_readme.py"


def test_readme_quick_start_has_the_two_lines_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quick.split("```sh", 1)[1].split("```", 1)[0].splitlines() if line.strip()]
    assert commands == [
        "python -m pip install . && outscan scan sample_data/",
        "python -m pip install '.[test]' && python -m pytest",
    ]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
