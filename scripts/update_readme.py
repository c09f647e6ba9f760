"""Regenerates the rule table in README.md from the checks' own code and docstrings."""

from pathlib import Path

from outscan.rule_docs import replace_rules_section

README = Path(__file__).resolve().parent.parent / "README.md"

if __name__ == "__main__":
    README.write_text(replace_rules_section(README.read_text(encoding="utf-8")), encoding="utf-8")
