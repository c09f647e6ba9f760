"""OS240 missing-acknowledgment: what the policy's packs ask a manuscript that used their data to credit."""

from __future__ import annotations

import bisect
import dataclasses
import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Part, TextBlock, TextDocument
from outscan.masking import excerpt, mask_digits, short
from outscan.model import Category, Finding, Location, Severity
from outscan.policy import Acknowledgment, CreditElement

# Where a manuscript says it used the data: not its reference list (citing a TCIA paper is not
# using TCIA data), nor what a reader of the published text never sees (comments, document
# properties) or code blocks (a file name such as nccr_2023.csv).
MENTION_PARTS = frozenset({Part.FRONT, Part.BODY, Part.BACK, Part.CAPTION, Part.TABLE, Part.HEADER_FOOTER})
# Where the acknowledgement may stand: anywhere a reader sees, the reference list included (the
# data citation with its DOI usually stands there). A comment "% TODO: cite the 2023 release"
# acknowledges nothing.
CREDIT_PARTS = MENTION_PARTS | {Part.REFERENCES}


@register
class MissingAcknowledgment(Check):
    """A manuscript that used an agreement's data does not credit them as the agreement asks.

    **What it flags.** For each policy pack with an ``acknowledgment:`` section, a manuscript
    that says it used that pack's data (one of its ``governs`` patterns — "NCCR", "The
    Cancer Imaging Archive" — in the title, body, captions, tables or back matter) and
    lacks an element the pack ``requires``: one finding per missing element, for the
    whole file, naming where the data were mentioned and what is missing. Under
    ``nccr-dua`` (§18): the NCCR data named ("National Childhood Cancer Registry (NCCR)
    Data Platform") and the dataset version ("2023 release", "data submission of November
    2024", "NCCR Data Platform, version 1.2": a bare "version 4.3" may be R's) near a
    mention of the data, in the same paragraph. Under ``tcia-limited-access``
    (§6): TCIA credited by name as the source, the collection's data citation with its DOI
    (``10.7937/...``), and the NCI's federal funding of TCIA (Contract No. 75N91019D00024,
    or "funded by the National Cancer Institute" in the same paragraph as TCIA). The text is
    matched with its line breaks, hyphenation across lines and Markdown/LaTeX markup
    undone; "TCIA" never matches inside a longer word.

    **What it leaves alone.** A manuscript that names the data only in its reference list
    (citing a paper that used TCIA is not using TCIA), or only in comments, document
    properties or code blocks; and every manuscript when no pack in the policy has an
    ``acknowledgment:`` section (the default ``sdc-handbook`` has none: choose
    ``--policy nccr-dua`` or ``--policy tcia-limited-access``). An element is looked for in
    the whole text, reference list included, so a data citation there counts; but only the
    text a reader can find: a DOI given as a link target (``\\href{https://doi.org/...}``,
    ``[data set](https://doi.org/...)``) counts, but one in a separate BibTeX file is not
    seen, so write it out. Each file is judged on its own:
    a manuscript split over several files is checked file by file.

    **Why it matters.** The agreements ask for something present, not only something
    absent. NCCR DUA §18 requires acknowledging the NCCR Data and the specific version of the
    dataset analysed in every publication; the TCIA license §6 requires recognising TCIA as
    the source of the Dataset, in the citation format of the collection's page, and the
    NCI's federal funding of TCIA.

    **Example.** Under ``nccr-dua``::

        We analysed incidence with data from the National Childhood Cancer
        Registry (NCCR) Data Platform.          <- line 3 mentions the NCCR data;
                                                   no release or version anywhere

    gives "the manuscript says it used NCCR data (line 3: 'National Childhood Cancer
    Registry') but does not acknowledge the dataset version".

    **How to fix.** Add the acknowledgement the agreement asks for, in the text or the
    reference list, e.g. "Data: National Childhood Cancer Registry (NCCR) Data Platform,
    2023 release"; for TCIA, "The Cancer Imaging Archive (TCIA)", the collection's data
    citation with its DOI, and "TCIA is funded by the National Cancer Institute under
    Contract No. 75N91019D00024". A pack's ``severity:`` may raise the finding (``OS240:
    block``); a project's own pack may change what counts (``acknowledgment:`` in a pack that
    extends the shipped one).
    """

    code = "OS240"
    name = "missing-acknowledgment"
    category = Category.ACKNOWLEDGMENT
    severity = Severity.REVIEW
    reads = TextDocument

    def run(self, document: TextDocument, context: CheckContext) -> Iterator[Finding]:
        for ack, mention, missing in credit(document, context):
            for element in missing:
                message = f"the manuscript says it used {ack.data} ({_where(document, mention)}) but does " \
                          f"not acknowledge {element.name}" + (f": {element.hint}" if element.hint else "")
                yield credit_finding(self, document, context, ack, mention, message, element.name)


def credit(document: TextDocument, context: CheckContext) -> list[tuple[Acknowledgment, "_Match", list]]:
    """For each pack whose data the manuscript says it used: where it says so, and what its credit lacks.

    Worked out once per document: OS240 reports what is missing, OS241 what is complete.
    """
    cached = document.derived.get("credit")
    if cached is None:
        cached = []
        acknowledgments = context.policy.acknowledgments
        text = _Searchable.of(document, CREDIT_PARTS) if acknowledgments else None
        for ack in acknowledgments.values():
            mention = text.first(ack.governs, MENTION_PARTS)
            if mention is not None:
                cached.append((ack, mention, [e for e in ack.requires if not text.satisfies(e, ack.governs)]))
        document.derived["credit"] = cached
    return cached


def _where(document: TextDocument, mention: "_Match") -> str:
    where = document.location(mention.block, mention.offset).describe()
    quoted = short(mask_digits(mention.text), 40)
    return f"{where}: '{quoted}'" if where != "whole file" else f"'{quoted}'"


def credit_finding(check: Check, document: TextDocument, context: CheckContext, ack: Acknowledgment,
                   mention: "_Match", message: str, key: str) -> Finding:
    """A finding about one agreement's credit, at the whole file, citing that agreement's clause only."""
    # Evidence: the mention in the words around it, digits masked as everywhere in a report.
    evidence = excerpt(mention.block.text, mention.offset, mention.end, short(mask_digits(mention.text)))
    finding = check.finding(context, Location(), message=message, evidence=evidence, match_key=f"{ack.pack}|{key}")
    # Each agreement's credit is its own: an NCCR finding cites NCCR §18, not TCIA §6 too.
    own = context.policy.clauses_for(check.code, check.category, pack=ack.pack)
    return dataclasses.replace(finding, clauses=own) if own else finding


# ---------------------------------------------------------------------------------------
# Text normalised for matching, each character keeping its offset in the source.


@dataclass(frozen=True)
class _Match:
    block: TextBlock
    offset: int  # in block.text
    end: int  # in block.text
    text: str  # as normalised: "The Cancer Imaging Archive", whatever markup or line breaks it had


@dataclass(frozen=True)
class _Variant:
    text: str
    origin: tuple[int, ...]  # origin[i]: offset in the joined source text of text[i]


# A pattern never matches inside a longer word: where the match starts (ends) with a word
# character, the character before (after) it is not one. "TCIA" matches in "(TCIA)", "TCIA's",
# "TCIA-funded" and ".../TCIA.2015...", not in "ATCIAB" nor in an identifier ("tcia_utils",
# "nccr_2023.csv"); a pattern edged by punctuation is left as written.
_ALNUM = r"[^\W_]"


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?:(?<!\w)|(?!\w))(?:{pattern})(?:(?!\w)|(?<!\w))", re.IGNORECASE)


class _Searchable:
    """The text of some parts of a document, normalised twice (a hyphen at a line break dropped,
    "Can-\\ncer" -> "Cancer", or kept, "TCIA-\\nfunded" -> "TCIA-funded"); a pattern matches
    when it matches either."""

    def __init__(self, blocks: list[TextBlock], starts: list[int], variants: tuple[_Variant, ...]):
        self.blocks = blocks
        self.starts = starts
        self.variants = variants

    @classmethod
    def of(cls, document: TextDocument, parts: frozenset[Part]) -> "_Searchable":
        blocks = [b for b in document.blocks if b.part in parts and b.text.strip()]
        starts: list[int] = []
        pieces: list[str] = []
        position = 0
        for block in blocks:
            starts.append(position)
            pieces.append(block.text)
            position += len(block.text) + 2
        source = "\n\n".join(pieces)
        text, origin = _prepare(source)
        hyphenated = _LINE_BREAK_HYPHEN.search(text) is not None
        variants = tuple(_Variant(*_finish(text, origin, keep_hyphen))
                         for keep_hyphen in (False, True)[:1 + hyphenated])
        return cls(blocks, starts, variants)

    def _match(self, variant: _Variant, match: re.Match[str]) -> _Match:
        index = self._block_index(variant.origin[match.start()])
        block, start = self.blocks[index], self.starts[index]
        offset = variant.origin[match.start()] - start
        end = min(max(variant.origin[match.end() - 1] + 1 - start, offset), len(block.text))
        return _Match(block, min(offset, len(block.text)), end, match.group())

    def first(self, patterns: tuple[str, ...], parts: frozenset[Part]) -> _Match | None:
        """The earliest match of any of the patterns that starts in a block of one of `parts`."""
        best: tuple[int, _Variant, re.Match[str]] | None = None
        for variant in self.variants:
            for pattern in patterns:
                for match in _compiled(pattern).finditer(variant.text):
                    source_offset = variant.origin[match.start()]
                    if best is not None and source_offset >= best[0]:
                        break
                    if self._block_at(source_offset).part in parts:
                        best = (source_offset, variant, match)
                        break
        return None if best is None else self._match(best[1], best[2])

    def _block_index(self, source_offset: int) -> int:
        return bisect.bisect_right(self.starts, source_offset) - 1

    def _block_at(self, source_offset: int) -> TextBlock:
        return self.blocks[self._block_index(source_offset)]

    def satisfies(self, element: CreditElement, governs: tuple[str, ...]) -> bool:
        """Whether any pattern of the element matches; one with `near` only in the same block as a
        mention of the data and at most that many characters from it."""
        for variant in self.variants:
            mentions: list[tuple[int, int, int]] | None = None
            for credit in element.patterns:
                for match in _compiled(credit.pattern).finditer(variant.text):
                    if credit.near is None:
                        return True
                    if mentions is None:
                        mentions = [(m.start(), m.end(), self._block_index(variant.origin[m.start()]))
                                    for p in governs for m in _compiled(p).finditer(variant.text)]
                    block = self._block_index(variant.origin[match.start()])
                    if any(index == block and start - match.end() <= credit.near and match.start() - end <= credit.near
                           for start, end, index in mentions):
                        return True
        return False


# ---------------------------------------------------------------------------------------
# Normalisation: each step rewrites the text and keeps, for every character, its source offset.

_Rewrite = Callable[[re.Match[str]], str]

_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}  # soft hyphen, zero widths
_HYPHENS = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-"}
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _normal_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _INVISIBLE:
        return ""
    return _HYPHENS.get(char) or unicodedata.normalize("NFKC", char)


_STEPS: tuple[tuple[re.Pattern[str], str | _Rewrite], ...] = tuple((re.compile(p, f), r) for p, f, r in (
    # HTML entities left in the text: &nbsp; &amp; &#8209;
    (r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I, lambda m: html.unescape(m.group())),
    # LaTeX: citation keys and labels are not words of the text ("\cite{tcia}" is no mention of TCIA) ...
    (r"\\(?:[a-z]*cite[a-z]*|[a-z]*ref|label|includegraphics|input|include|bibliography[a-z]*)\*?"
     r"(?:\s*\[[^\]\n]*\])*\s*\{[^{}\n]*\}", re.I, " "),
    (r"\\([%&_#$])", 0, lambda m: m.group(1)),  # ... escaped characters are the characters,
    (r"\\[,;:! ]|\\\\|~", 0, " "),  # thin and non-breaking spaces and forced breaks are spaces,
    (r"\\[a-z@]+\*?", re.I, " "),  # a command (\emph, \textbf, \href, \url) leaves its argument,
    (r"[{}]", 0, " "),
    # Pandoc citations "[@tcia2013]" (not e-mail addresses).
    (r"(?<![\w.])@[\w:.#$%&+?<>~/-]*\w", 0, " "),
    # Markdown emphasis and inline code: "*The* Cancer", "__NCCR__", `TCIA`. A * or _ between two
    # letters or digits stays (NCCR*Explorer, nccr_2023).
    (rf"(?<!{_ALNUM})[*_`]+|[*_`]+(?!{_ALNUM})", 0, ""),
))
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")
_SPACES = re.compile(r"\s{2,}|[^\S ]")  # a single space is already what it becomes


def _rewrite(text: str, origin: list[int], pattern: re.Pattern[str], repl: str | _Rewrite) -> tuple[str, list[int]]:
    """`pattern.sub(repl, text)`; the characters put in a match's place take the match's origin."""
    out: list[str] = []
    out_origin: list[int] = []
    last = 0
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        out.append(text[last:match.start()])
        out_origin.extend(origin[last:match.start()])
        replacement = repl(match) if callable(repl) else repl
        out.append(replacement)
        out_origin.extend([origin[match.start()]] * len(replacement))
        last = match.end()
    out.append(text[last:])
    out_origin.extend(origin[last:])
    return "".join(out), out_origin


def _prepare(source: str) -> tuple[str, list[int]]:
    """Characters normalised (NFKC: ligatures, full-width forms, no-break spaces), markup undone."""
    text, origin = _rewrite(source, list(range(len(source))), _NOT_ASCII, _normal_char)
    for pattern, repl in _STEPS:
        text, origin = _rewrite(text, origin, pattern, repl)
    return text, origin


def _finish(text: str, origin: list[int], keep_hyphen: bool) -> tuple[str, tuple[int, ...]]:
    """Words hyphenated across a line joined; every run of white space one space."""
    text, origin = _rewrite(text, origin, _LINE_BREAK_HYPHEN, "-" if keep_hyphen else "")
    text, origin = _rewrite(text, origin, _SPACES, " ")
    return text, tuple(origin)
