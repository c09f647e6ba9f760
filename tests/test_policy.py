"""Policy packs: shipped packs load, bad packs name file and key, packs combine strictest-first."""

from __future__ import annotations

import pytest

from outscan.config import ConfigError, load_config
from outscan.model import Category, Severity
from outscan.policy import DEFAULT_PACK, PolicyError, available_packs, build_policy
from tests.conftest import ROOT, write

ROOT_RULES = ROOT / "rules"


def test_shipped_packs():
    assert {"nccr-dua", "tcia-limited-access", "cms-cell-suppression", "sdc-handbook"} <= set(available_packs())
    assert build_policy([]).packs[0].name == DEFAULT_PACK


@pytest.mark.parametrize(("pack", "min_count", "clauses"), [
    ("nccr-dua", 16, {"§8", "§9", "§10", "§11", "§12", "§17", "§18", "§22"}),
    ("tcia-limited-access", 10, {"§3.1", "§3.2", "§3.3", "§4", "§6"}),
    ("cms-cell-suppression", 11, {"cell-size"}),
    ("sdc-handbook", 10, {"threshold"}),
])
def test_each_shipped_pack(pack, min_count, clauses):
    policy = build_policy([pack])
    assert policy.min_count == min_count
    assert not policy.zero_is_small
    own = {c.id for c in policy.clauses if c.pack == pack}
    assert clauses <= own
    assert policy.packs[0].source  # every pack names where its numbers come from


def test_nccr_cites_section_17_for_small_cells():
    policy = build_policy(["nccr-dua"])
    assert "NCCR DUA §17" in policy.clauses_for("OS101", Category.SMALL_CELL)
    assert "NCCR DUA §10" not in policy.clauses_for("OS101", Category.SMALL_CELL)


def test_combined_packs_strictest_wins_and_clauses_add_up():
    policy = build_policy(["cms-cell-suppression", "nccr-dua", "tcia-limited-access"])
    assert policy.min_count == 16
    assert policy.derived_counts is True
    refs = policy.clauses_for("OS101", Category.SMALL_CELL)
    assert {"NCCR DUA §17", "CMS cell-size", "SDC threshold"} <= set(refs)


def test_command_line_min_count_overrides_packs():
    policy = build_policy(["nccr-dua"], min_count=5)
    assert policy.min_count == 5
    assert "command line" in policy.min_count_source


def test_user_pack_extends_a_shipped_one(tmp_path):
    pack = write(tmp_path, "ours.yaml", """\
name: our-dua
cite_as: OUR
extends: nccr-dua
settings:
  min_count: 20
  zero_is_small: true
severity:
  OS102: block
clauses:
  "4.2":
    title: Small cells
    text: Nothing under 20.
    categories: [small_cell]
""")
    policy = build_policy([str(pack)])
    assert policy.min_count == 20
    assert policy.zero_is_small
    assert policy.severity_for("OS102", Category.SMALL_CELL, Severity.REVIEW) is Severity.BLOCK
    refs = policy.clauses_for("OS101", Category.SMALL_CELL)
    assert "OUR 4.2" in refs and "NCCR DUA §17" in refs


def test_severity_overrides_combine_to_the_strictest(tmp_path):
    lax = write(tmp_path, "lax.yaml", "name: lax\nseverity:\n  small_cell: info\nclauses: {}\n")
    strict = write(tmp_path, "strict.yaml", "name: strict\nseverity:\n  small_cell: block\nclauses: {}\n")
    policy = build_policy([str(lax), str(strict)])
    assert policy.severity_for("OS101", Category.SMALL_CELL, Severity.REVIEW) is Severity.BLOCK


@pytest.mark.parametrize(("content", "where"), [
    ("name: bad\nsettings:\n  min_count: ten\nclauses: {}\n", "settings.min_count"),
    ("name: bad\nsettings:\n  min_cuont: 10\nclauses: {}\n", "settings"),
    ("name: bad\nclauses:\n  '1':\n    title: x\n", "clauses.1"),
    ("name: bad\nseverity:\n  small_cell: fatal\nclauses: {}\n", "severity.small_cell"),
    ("name: Bad Name\nclauses: {}\n", "name"),
    ("settings: {}\n", "(top level)"),
    ("name: [unclosed\n", "not valid YAML"),
    ("- just\n- a list\n", "mapping"),
])
def test_a_bad_pack_names_the_file_and_key(tmp_path, content, where):
    pack = write(tmp_path, "bad.yaml", content)
    with pytest.raises(PolicyError) as error:
        build_policy([str(pack)])
    assert "bad.yaml" in str(error.value)
    assert where in str(error.value)


def test_unknown_pack_lists_the_shipped_ones():
    with pytest.raises(PolicyError, match="nccr-dua"):
        build_policy(["no-such-pack"])


def test_circular_extends_is_an_error(tmp_path):
    write(tmp_path, "a.yaml", "name: a\nextends: b.yaml\nclauses: {}\n")
    write(tmp_path, "b.yaml", "name: b\nextends: a.yaml\nclauses: {}\n")
    with pytest.raises(PolicyError, match="circular"):
        build_policy([str(tmp_path / "a.yaml")])


def test_pyproject_config(tmp_path):
    write(tmp_path, "pyproject.toml", """\
[tool.outscan]
policy = ["nccr-dua", "rules/ours.yaml"]
min-count = 20
fail-on = "review"
exclude = ["drafts/"]
""")
    config = load_config(tmp_path / "sub")
    assert config.policy[0] == "nccr-dua"
    assert config.policy[1] == str(tmp_path / "rules/ours.yaml")
    assert config.min_count == 20 and config.fail_on == "review" and config.exclude == ("drafts/",)


@pytest.mark.parametrize(("body", "key"), [
    ("polcy = 'x'", "polcy"), ("min-count = 'ten'", "min-count"), ("fail-on = 'sometimes'", "fail-on"),
    ("exclude = 3", "exclude"),
])
def test_bad_pyproject_config_names_the_key(tmp_path, body, key):
    write(tmp_path, "pyproject.toml", f"[tool.outscan]\n{body}\n")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert "pyproject.toml" in str(error.value) and key in str(error.value)


def test_a_child_setting_min_count_gets_its_own_source(tmp_path):
    pack = write(tmp_path, "mine.yaml", "name: mine\nextends: nccr-dua\nsettings:\n  min_count: 5\n")
    policy = build_policy([str(pack)])  # no clauses of its own: they are optional
    assert policy.min_count == 5
    assert policy.min_count_source == "policy mine"
    assert policy.to_dict()["packs"][0]["extends"] == ["nccr-dua 2026.11"]


def test_two_different_packs_with_one_name_are_an_error(tmp_path):
    write(tmp_path, "a.yaml", "name: same\nsettings:\n  min_count: 5\n")
    write(tmp_path, "b.yaml", "name: same\nsettings:\n  min_count: 20\n")
    with pytest.raises(PolicyError, match="also the name of"):
        build_policy([str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert build_policy(["nccr-dua", str(ROOT_RULES / "nccr-dua.yaml")]).min_count == 16


@pytest.mark.parametrize(("pack", "allowed"), [
    ("nccr-dua", frozenset({"national"})),  # §10: NCCR releases carry no geography
    ("sdc-handbook", None),  # the handbook sets no geography rule
    ("tcia-limited-access", None),
    ("cms-cell-suppression", None),
])
def test_each_shipped_pack_geography(pack, allowed):
    policy = build_policy([pack])
    assert policy.geography_allowed == allowed
    assert policy.to_dict()["geography_allowed"] == (None if allowed is None else sorted(allowed))


def test_combined_packs_allow_only_the_levels_every_pack_allows(tmp_path):
    wide = write(tmp_path, "wide.yaml", "name: wide\nsettings:\n  geography_allowed: [national, state, county]\n")
    narrow = write(tmp_path, "narrow.yaml", "name: narrow\nsettings:\n  geography_allowed: [state, county, zip3]\n")
    assert build_policy([str(wide), str(narrow)]).geography_allowed == {"state", "county"}
    assert build_policy([str(wide), "sdc-handbook"]).geography_allowed == {"national", "state", "county"}
    assert build_policy([str(wide), "nccr-dua"]).geography_allowed == {"national"}
    # extends overrides instead: a project whose NCCR release includes states says so.
    child = write(tmp_path, "child.yaml", "name: child\nextends: nccr-dua\nsettings:\n"
                                          "  geography_allowed: [national, state]\n")
    assert build_policy([str(child)]).geography_allowed == {"national", "state"}


def test_an_unknown_geography_level_names_the_key(tmp_path):
    pack = write(tmp_path, "bad.yaml", "name: bad\nsettings:\n  geography_allowed: [neighbourhood]\n")
    with pytest.raises(PolicyError, match=r"bad\.yaml: settings\.geography_allowed\.0"):
        build_policy([str(pack)])
