"""LaTeX tables: ``tabular`` (and ``tabular*``, ``tabularx``, ``tabulary``), ``longtable``.

pylatexenc parses the source (braces, comments, ``\\%`` and ``\\&``, verbatim, optional
arguments) and turns each cell's LaTeX into the text a reader sees (``$<$11`` -> ``<11``,
``\\textbf{12}`` -> ``12``, ``\\'e`` -> ``é``); splitting cells at ``&`` and rows at ``\\\\``,
spans, rules and the longtable head and foot are done here. The caption (``\\caption``
in the surrounding ``table`` float, or inside a ``longtable``) is kept, and so are the
notes of a ``threeparttable``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pylatexenc import latex2text, latexwalker, macrospec

from outscan.documents import Table
from outscan.readers.errors import ReadError
from outscan.readers.html import clean_text, document_table, name_tables
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
    # Blanked, not removed, so that every position keeps its line.
    source = _CMIDRULE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    walker = latexwalker.LatexWalker(source, latex_context=_WALKER_CONTEXT, tolerant_parsing=True)
    try:
        nodes, _, _ = walker.get_latex_nodes()
    except latexwalker.LatexWalkerError as exc:  # tolerant parsing raises only on the worst input
        raise ReadError(f"cannot parse the LaTeX source: {exc}") from exc
    tables = []
    for environment, floats in _tabulars(nodes, ()):
        table = _read_tabular(environment, floats, walker)
        if table is not None:
            tables.append(table)
    return name_tables(tables)


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


def _read_tabular(environment, floats: tuple, walker) -> Table | None:
    rows, header_rows, header_known, captions = _split_rows(environment)
    if environment.environmentname not in _LONGTABLES or not captions:
        captions = _float_captions(floats)
    grid = _lay_out(rows, header_rows)
    lines = [walker.pos_to_lineno_colno(row.position)[0] for row in rows]
    table = document_table(list(zip(lines, grid)), captions[0] if captions else None, header_known=header_known)
    if table is not None:
        table.notes = (*table.notes, *_float_notes(floats))
    return table


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
