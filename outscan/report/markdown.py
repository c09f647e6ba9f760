"""The worksheet in Markdown: for a pull-request comment or a plain-text review.

Same content as the HTML worksheet (`outscan.report.worksheet`): scanned files with their
checksums, the summary by clause, every finding with its decision fields, table excerpts
with the flagged cells marked, acknowledgements, the AI/ML inventory, what was not checked,
and a sign-off block. GitHub-flavoured: tables, task-list boxes, <details>.
"""

from __future__ import annotations

import re
from typing import Any

from outscan.model import REASONS, Decision, Report
from outscan.report.worksheet import NEVER_CHECKED, Excerpt, Item, Worksheet, build

# What can start markup inside a line (emphasis, code, links, HTML, table cells): escaped.
# Parentheses, '#' and '+' only mean something after a ']' or at a line's start, and every
# line here starts with our own text, so they stay as they are, for plain-text readers.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _md(text: str) -> str:
    """Text shown as written: Markdown and HTML syntax escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _code(text: str) -> str:
    """A path or location as a code span: shown exactly, nothing to escape."""
    text = " ".join(str(text).split()).replace("|", "¦")  # a pipe would end a table cell
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def render(report: Report, **_: Any) -> str:
    ws = build(report)
    out: list[str] = []
    _header(ws, out)
    _clauses(ws, out)
    _findings(ws, out)
    _acknowledgments(ws, out)
    _inventory(ws, out)
    _not_checked(ws, out)
    _suppressed(ws, out)
    _sign_off(out)
    return "\n".join(out).rstrip() + "\n"


def _header(ws: Worksheet, out: list[str]) -> None:
    r, c = ws.report, ws.counts
    out += ["# outscan review worksheet", "",
            f"Scanned {', '.join(_code(root) for root in r.roots)} on {r.generated_at} with outscan "
            f"{r.tool_version}; policy: {_md(ws.packs)}.", "",
            f"**{c['findings']} findings** ({c['block']} block, {c['review']} review, {c['info']} info) in "
            f"{c['files']} file{'s' if c['files'] != 1 else ''}; {c['decided']} of {c['to_decide']} decided"
            + (f", {c['reopened']} re-opened because their file changed" if c["reopened"] else "")
            + (f"; {c['suppressed']} accepted in the scan" if c["suppressed"] else "") + ".", "",
            "<details><summary>Files scanned (path, size, sha256, status)</summary>", "",
            "| file | size | sha256 | status |", "|---|---:|---|---|"]
    out += [f"| {_code(f.path)} | {f.size:,} | `{f.sha256 or '-'}` | {f.status.value} |" for f in r.files]
    out += ["", "</details>", ""]


def _clauses(ws: Worksheet, out: list[str]) -> None:
    out += ["## Summary by clause", "", "| clause | what it asks | findings | block / review / info | undecided |",
            "|---|---|---:|---|---:|"]
    for row in ws.clauses:
        severities = " / ".join(str(row.by_severity.get(s, 0)) for s in ("block", "review", "info"))
        out.append(f"| **{_md(row.ref)}** {_md(row.title)} | {_md(row.text)} | {row.findings} | {severities} | "
                   f"{row.undecided} |")
    out.append("")


def _findings(ws: Worksheet, out: list[str]) -> None:
    out += ["## Findings", ""]
    if not ws.items:
        out += ["No findings.", ""]
    for group in ws.groups:
        f = group.file
        out += [f"### {_code(group.path)}", ""]
        if f is not None:
            out += [f"{f.kind}, {f.size:,} bytes, sha256 `{f.sha256 or '-'}`, {f.status.value}", ""]
        for index in group.excerpts:
            _excerpt(ws.excerpts[index], out)
        for item in group.to_decide:
            _item(item, out)
        if group.information:
            out += [f"<details><summary>{len(group.information)} information findings (no decision needed)"
                    "</summary>", ""]
            out += [f"- {item.number}. `{item.finding.rule}` {_code(item.finding.location.describe())}: "
                    f"{_md(item.finding.message)}" for item in group.information]
            out += ["", "</details>", ""]


def _excerpt(excerpt: Excerpt, out: list[str]) -> None:
    table = excerpt.table
    where = table.where.describe()
    left_out = f"; {table.columns_left_out} columns without findings left out" if table.columns_left_out else ""
    out.append(f"Table excerpt ({_md(where)}){left_out}; ⚑ marks a flagged cell, with its finding numbers:")
    out.append("")
    numbers = table.column_numbers or tuple(range(len(table.columns)))

    def cell(text: str, marks: tuple[int, ...]) -> str:
        shown = _md(text) or " "
        return f"**⚑ {shown}** ({', '.join(f'#{n}' for n in marks)})" if marks else shown

    out.append("| row | " + " | ".join(cell(name, excerpt.marked(0, n)) for name, n in zip(table.columns, numbers))
               + " |")
    out.append("|---:|" + "---|" * len(table.columns))
    for row, cells in table.rows:
        out.append(f"| {row} | " + " | ".join(cell(text, excerpt.marked(row, n)) for text, n in zip(cells, numbers))
                   + " |")
    out.append("")


def _item(item: Item, out: list[str]) -> None:
    f = item.finding
    before, marked, after = item.evidence_parts
    evidence = _md(before) + (f"**{_md(marked)}**" if marked else "") + _md(after)
    out += [f"#### {item.number}. {f.severity.value.upper()} · {f.rule} {f.name} · {_code(f.location.describe())}", "",
            _md(f.message), ""]
    if item.also_in:
        out += [f"Also in {_md(item.also_in)}", ""]
    if f.evidence:
        out += [f"> {evidence}", ""]
    override = " (against the automated verdict)" if item.override else ""
    out += [f"Cites: {_md(', '.join(f.clauses)) or '-'} · status: **{item.status}**{override}"
            + (" · approving it needs a comment" if f.severity.value == "block" and item.review is None else ""), ""]
    if item.previous is not None and item.review is None:
        p = item.previous
        out += [f"Re-opened: decided '{p.decision.label}' by {_md(p.reviewer)} on {p.time} for an earlier version "
                "of the file.", ""]
    review = item.review
    boxes = "\n".join(f"- [{'x' if review and review.decision is d else ' '}] {d.label}" for d in Decision)
    reason = REASONS.get(review.reason, "") if review and review.reason else ""
    out += [boxes, "",
            f"Reason ({' / '.join(REASONS.values())}): {_md(reason) or '…'}  ",
            f"Comment: {_md(review.comment) if review and review.comment else '…'}  ",
            f"Reviewer: {_md(review.reviewer) if review else '…'}" + (f" · {review.time}" if review else ""), "",
            f"<sub>fingerprint {f.fingerprint}</sub>", ""]


def _acknowledgments(ws: Worksheet, out: list[str]) -> None:
    out += ["## Acknowledgements", ""]
    if not ws.acknowledgment_packs:
        out += ["No policy pack in use asks for an acknowledgement; scan with `--policy nccr-dua` or "
                "`--policy tcia-limited-access` to check the credit those agreements require.", ""]
        return
    for pack, asked in ws.acknowledgment_packs.items():
        out.append(f"- {_md(pack)} asks a manuscript that used {_md(asked['data'])} to credit: "
                   f"{_md('; '.join(asked['requires']))}.")
    out.append("")
    if not ws.acknowledgments:
        out += ["No scanned manuscript says it used the data these packs govern.", ""]
    for state, item in ws.acknowledgments:
        out.append(f"- **{state}** — {_code(item.finding.path)}: {_md(item.finding.message)} (#{item.number})")
    out.append("")


def _inventory(ws: Worksheet, out: list[str]) -> None:
    out += ["## AI/ML inventory", "",
            "NCCR DUA §22 asks for a record of AI/ML tools used on the data and of model parameters.", ""]
    if not ws.inventory:
        out += ["None seen in the scanned files.", ""]
        return
    out += ["| what | file | where | finding |", "|---|---|---|---|"]
    out += [f"| {kind} | {_code(i.finding.path)} | {_code(i.finding.location.describe())} | "
            f"#{i.number} {_md(i.finding.message)} |" for kind, i in ws.inventory]
    out.append("")


def _not_checked(ws: Worksheet, out: list[str]) -> None:
    out += ["## What was not checked", ""]
    if ws.not_checked:
        out += ["| file | | why |", "|---|---|---|"]
        out += [f"| {_code(n.path)} | {n.what} | {_md(n.detail)} |" for n in ws.not_checked]
        out.append("")
    else:
        out += ["Every file was read in full.", ""]
    out += ["Never checked by outscan:", ""] + [f"- {_md(line)}" for line in NEVER_CHECKED] + [""]


def _suppressed(ws: Worksheet, out: list[str]) -> None:
    if not ws.report.suppressed:
        return
    out += ["## Accepted in the scan", "", "| file | where | rule | how | why |", "|---|---|---|---|---|"]
    out += [f"| {_code(s.finding.path)} | {_code(s.finding.location.describe())} | {s.finding.rule} | {s.kind} | "
            f"{_md(s.justification)} |" for s in ws.report.suppressed]
    out.append("")


def _sign_off(out: list[str]) -> None:
    out += ["## Sign-off", "",
            "The files above, identified by their sha256, were reviewed against the agreement's clauses.", "",
            "- [ ] approve for release", "- [ ] approve with the changes listed", "- [ ] do not release", "",
            "Reviewer: …  ", "Role: …  ", "Date: …  ", "Signature: …", ""]
