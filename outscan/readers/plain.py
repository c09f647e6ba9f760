"""Plain-text manuscripts (.txt, .rst), and the prose model every manuscript reader shares.

A reader cuts its file into drafts: paragraphs, headings, captions, comments, table rows,
each at the source line (and column) of its first character. `assign_parts` then reads
them in order as a reader of the paper would: a heading ("Methods", "3. References",
"ACKNOWLEDGMENTS") opens a part, and the part goes on until a heading opens another; what
stands before the abstract or the introduction is the front matter (title, byline,
affiliations), but only when that heading comes early: a text with no such heading near
its top is body text from its first line.

A plain text marks a heading by standing alone: a short line that names a part (numbered,
in capitals or not), or any line underlined with ``===`` / ``---`` as reStructuredText
and setext write it. The byline's names (`TextDocument.authors`) come from YAML front
matter, a Pandoc title block, or an "Authors:" / "By ..." line in the front matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from outscan.documents import Part, TextBlock, TextDocument, section_part
from outscan.readers.text_encoding import read_text

# The front matter ends at the first heading that opens the body, when that heading is
# this near the top; further down, the opening lines are already body text.
FRONT_MATTER_LINES = 60
_MAX_HEADING = 60
_VISIBLE = re.compile(r"\S")
_NOT_NEWLINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Draft:
    """A block before its part is known; without text, a marker where a part starts."""

    text: str
    line: int
    column: int = 0  # orders drafts that start on the same line
    part: Part | None = None  # fixed by what the block is (caption, table row, comment, code, title)
    opens: Part | None = None  # the part a heading opens, or that a run-in label ("Funding: ...") names
    heading: bool = False  # a heading switches the running part; a run-in label names its own block only
    label: str | None = None


def visible_block(shown: str, line: int) -> tuple[str, int, int] | None:
    """(text, line, column) of a block whose source, markup blanked, is `shown` from the start
    of `line`: the text runs from the start of the line of its first visible character (what
    stands before it there is blank), so offsets in it are the source's columns."""
    first = _VISIBLE.search(shown)
    if first is None:
        return None
    start = shown.rfind("\n", 0, first.start()) + 1
    return shown[start:].rstrip(), line + shown.count("\n", 0, start), first.start() - start


def blank(text: str) -> str:
    """`text` as spaces, its line breaks kept: markup blanked in place."""
    return _NOT_NEWLINE.sub(lambda m: " " * len(m.group()), text)


def assign_parts(drafts: Iterable[Draft], first_line: int = 1) -> list[TextBlock]:
    """Blocks in reading order, each in the part its headings put it in.

    `first_line` is where the document's text starts (a LaTeX body after its preamble),
    from which the front matter's reach is counted.
    """
    ordered = sorted(drafts, key=lambda d: (d.line, d.column, bool(d.text)))
    front_end = _front_end(ordered, first_line)
    running = Part.BODY if front_end is None else Part.FRONT
    blocks: list[TextBlock] = []
    for index, draft in enumerate(ordered):
        in_front = front_end is not None and index < front_end
        if draft.opens is not None and not in_front and (draft.heading or index == front_end):
            running = draft.opens
        if not draft.text:
            continue
        if in_front:
            part = draft.part or Part.FRONT
        else:
            part = draft.part or (draft.opens if draft.opens and not draft.heading else running)
        blocks.append(TextBlock(draft.text, line=draft.line, part=part, label=draft.label))
    return blocks


def _front_end(ordered: list[Draft], first_line: int) -> int | None:
    """Index of the first draft that opens the body, when it stands near the top."""
    for index, draft in enumerate(ordered):
        if draft.opens is Part.BODY and draft.part is None:
            return index if draft.line < first_line + FRONT_MATTER_LINES else None
    return None


# --- what a paragraph is -------------------------------------------------------------------

# "Table 2. ...", "Figure 1: ...", "Fig. 3 - ...", "Supplementary Table S1. ...", Pandoc's
# "Table: ...". "Table 2 shows that ..." is prose: the label must be followed by punctuation.
_CAPTION = re.compile(
    r"^\s*(?:(?:Supplementa(?:ry|l) )?(?:Table|TABLE|Figure|FIGURE|Fig\.|FIG\.|eTable|eFigure)"
    r"(?:\s+[A-Z]{0,2}\d+[A-Za-z]?(?:[.-]\d+)?|\s+[IVXLC]+)\s*(?:$|[.:|\u2013\u2014-]\s*)|Table:\s+\S)")
# "Funding: ...", "Conflicts of interest. None declared.": a label that opens the paragraph.
_RUN_IN = re.compile(r"^\s*([^\W\d][^.:\n]{1,58}?)\s*[:.]\s+\S")


def prose_draft(text: str, line: int, column: int = 0) -> Draft:
    """A paragraph: a caption when it opens with "Table 2." or "Figure 1:", and in the part
    its own run-in label names ("Funding: ..."), if it has one."""
    if _CAPTION.match(text):
        return Draft(text, line, column, part=Part.CAPTION)
    label = _RUN_IN.match(text)
    return Draft(text, line, column, opens=section_part(label.group(1)) if label else None)


def heading_draft(text: str, line: int, column: int = 0) -> Draft:
    return Draft(text, line, column, opens=section_part(" ".join(text.split())), heading=True)


def is_heading_line(line: str) -> bool:
    """A line that is a heading by itself: short, no final period, and naming a part."""
    words = line.strip()
    return 0 < len(words) <= _MAX_HEADING and not words.endswith(".") and section_part(words) is not None


# --- front matter and bylines ------------------------------------------------------------

@dataclass
class FrontMatter:
    """YAML front matter or a Pandoc title block at the top of a text."""

    lines: int = 0  # how many lines it takes
    drafts: list[Draft] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


_YAML_START = re.compile(r"---[ \t]*\n")
_YAML_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_PANDOC_TITLE = re.compile(r"(?:%[^\n]*\n(?:[ \t]+[^\n]*\n)*){1,3}")


def front_matter(text: str) -> FrontMatter:
    """The front matter a text opens with, as FRONT drafts (and the authors it names).

    YAML between ``---`` lines counts only when it parses to a mapping: a text that opens
    with a horizontal rule is not front matter, and bad YAML is just text.
    """
    start = _YAML_START.match(text)
    end = _YAML_END.search(text, start.end()) if start else None
    if end is not None:
        try:
            data = yaml.safe_load(text[start.end():end.start()])
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            body = text[start.end():end.start()].rstrip()
            first = 2 + body.count("\n") - body.lstrip("\n").count("\n")
            drafts = [Draft(body.lstrip("\n"), first, part=Part.FRONT)] if body.strip() else []
            return FrontMatter(text.count("\n", 0, end.end()) + 1, drafts, _yaml_authors(data))
    title = _PANDOC_TITLE.match(text)
    if title is not None:
        lines = title.group().rstrip("\n").split("\n")
        shown = visible_block("\n".join(" " + line[1:] if line.startswith("%") else line for line in lines), 1)
        authors = split_names(lines[1][1:]) if len(lines) > 1 and lines[1].startswith("%") else []
        return FrontMatter(len(lines), [Draft(*shown, part=Part.FRONT)] if shown else [], authors)
    return FrontMatter()


def without_front_matter(text: str, front: FrontMatter) -> str:
    """The text with its front matter's lines left empty, so every other line keeps its number."""
    if not front.lines:
        return text
    cut = 0
    for _ in range(front.lines):
        cut = text.find("\n", cut) + 1 or len(text)
    return "\n" * front.lines + text[cut:]


def _yaml_authors(data: dict) -> list[str]:
    value = data.get("author", data.get("authors"))
    entries = value if isinstance(value, list) else [value]
    names: list[str] = []
    for entry in entries:
        if isinstance(entry, str):
            names.extend(split_names(entry))
        elif isinstance(entry, dict):
            names.extend(_yaml_person(entry))
    return names


def _yaml_person(entry: dict) -> list[str]:
    """{name: ...}, {name: {given, family}}, {given, family}, or Pandoc's {"Jane Doe": {affiliation}}."""
    name = entry.get("name", entry)
    if isinstance(name, str):
        return split_names(name)
    if isinstance(name, dict):
        given, family = name.get("given"), name.get("family")
        if isinstance(family, str):
            return [" ".join(p for p in (given if isinstance(given, str) else "", family) if p)]
        if isinstance(name.get("literal"), str):
            return split_names(name["literal"])
        if len(entry) == 1 and isinstance(next(iter(entry)), str):
            return split_names(next(iter(entry)))
    return []


_BYLINE = re.compile(r"^[\W_]{0,6}(?:Authors?\s*:|By\s)\s*(?P<names>.+)$", re.M)
_BYLINE_REACH = 30  # lines searched for a byline when a text has no front matter


def byline_authors(blocks: list[TextBlock]) -> list[str]:
    """Names on an "Authors: ..." or "By ..." line of the front matter (or, in a text without
    one, of its first lines)."""
    front = [b for b in blocks if b.part is Part.FRONT]
    candidates = front or [b for b in blocks if (b.line or 0) <= _BYLINE_REACH and b.part is Part.BODY]
    names: list[str] = []
    for block in candidates:
        for match in _BYLINE.finditer(block.text):
            found = split_names(match.group("names"))
            if found and all(looks_like_name(n) for n in found):
                names.extend(found)
    return names


# Separators between names: "A; B", "A and B", "A & B", "A, B" (commas handled apart).
_NAME_SEPARATORS = re.compile(r"\s*(?:;|\band\b|&|\n)\s*")
# Degrees and suffixes that follow a name after a comma: "Jane Doe, MD, PhD".
_DEGREE = re.compile(r"^(?:[A-Z][A-Z.]{0,7}|Ph\.?D\.?|Pharm\.?D\.?|Dr\.?P\.?H\.?|Sc\.?D\.?|Ed\.?D\.?|Psy\.?D\.?"
                     r"|M\.?Sc\.?|B\.?Sc\.?|M\.?Phil\.?|D\.?Phil\.?|MBChB|MMed|Jr\.?|Sr\.?)$")
_MARKS = re.compile(r"^[\s\d*\u2020\u2021\u00a7\u00b6#^,;:\u00b9\u00b2\u00b3\u2070-\u2079]+"
                    r"|[\s\d*\u2020\u2021\u00a7\u00b6#^,;:\u00b9\u00b2\u00b3\u2070-\u2079]+$")
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "le", "la", "du", "dos", "das", "bin",
              "ibn", "al", "el", "ten", "ter", "y"}


def split_names(text: str, surname_first: bool = False) -> list[str]:
    """Person names from a byline: split on ';', 'and', '&' and commas, degrees dropped.

    With `surname_first` (a metadata field holding one "Doe, Jane"), the name is turned
    round as it is printed ("Jane Doe").
    """
    text = " ".join(str(text).split())
    if surname_first and text.count(",") == 1:
        family, given = (p.strip() for p in text.split(","))
        return [f"{given} {family}".strip()] if family else []
    names: list[str] = []
    for piece in _NAME_SEPARATORS.split(text):
        for name in piece.split(","):
            name = " ".join(_MARKS.sub("", name).split())
            if name and any(c.isalpha() for c in name) and not _is_degree(name) and len(name) <= 80:
                names.append(name)
    return names


def _is_degree(name: str) -> bool:
    return " " not in name and bool(_DEGREE.match(name))


def looks_like_name(name: str) -> bool:
    """Words of a person's name: capitalised (particles aside), no digits, at most six."""
    words = name.split()
    return 0 < len(words) <= 6 and not any(c.isdigit() for c in name) \
        and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


# --- plain text --------------------------------------------------------------------------

_UNDERLINE = re.compile(r"^[ \t]*([=\-~^*#+`'\".:_])\1{2,}[ \t]*$")


def read_plain_document(path: Path) -> list:
    """A plain-text manuscript as one `TextDocument` (its tables are not read)."""
    text, encoding = read_text(path)
    document = plain_document(text)
    document.source_encoding = encoding
    return [document]


def plain_document(text: str) -> TextDocument:
    front = front_matter(text)
    body = without_front_matter(text, front)
    blocks = assign_parts([*front.drafts, *plain_drafts(body)])
    return TextDocument(blocks, authors=unique([*front.authors, *byline_authors(blocks)]))


def plain_drafts(text: str) -> list[Draft]:
    drafts: list[Draft] = []
    for first, lines in _paragraphs(text):
        drafts.extend(_paragraph_drafts(first, lines))
    return drafts


def _paragraphs(text: str) -> Iterable[tuple[int, list[str]]]:
    """(1-based line of its first line, its lines) for each run of non-blank lines."""
    lines: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not lines:
                first = number
            lines.append(line.rstrip())
        elif lines:
            yield first, lines
            lines = []
    if lines:
        yield first, lines


def _paragraph_drafts(first: int, lines: list[str]) -> list[Draft]:
    """A paragraph, or a heading (underlined, overlined and underlined, or a part's name
    alone on its line) and the text that follows it without a blank line."""
    if len(lines) >= 3 and _UNDERLINE.match(lines[0]) and _UNDERLINE.match(lines[2]) and not _UNDERLINE.match(lines[1]):
        title, rest = 1, 3
    elif len(lines) >= 2 and _UNDERLINE.match(lines[1]) and not _UNDERLINE.match(lines[0]):
        title, rest = 0, 2
    elif is_heading_line(lines[0]):
        title, rest = 0, 1
    else:
        return [prose_draft("\n".join(lines), first)]
    shown = "\n".join(line if i == title else " " * len(line) for i, line in enumerate(lines[title:rest], title))
    drafts = [heading_draft(shown.rstrip(), first + title)]
    if lines[rest:]:
        drafts.append(prose_draft("\n".join(lines[rest:]), first + rest))
    return drafts
