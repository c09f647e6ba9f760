"""LaTeX manuscripts: their text, and their tables (``tabular``, ``tabular*``, ``tabularx``,
``tabulary``, ``longtable``).

Tables: pylatexenc parses the source (braces, comments, ``\\%`` and ``\\&``, verbatim, optional
arguments) and turns each cell's LaTeX into the text a reader sees (``$<$11`` -> ``<11``,
``\\textbf{12}`` -> ``12``, ``\\'e`` -> ``é``); splitting cells at ``&`` and rows at ``\\\\``,
spans, rules and the longtable head and foot are done here. The caption (``\\caption``
in the surrounding ``table`` float, or inside a ``longtable``) is kept, and so are the
notes of a ``threeparttable``.

Text: a scanner of our own (one regex pass over the tokens, fast on a whole thesis, never
thrown by an unbalanced brace) blanks the markup in place, so each block's offsets are the
source's lines and columns: ``\\textbf{only 3}`` keeps its argument, ``\\cite{...}``,
``\\label{...}``, ``\\href``'s URL and options ``[...]`` go entirely (``\\url`` prints its URL,
and a DOI there is a data citation: it stays), math keeps its content
(``$n = 3$``: small counts are written in math), ``\\%`` and accents read as the character
(a word with an accent is written whole, "M{\\"u}ller" as "Müller", and the markup's width
goes after it). Headings, captions, the title and byline (``\\title``, ``\\author``,
``\\affil``, ``\\thanks`` ...), ``abstract``, ``acknowledgments`` and ``thebibliography`` set
the part; comments (``%``, ``comment`` environments, ``\\iffalse``) are blocks of their own.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pylatexenc import latex2text, latexwalker, macrospec

from outscan.documents import Part, Table, TextDocument
from outscan.readers.errors import ReadError
from outscan.readers.html import TableSource, clean_text, document_table, name_tables, table_drafts
from outscan.readers.plain import Draft, assign_parts, blank, heading_draft, prose_draft, split_names, unique
from outscan.readers.text_encoding import read_text

TABULAR_ENVIRONMENTS = {"tabular", "tabular*", "tabularx", "tabulary", "longtable", "longtable*", "xltabular"}
_LONGTABLES = {"longtable", "longtable*", "xltabular"}
# Environments whose \caption belongs to the tabular inside them (innermost first).
_FLOATS = {"table", "table*", "sidewaystable", "sidewaystable*", "subtable", "wraptable", "threeparttable",
           "ThreePartTable", "threeparttablex", "center", "minipage", "adjustbox", "resizebox"}
_NOTES_ENVIRONMENTS = {"tablenotes", "TableNotes"}

_ROW_END = {"\\", "tabularnewline", "cr"}
_MIDRULES = {"midrule", "hline", "hhline"}
# Rules and row decorations: drawn, never read.
_DECORATIONS = {"toprule", "midrule", "bottomrule", "hline", "hhline", "cline", "cmidrule", "specialrule",
                "addlinespace", "morecmidrules", "noalign", "rowcolor", "rowcolors", "arrayrulecolor",
                "pagebreak", "nopagebreak", "newpage", "linebreak", "centering", "raggedright", "raggedleft",
                "firsthline", "lasthline", "Xhline", "abovestrut", "belowstrut", "strut"}
_LONGTABLE_PARTS = {"endfirsthead", "endhead", "endfoot", "endlastfoot"}
# \cmidrule(lr){2-3}: its trim in parentheses is not an argument pylatexenc knows.
_CMIDRULE = re.compile(r"\\cmidrule\s*(?:\[[^\]]*\])?\s*(?:\([^)]*\))?\s*\{[^}]*\}")
_THIN_SPACE_IN_NUMBER = re.compile(r"(?<=\d)[\u2009\u202f](?=\d)")

_M, _E = macrospec.MacroSpec, macrospec.EnvironmentSpec
_WALKER_SPECS = dict(
    macros=[
        _M("multicolumn", "{{{"), _M("multirow", "[{[{[{"), _M("caption", "*[{"), _M("captionof", "*{[{"),
        _M("cline", "{"), _M("hhline", "{"), _M("toprule", "["), _M("midrule", "["), _M("bottomrule", "["),
        _M("specialrule", "{{{"), _M("addlinespace", "["), _M("noalign", "{"), _M("rowcolor", "[{"),
        _M("rowcolors", "*[{{{"), _M("cellcolor", "[{"), _M("arrayrulecolor", "[{"), _M("Xhline", "{"),
        _M("textsuperscript", "{"), _M("textsubscript", "{"), _M("tnote", "{"), _M("num", "[{"),
        _M("makecell", "[{"), _M("thead", "[{"), _M("shortstack", "[{"), _M("phantom", "{"),
        _M("hphantom", "{"), _M("vphantom", "{"), _M("textless", ""), _M("textgreater", ""), _M("kill", ""),
        _M("tabularnewline", ""), _M("label", "{"), _M("footnotemark", "["), _M("footnotetext", "[{"), _M("item", "["),
    ],
    environments=[
        _E("tabular", "[{"), _E("tabular*", "{[{"), _E("tabularx", "{[{"), _E("tabulary", "{[{"),
        _E("longtable", "[{"), _E("longtable*", "[{"), _E("xltabular", "{[{"), _E("table", "["),
        _E("table*", "["), _E("threeparttable", "["), _E("tablenotes", "["), _E("minipage", "[[[{"),
        _E("wraptable", "[{{"), _E("adjustbox", "{"), _E("subtable", "[{"),
    ],
)
_T = latex2text.MacroTextSpec
_TEXT_SPECS = dict(macros=[
    _T("textless", "<"), _T("textgreater", ">"), _T("textsuperscript", "%(1)s"), _T("textsubscript", "%(1)s"),
    _T("tnote", "%(1)s"), _T("num", "%(2)s"), _T("makecell", "%(2)s"), _T("thead", "%(2)s"),
    _T("shortstack", "%(2)s"), _T("phantom", ""), _T("hphantom", ""), _T("vphantom", ""),
    _T("textasteriskcentered", "*"), _T(",", "\u2009"), _T("thinspace", "\u2009"), _T("label", ""),
    _T("footnotemark", ""), _T("footnotetext", ""), _T("cellcolor", ""),
])


def _walker_context():
    context = latexwalker.get_default_latex_context_db()
    context.add_context_category("outscan-tables", prepend=True, **_WALKER_SPECS)
    return context


def _text_context():
    context = latex2text.get_default_latex_context_db()
    context.add_context_category("outscan-tables", prepend=True, **_TEXT_SPECS)
    return context


_WALKER_CONTEXT = _walker_context()
_TO_TEXT = latex2text.LatexNodes2Text(latex_context=_text_context(), math_mode="text",
                                      strict_latex_spaces=True)


def read_latex(path: Path) -> list[Table]:
    source, encoding = read_text(path)
    tables = latex_tables(source)
    for table in tables:
        table.source_encoding = encoding
    return tables


def latex_tables(source: str) -> list[Table]:
    """Every tabular or longtable of a LaTeX text, in document order, with its caption."""
    return name_tables([found.table for found in latex_table_sources(source) if found.table])


def latex_table_sources(source: str) -> list[TableSource]:
    """Every tabular or longtable of a LaTeX text with the rows it was read from, in document order."""
    try:
        return _table_sources(source)
    except RecursionError as exc:
        raise ReadError("cannot parse the LaTeX source: braces or environments nested too deeply") from exc


def _table_sources(source: str) -> list[TableSource]:
    # Blanked, not removed, so that every position keeps its line.
    source = _CMIDRULE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    walker = latexwalker.LatexWalker(source, latex_context=_WALKER_CONTEXT, tolerant_parsing=True)
    try:
        nodes, _, _ = walker.get_latex_nodes()
    # Tolerant parsing raises only on the worst input (and pylatexenc 2 indexes past a \verb at the end).
    except (latexwalker.LatexWalkerError, IndexError) as exc:
        raise ReadError(f"cannot parse the LaTeX source: {exc}") from exc
    return [_read_tabular(environment, floats, walker) for environment, floats in _tabulars(nodes, ())]


def _tabulars(nodes, ancestors: tuple) -> Iterator[tuple[object, tuple]]:
    """(tabular environment, enclosing environments innermost first), in document order."""
    for node in nodes or ():
        if node is None:
            continue
        if node.isNodeType(latexwalker.LatexEnvironmentNode):
            if node.environmentname in TABULAR_ENVIRONMENTS:
                yield node, ancestors
                continue  # a tabular inside a cell stays part of that cell's text
            yield from _tabulars(node.nodelist, (node, *ancestors))
        elif node.isNodeType(latexwalker.LatexGroupNode):
            yield from _tabulars(node.nodelist, ancestors)
        elif node.isNodeType(latexwalker.LatexMacroNode) and node.nodeargd is not None:
            for argument in node.nodeargd.argnlist or ():
                if argument is not None and argument.isNodeType(latexwalker.LatexGroupNode):
                    yield from _tabulars(argument.nodelist, ancestors)


@dataclass
class _Row:
    position: int
    cells: list[list]


def _read_tabular(environment, floats: tuple, walker) -> TableSource:
    rows, header_rows, header_known, captions = _split_rows(environment)
    if environment.environmentname not in _LONGTABLES or not captions:
        captions = _float_captions(floats)
    grid = _lay_out(rows, header_rows)
    lines = [walker.pos_to_lineno_colno(row.position)[0] for row in rows]
    read = list(zip(lines, grid))
    table = document_table(read, captions[0] if captions else None, header_known=header_known)
    if table is not None:
        table.notes = (*table.notes, *_float_notes(floats))
    return TableSource(table, read)


def _split_rows(environment) -> tuple[list[_Row], int, bool, list[str]]:
    """The rows of a tabular (cells as node lists), how many head it, whether a rule or a
    longtable head says so, and the captions of a longtable."""
    segments: list[tuple[list[_Row], str | None]] = []
    rows: list[_Row] = []
    cells: list[list] = [[]]
    start: int | None = None
    first_rule_after: int | None = None  # rows above the first rule under the header
    captions: list[str] = []

    def end_row(keep: bool = True) -> None:
        nonlocal cells, start
        if keep and (start is not None or len(cells) > 1):
            rows.append(_Row(start if start is not None else environment.pos, cells))
        cells, start = [[]], None

    for node in environment.nodelist or ():
        if node is None or node.isNodeType(latexwalker.LatexCommentNode):
            continue
        if node.isNodeType(latexwalker.LatexMacroNode):
            name = node.macroname
            if name in _ROW_END:
                end_row()
                continue
            if name == "kill":  # longtable: a row that sets widths and is not printed
                end_row(keep=False)
                continue
            if name in _LONGTABLE_PARTS:
                end_row()
                segments.append((rows, name))
                rows = []
                continue
            if name in ("caption", "captionof") and start is None and len(cells) == 1:
                text = _argument_text(node, -1)
                if text:
                    captions.append(text)
                continue
            if name == "label" and start is None and len(cells) == 1:
                continue
            if name in _DECORATIONS:
                if name in _MIDRULES and first_rule_after is None and not segments and rows \
                        and start is None and len(cells) == 1:
                    first_rule_after = len(rows)
                continue
        if node.isNodeType(latexwalker.LatexSpecialsNode) and node.specials_chars == "&":
            if start is None:
                start = node.pos
            cells.append([])
            continue
        cells[-1].append(node)
        if start is None:
            if not node.isNodeType(latexwalker.LatexCharsNode):
                start = node.pos
            elif node.chars.strip():  # the row starts at its first character, not at the line break before it
                start = node.pos + len(node.chars) - len(node.chars.lstrip())
    end_row()
    segments.append((rows, None))

    # longtable: the first head is kept, a repeated head and the page foot are not, the
    # last foot is printed after the body.
    marks = [mark for _, mark in segments]
    head: list[_Row] = []
    body: list[_Row] = []
    last_foot: list[_Row] = []
    for part, mark in segments:
        if mark == "endfirsthead" or (mark == "endhead" and "endfirsthead" not in marks):
            head.extend(part)
        elif mark in ("endhead", "endfoot"):
            continue
        elif mark == "endlastfoot":
            last_foot.extend(part)
        else:
            body.extend(part)
    header_rows = len(head) or first_rule_after or 1
    return [*head, *body, *last_foot], header_rows, bool(head) or first_rule_after is not None, captions


def _lay_out(rows: list[_Row], header_rows: int) -> list[tuple[str, ...]]:
    """Cell texts per row. \\multicolumn{n} puts its text in the first of its n columns and
    leaves the others empty (as a CSV export writes a spanning header); \\multirow{n} gives
    its text to the n data rows it covers (each row's label), but not to header rows."""
    grid: list[list[str]] = []
    spans: list[tuple[int, int, int, str]] = []  # (row, column, rows, text)
    for index, row in enumerate(rows):
        texts: list[str] = []
        for nodes in row.cells:
            text, columns, row_span = _cell(nodes)
            if row_span not in (0, 1, -1):
                spans.append((index, len(texts), row_span, text))
            texts.append(text)
            texts.extend([""] * (columns - 1))
        grid.append(texts)
    for index, column, row_span, text in spans:
        step = 1 if row_span > 0 else -1
        for other in range(index + step, index + row_span, step):
            if not 0 <= other < len(grid) or other < header_rows or index < header_rows:
                continue
            cells = grid[other]
            if column < len(cells) and not cells[column]:
                cells[column] = text
    return [tuple(cells) for cells in grid]


def _cell(nodes: list) -> tuple[str, int, int]:
    """(text, columns spanned, rows spanned) of one cell's nodes."""
    columns, rows = 1, 1
    span = _find_macro(nodes, "multicolumn")
    if span is not None:
        columns = _integer(_argument_text(span, 0), 1)
        nodes = _argument_nodes(span, 2)
    span = _find_macro(nodes, "multirow")
    if span is not None:
        rows = _integer(_argument_text(span, 1), 1)
        nodes = _argument_nodes(span, -1)
    return _text(nodes), max(1, min(columns, 1000)), max(-10_000, min(rows, 10_000))


def _find_macro(nodes: list, name: str, depth: int = 0):
    """The span macro of a cell, also when it is wrapped (\\textbf{\\multirow{2}{*}{Local}})."""
    for node in nodes or ():
        if node is None:
            continue
        if node.isNodeType(latexwalker.LatexMacroNode):
            if node.macroname == name:
                return node
            if depth < 3 and node.nodeargd is not None:
                for argument in node.nodeargd.argnlist or ():
                    if argument is not None and argument.isNodeType(latexwalker.LatexGroupNode):
                        found = _find_macro(argument.nodelist, name, depth + 1)
                        if found is not None:
                            return found
        elif node.isNodeType(latexwalker.LatexGroupNode) and depth < 3:
            found = _find_macro(node.nodelist, name, depth + 1)
            if found is not None:
                return found
    return None


def _argument_nodes(macro, index: int) -> list:
    arguments = [a for a in (macro.nodeargd.argnlist if macro.nodeargd else None) or ()]
    try:
        argument = arguments[index]
    except IndexError:
        return []
    if argument is None:
        return []
    if argument.isNodeType(latexwalker.LatexGroupNode):
        return list(argument.nodelist or ())
    return [argument]


def _argument_text(macro, index: int) -> str:
    return _text(_argument_nodes(macro, index))


def _text(nodes: list) -> str:
    text = _TO_TEXT.nodelist_to_text([n for n in nodes if n is not None])
    return clean_text(_THIN_SPACE_IN_NUMBER.sub("", text))


def _integer(text: str, default: int) -> int:
    match = re.match(r"^\s*(-?\d+)", text)
    return int(match.group(1)) if match else default


def _float_captions(floats: tuple) -> list[str]:
    """The caption of the innermost float around a tabular that has one."""
    for environment in floats:
        if environment.environmentname not in _FLOATS:
            continue
        captions = [_argument_text(macro, -1) for macro in _macros(environment.nodelist, {"caption", "captionof"})]
        captions = [c for c in captions if c]
        if captions:
            return captions
    return []


def _float_notes(floats: tuple) -> list[str]:
    """The notes of a threeparttable: each \\item of its tablenotes, its label first."""
    for environment in floats:
        if environment.environmentname not in _FLOATS:
            continue
        texts: list[str] = []
        for notes in _environments(environment.nodelist, _NOTES_ENVIRONMENTS):
            items: list[list] = [[]]
            for node in notes.nodelist or ():
                if node is not None and node.isNodeType(latexwalker.LatexMacroNode) and node.macroname == "item":
                    items.append([*_argument_nodes(node, 0), latexwalker.LatexCharsNode(chars=" ")])
                else:
                    items[-1].append(node)
            texts.extend(text for item in items if (text := _text(item)))
        if texts:
            return texts
    return []


def _macros(nodes, names: set[str]):
    for node in nodes or ():
        if node is None:
            continue
        if node.isNodeType(latexwalker.LatexMacroNode) and node.macroname in names:
            yield node
        elif node.isNodeType(latexwalker.LatexEnvironmentNode) and node.environmentname not in TABULAR_ENVIRONMENTS:
            yield from _macros(node.nodelist, names)
        elif node.isNodeType(latexwalker.LatexGroupNode):
            yield from _macros(node.nodelist, names)


def _environments(nodes, names: set[str]):
    for node in nodes or ():
        if node is None:
            continue
        if node.isNodeType(latexwalker.LatexEnvironmentNode):
            if node.environmentname in names:
                yield node
            elif node.environmentname not in TABULAR_ENVIRONMENTS:
                yield from _environments(node.nodelist, names)
        elif node.isNodeType(latexwalker.LatexGroupNode):
            yield from _environments(node.nodelist, names)


# --- the text ------------------------------------------------------------------------------

def read_latex_document(path: Path) -> list:
    """A LaTeX manuscript: its text (one `TextDocument`), then its tables."""
    source, encoding = read_text(path)
    document, tables = latex_document(source)
    document.source_encoding = encoding
    for table in tables:
        table.source_encoding = encoding
    return [document, *tables]


def latex_document(source: str) -> tuple[TextDocument, list[Table]]:
    scan = _ProseScanner(source)
    scan.run()
    problems: list[str] = []
    sources: list[TableSource] = []
    table_source = scan.table_source()
    if table_source is not None:
        try:
            sources = latex_table_sources(table_source)
        except ReadError as exc:  # the text is read all the same; the file is reported as read in part
            problems.append(f"its tables were not read: {exc}")
    tables = name_tables([found.table for found in sources if found.table])
    blocks = assign_parts([*scan.drafts(), *table_drafts(sources)], first_line=scan.body_line)
    return TextDocument(blocks, authors=unique(scan.authors()), problems=problems), tables


# Above this size, pylatexenc reads only the environments around the tabulars.
_WHOLE_SOURCE_FOR_TABLES = 200_000
_VISIBLE = re.compile(r"\S")
# A URL is read as written (a "%" in it starts no comment): \url and \path print it, \href does not.
_URL = re.compile(r"\\(url|path|href)\s*\{[^{}\n]*\}")
_DOI_URL = re.compile(r"10\.\d{4,9}/")
# Tokens: a comment, a paragraph break (blank lines), a control word or symbol, a special character.
_TOKEN = re.compile(r"%[^\n]*|\n[ \t]*\n(?:[ \t]*\n)*|\\(?:[A-Za-z@]+\*?|.|\Z)|[{}$~&]", re.S)
_VERBATIM = re.compile(r"\\begin\s*\{(verbatim\*?|Verbatim\*?|BVerbatim|lstlisting|minted)\}"
                       r"(?:\s*\[[^\]\n]*\])?(?:\{[^}\n]*\})?")
_BEGIN = re.compile(r"\\begin\s*\{([^{}\n]{1,80})\}")
_END = re.compile(r"\\end\s*\{([^{}\n]{1,80})\}")
_TABULAR_BEGIN = re.compile(r"\\begin\s*\{\s*(?:tabular[*xy]?|longtable\*?|xltabular)\s*\}")
# An optional argument: [...], braces inside it balanced; bounded, so a stray "[" costs little.
_OPTION = re.compile(r"[ \t]*\n?[ \t]*\[(?:[^\[\]{}]|\{[^{}]{0,200}\}){0,500}\]")
_LINE_BREAK_TAIL = re.compile(r"\*?(?:[ \t]*\[[^\[\]\n]{0,50}\])?")
_DEF = re.compile(r"\\[egx]?def\s*(?:\\[A-Za-z@]+|\\.)[^{\n]{0,100}")
_COMMENT_MARKS = re.compile(r"%+")
_NOT_CONDITIONALS = {"ifthenelse", "iflanguage"}

# Arguments that are not prose (keys, labels, URLs, file names, lengths, definitions):
# how many mandatory arguments are blanked with the macro, and every optional one.
_NOT_PROSE = {
    **dict.fromkeys("cite citep citet citealt citealp citeauthor citeyear citeyearpar parencite textcite autocite "
                    "footcite supercite nocite Cite Citep Citet Parencite Textcite Autocite fullcite".split(), 1),
    **dict.fromkeys("ref eqref pageref autoref cref Cref nameref vref label includegraphics bibliographystyle "
                    "bibliography addbibresource usepackage RequirePackage documentclass input include includeonly "
                    "graphicspath newcounter newlength vspace hspace color textcolor colorbox pagecolor pagestyle "
                    "thispagestyle pagenumbering linespread hypersetup geometry captionsetup lstset setmainfont "
                    "setsansfont usetikzlibrary tikzset pgfplotsset sisetup setcitestyle scalebox rotatebox raisebox "
                    "parbox orcid ORCID orcidlink fnref corref tnoteref inst IEEEauthorrefmark".split(), 1),
    **dict.fromkeys("newcommand renewcommand providecommand DeclareMathOperator newtheorem setlength addtolength "
                    "setcounter addtocounter settowidth fontsize resizebox rule".split(), 2),
    **dict.fromkeys("newenvironment renewenvironment definecolor".split(), 3),
    **dict.fromkeys("printbibliography footnotemark".split(), 0),
}
# Macros whose argument is a block of its own: (kind, mandatory arguments blanked before it).
_REGIONS = {
    **{name: ("heading", 0) for name in "part chapter section subsection subsubsection paragraph subparagraph".split()},
    "caption": ("caption", 0), "subcaption": ("caption", 0), "captionof": ("caption", 1),
    **{name: ("front", 0) for name in "title author affil affiliation address institute thanks date email".split()},
}
# Macros and environments that start a part: the abstract, the acknowledgements, the references.
_PART_MACROS = {"abstract": Part.BODY, "appendix": Part.BODY, "acknowledgments": Part.BACK,
                "acknowledgements": Part.BACK, "acks": Part.BACK}
_PART_ENVIRONMENTS = {"abstract": Part.BODY, "acknowledgments": Part.BACK, "acknowledgements": Part.BACK,
                      "acknowledgment": Part.BACK, "acknowledgement": Part.BACK, "acks": Part.BACK,
                      "funding": Part.BACK, "thebibliography": Part.REFERENCES}
_ENVIRONMENT_ARGUMENTS = {"thebibliography": 1, "minipage": 1, "multicols": 1, "wrapfigure": 2, "wraptable": 2,
                          "subfigure": 1, "subtable": 1, "adjustbox": 1, "list": 2, "otherlanguage": 1}
# Macros that end a paragraph (and start none).
_BREAKS = {"par", "maketitle", "newpage", "clearpage", "cleardoublepage", "tableofcontents", "listoffigures",
           "listoftables", "printbibliography", "bigskip", "medskip", "smallskip"}

# Characters written with a macro, shown as the character (padded to the macro's width).
_SYMBOLS = {
    "ldots": "...", "dots": "...", "textellipsis": "...", "S": "\u00a7", "P": "\u00b6", "dag": "\u2020",
    "ddag": "\u2021", "textdagger": "\u2020", "textdaggerdbl": "\u2021", "copyright": "\u00a9",
    "textcopyright": "\u00a9", "textregistered": "\u00ae", "texttrademark": "\u2122", "pounds": "\u00a3",
    "textsterling": "\u00a3", "euro": "\u20ac", "texteuro": "\u20ac", "textdegree": "\u00b0", "degree": "\u00b0",
    "times": "\u00d7", "texttimes": "\u00d7", "cdot": "\u00b7", "neq": "\u2260", "ne": "\u2260",
    "textasciitilde": "~", "textbackslash": "\\", "textbar": "|", "textendash": "\u2013", "textemdash": "\u2014",
    "textquoteleft": "\u2018", "textquoteright": "\u2019", "textquotedblleft": "\u201c",
    "textquotedblright": "\u201d", "textbullet": "\u2022", "textunderscore": "_", "LaTeX": "LaTeX", "TeX": "TeX",
}
_COMPARISONS = {"<": "<", ">": ">", "le": "\u2264", "leq": "\u2264", "leqslant": "\u2264", "lt": "<",
                "textless": "<", "ge": "\u2265", "geq": "\u2265", "geqslant": "\u2265", "gt": ">",
                "textgreater": ">", "pm": "\u00b1", "textpm": "\u00b1", "approx": "\u2248", "sim": "~"}
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328",
            "r": "\u030a", "d": "\u0323", "b": "\u0331"}
_LETTERS = {"i": "i", "j": "j", "ss": "\u00df", "ae": "\u00e6", "AE": "\u00c6", "oe": "\u0153", "OE": "\u0152",
            "o": "\u00f8", "O": "\u00d8", "aa": "\u00e5", "AA": "\u00c5", "l": "\u0142", "L": "\u0141"}

# Glue inside a word (accents, special letters, escaped characters): the word is written
# whole and the markup's width goes after it, so "M{\"u}ller" reads "Müller" and "30\%" "30%".
_ACCENT = (r"\\(?:[`'^\"~=.]|[cvuHkrdb](?![A-Za-z]))[ \t]*"
           r"(?:\{[ \t]*(?:\\[ij](?![A-Za-z])|[A-Za-z])[ \t]*\}|\\[ij](?![A-Za-z])|[A-Za-z])")
_LETTER = r"\\(?:ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\{\})?"
_GLUE_ITEM = rf"(?:{_ACCENT}|{_LETTER}|\\[%&$#_{{}}])"
_GLUE = re.compile(rf"(?:\{{{_GLUE_ITEM}\}}|{_GLUE_ITEM})(?:\{{{_GLUE_ITEM}\}}|{_GLUE_ITEM}|[A-Za-z0-9])*")
_GLUE_PART = re.compile(
    r"\\(?P<accent>[`'^\"~=.]|[cvuHkrdb](?![A-Za-z]))[ \t]*(?:\{[ \t]*(?P<braced>\\[ij]|[A-Za-z])[ \t]*\}"
    r"|(?P<bare>\\[ij](?![A-Za-z])|[A-Za-z]))"
    r"|\\(?P<letter>ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\{\})?"
    r"|\\(?P<escape>[%&$#_{}])|(?P<brace>[{}])")
_GLUE_WORDS = set(_LETTERS) | {"c", "v", "u", "H", "k", "r", "d", "b"}
# A comparison and the number it bounds, written together: "$<$11" and "\leq 5" read "<11", "≤5".
_COMPARISON = re.compile(
    r"(?:\$[ \t]*(?P<math>[<>]|\\(?:leq?|geq?|leqslant|geqslant|lt|gt|pm|approx|sim)(?![A-Za-z]))[ \t]*\$"
    r"|\\(?P<word>leq?|geq?|leqslant|geqslant|lt|gt|textless|textgreater|pm|textpm|approx|sim)(?![A-Za-z])(?:\{\})?)"
    r"(?P<number>[ \t]?[\d.,]*\d)?")
_COMPARISON_WORDS = {"le", "leq", "leqslant", "ge", "geq", "geqslant", "lt", "gt", "textless", "textgreater",
                     "pm", "textpm", "approx", "sim"}


def _glue_text(match: re.Match) -> str:
    if match.group("accent"):
        letter = match.group("braced") or match.group("bare")
        letter = _LETTERS.get(letter[1:], letter) if letter.startswith("\\") else letter
        return unicodedata.normalize("NFC", letter + _ACCENTS[match.group("accent")])
    if match.group("letter"):
        return _LETTERS[match.group("letter")]
    return match.group("escape") or ""


def _comparison_text(match: re.Match) -> str:
    symbol = match.group("math") or match.group("word")
    return _COMPARISONS[symbol.lstrip("\\")] + (match.group("number") or "").strip()


@dataclass
class _Region:
    """A macro whose argument is a block of its own (a heading, a caption, a title or byline)."""

    start: int
    kind: str
    macro: str
    argument: int  # position of the argument's "{"
    end: int | None = None  # after the closing "}"


@dataclass
class _Environment:
    name: str
    start: int
    holds_table: bool = False  # the outermost environment around a tabular: its caption and notes go with it
    table_zone: bool = False  # a tabular itself: read as table rows, not prose


class _ProseScanner:
    """Blanks a LaTeX source's markup in place and notes its structure.

    One pass over the tokens writes `chars`, the source with every character that is not
    prose a reader sees turned to a space (line breaks kept), and notes where blocks
    start (paragraph breaks, environments, \\item), which arguments are headings, captions
    or the byline, where comments and verbatim text are, and which environments hold the
    tables. Drafts are then cut from `chars` at those places.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.chars = list(source)
        self.tokens: list[tuple[int, int, str]] = []
        self.closing: dict[int, int] = {}  # "{" token -> its "}" token
        self.breaks_before: list[int] = []  # paragraph breaks before each token
        self.comments: list[tuple[int, int, bool]] = []  # (start, end, whole: a comment environment)
        self.code: list[tuple[int, int]] = []
        self.regions: list[_Region] = []
        self.cuts: list[int] = []
        self.markers: list[tuple[int, Part]] = []
        self.environments: list[_Environment] = []
        self.table_zones: list[tuple[int, int]] = []  # tabulars: not prose
        self.table_holders: list[tuple[int, int]] = []  # what pylatexenc must read for the tables
        self.stack: list[_Region | None] = []  # open groups; a region's argument, or None
        self.body_start = 0
        self.body_line = 1
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source))]

    # --- lexing -----------------------------------------------------------------------------

    def _lex(self) -> None:
        """Tokens, with verbatim text and \\verb|...| as single tokens, and matching braces."""
        source, tokens, opened = self.source, self.tokens, []
        breaks = 0
        position = 0
        while (match := _TOKEN.search(source, position)) is not None:
            start, end = match.span()
            text = match.group()
            kind = text[0] if text[0] != "\n" else "p"
            if kind == "\\" and text.startswith("\\begin"):
                verbatim = _VERBATIM.match(source, start)
                if verbatim is not None:
                    close = source.find(f"\\end{{{verbatim.group(1)}}}", verbatim.end())
                    end = len(source) if close < 0 else close + len(verbatim.group(1)) + 6
                    self.code.append((verbatim.end(), len(source) if close < 0 else close))
                    kind = "v"
            elif kind == "\\" and text in ("\\url", "\\path", "\\href") and (url := _URL.match(source, start)):
                end, kind = url.end(), "h" if url.group(1) == "href" else "u"
            elif kind == "\\" and text in ("\\verb", "\\verb*") and end < len(source):
                close = source.find(source[end], end + 1)
                if not source[end].isalpha() and not source[end].isspace() and close > 0 \
                        and "\n" not in source[end:close]:
                    end, kind = close + 1, "b"
            if kind == "{":
                opened.append(len(tokens))
            elif kind == "}" and opened:
                self.closing[opened.pop()] = len(tokens)
            self.breaks_before.append(breaks)
            breaks += kind == "p"
            tokens.append((start, end, kind))
            position = max(end, start + 1)

    # --- the pass ---------------------------------------------------------------------------

    def run(self) -> None:
        self._lex()
        index = 0
        while index < len(self.tokens):
            index = self._token(index)
        end = len(self.source)
        for region in self.regions:
            if region.end is None:
                region.end = end
        for environment in self.environments:
            self._close_environment(environment, end)
        for start, stop in self.table_zones:
            self._blank_table(start, stop)

    def _token(self, index: int) -> int:
        start, end, kind = self.tokens[index]
        if kind == "%":
            self.comments.append((start, end, False))
            self._blank(start, end)
        elif kind == "p":
            self.cuts.append(start)
            self._end_arguments(start)
        elif kind == "v":
            self.cuts.extend((start, end))
            self._blank(start, end)
        elif kind == "u":  # \url{...}: the URL is printed, and kept (a DOI acknowledges a data set)
            opening = self.source.index("{", start)
            self._blank(start, opening + 1)
            self._blank(end - 1, end)
        elif kind == "h":  # \href{url}: not printed; the text argument after it is
            opening = self.source.index("{", start)
            if _DOI_URL.search(self.source, opening, end):  # a data citation's DOI: kept for OS240
                self._blank(start, opening + 1)
                self._blank(end - 1, end)
            else:
                self._blank(start, end)
        elif kind == "b":  # \verb|...|: its text is kept, the macro and delimiters are not
            opening = start + (6 if self.source.startswith("\\verb*", start) else 5)
            self._blank(start, opening + 1)
            self._blank(end - 1, end)
        elif kind == "{":
            glue = _GLUE.match(self.source, start)
            if glue is not None:
                return self._show(index, glue, _GLUE_PART.sub(_glue_text, glue.group()))
            self._blank(start, end)
            self.stack.append(None)
        elif kind == "}":
            self._blank(start, end)
            if self.stack and (region := self.stack.pop()) is not None:
                region.end = end
        elif kind == "$":
            comparison = _COMPARISON.match(self.source, start)
            if comparison is not None:
                return self._show(index, comparison, _comparison_text(comparison))
            self._blank(start, end)
        elif kind in "~&":
            self.chars[start] = " "
        else:
            return self._macro(index)
        return index + 1

    def _macro(self, index: int) -> int:
        start, end, _ = self.tokens[index]
        name = self.source[start + 1:end]
        base = name.rstrip("*") or name
        if not name[:1].isalpha():
            return self._symbol(index, name)
        if base in _BREAKS:
            self.cuts.append(start)
        if base in _GLUE_WORDS and (glue := _GLUE.match(self.source, start)):
            return self._show(index, glue, _GLUE_PART.sub(_glue_text, glue.group()))
        if base in _COMPARISON_WORDS and (comparison := _COMPARISON.match(self.source, start)):
            return self._show(index, comparison, _comparison_text(comparison))
        if base in _SYMBOLS:
            return self._show(index, None, _SYMBOLS[base], end)
        if base == "begin":
            return self._begin(index)
        if base == "end":
            return self._end(index)
        if base in _REGIONS:
            return self._region(index, *_REGIONS[base], base)
        if base in _NOT_PROSE:
            return self._skip(index, self._arguments(index, end, _NOT_PROSE[base]))
        if base == "item":
            return self._item(index)
        if base == "bibitem":
            self.cuts.append(start)
            self.markers.append((start, Part.REFERENCES))
            return self._skip(index, self._arguments(index, end, 1))
        if base == "iffalse":
            return self._if_false(index)
        if base in ("def", "gdef", "edef", "xdef"):
            definition = _DEF.match(self.source, start)
            return self._skip(index, self._arguments(index, definition.end() if definition else end, 1))
        if base in _PART_MACROS:
            self.cuts.append(start)
            self.markers.append((start, _PART_MACROS[base]))
        self._blank(start, end)
        return index + 1

    def _symbol(self, index: int, name: str) -> int:
        start, end, _ = self.tokens[index]
        glue = _GLUE.match(self.source, start)
        if glue is not None:
            return self._show(index, glue, _GLUE_PART.sub(_glue_text, glue.group()))
        if name == "\\":
            end = _LINE_BREAK_TAIL.match(self.source, end).end()
        self._blank(start, end)
        return self._next(index, end)

    # --- environments -------------------------------------------------------------------------

    def _begin(self, index: int) -> int:
        start, end, _ = self.tokens[index]
        begin = _BEGIN.match(self.source, start)
        if begin is None:
            self._blank(start, end)
            return index + 1
        name = begin.group(1).strip()
        self.cuts.append(start)
        if name == "comment":
            close = _END.search(self.source, begin.end())
            while close is not None and close.group(1).strip() != "comment":
                close = _END.search(self.source, close.end())
            stop = close.start() if close else len(self.source)
            self.comments.append((begin.end(), stop, True))
            return self._skip(index, close.end() if close else stop, record=False)
        if name == "document":
            self.body_start = begin.end()
            self.body_line = self._line(begin.end())
        if name in _PART_ENVIRONMENTS:
            self.markers.append((start, _PART_ENVIRONMENTS[name]))
        environment = _Environment(name, start, table_zone=name in TABULAR_ENVIRONMENTS)
        if environment.table_zone:
            holders = [e for e in self.environments if e.name != "document"]
            (holders[0] if holders else environment).holds_table = True
        self.environments.append(environment)
        return self._skip(index, self._arguments(index, begin.end(), _ENVIRONMENT_ARGUMENTS.get(name, 0)))

    def _end(self, index: int) -> int:
        start, end, _ = self.tokens[index]
        close = _END.match(self.source, start)
        if close is None:
            self._blank(start, end)
            return index + 1
        name = close.group(1).strip()
        self._blank(start, close.end())
        self.cuts.extend((start, close.end()))
        names = [e.name for e in self.environments]
        if name in names:
            depth = len(names) - 1 - names[::-1].index(name)
            for environment in reversed(self.environments[depth:]):
                self._close_environment(environment, close.end())
            del self.environments[depth:]
        if name == "document":  # what follows is not typeset: a note to the authors, at most
            self.comments.append((close.end(), len(self.source), True))
            self._blank(close.end(), len(self.source))
            return len(self.tokens)
        return self._next(index, close.end())

    def _close_environment(self, environment: _Environment, end: int) -> None:
        if environment.table_zone:
            self.table_zones.append((environment.start, end))
        if environment.holds_table:
            self.table_holders.append((environment.start, end))

    def _if_false(self, index: int) -> int:
        """\\iffalse ... \\fi: commented out, as a comment environment."""
        depth, other = 0, index
        for other in range(index, len(self.tokens)):
            start, end, kind = self.tokens[other]
            if kind == "\\":
                name = self.source[start + 1:end]
                depth += name.startswith("if") and name not in _NOT_CONDITIONALS
                depth -= name == "fi"
                if depth == 0:
                    break
        else:
            other = len(self.tokens)
        stop = self.tokens[other][0] if other < len(self.tokens) else len(self.source)
        self.comments.append((self.tokens[index][1], stop, True))
        return self._skip(index, self.tokens[other][1] if other < len(self.tokens) else stop, record=False)

    # --- arguments ------------------------------------------------------------------------------

    def _region(self, index: int, kind: str, blanked: int, macro: str) -> int:
        """A heading, caption or byline macro: its last argument becomes a block of its own."""
        start, end, _ = self.tokens[index]
        position = self._arguments(index, end, blanked)
        position = self._options(position)
        group = self._group(index, position)
        if group is None or self.tokens[group][2] != "{":
            return self._skip(index, position)
        opening = self.tokens[group][0]
        region = _Region(start, kind, macro, opening)
        self.regions.append(region)
        self._blank(start, opening + 1)
        skipped = self._skip(index, opening + 1)
        self.stack.append(region)
        return skipped

    def _item(self, index: int) -> int:
        """\\item starts a block; its optional label ("\\item[Funding]") is prose."""
        start, end, _ = self.tokens[index]
        self.cuts.append(start)
        self._blank(start, end)
        label = _OPTION.match(self.source, end)
        if label is None or "\n\n" in label.group():
            return index + 1
        opening = self.source.index("[", end)
        self._blank(opening, opening + 1)
        self._blank(label.end() - 1, label.end())
        return index + 1

    def _arguments(self, index: int, position: int, count: int) -> int:
        """The position after `count` mandatory arguments (and the options before each) from `position`."""
        for _ in range(count):
            position = self._options(position)
            group = self._group(index, position)
            if group is None:
                return position
            position = self.tokens[self.closing.get(group, group)][1]
        return position if count else self._options(position)

    def _options(self, position: int) -> int:
        while (option := _OPTION.match(self.source, position)) is not None:
            position = option.end()
        return position

    def _group(self, index: int, position: int) -> int | None:
        """The token of an argument at `position` (a "{" closed in the same paragraph, or a
        single control word), or None."""
        other = self._next(index, position)
        if other >= len(self.tokens):
            return None
        start, _, kind = self.tokens[other]
        if self.source[position:start].strip():
            return None
        if kind == "{":
            close = self.closing.get(other)
            return other if close is not None and self.breaks_before[close] == self.breaks_before[other] else None
        return other if kind == "\\" and self.source[start + 1:start + 2].isalpha() else None

    def _end_arguments(self, position: int) -> None:
        """A paragraph break ends every argument still open: LaTeX would stop there too."""
        while any(region is not None for region in self.stack):
            region = self.stack.pop()
            if region is not None:
                region.end = position

    # --- writing --------------------------------------------------------------------------------

    def _blank(self, start: int, end: int) -> None:
        self.chars[start:end] = blank(self.source[start:end])

    def _show(self, index: int, match: re.Match | None, text: str, end: int | None = None) -> int:
        """Write `text` where the markup `match` stands, padded to its width."""
        start = self.tokens[index][0]
        end = match.end() if match is not None else end
        if len(text) <= end - start and "\n" not in self.source[start:end]:
            self.chars[start:end] = text.ljust(end - start)
        else:
            self._blank(start, end)
        return self._next(index, end)

    def _next(self, index: int, position: int) -> int:
        while index < len(self.tokens) and self.tokens[index][0] < position:
            index += 1
        return index

    def _skip(self, index: int, position: int, record: bool = True) -> int:
        """Blank from the token at `index` to `position`; comments in between are kept as
        comments, and tables in between are read as tables."""
        start = self.tokens[index][0]
        self._blank(start, position)
        other = index + 1
        while other < len(self.tokens) and self.tokens[other][0] < position:
            token_start, token_end, kind = self.tokens[other]
            if record and kind == "%":
                self.comments.append((token_start, token_end, False))
            other += 1
        if _TABULAR_BEGIN.search(self.source, start, position):
            self.table_holders.append((start, position))
        return other

    def _blank_table(self, start: int, end: int) -> None:
        """A tabular's cells are table rows, not prose; a longtable's caption stays a caption."""
        captions = [r for r in self.regions if r.kind == "caption" and start <= r.start and r.end <= end]
        for caption in captions:
            self._blank(start, caption.start)
            start = caption.end
        self._blank(start, end)

    def _line(self, position: int) -> int:
        return bisect_right(self.line_starts, position)

    # --- results --------------------------------------------------------------------------------

    def table_source(self) -> str | None:
        """What pylatexenc reads for the tables: the whole source, or in a long one only the
        environments around its tabulars (pylatexenc takes seconds per megabyte)."""
        if not self.table_holders and not _TABULAR_BEGIN.search(self.source):
            return None
        if len(self.source) <= _WHOLE_SOURCE_FOR_TABLES:
            return self.source
        pieces, position = [], 0
        for start, end in sorted(self.table_holders):
            if end <= position:
                continue
            start = max(start, position)
            pieces.extend((blank(self.source[position:start]), self.source[start:end]))
            position = end
        pieces.append(blank(self.source[position:]))
        return "".join(pieces)

    @property
    def preamble_end(self) -> int:
        """Where the preamble ends: at \\begin{document}, or at an abstract some classes put before it."""
        return min([self.body_start, *(position for position, _ in self.markers[:1])])

    def drafts(self) -> list[Draft]:
        shown = "".join(self.chars)
        drafts = [*self._prose_drafts(shown), *self._comment_drafts(), *self._code_drafts()]
        for position, part in self.markers:
            line = self._line(position)
            drafts.append(Draft("", line, position - self.line_starts[line - 1], opens=part, heading=True))
        return drafts

    def _prose_drafts(self, shown: str) -> list[Draft]:
        outer: list[_Region] = []
        for region in sorted(self.regions, key=lambda r: r.start):
            if not outer or region.start >= outer[-1].end:
                outer.append(region)
        paragraph_breaks = [start for start, _, kind in self.tokens if kind == "p"]
        bounds = sorted({0, len(shown), *self.cuts, *paragraph_breaks, *(p for p, _ in self.markers),
                         *(r.start for r in outer), *(r.end for r in outer)})
        drafts: list[Draft] = []
        next_region = 0
        for start, end in zip(bounds, bounds[1:]):
            while next_region < len(outer) and outer[next_region].end <= start:
                next_region += 1
            region = outer[next_region] if next_region < len(outer) and outer[next_region].start <= start else None
            draft = self._draft(shown, start, end, region)
            if draft is not None:
                drafts.append(draft)
        return drafts

    def _draft(self, shown: str, start: int, end: int, region: _Region | None) -> Draft | None:
        visible = self._visible(shown, start, end)
        if visible is None:
            return None
        text, line, column = visible
        if region is not None and region.kind == "heading":
            return heading_draft(text, line, column)
        if region is not None:
            return Draft(text, line, column, part=Part.CAPTION if region.kind == "caption" else Part.FRONT)
        if start < self.preamble_end:  # what \title, \author and the like hold, and custom front macros
            return Draft(text, line, column, part=Part.FRONT)
        return prose_draft(text, line, column)

    def _visible(self, shown: str, start: int, end: int, offset: int = 0) -> tuple[str, int, int] | None:
        """(text, line, column) of the source from `start` to `end` as `shown` shows it (`shown[0]`
        being the source at `offset`): from the start of its first visible character's line."""
        first = _VISIBLE.search(shown, start - offset, end - offset)
        if first is None:
            return None
        line = self._line(offset + first.start())
        column = offset + first.start() - self.line_starts[line - 1]
        return " " * column + shown[first.start():end - offset].rstrip(), line, column

    def _comment_drafts(self) -> list[Draft]:
        """A block per run of comments on consecutive lines, the "%" blank."""
        drafts: list[Draft] = []
        run: list[tuple[int, int, bool]] = []
        for comment in [*sorted(self.comments), None]:
            if run and (comment is None or self._line(comment[0]) > self._line(run[-1][1]) + 1):
                drafts.extend(self._comment_run(run))
                run = []
            if comment is not None:
                run.append(comment)
        return drafts

    def _comment_run(self, run: list[tuple[int, int, bool]]) -> list[Draft]:
        pieces, position = [], run[0][0]
        for start, end, whole in run:
            text = self.source[start:end]
            if not whole:
                marks = _COMMENT_MARKS.match(text).end()
                text = " " * marks + text[marks:]
            pieces.extend((blank(self.source[position:start]), text))
            position = end
        visible = self._visible("".join(pieces), run[0][0], position, offset=run[0][0])
        return [Draft(*visible, part=Part.COMMENT, label="comment")] if visible else []

    def _code_drafts(self) -> list[Draft]:
        return [Draft(*visible, part=Part.CODE) for start, end in self.code
                if (visible := self._visible(self.source, start, end))]

    def authors(self) -> list[str]:
        names: list[str] = []
        for region in self.regions:
            if region.macro == "author" and region.end is not None:
                end = region.end - 1 if self.source[region.end - 1:region.end] == "}" else region.end
                names.extend(_author_names(self.source[region.argument + 1:end]))
        return names


# Inside \author: "\and" between authors, "\\" before an affiliation, macros that only set a
# name in type (kept), and everything else (\thanks, \inst{1}, $^{1}$ ...) dropped with its arguments.
_AUTHOR_SEPARATOR = re.compile(r"\\(?:and|AND|And)(?![A-Za-z])")
_LINE_BREAK = re.compile(r"\\\\")
_CONTROL_WORD = re.compile(r"\\([A-Za-z@]+)\*?")
_MACRO = re.compile(r"\\(?:([A-Za-z@]+)\*?|.)", re.S)
_MATH = re.compile(r"\$[^$]*\$")
_NAME_MACROS = {"textbf", "textit", "emph", "textsc", "textrm", "textsf", "textnormal", "textup", "mbox", "text",
                "IEEEauthorblockN", "MakeUppercase", "bf", "it", "sc", "rm", "em", "scshape", "bfseries", "itshape",
                "upshape", "normalfont", "large", "Large", "small", "normalsize"}
_MAX_BYLINE = 20_000


def _author_names(argument: str) -> list[str]:
    """The names in one \\author{...}: "A. One\\thanks{...} \\and B. Two$^{2}$" -> A. One, B. Two."""
    argument = re.sub(r"(?<!\\)%[^\n]*", "", argument[:_MAX_BYLINE])
    names: list[str] = []
    for chunk in _AUTHOR_SEPARATOR.split(argument):
        chunk = _drop_macros(_MATH.sub(" ", chunk))
        first = next((line for line in _LINE_BREAK.split(chunk) if line.strip()), "")
        text = _GLUE_PART.sub(_glue_text, first)
        names.extend(split_names(_CONTROL_WORD.sub(" ", text).replace("~", " ")))
    return names


def _drop_macros(text: str) -> str:
    """`text` without the macros that are not part of a name, and their arguments."""
    out, position = [], 0
    while (macro := _MACRO.search(text, position)) is not None:
        out.append(text[position:macro.start()])
        name = macro.group(1)
        if name is None or name in _NAME_MACROS or name in _GLUE_WORDS:
            out.append(macro.group())
            position = macro.end()
        else:
            out.append(" ")
            position = _after_arguments(text, macro.end())
    out.append(text[position:])
    return "".join(out)


def _after_arguments(text: str, position: int) -> int:
    """The position after the [...] and {...} arguments that follow `position`."""
    while True:
        start = len(text) - len(text[position:].lstrip(" \t"))
        if text.startswith("[", start):
            close = text.find("]", start)
            if close < 0:
                return len(text)
        elif text.startswith("{", start):
            depth, close = 0, start
            for close in range(start, len(text)):
                depth += {"{": 1, "}": -1}.get(text[close], 0)
                if depth == 0:
                    break
        else:
            return position
        position = close + 1
