"""OS302 private-tags."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from outscan.checks.base import Check, CheckContext
from outscan.checks.dicom.free_text import engine_spans, evidence, own_value_spans, shapes_identity
from outscan.checks.dicom.series_delta import ON_INPUTS
from outscan.checks.registry import register
from outscan.documents import DicomElement, DicomHeader
from outscan.masking import safe_label
from outscan.model import Category, Finding, Severity

# What the text engine finds that makes a private block identifying (a block, not a review).
_IDENTIFYING = frozenset({"a person's name", "a physician's name", "an MRN-like number", "a social security number",
                          "a phone number", "an email address", "a street address", "a personal date"})


@dataclass
class _Block:
    where: str  # the item the block is in: "" at the top, "(0040,0275)[0]>" inside a sequence
    group: int
    creator: DicomElement | None  # None: elements without a private creator (orphans)
    members: list[DicomElement] = field(default_factory=list)
    nested: list[DicomElement] = field(default_factory=list)  # inside the block's private sequences


def _item_of(path: str) -> str:
    cut = path.rfind(">")
    return path[:cut + 1]


def _under_private(path: str) -> bool:
    """Is an element at this path inside a private sequence ("(0029,1002)[0]>(0008,1030)")?"""
    return any(int(step[1:5], 16) & 1 for step in path.split(">")[:-1])


def private_blocks(header: DicomHeader) -> list[_Block]:
    """Private blocks (group and creator) in every item of every sequence, and orphan elements by group."""
    blocks: dict[tuple[str, int, int], _Block] = {}
    orphans: dict[tuple[str, int], _Block] = {}
    order: list[_Block] = []
    for element in header.elements:
        if not element.is_private:
            continue
        where, low = _item_of(element.path), element.tag & 0xFFFF
        if element.keyword == "PrivateCreator" and 0x10 <= low <= 0xFF:
            block = blocks[(where, element.group, low)] = _Block(where, element.group, element)
            order.append(block)
            continue
        if low == 0:
            continue  # a group length: says nothing
        block = blocks.get((where, element.group, low >> 8)) if low > 0xFF else None
        if block is None:
            block = orphans.get((where, element.group))
            if block is None:
                block = orphans[(where, element.group)] = _Block(where, element.group, None)
                order.append(block)
        block.members.append(element)
    # Elements inside a block's private sequences belong to the block (unless they are a
    # private block of their own, which is reported at its own creator).
    heads = [(member.path + "[", block) for block in order for member in block.members if member.vr == "SQ"]
    if heads:
        for element in header.elements:
            for head, block in heads:
                if element.path.startswith(head) and not element.is_private:
                    block.nested.append(element)
                    break
    return order


@register
class PrivateTags(Check):
    """Private DICOM elements: one finding per private block (group and creator), with its count.

    **What it flags.** Every private block present — the creator element ``(gggg,00xx)``
    and the elements ``(gggg,xxyy)`` it reserves — anywhere in the header, inside
    sequences too, at the creator element's tag path, with the number of its elements
    and the creator's name. Private elements without a creator element (orphans, common
    after careless editing) are one finding per group and item, at the first of them.
    A creator that reserves a block with no elements is listed as **info**.
    Severity is **review** by default: TCIA's curators look at every private element,
    because vendors keep anything there (operator names, the original patient name,
    hospital IDs, report text). It is **block** when a value of the block (or of a
    sequence inside it) holds what identifies a person: a name, a physician's name, an
    MRN-like number, an SSN, a phone number, an email or street address, a personal
    date (the manuscript text engine's recognisers); a private PN element with a name in
    it; or one of the file's own identifying values (a part of PatientName, PatientID,
    OtherPatientIDs, PatientBirthDate, AccessionNumber).

    **What it leaves alone.** Standard elements (OS301, OS303 read them).

    **Why it matters.** De-identification tools and the DICOM Basic Profile remove
    private elements unless told to keep them (Retain Safe Private Option, 113111);
    tools that keep them by default publish whatever a vendor stored there. TCIA §3.1
    forbids identifying the sources of the data, §4 releasing it.

    **Example.**::

        (0009,0010) private block 'GEMS_IDEN_01' (group 0009): 12 elements  <- review
        (0019,0010) private block 'ACME 1.0': 3 elements, one holds the patient's name: 'D***^J***'  <- block

    **How to fix.** Remove private elements (``pydicom``: ``ds.remove_private_tags()``;
    ``deid``: ``REMOVE ALL`` for private tags) or keep only those a safe-private list
    names (the Retain Safe Private Option), declare 113111 if you keep them, and scan
    again.
    """

    code = "OS302"
    name = "private-tags"
    category = Category.DICOM_PHI
    severity = Severity.REVIEW
    reads = DicomHeader

    delta = ON_INPUTS

    @staticmethod
    def depends_on(element: DicomElement) -> bool:
        # The private elements, the elements inside private sequences (a block's nested
        # members), and the identity their values are searched for.
        return element.is_private or _under_private(element.path) or shapes_identity(element)

    def run(self, header: DicomHeader, context: CheckContext) -> Iterator[Finding]:
        blocks = private_blocks(header)
        if not blocks:
            return
        from_engine = engine_spans(header)
        for block in blocks:
            count = len(block.members)
            found = None
            own = (block.creator,) if block.creator is not None else ()
            for element in (*own, *block.members, *block.nested):
                if not element.value.strip() or element.vr == "SQ":
                    continue
                spans = own_value_spans(header, element.value)
                spans += [s for s in from_engine.get(element.path, ()) if s.what in _IDENTIFYING
                          and not any(s.start < o.end and o.start < s.end for o in spans)]
                if spans:
                    spans.sort(key=lambda s: s.start)
                    found = (element, spans)
                    break
            group = f"{block.group:04X}"
            if block.creator is not None:
                # A creator is a vendor's name ("SIEMENS CSA HEADER"), unless it holds an identifier:
                # then the message shows it masked like the evidence.
                creator_spans = own_value_spans(header, block.creator.value) + [
                    s for s in from_engine.get(block.creator.path, ()) if s.what in _IDENTIFYING]
                name = (evidence(block.creator.value, creator_spans[0], creator_spans[1:]) if creator_spans
                        else safe_label(block.creator.value)) or "(empty creator)"
                what = (f"private block '{name}' (group {group}): {count} element{'s' if count != 1 else ''}"
                        if count else f"private creator '{name}' (group {group}) reserving a block with no elements")
                location, key = block.creator, f"{block.where}{group}:{block.creator.value}"
            else:
                what = (f"{count} private element{'s' if count != 1 else ''} in group {group} without a private "
                        "creator (orphans)")
                location, key = block.members[0], f"{block.where}{group}:orphans"
            if found is not None:
                element, spans = found
                tag = element.path.rsplit(">", 1)[-1]
                message = f"{what}; {tag} holds {spans[0].what}"
                shown = evidence(element.value, spans[0], spans[1:])
                severity = Severity.BLOCK
            else:
                message = f"{what}; vendors keep anything in private elements: review each or remove them"
                shown = f"{name!r}, {count} element{'s' if count != 1 else ''}" if block.creator is not None \
                    else f"group {group}, {count} element{'s' if count != 1 else ''}"
                # An empty block is a vendor string and nothing else: listed, not a gate.
                severity = None if count else Severity.INFO
            if block.where:
                message += f" (inside {block.where.rstrip('>')})"
            yield self.finding(context, header.location(location), message, shown, key, severity)
