"""The acknowledgement check (OS240) and the `acknowledgment:` section of policy packs.

Packs: what the shipped agreements ask, kept per pack when several apply, inherited and
overridden along `extends`, bad sections named by file and key. The check: on documents
built here (readers aside), then end to end through the CLI.
"""

from __future__ import annotations

import pytest

from outscan.checks.base import CheckContext
from outscan.checks.registry import get_check
from outscan.documents import Part, TextBlock, TextDocument
from outscan.model import Category, Location, Severity
from outscan.policy import PolicyError, build_policy
from tests.conftest import write

NCCR_ELEMENTS = ["the NCCR data", "the dataset version"]
TCIA_ELEMENTS = ["TCIA as the source", "the collection's data citation (DOI)", "the NCI funding of TCIA"]


# ---------------------------------------------------------------------------------------
# Policy packs


@pytest.mark.parametrize(("pack", "elements"), [("nccr-dua", NCCR_ELEMENTS), ("tcia-limited-access", TCIA_ELEMENTS)])
def test_shipped_packs_say_what_must_be_credited(pack, elements):
    policy = build_policy([pack])
    assert list(policy.acknowledgments) == [pack]
    ack = policy.acknowledgments[pack]
    assert ack.pack == pack and ack.governs
    assert [e.name for e in ack.requires] == elements
    assert all(e.patterns and e.hint for e in ack.requires)


@pytest.mark.parametrize("pack", ["sdc-handbook", "cms-cell-suppression"])
def test_packs_without_an_acknowledgment_ask_for_none(pack):
    assert build_policy([pack]).acknowledgments == {}
    assert build_policy([]).acknowledgments == {}


def test_several_packs_keep_their_requirements_apart():
    policy = build_policy(["tcia-limited-access", "cms-cell-suppression", "nccr-dua"])
    assert list(policy.acknowledgments) == ["tcia-limited-access", "nccr-dua"]
    assert [e.name for e in policy.acknowledgments["nccr-dua"].requires] == NCCR_ELEMENTS
    assert [e.name for e in policy.acknowledgments["tcia-limited-access"].requires] == TCIA_ELEMENTS
    # Each pack's findings cite its own clause.
    assert policy.clauses_for("OS240", Category.ACKNOWLEDGMENT, pack="nccr-dua") == ("NCCR DUA §18",)
    assert policy.clauses_for("OS240", Category.ACKNOWLEDGMENT, pack="tcia-limited-access") == ("TCIA §6",)
    assert set(policy.clauses_for("OS240", Category.ACKNOWLEDGMENT)) == {"NCCR DUA §18", "TCIA §6"}


def test_a_child_pack_inherits_and_overrides_by_element_name(tmp_path):
    pack = write(tmp_path, "ours.yaml", r"""
name: our-nccr
extends: nccr-dua
acknowledgment:
  data: NCCR*Explorer data
  requires:
    - name: the dataset version
      hint: cite "NCCR Data Platform, November 2024 submission"
    - name: the NCCR data
      drop: true
    - name: the project number
      patterns: ['DAR-\d+']
      hint: give the project's Data Access Request number
""")
    policy = build_policy([str(pack)])
    ack = policy.acknowledgments["our-nccr"]
    assert ack.data == "NCCR*Explorer data"
    assert ack.governs == build_policy(["nccr-dua"]).acknowledgments["nccr-dua"].governs  # inherited
    assert [e.name for e in ack.requires] == ["the dataset version", "the project number"]
    version = ack.requires[0]
    assert version.hint == 'cite "NCCR Data Platform, November 2024 submission"'
    assert version.patterns == build_policy(["nccr-dua"]).acknowledgments["nccr-dua"].requires[1].patterns
    assert all(p.near == 250 for p in version.patterns)
    assert ack.requires[1].patterns[0].near is None
    # The child's findings cite the clause it inherits.
    assert policy.clauses_for("OS240", Category.ACKNOWLEDGMENT, pack="our-nccr") == ("NCCR DUA §18",)


def test_a_child_pack_replaces_governs_and_may_turn_the_check_off(tmp_path):
    narrow = write(tmp_path, "narrow.yaml", "name: narrow\nextends: tcia-limited-access\n"
                                            "acknowledgment:\n  governs: ['UPENN-GBM']\n")
    assert build_policy([str(narrow)]).acknowledgments["narrow"].governs == ("UPENN-GBM",)
    off = write(tmp_path, "quiet.yaml", "name: quiet\nextends: tcia-limited-access\nacknowledgment:\n  governs: []\n")
    assert build_policy([str(off)]).acknowledgments == {}


def test_a_pack_and_its_unchanged_child_ask_once(tmp_path):
    child = write(tmp_path, "child.yaml", "name: child\nextends: nccr-dua\nsettings:\n  min_count: 20\n")
    policy = build_policy(["nccr-dua", str(child)])
    assert list(policy.acknowledgments) == ["nccr-dua"]
    assert list(build_policy(["nccr-dua", "nccr-dua"]).acknowledgments) == ["nccr-dua"]


def test_a_pattern_may_carry_its_own_near():
    funding = build_policy(["tcia-limited-access"]).acknowledgments["tcia-limited-access"].requires[2]
    nears = {p.pattern: p.near for p in funding.patterns}
    assert nears["75N91019D00024"] is None  # the contract number counts anywhere
    assert {near for pattern, near in nears.items() if pattern != "75N91019D00024"} == {200}


@pytest.mark.parametrize(("content", "where"), [
    ("name: bad\nacknowledgment:\n  governs: ['TCIA(']\n  requires: []\n", "acknowledgment.governs.0"),
    ("name: bad\nacknowledgment:\n  governs: [x]\n  requires:\n    - {name: a, patterns: ['ok', '[z']}\n",
     "acknowledgment.requires.0.patterns.1"),
    ("name: bad\nacknowledgment:\n  governs: [x]\n  requires:\n    - {name: a, patterns: [{pattern: '(', near: 5}]}\n",
     "acknowledgment.requires.0.patterns.0.pattern"),
    ("name: bad\nacknowledgment:\n  governs: [x]\n  requires:\n    - {name: a, patterns: [b]}\n"
     "    - {name: a, patterns: [c]}\n", "acknowledgment.requires.1.name"),
    ("name: bad\nacknowledgment:\n  governs: [x]\n  requires:\n    - {name: a, pattern: [b]}\n",
     "acknowledgment.requires.0"),
    ("name: bad\nacknowledgment:\n  governs: [x]\n  requires:\n    - {name: a, patterns: [b], near: -1}\n",
     "acknowledgment.requires.0.near"),
    ("name: bad\nacknowledgment:\n  governs: [x]\n  requires:\n    - {name: a, patterns: []}\n",
     "acknowledgment.requires.0.patterns"),
    ("name: bad\nacknowledgment:\n  governs: [x]\n  requires:\n    - {name: a}\n", "'a' has no patterns"),
    ("name: bad\nacknowledgment:\n  requires:\n    - {name: a, patterns: [b]}\n", "acknowledgment.governs"),
    ("name: bad\nacknowledgment:\n  governs: [x]\n  credit: []\n", "acknowledgment"),
])
def test_a_bad_acknowledgment_section_names_the_file_and_key(tmp_path, content, where):
    pack = write(tmp_path, "bad.yaml", content)
    with pytest.raises(PolicyError) as error:
        build_policy([str(pack)])
    assert "bad.yaml" in str(error.value)
    assert where in str(error.value)


# ---------------------------------------------------------------------------------------
# The check, on documents built here


def _run(blocks, packs, severity_pack: str | None = None, rule: str = "OS240"):
    document = TextDocument(blocks=[block if isinstance(block, TextBlock) else TextBlock(*block)
                                    for block in blocks])
    specs = list(packs) + ([severity_pack] if severity_pack else [])
    check = get_check(rule)()
    return list(check.run(document, CheckContext(path="paper.md", policy=build_policy(specs))))


def test_a_full_acknowledgment_is_recorded_as_information(tmp_path):
    blocks = [("We used data from the National Childhood Cancer Registry (NCCR) Data Platform, 2023 release.", 3)]
    strict = write(tmp_path, "strict.yaml", "name: strict\nseverity:\n  OS240: block\n")
    for severity_pack in (None, str(strict)):
        [found] = _run(blocks, ["nccr-dua"], severity_pack, rule="OS241")
        assert (found.rule, found.severity) == ("OS241", Severity.INFO)
        assert found.message == "the manuscript credits NCCR data as asked (the NCCR data, the dataset version)"
        assert found.clauses == ("NCCR DUA §18",)
        assert _run(blocks, ["nccr-dua"], severity_pack) == []
    assert _run(NCCR_NO_VERSION, ["nccr-dua"], rule="OS241") == []  # incomplete: OS240's
    assert _run([("A study of blood pressure.", 1)], ["nccr-dua"], rule="OS241") == []


def _missing(findings):
    return sorted(f.message.split(" but does not acknowledge ", 1)[1].split(":", 1)[0] for f in findings)


NCCR_NO_VERSION = [TextBlock("Childhood leukaemia", line=1, part=Part.FRONT),
                   TextBlock("We used data from the National Childhood\nCancer Registry (NCCR) Data Platform.", line=3)]


def test_a_missing_version_is_one_file_level_finding_for_review():
    [finding] = _run(NCCR_NO_VERSION, ["nccr-dua"])
    assert finding.rule == "OS240" and finding.name == "missing-acknowledgment"
    assert finding.category is Category.ACKNOWLEDGMENT
    assert finding.severity is Severity.REVIEW
    assert finding.location == Location()
    assert finding.clauses == ("NCCR DUA §18",)
    assert finding.message.startswith("the manuscript says it used NCCR data (line 3: 'National Childhood Cancer "
                                      "Registry') but does not acknowledge the dataset version: ")
    assert "National Childhood Cancer Registry" in finding.evidence and len(finding.evidence) < 120
    assert finding.match_key == "nccr-dua|the dataset version"


def test_the_check_is_silent_unless_a_pack_asks():
    assert _run(NCCR_NO_VERSION, []) == []
    assert _run(NCCR_NO_VERSION, ["sdc-handbook", "cms-cell-suppression"]) == []
    assert _run(NCCR_NO_VERSION, ["tcia-limited-access"]) == []


def test_a_pack_may_raise_the_severity(tmp_path):
    strict = write(tmp_path, "strict.yaml", "name: strict\nseverity:\n  OS240: block\n")
    [finding] = _run(NCCR_NO_VERSION, ["nccr-dua"], severity_pack=str(strict))
    assert finding.severity is Severity.BLOCK


def test_each_agreement_gets_its_own_findings_and_clause():
    findings = _run([("Outcomes from NCCR data; images from TCIA.", 5)], ["nccr-dua", "tcia-limited-access"])
    nccr = [f for f in findings if "NCCR data (" in f.message]
    tcia = [f for f in findings if "TCIA data (" in f.message]
    assert _missing(nccr) == sorted(NCCR_ELEMENTS)
    assert _missing(tcia) == sorted(TCIA_ELEMENTS)
    assert {f.clauses for f in nccr} == {("NCCR DUA §18",)}
    assert {f.clauses for f in tcia} == {("TCIA §6",)}
    assert len({f.match_key for f in findings}) == 5


@pytest.mark.parametrize("part", [Part.REFERENCES, Part.COMMENT, Part.PROPERTY, Part.CODE])
def test_a_mention_outside_the_text_proper_is_no_use_of_the_data(part):
    blocks = [("We segmented our own institution's scans.", 3), TextBlock("Clark K. The Cancer Imaging Archive (TCIA).",
                                                                         line=20, part=part)]
    assert _run(blocks, ["tcia-limited-access"]) == []


@pytest.mark.parametrize("part", [Part.FRONT, Part.BACK, Part.CAPTION, Part.TABLE, Part.HEADER_FOOTER])
def test_a_mention_anywhere_a_reader_sees_counts(part):
    findings = _run([("Results.", 1), TextBlock("Source: TCIA", line=7, part=part)], ["tcia-limited-access"])
    assert _missing(findings) == sorted(TCIA_ELEMENTS)
    assert all("(line 7: 'TCIA')" in f.message for f in findings)


def test_the_first_mention_in_the_text_is_named_not_one_in_the_references():
    findings = _run([("Intro.", 1), TextBlock("[1] TCIA", line=30, part=Part.REFERENCES),
                     ("Appendix: images from TCIA.", 40)], ["tcia-limited-access"])
    assert findings and all("(line 40: 'TCIA')" in f.message for f in findings)


def test_the_data_citation_in_the_reference_list_satisfies():
    findings = _run([("Images were obtained from The Cancer Imaging Archive (TCIA) [1]. TCIA is funded by the "
                      "National Cancer Institute.", 3),
                     TextBlock("1. Bakas S. UPENN-GBM. https://doi.org/10.7937/TCIA.709X-DN49", line=30,
                               part=Part.REFERENCES)], ["tcia-limited-access"])
    assert findings == []


def test_an_acknowledgement_in_a_comment_does_not_count():
    findings = _run([("Data from the National Childhood Cancer Registry (NCCR).", 3),
                     TextBlock("% NCCR Data Platform, 2023 release", line=4, part=Part.COMMENT)], ["nccr-dua"])
    assert _missing(findings) == ["the dataset version"]


@pytest.mark.parametrize("text", [
    "ATCIAB and nccrx are codes of the export; a version 2.1 protocol.",
    "Public archives [@tcia2013; @tcia] hold similar scans.",  # Pandoc citation keys
    "Public archives~\\cite{tcia} hold similar scans.",  # LaTeX citation keys
    "Scans (see nccr_export_codes.csv) were read with tcia_utils.",  # file and package names
])
def test_names_inside_other_words_or_citation_keys_are_not_mentions(text):
    assert _run([(text, 1)], ["tcia-limited-access", "nccr-dua"]) == []


def test_the_archive_named_by_its_address_is_a_mention():
    findings = _run([("Images were downloaded from www.cancerimagingarchive.net.", 1)], ["tcia-limited-access"])
    assert _missing(findings) == sorted(TCIA_ELEMENTS)
    assert "'cancerimagingarchive'" in findings[0].message


@pytest.mark.parametrize("text", [
    # hyphenation across lines, a soft hyphen, a no-break space, LaTeX markup and spacing
    "Data from the National Child-\nhood Cancer Registry (NCCR)\u00a0Data Platform, 2023 re\u00adlease.",
    "Data from the \\emph{National~Childhood Cancer Registry} (NCCR) Data Platform, version~1.2.",
    # Markdown emphasis, a link, the NCCR*Explorer name
    "Data from **NCCR*Explorer** ([link](https://nccrexplorer.ccdi.cancer.gov)), *released April 2024*.",
    "Data: NCCR Data Platform (Nov 2023 Sub).",
    "We analysed the NCCR Data\nPlatform's data submission of\nNovember 2024.",
])
def test_the_text_is_matched_with_line_breaks_hyphenation_and_markup_undone(text):
    assert _run([(text, 1)], ["nccr-dua"]) == []


def test_tcia_acknowledgement_across_lines_and_markup():
    text = ("Images from *The Can-\ncer Imaging* Archive (TCIA), doi:10.7937/\nTCIA.709X-DN49. The TCIA-\n"
            "funded by the NCI.")
    assert _run([(text, 1)], ["tcia-limited-access"]) == []


def test_a_version_far_from_the_data_is_not_the_dataset_version():
    filler = "Rates were age-adjusted to the 2000 US standard population. " * 6
    findings = _run([("We used NCCR*Explorer data. " + filler + "Analyses used R version 4.3.1.", 3)], ["nccr-dua"])
    assert _missing(findings) == ["the dataset version"]
    # In another paragraph, even close by, it is not either.
    findings = _run([("Data: the NCCR Data Platform, 2023 release.", 3), ("Funding: NCCR data release 2023.", 5)],
                    ["nccr-dua"])
    assert findings == []
    findings = _run([("Data: the NCCR Data Platform.", 3), ("Analyses used R (2023 release).", 5)], ["nccr-dua"])
    assert _missing(findings) == ["the dataset version"]
    # Close by, a version number counts only where it is the data's.
    findings = _run([("NCCR Data Platform files were read with SEER*Stat version 8.4.3 and R version 4.3.1.", 3)],
                    ["nccr-dua"])
    assert _missing(findings) == ["the dataset version"]
    for text in ("NCCR Data Platform (version 1.2), read with R version 4.3.1.", "NCCR*Explorer dataset v1.2.",
                 "We used version 1.2 of the NCCR Data Platform."):
        assert _run([(text, 3)], ["nccr-dua"]) == [], text


def test_the_authors_own_nci_grant_is_not_the_funding_of_tcia():
    findings = _run([("Images from The Cancer Imaging Archive (TCIA), doi:10.7937/TCIA.709X-DN49.", 3),
                     TextBlock("Funding: this work was funded by the National Cancer Institute (R01CA000000).",
                               line=9, part=Part.BACK)], ["tcia-limited-access"])
    assert _missing(findings) == ["the NCI funding of TCIA"]
    findings = _run([("Images from The Cancer Imaging Archive (TCIA), doi:10.7937/TCIA.709X-DN49.", 3),
                     TextBlock("Funding: NCI Contract No. 75N91019D00024.", line=9, part=Part.BACK)],
                    ["tcia-limited-access"])
    assert findings == []


def test_docx_and_pdf_mentions_say_their_paragraph_and_page():
    [finding] = _run([TextBlock("Data: the NCCR Data Platform.", paragraph=4)], ["nccr-dua"])
    assert "(paragraph 4: 'NCCR Data Platform')" in finding.message or "(paragraph 4: 'NCCR')" in finding.message
    [finding] = _run([TextBlock("Data: the NCCR Data Platform.", page=2)], ["nccr-dua"])
    assert "(page 2: 'NCCR')" in finding.message
    [finding] = _run([TextBlock("Data: the NCCR Data Platform.")], ["nccr-dua"])
    assert "NCCR data ('NCCR')" in finding.message


def test_a_user_pack_credits_its_own_data(tmp_path):
    pack = write(tmp_path, "ours.yaml", r"""
name: ours
cite_as: OUR DUA
clauses:
  "7":
    title: Credit
    text: Cite the Example Registry.
    categories: [acknowledgment]
acknowledgment:
  governs: ['Example Registry']
  requires:
    - name: the project number
      patterns: ['DAR-\d+']
      hint: give the Data Access Request number
""")
    [finding] = _run([("Data came from the Example Registry.", 2)], [str(pack)])
    assert finding.message == ("the manuscript says it used OUR DUA data (line 2: 'Example Registry') but does not "
                               "acknowledge the project number: give the Data Access Request number")
    assert finding.clauses == ("OUR DUA 7",)
    assert _run([("Data came from the Example Registry (DAR-1234).", 2)], [str(pack)]) == []


def test_a_large_manuscript_is_checked_quickly_enough_to_finish():
    blocks = [(f"Paragraph {i} about NCCR data. " + "Lorem ipsum dolor sit amet. " * 40, i) for i in range(1, 400)]
    findings = _run(blocks, ["nccr-dua", "tcia-limited-access"])
    assert _missing(findings) == sorted(NCCR_ELEMENTS)


# ---------------------------------------------------------------------------------------
# End to end


PAPER = """\
# Incidence of childhood leukaemia

## Methods

We analysed incidence with data from the National Childhood
Cancer Registry (NCCR) Data Platform.

## Results

Incidence rose by 0.7% a year.
"""


def _os240(report):
    return [f for f in report["findings"] if f["rule"] == "OS240"]


def test_cli_markdown_paper_missing_its_version(run_cli, tmp_path):
    write(tmp_path, "paper.md", PAPER)
    result = run_cli("scan", "paper.md", "--policy", "nccr-dua", "--format", "json", "--fail-on", "review")
    assert result.exit_code == 1, result.output
    [finding] = _os240(result.report)
    assert finding["category"] == "acknowledgment" and finding["severity"] == "review"
    assert finding["location"] == {} and finding["path"] == "paper.md"
    assert finding["clauses"] == ["NCCR DUA §18"]
    assert "(line 5: 'National Childhood Cancer Registry')" in finding["message"]
    assert "does not acknowledge the dataset version" in finding["message"]


def test_cli_markdown_paper_with_its_acknowledgement(run_cli, tmp_path):
    write(tmp_path, "paper.md", PAPER + "\n## Acknowledgments\n\nNCCR Data Platform, 2023 release.\n")
    result = run_cli("scan", "paper.md", "--policy", "nccr-dua", "--format", "json")
    assert result.report["files"][0]["status"] == "scanned"
    assert _os240(result.report) == []


def test_cli_default_policy_asks_for_no_acknowledgement(run_cli, tmp_path):
    write(tmp_path, "paper.md", PAPER)
    result = run_cli("scan", "paper.md", "--format", "json")
    assert result.report["files"][0]["status"] == "scanned"
    assert _os240(result.report) == []


def test_cli_docx_paper_under_both_agreements(run_cli, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Imaging and outcomes", 0)
    document.add_heading("Methods", 1)
    document.add_paragraph("Images were obtained from The Cancer Imaging Archive (TCIA).")
    document.add_heading("References", 1)
    document.add_paragraph("1. Bakas S. UPENN-GBM. https://doi.org/10.7937/TCIA.709X-DN49. NCCR 2023 release.")
    document.save(tmp_path / "paper.docx")
    result = run_cli("scan", "paper.docx", "--policy", "nccr-dua", "--policy", "tcia-limited-access",
                     "--format", "json")
    findings = _os240(result.report)
    # NCCR is named only in the reference list: no NCCR data used. TCIA lacks its funding.
    assert [f["message"].split(" but ")[0] for f in findings] == [
        "the manuscript says it used TCIA data (paragraph 3: 'The Cancer Imaging Archive')"]
    assert "the NCI funding of TCIA" in findings[0]["message"]
    assert findings[0]["clauses"] == ["TCIA §6"]


def test_rule_documentation(run_cli):
    result = run_cli("rule", "OS240")
    assert result.exit_code == 0
    for section in ("What it flags", "Why it matters", "Example", "How to fix"):
        assert section in result.output
