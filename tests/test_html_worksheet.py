"""The HTML reviewer's worksheet: valid, self-contained, masked, escaped, and drawn by a real browser.

The files scanned are written here; the report is a real scan of them (no hand-made findings).
The browser tests run Debian's headless Chromium (tests/browser.py); they skip when there is no
Chromium, except under CI, where a missing browser is a failure.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import struct
from collections import Counter
from pathlib import Path

import html5lib
import pytest

from outscan.api import scan
from outscan.decisions import DECISIONS_FORMAT, attach, decide, load_decisions
from outscan.model import REASONS, Decision, Report, Severity
from outscan.policy import build_policy
from outscan.report import html
from outscan.report.worksheet import NEVER_CHECKED, build
from tests.browser import dump_dom, find_chromium, screenshot
from tests.conftest import write

COUNTS = "Site,Cases\nA,3\nB,40\nTotal,43\n"
RECORDS = (
    "Patient name,MRN,Date of birth,Diagnosis\n"
    "John Smith,00482135,03/14/1987,Ependymoma\n"
    "Maria Keller,00519921,11/02/1990,Glioma\n"
    "Peter Brandt,00611230,07/21/1975,Medulloblastoma\n"
    "Anna Novak,00734412,01/30/1982,Ependymoma\n"
)
MANUSCRIPT = (
    "# Results\n\n"
    "The index patient, John Smith (MRN 00482135), born 03/14/1987, relapsed after surgery.\n\n"
    "<!-- outscan: ignore[OS201] a fictitious example name from the study protocol -->\n"
    "The protocol's worked example follows Jane Roe through one cycle of treatment.\n"
)
HOSTILE = "Group,N\n<script>alert(1)</script>,2\nOther,50\n"
CODE = "import openai\n\nclient = openai.OpenAI()\n"

# What the masking must keep out of the page: the planted name, MRN and date of birth.
SECRETS = ("John", "Smith", "00482135", "03/14/1987", "1987-03-14")


def parse(text: str):
    """The page as the WHATWG algorithm parses it; strict: any parse error raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def by_id(doc, id_: str):
    found = [e for e in doc.iter() if e.get("id") == id_]
    assert len(found) == 1, id_
    return found[0]


def has_class(element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def articles(doc) -> list:
    return [e for e in doc.iter("article") if has_class(e, "finding")]


def plant(directory: Path) -> Path:
    outputs = directory / "outputs"
    write(outputs, "counts.csv", COUNTS)
    write(outputs, "records.csv", RECORDS)
    write(outputs, "manuscript.md", MANUSCRIPT)
    write(outputs, "hostile.csv", HOSTILE)
    write(outputs, "analysis.py", CODE)
    return outputs


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    return plant(tmp_path_factory.mktemp("worksheet"))


@pytest.fixture(scope="module")
def report(outputs) -> Report:
    return scan([outputs])


@pytest.fixture(scope="module")
def page(report) -> str:
    return html.render(report)


@pytest.fixture(scope="module")
def doc(page):
    return parse(page)


def finding(report: Report, rule: str, path_end: str):
    found = [f for f in report.findings if f.rule == rule and f.path.endswith(path_end)]
    assert found, (rule, path_end, [(f.rule, f.path) for f in report.findings])
    return found[0]


def number_of(report: Report, target) -> int:
    return report.findings.index(target) + 1


# --- the planted files are what the worksheet is about -----------------------------------

def test_the_scan_found_what_was_planted(report):
    rules = {(f.rule, Path(f.path).name) for f in report.findings}
    assert ("OS101", "counts.csv") in rules
    assert ("OS110", "records.csv") in rules
    assert {("OS201", "manuscript.md"), ("OS202", "manuscript.md"), ("OS204", "manuscript.md")} <= rules
    assert ("OS101", "hostile.csv") in rules
    assert ("OS404", "analysis.py") in rules
    assert [s.finding.rule for s in report.suppressed] == ["OS201"]


# --- valid, self-contained, accessible markup --------------------------------------------

def test_the_page_parses_without_a_single_error(page):
    parse(page)  # raises html5lib.html5parser.ParseError on any parse error
    assert page.startswith("<!DOCTYPE html>")


def test_ids_are_unique_and_every_fragment_link_has_a_target(doc):
    ids = Counter(e.get("id") for e in doc.iter() if e.get("id") is not None)
    assert not [i for i, n in ids.items() if n > 1]
    for link in doc.iter("a"):
        href = link.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, href
    for element in doc.iter():
        for attribute in ("aria-labelledby", "aria-describedby"):
            for ref in (element.get(attribute) or "").split():
                assert ref in ids, (attribute, ref)


def test_every_form_control_has_a_label(doc):
    labelled = {label.get("for") for label in doc.iter("label")}
    controls = [e for e in doc.iter() if e.tag in ("input", "select", "textarea")]
    assert controls
    for control in controls:
        assert control.get("id") in labelled or control.get("aria-label") or control.get("aria-labelledby"), \
            control.attrib


def test_nothing_is_loaded_from_outside_the_page(doc, page):
    for element in doc.iter():
        for attribute in ("src", "href", "srcset", "action", "data", "poster"):
            value = (element.get(attribute) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "ftp:")), (element.tag, attribute, value)
    assert not [e for e in doc.iter("link")]  # no stylesheet, no icon, no preload
    scripts = list(doc.iter("script"))
    assert len(scripts) == 1 and scripts[0].get("src") is None
    assert not [e for e in doc.iter() if e.tag in ("iframe", "img", "object", "embed", "video", "audio")]
    style = "".join(text_of(s) for s in doc.iter("style"))
    assert "@import" not in style and "url(" not in style
    assert "http" not in page.split("</style>")[0].split("<style>")[1]


def test_document_outline_landmarks_and_tables(doc):
    root = doc if doc.tag == "html" else doc.find("html")
    assert root.get("lang") == "en"
    assert len(list(doc.iter("h1"))) == 1
    assert len(list(doc.iter("main"))) == 1
    assert list(doc.iter("nav"))
    levels = [int(e.tag[1]) for e in doc.iter() if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels  # no level skipped
    skip = next(a for a in doc.iter("a") if has_class(a, "skip-link"))
    assert skip.get("href") == "#main"
    for table in doc.iter("table"):
        assert table.find("caption") is not None
        for th in table.iter("th"):
            assert th.get("scope") in ("col", "row"), text_of(th)


def test_print_and_focus_styles(page):
    style = page.split("<style>")[1].split("</style>")[0]
    assert "@media print" in style
    printed = style.split("@media print")[1]
    assert ".tools" in printed and "display: none" in printed
    assert "break-inside: avoid" in printed
    assert ":focus-visible" in style


# --- what the worksheet shows -------------------------------------------------------------

def test_header_names_what_was_scanned_when_and_by_what(report, doc):
    header = text_of(next(doc.iter("header")))
    assert "outscan review worksheet" in header
    assert report.generated_at in header and report.tool_version in header
    assert "sdc-handbook" in header
    for f in report.files:
        assert f.path in header and f.sha256 in header
        assert f"{f.size:,}" in header


def test_summary_by_clause_counts_the_findings(report, doc):
    ws = build(report)
    rows = {row.get("id"): text_of(row) for row in doc.iter("tr") if (row.get("id") or "").startswith("c")}
    assert len(rows) == len(ws.clauses) > 0
    for n, clause in enumerate(ws.clauses, start=1):
        shown = rows[f"c{n}"]
        assert clause.ref in shown and clause.text in shown
        assert f" {clause.findings} " in f" {shown} "
        if clause.undecided:
            assert f"{clause.undecided} to decide" in shown


def test_one_article_per_finding_that_needs_a_decision(report, doc):
    to_decide = [f for f in report.findings if f.severity is not Severity.INFO]
    shown = articles(doc)
    assert len(shown) == len(to_decide)
    files = {f.path: f.sha256 for f in report.files}
    for article, f in zip(shown, to_decide):
        assert article.get("id") == f"f{number_of(report, f)}"
        assert article.get("data-fingerprint") == f.fingerprint
        assert article.get("data-path") == f.path
        assert article.get("data-rule") == f.rule
        assert article.get("data-severity") == f.severity.value
        assert article.get("data-sha256") == files[f.path]
        text = text_of(article)
        assert f.rule in text and f.name in text and f.severity.value in text.lower()
        assert f.location.describe() in text and f.message in text
        for clause in f.clauses:
            assert clause in text
        assert "open" in text


def test_decision_fields_for_each_finding(report, doc):
    for article in articles(doc):
        fid = article.get("id")
        fieldset = article.find(".//fieldset")
        assert fieldset is not None and fieldset.find("legend") is not None
        radios = [e for e in fieldset.iter("input") if e.get("type") == "radio"]
        assert [r.get("value") for r in radios] == [d.value for d in Decision]
        assert {r.get("name") for r in radios} == {f"{fid}-decision"}
        reason = by_id(article, f"{fid}-reason")
        assert [o.get("value") for o in reason.iter("option")] == ["", *REASONS]
        assert by_id(article, f"{fid}-comment").tag == "textarea"
        assert by_id(article, f"{fid}-reviewer").tag == "input"
        if article.get("data-severity") == "block":
            assert article.get("data-comment-required") == "approve accept"
            assert "needs a comment" in text_of(by_id(article, f"{fid}-needs"))
        else:
            assert article.get("data-comment-required") is None


def test_table_excerpt_is_drawn_with_the_flagged_cell_highlighted(report, doc):
    small = finding(report, "OS101", "counts.csv")
    n = number_of(report, small)
    flagged = [td for td in doc.iter("td") if has_class(td, "flagged")]
    cell = next(td for td in flagged if any(a.get("href") == f"#f{n}" for a in td.iter("a")))
    assert text_of(cell.find("mark")) == "3"
    assert f"flagged: finding {n}" in text_of(cell)
    assert "⚑" in text_of(cell)  # not colour alone
    row = next(tr for tr in doc.iter("tr") if cell in list(tr))
    assert text_of(row.find("th")) == "2" and "A" in text_of(row)
    table = next(t for t in doc.iter("table") if cell in list(t.iter("td")))
    assert [text_of(th) for th in table.find("thead").iter("th")] == ["row", "Site", "Cases"]
    # the unflagged cells are drawn plainly
    assert [text_of(td) for td in table.iter("td") if not has_class(td, "flagged")] == ["A", "B", "40"]


def test_text_findings_mark_the_matched_span(report, doc):
    for rule in ("OS201", "OS202", "OS204"):
        f = finding(report, rule, "manuscript.md")
        article = by_id(doc, f"f{number_of(report, f)}")
        marks = list(article.iter("mark"))
        assert len(marks) == 1
        start, end = f.highlight
        assert text_of(marks[0]) == " ".join(f.evidence[start:end].split())
        evidence = next(c for c in article.iter("code") if marks[0] in list(c))
        assert "".join(evidence.itertext()) == f.evidence  # before + marked + after, nothing lost


def test_planted_identifiers_never_reach_the_page(page):
    for secret in SECRETS:
        assert secret not in page, secret


def test_markup_in_a_finding_is_escaped(report, page, doc):
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the message quotes the row label
    hostile = finding(report, "OS101", "hostile.csv")
    assert "<script>alert(1)</script>" in text_of(by_id(doc, f"f{number_of(report, hostile)}"))
    assert len(list(doc.iter("script"))) == 1


def test_acknowledgements_inventory_not_checked_and_accepted(report, doc):
    sections = {s.get("aria-labelledby"): text_of(s) for s in doc.iter("section")}
    assert "No pack in the policy asks for an acknowledgement" in sections["acknowledgements"]
    assert "--policy nccr-dua" in sections["acknowledgements"]
    assert "--policy tcia-limited-access" in sections["acknowledgements"]

    inventory = sections["inventory"]
    assert "§22" in inventory
    ai = finding(report, "OS404", "analysis.py")
    assert "external AI service" in inventory and f"#{number_of(report, ai)}" in inventory

    not_checked = sections["not-checked"]
    for line in NEVER_CHECKED:
        assert " ".join(line.split()) in not_checked

    accepted = sections["accepted"]
    assert "a fictitious example name from the study protocol" in accepted
    assert "OS201" in accepted and "marker in the file" in accepted


def test_sign_off_block(doc):
    sign_off = next(s for s in doc.iter("section") if s.get("aria-labelledby") == "sign-off")
    text = text_of(sign_off)
    assert "sha256" in text and "Signature" in text
    for label in ("Reviewer name", "Role", "Date"):
        assert label in text
    release = [e.get("value") for e in sign_off.iter("input") if e.get("type") == "radio"]
    assert release == ["approve", "approve-with-changes", "reject"]


def test_an_empty_scan_says_so_and_says_what_nobody_checked(tmp_path):
    write(tmp_path, "clean.csv", "Region,Cases\nNorth,120\nSouth,95\n")
    page = html.render(scan([tmp_path]))
    doc = parse(page)
    assert not articles(doc)
    sections = {s.get("aria-labelledby"): text_of(s) for s in doc.iter("section")}
    assert "No findings" in sections["findings"]
    assert "None seen" in sections["inventory"]
    assert "Every file was read in full" in sections["not-checked"]
    assert NEVER_CHECKED[0].split(":")[0] in sections["not-checked"]


def test_decisions_are_filled_in_and_reopened_ones_say_so(report, outputs):
    small = finding(report, "OS101", "counts.csv")
    name = finding(report, "OS201", "manuscript.md")
    accepted = decide(report, small, Decision.ACCEPT, "R. Reviewer", reason="mitigating-control",
                      comment="the registry publishes this count itself")
    earlier = dataclasses.replace(decide(report, name, Decision.CHANGE, "R. Reviewer"), sha256="0" * 64)
    decided = attach(report, [accepted, earlier])
    doc = parse(html.render(decided))

    article = by_id(doc, f"f{number_of(report, small)}")
    checked = [e.get("value") for e in article.iter("input") if e.get("checked") is not None]
    assert checked == ["accept"]
    reason = by_id(article, f"f{number_of(report, small)}-reason")
    assert [o.get("value") for o in reason.iter("option") if o.get("selected") is not None] == ["mitigating-control"]
    assert text_of(by_id(article, f"f{number_of(report, small)}-comment")) == accepted.comment
    assert by_id(article, f"f{number_of(report, small)}-reviewer").get("value") == "R. Reviewer"
    assert article.get("data-time") == accepted.time
    assert "accepted with reason" in text_of(article)

    reopened = by_id(doc, f"f{number_of(report, name)}")
    text = text_of(reopened)
    assert "re-opened" in text
    assert "decided on an earlier version of the file" in text and "must change" in text
    assert not [e for e in reopened.iter("input") if e.get("checked") is not None]


def test_acknowledgement_packs_are_named_when_the_policy_asks(tmp_path):
    write(tmp_path, "paper.md", "# Methods\n\nWe analysed data from the National Childhood Cancer Registry.\n")
    report = scan([tmp_path], build_policy(["nccr-dua"]))
    sections = {s.get("aria-labelledby"): text_of(s) for s in parse(html.render(report)).iter("section")}
    assert "nccr-dua" in sections["acknowledgements"] and "NCCR data" in sections["acknowledgements"]
    assert "missing" in sections["acknowledgements"] or "found" in sections["acknowledgements"]


def test_the_cli_writes_the_html_worksheet(tmp_path, run_cli):
    plant(tmp_path)
    result = run_cli("scan", "outputs", "--format", "html", "-o", "worksheet.html")
    assert result.exit_code == 1  # block findings: the gate fails, the worksheet is still written
    page = (tmp_path / "worksheet.html").read_text(encoding="utf-8")
    doc = parse(page)
    assert "outscan review worksheet" in text_of(next(doc.iter("h1")))
    assert {a.get("data-path") for a in articles(doc)} >= {"outputs/counts.csv", "outputs/manuscript.md"}
    for secret in SECRETS:
        assert secret not in page


# --- in a real browser --------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium() -> str:
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no Chromium was found: the HTML worksheet's browser tests must run in CI")
        pytest.skip("no Chromium installed (apt-get install chromium, or set CHROMIUM): browser tests skipped")
    return binary


@pytest.fixture
def page_file(page, tmp_path) -> Path:
    path = tmp_path / "worksheet.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_chromium_draws_the_findings(report, page_file, chromium):
    dom = html5lib.parse(dump_dom(page_file, binary=chromium), namespaceHTMLElements=False)
    to_decide = [f for f in report.findings if f.severity is not Severity.INFO]
    assert len(articles(dom)) == len(to_decide)
    flagged = [td for td in dom.iter("td") if has_class(td, "flagged")]
    small = number_of(report, finding(report, "OS101", "counts.csv"))
    assert any(a.get("href") == f"#f{small}" for td in flagged for a in td.iter("a"))
    name = finding(report, "OS201", "manuscript.md")
    marks = list(by_id(dom, f"f{number_of(report, name)}").iter("mark"))
    assert [text_of(m) for m in marks] == [name.evidence[slice(*name.highlight)]]
    # the script ran: the download button is shown; nothing else changed at load
    tools = by_id(dom, "decision-tools")
    assert tools.get("hidden") is None
    assert by_id(dom, "download-decisions").tag == "button"


def test_chromium_screenshot(page_file, tmp_path, chromium):
    png = screenshot(page_file, tmp_path / "worksheet.png", width=1280, height=2000, binary=chromium)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 30_000  # a drawn page, not a blank one


# A test-only script appended to a copy of the page: it plays a reviewer (a block finding
# approved without a comment, then with one) and catches the file "Download decisions" makes.
HARNESS = """
<script>
(function () {
  var out = document.createElement("pre"); out.id = "harness"; document.body.appendChild(out);
  var captured = null;
  URL.createObjectURL = function (blob) { captured = blob; return "blob:captured"; };
  HTMLAnchorElement.prototype.click = function () {};
  function fire(element, type) { element.dispatchEvent(new Event(type, {bubbles: true})); }
  var block = document.getElementById("%(block)s");
  var approve = document.getElementById("%(block)s-d-approve");
  approve.checked = true; fire(approve, "change");
  var warning = document.getElementById("%(block)s-warn").textContent;
  document.getElementById("download-decisions").click();
  var refused = document.getElementById("download-status").textContent;
  var comment = document.getElementById("%(block)s-comment");
  comment.value = "the registry publishes this count itself"; fire(comment, "input");
  var cleared = document.getElementById("%(block)s-warn").textContent;
  document.getElementById("%(block)s-reviewer").value = "A. Reviewer";
  var other = document.getElementById("%(other)s-d-accept");
  other.checked = true; fire(other, "change");
  document.getElementById("%(other)s-reason").value = "false-positive";
  document.getElementById("signoff-name").value = "B. Signer";
  document.getElementById("download-decisions").click();
  var saved = document.getElementById("download-status").textContent;
  captured.text().then(function (text) {
    out.textContent = JSON.stringify({warning: warning, refused: refused, cleared: cleared, saved: saved,
                                      file: text, type: captured.type});
  });
}());
</script>
"""


def test_download_decisions_in_chromium_round_trips_through_outscan(report, page, tmp_path, chromium):
    block = finding(report, "OS101", "counts.csv")
    other = finding(report, "OS404", "analysis.py")
    script = HARNESS % {"block": f"f{number_of(report, block)}", "other": f"f{number_of(report, other)}"}
    path = tmp_path / "played.html"
    path.write_text(page.replace("</body>", script + "</body>"), encoding="utf-8")
    dom = html5lib.parse(dump_dom(path, binary=chromium), namespaceHTMLElements=False)
    played = json.loads("".join(by_id(dom, "harness").itertext()))

    assert "block finding" in played["warning"] and "comment" in played["warning"]
    assert played["refused"].startswith("Not downloaded") and f"finding {number_of(report, block)}" in played["refused"]
    assert played["cleared"] == ""
    assert played["saved"].startswith("2 decisions")
    assert played["type"] == "application/json"

    data = json.loads(played["file"])
    assert data["format"] == DECISIONS_FORMAT
    saved = tmp_path / "worksheet.decisions.json"
    saved.write_text(played["file"], encoding="utf-8")
    reviews = {r.fingerprint: r for r in load_decisions(saved)}
    assert set(reviews) == {block.fingerprint, other.fingerprint}
    first, second = reviews[block.fingerprint], reviews[other.fingerprint]
    sha256 = {f.path: f.sha256 for f in report.files}
    assert (first.decision, first.reviewer, first.comment, first.sha256, first.path, first.rule, first.severity) == (
        Decision.APPROVE, "A. Reviewer", "the registry publishes this count itself", sha256[block.path], block.path,
        "OS101", "block")
    assert (second.decision, second.reason, second.reviewer) == (Decision.ACCEPT, "false-positive", "B. Signer")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", first.time)

    # outscan takes the file back: the decisions hold for the unchanged files
    decided = attach(report, list(reviews.values()))
    assert decided.reviews[block.fingerprint].decision is Decision.APPROVE
    again = parse(html.render(decided))
    assert "approve for release" in text_of(by_id(again, f"f{number_of(report, block)}"))
