"""What readers produce and checks consume. A check sees documents, never files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from outscan.masking import looks_like_a_name, mask_digits, mask_name, mask_person_names, person_names, safe_label, short
from outscan.model import Location

_CAPITALISED_WORDS = re.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column names a spreadsheet shows."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True, slots=True)
class TableRow:
    number: int  # the row as a spreadsheet shows it (1-based, header included)
    cells: tuple[str, ...]

    def get(self, column: int) -> str:
        return self.cells[column] if column < len(self.cells) else ""


@dataclass
class Table:
    """A table as published: header text per column, data rows with their spreadsheet row numbers.

    `title` holds the lines above the header (captions, "(N=180)"), `notes` the footnotes
    below it; later checks read both.
    """

    header: tuple[str, ...]
    rows: list[TableRow]
    header_rows: tuple[int, ...] = ()
    header_cells: tuple[tuple[str, ...], ...] = ()  # the header rows as written, before merging
    sheet: str | None = None
    title: tuple[str, ...] = ()
    title_rows: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    # Tables inside documents (Markdown, HTML, LaTeX): their name ("Table 2" or the
    # caption's first words) and the source line of each row; rows there are numbered
    # within the table, header first, and have no A1 reference.
    name: str | None = None
    line_of_row: dict[int, int] = field(default_factory=dict, repr=False)
    # Where a table of a Word file or a PDF starts: the paragraph it follows, or its page; in a
    # notebook, its cell and output (0-based).
    page: int | None = None
    paragraph: int | None = None
    cell: int | None = None
    output: int | None = None
    caption: str | None = None
    source_encoding: str | None = None
    # What could not be read in an otherwise readable table; the file is reported as an error.
    problems: list[str] = field(default_factory=list)
    # What checks work out about the table (column roles ...), computed once and shared.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def width(self) -> int:
        return len(self.header)

    def column_name(self, column: int) -> str:
        name = self.header[column].strip() if column < len(self.header) else ""
        return name or column_letter(column)

    def column_label(self, column: int, width: int | None = None) -> str:
        """The column's header as a report may print it: names of people and full dates masked;
        cut to `width` characters for a message.

        When two headers or more read as people, the columns are people: every header written
        as capitalised words is shown by its initials. That takes two names the name list
        knows ("Eleanor Whitfield"), or one and a header shaped like a name it does not know
        ("Chidi Okonkwo"); one name alone may be a place or a hospital the gazetteer does
        not know ("Henry Ford"), and is masked alone.
        """
        people = self.derived.get("people_in_header")
        if people is None:
            known = sum(1 for h in self.header if h and person_names(h))
            shaped = sum(1 for h in self.header if h and not person_names(h) and looks_like_a_name(h))
            people = self.derived["people_in_header"] = known >= 2 or (known == 1 and shaped >= 1)
        name = self.column_name(column)
        if people and _CAPITALISED_WORDS.fullmatch(name):
            label = mask_name(name)
        else:
            label = mask_person_names(mask_digits(name))
        return label if width is None else short(label, width)

    def cell_ref(self, row: TableRow, column: int) -> str:
        return f"{column_letter(column)}{row.number}"

    def location(self, row: int | None = None, column: int | None = None) -> Location:
        """Where a finding about this table (a row, a column, a cell, or the whole) is."""
        in_document = bool(self.line_of_row) or self.name is not None
        return Location(
            page=self.page,
            paragraph=self.paragraph,
            cell=self.cell,
            output=self.output,
            sheet=safe_label(self.sheet) if self.sheet else self.sheet,  # a sheet may be named after a patient
            table=self.name,
            row=row,
            column=self.column_label(column) if column is not None else None,
            cell_ref=f"{column_letter(column)}{row}" if row is not None and column is not None and not in_document
            else None,
            line=self.line_of_row.get(row) if row is not None else None,
        )

    def column_values(self, column: int):
        return (row.get(column) for row in self.rows)


@dataclass(frozen=True)
class Unchecked:
    """A part of a file that was read but that no check of this version reads (a manuscript's
    prose): no check sees it; the file is scanned, and its note says what was left unchecked."""

    note: str


@dataclass(frozen=True)
class TableSet:
    """Every table of a scan, with the path of its file: what checks that link tables read."""

    tables: tuple[tuple[str, Table], ...]


# ---------------------------------------------------------------------------------------
# Text: a manuscript's prose (and later a notebook's markdown, a DICOM free-text element)


class Part(str, Enum):
    """Which part of a manuscript a block of text is in; checks weigh a name by where it stands.

    A person named in the byline is an author, in the reference list a cited author; the
    same name in the results is a patient or a physician.
    """

    FRONT = "front"  # title, byline, affiliations (before the abstract), an "Affiliations" section
    BODY = "body"  # the running text: abstract, methods, results, discussion, appendices
    BACK = "back"  # acknowledgements, funding, author contributions, data availability, disclosures
    REFERENCES = "references"  # the reference list or bibliography
    CAPTION = "caption"  # a table or figure caption
    TABLE = "table"  # a cell of a table (the table checks read the table as a whole too)
    COMMENT = "comment"  # LaTeX/HTML comments, DOCX review comments: published with the file, rarely read
    HEADER_FOOTER = "header_footer"  # DOCX page headers and footers, PDF running heads
    PROPERTY = "property"  # document properties (DOCX title, subject, keywords, comments)
    CODE = "code"  # code blocks in Markdown


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph, cell, comment or page of text, with where it starts in its file.

    `text` keeps the source's own line breaks, so the line of any offset is `line` plus the
    newlines before it. Readers of marked-up formats blank markup with spaces of the same
    length rather than deleting it, so offsets stay true to the source.
    """

    text: str
    line: int | None = None  # 1-based source line of text[0] (text formats)
    page: int | None = None  # 1-based (PDF)
    paragraph: int | None = None  # 1-based paragraph of the body (DOCX)
    cell: int | None = None  # 0-based notebook cell
    part: Part = Part.BODY
    label: str | None = None  # what else the location should say: "comment", "header", "property 'title'"

    def line_at(self, offset: int) -> int | None:
        if self.line is None:
            return None
        return self.line + self.text.count("\n", 0, offset)


@dataclass
class TextDocument:
    """The text of a manuscript, block by block, in reading order.

    `authors` are the paper's own authors as its byline or metadata name them (LaTeX
    \\author, YAML front matter, DOCX core properties): their names are not findings anywhere.
    """

    blocks: list[TextBlock]
    authors: tuple[str, ...] = ()
    source_encoding: str | None = None
    problems: list[str] = field(default_factory=list)
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def location(self, block: TextBlock, offset: int = 0) -> Location:
        return Location(line=block.line_at(offset), page=block.page, paragraph=block.paragraph, cell=block.cell)

    def full_text(self, parts: frozenset[Part] | None = None) -> str:
        """All the text (or that of some parts), blocks separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if parts is None or b.part in parts)


# Headings that start a part of a manuscript. Matched against the heading's words alone:
# "3. References", "ACKNOWLEDGMENTS", "Funding:" all count; "Results of the reference group" does not.
_SECTION_PARTS: tuple[tuple[Part, re.Pattern[str]], ...] = tuple(
    (part, re.compile(rf"^(?:{pattern})$", re.I)) for part, pattern in (
        (Part.REFERENCES, r"references?(?: cited)?|bibliography|literature cited|works cited|citations"),
        (Part.BACK, r"acknowledge?ments?|funding(?: sources?| information| statement)?|financial (?:support|disclosures?)"
                    r"|author(?:s'?|'s)? contributions?|contributions|contributors|conflicts? of interests?"
                    r"|competing interests?|(?:declaration|disclosure)s?(?: of interests?)?|data (?:availability|sharing)"
                    r"(?: statement)?|availability of data(?: and materials)?|declarations"),
        (Part.FRONT, r"(?:author )?affiliations?|author information|author details|correspondence"),
        (Part.BODY, r"abstract|summary|introduction|background|methods?|materials and methods|patients and methods"
                    r"|results?|discussion|conclusions?|appendix(?: [a-z0-9]+)?|supplementa(?:ry|l)(?: \w+)*"
                    r"|limitations|study design|statistical analysis|keywords|key points|highlights|ethics"
                    r"(?: statement| approval)?|tables?|figures?|figure legends"),
    ))
_HEADING_NOISE = re.compile(r"^[\s#*_]*(?:(?:\d+(?:\.\d+)*[.)]?|[IVXivx]+[.)]|[A-Za-z][.)])\s+)?|[\s*_:.]*$")


def section_part(heading: str) -> Part | None:
    """The part a heading opens, or None when the heading does not say (the part goes on)."""
    words = _HEADING_NOISE.sub("", heading.strip())
    if not words or len(words) > 60:
        return None
    for part, pattern in _SECTION_PARTS:
        if pattern.match(words):
            return part
    return None


# ---------------------------------------------------------------------------------------
# DICOM: a file's header, element by element; pixels are never read


def dicom_tag(tag: int) -> str:
    """0x00100010 -> "(0010,0010)", as the standard and the report write tags."""
    return f"({tag >> 16:04X},{tag & 0xFFFF:04X})"


class DicomElement(NamedTuple):
    """One data element, wherever it stands: top level or inside sequences at any depth.

    `path` locates it: "(0010,0010)" at the top, "(0040,0275)[0]>(0032,1060)" in the first
    item of a sequence. `value` is the value as text (values of a multi-valued element
    joined with a backslash, as DICOM writes them); binary and numeric values that no
    check reads are left as "" and `converted` is False, so reading stays at the speed of
    parsing. A named tuple: an archive's scan makes hundreds of millions of them.
    """

    tag: int
    keyword: str  # "" for a private or unknown element
    vr: str
    path: str
    value: str
    converted: bool = True
    private_creator: str | None = None  # the creator of a private element's block
    in_sequence: str | None = None  # the keyword of the outermost sequence it is in

    @property
    def is_private(self) -> bool:
        return bool((self.tag >> 16) & 1)

    @property
    def group(self) -> int:
        return self.tag >> 16


_TAG_LOCATIONS: dict[str, Location] = {}


@dataclass
class DicomHeader:
    """A DICOM file's header: every element with its path, and where the file came from."""

    elements: list[DicomElement]
    transfer_syntax: str | None = None
    is_dicomdir: bool = False
    problems: list[str] = field(default_factory=list)
    derived: dict = field(default_factory=dict, repr=False, compare=False)
    # The file's SHA-256 when the reader had all its bytes anyway (the report's checksum,
    # without reading the file a second time).
    sha256: str | None = field(default=None, repr=False, compare=False)

    def first(self, keyword: str) -> str | None:
        """The value of the top-level element with this keyword, if present."""
        index = self.derived.get("top_level")
        if index is None:
            index = self.derived["top_level"] = {e.keyword: e for e in self.elements if "[" not in e.path}
        element = index.get(keyword)
        return element.value if element is not None else None

    def codes(self, sequence_keyword: str) -> set[str]:
        """Code values found anywhere inside a sequence ("113100", "113107" in (0012,0064))."""
        by_sequence = self.derived.get("codes")
        if by_sequence is None:  # one pass for every sequence: several checks ask
            by_sequence = self.derived["codes"] = {}
            for e in self.elements:
                if e.keyword == "CodeValue" and e.in_sequence:
                    by_sequence.setdefault(e.in_sequence, set()).add(e.value)
        return set(by_sequence.get(sequence_keyword, ()))

    @staticmethod
    def location(element: DicomElement) -> Location:
        # The same paths recur in every file of an archive; a Location is immutable, so one is shared.
        location = _TAG_LOCATIONS.get(element.path)
        if location is None:
            if len(_TAG_LOCATIONS) >= 100_000:
                _TAG_LOCATIONS.clear()
            location = _TAG_LOCATIONS[element.path] = Location(tag=element.path)
        return location


@dataclass(frozen=True, slots=True)
class DicomSeriesMember:
    """What the series-level checks need of one file, kept for the whole scan (a few hundred
    bytes a file): its series, what it images, and its de-identification evidence."""

    series_uid: str
    modality: str
    body_part: str
    descriptions: str  # study and series descriptions, protocol name, anatomic region meanings
    frames: int
    acquisition: str  # MRAcquisitionType ("3D") or ""
    position: tuple[float, float, float] | None
    defacing: str | None  # the evidence of defacing ("113102 declared"), None when there is none
    is_rt_structure_set: bool = False
    referenced_series: tuple[str, ...] = ()
    # (attribute, value) of each text that `descriptions` joins, so a finding can say which
    # attribute named the anatomy ("SeriesDescription contains MPRAGE")
    texts: tuple[tuple[str, str], ...] = ()
    roi_names: tuple[str, ...] = ()  # an RT structure set's ROI names ("External", "Brainstem")


@dataclass(frozen=True)
class DicomSet:
    """Every DICOM file of a scan, as series members with the file's display path: what the
    face-reconstruction check reads."""

    members: tuple[tuple[str, DicomSeriesMember], ...]


# ---------------------------------------------------------------------------------------
# Artifacts: a file of a repository as a file (code, configuration, a data file, model weights)


@dataclass(frozen=True)
class Artifact:
    """A file judged as a thing in the tree rather than by what it publishes.

    Readers keep it cheap: `head` is at most the first 64 KB and `tail` the last 64 KB of a
    larger file (a Parquet file's schema is in its footer); `text` is the head decoded, for
    text files only (code, configuration, plain text). Nothing is parsed or unpickled.
    """

    name: str  # the file name, "extract.parquet"
    suffix: str  # lower case, with its dot: ".parquet" ("" when there is none)
    kind: str  # the kind discovery gave it: "code", "config", "data", "model", "text"
    size: int
    head: bytes
    tail: bytes = b""
    text: str | None = None
