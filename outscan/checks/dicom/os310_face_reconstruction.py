"""OS310 face-reconstruction."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from posixpath import dirname

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import DicomSeriesMember, DicomSet
from outscan.masking import short
from outscan.model import Category, Finding, Location, Severity

# Fewer slices than this make no volume a face can be rendered from.
MIN_SLICES = 20
VOLUME_MODALITIES = frozenset({"CT", "MR", "PT"})

# BodyPartExamined (upper case, split on anything but letters); HEADNECK, HEAD_NECK, H&N …
_HEAD_PARTS = frozenset({"HEAD", "BRAIN", "SKULL", "NECK", "FACE", "ORBIT", "ORBITS", "SINUS", "SINUSES", "IAC",
                         "TMJ", "JAW", "MANDIBLE", "MAXILLA", "PITUITARY", "SELLA", "CRANIUM", "NEURO", "HEADNECK",
                         "HEADANDNECK", "HN", "NASOPHARYNX", "OROPHARYNX", "WHOLEHEAD"})
# "Head" and "neck" of other organs: a femoral head or a bladder neck is no face.
_OTHER_HEADS = frozenset({"FEMORAL", "FEMUR", "HUMERAL", "HUMERUS", "HIP", "PANCREAS", "PANCREATIC", "BLADDER",
                          "GALLBLADDER", "FIBULA", "FIBULAR", "RADIAL", "RADIUS", "METATARSAL", "TALUS", "TALAR",
                          "RIB", "UTERINE", "TOOTH"})
# Descriptions: anatomy as whole words, the longest first (letters around them do not count, digits and "_" do:
# "T1_brain", "BRAIN3D"), sequence names anywhere ("t1_mprage_sag", "3DFLAIR").
_ANATOMY = re.compile(
    r"(?<![a-z])(head (?:and|&) neck|brain|head|neuro|h ?& ?n|skull|cranial|cranium|intracranial|orbits?|orbital|"
    r"sinus(?:es)?|face|facial|maxillofacial|mandible|iacs?|pituitary|sella|temporal bones?|circle of willis)"
    r"(?![a-z])", re.IGNORECASE)
_SEQUENCES = re.compile(r"mp-?rage|flair|f?spgr|bravo", re.IGNORECASE)
_OTHER_ANATOMY = re.compile(r"(?<![a-z])(femoral|femur|humeral|humerus|hip|pancrea\w*|bladder|gallbladder|fibula\w*|"
                            r"radial|radius|metatarsal|talus|talar|rib)(?![a-z])", re.IGNORECASE)
# An RT structure set's outline of the body: its contours are the skin surface.
_SKIN_ROI = re.compile(r"(?<![a-z])(external|body|skin|outline|patient|head contour|ext)(?![a-z])", re.IGNORECASE)

RESIDUAL_RISK = ("studies find 28-38% of MRIs defaced with common tools still matched to the person by face "
                 "recognition")


@dataclass
class _Series:
    """One series as the scan holds it: its files in path order."""

    key: str
    members: list[tuple[str, DicomSeriesMember]]

    @property
    def first_path(self) -> str:
        return self.members[0][0]

    @property
    def modality(self) -> str:
        return self.members[0][1].modality.upper()

    def slices(self) -> int:
        """Distinct positions of single-frame files (a copy counts once), files without a
        position, and the frames of multi-frame objects."""
        positions = {m.position for _, m in self.members if m.frames <= 1 and m.position is not None}
        unplaced = sum(1 for _, m in self.members if m.frames <= 1 and m.position is None)
        frames = sum(m.frames for _, m in self.members if m.frames > 1)
        return len(positions) + unplaced + frames


def head_evidence(member: DicomSeriesMember) -> str | None:
    """What says this file images the head or neck: BodyPartExamined, or where it is empty the
    descriptions, protocol name and anatomic region ("SeriesDescription contains MPRAGE")."""
    if member.body_part.strip():
        words = set(re.split(r"[^A-Z]+", member.body_part.upper())) - {""}
        joined = re.sub(r"[^A-Z]", "", member.body_part.upper())
        if (words & _HEAD_PARTS or joined in _HEAD_PARTS) and not words & _OTHER_HEADS:
            return f"BodyPartExamined {short(member.body_part, 30)}"
        return None
    texts = member.texts or ((("descriptions", member.descriptions),) if member.descriptions else ())
    for keyword, value in texts:
        if keyword == "BodyPartExamined" or _OTHER_ANATOMY.search(value):
            continue
        found = _ANATOMY.search(value) or _SEQUENCES.search(value)
        if found:
            return f"{keyword} contains {short(found.group(0), 30)}"
    return None


def _group(members) -> list[_Series]:
    """By SeriesInstanceUID; files without one by folder and modality."""
    groups: dict[str, list[tuple[str, DicomSeriesMember]]] = {}
    for path, member in members:
        key = member.series_uid or f"folder:{dirname(path)}|{member.modality}"
        groups.setdefault(key, []).append((path, member))
    return [_Series(key, sorted(items, key=lambda item: item[0])) for key, items in sorted(groups.items())]


@register
class FaceReconstruction(Check):
    """A CT, MR or PET volume of the head or neck without evidence of defacing: a face can be rebuilt from it.

    **What it flags.** Files are grouped into series by SeriesInstanceUID across the whole
    scan (files without one by folder and modality). A series is flagged, once, at its first
    file in path order, when all of these hold:

    - its modality is CT, MR or PT;
    - it images the head or neck: BodyPartExamined says so (HEAD, BRAIN, SKULL, NECK,
      HEADNECK, H&N, ORBIT, SINUS, IAC …), or, where BodyPartExamined is empty, the study or
      series description, protocol name or anatomic region does (brain, head, neuro, head
      and neck, skull, orbit, sinus, face, pituitary …, or a sequence that is almost always a
      brain volume: MPRAGE, FLAIR, SPGR, BRAVO). A femoral head or a bladder neck is not a head;
      a BodyPartExamined that names another part (CHEST) is believed over the descriptions;
    - it holds enough slices for a volume: at least 20, counting the distinct
      ImagePositionPatient values of single-frame files (a copied file counts once), files
      that record no position, and the frames of multi-frame objects (an enhanced MR of 176
      frames is one file and a volume). MRAcquisitionType 3D is named in the message but
      does not make a volume out of a handful of files: what can be rebuilt is what the
      output holds;
    - not every file carries defacing evidence: code 113102 (Clean Recognizable Visual
      Features) in DeidentificationMethodCodeSequence (0012,0064), RecognizableVisualFeatures
      (0028,0302) = NO, or a defacing tool (pydeface, mri_deface, fsl_deface, quickshear,
      "defaced") named in DeidentificationMethod, SeriesDescription or ImageComments.

    The message gives the file count, the slice count and what said "head". A series whose
    every file carries defacing evidence gives an **info** finding instead, stating the
    residual risk: defacing is not a guarantee (Schwarz et al., NeuroImage 2021: face
    recognition still matched 28–38 % of MRIs defaced with common tools). It is visible in
    the report for the reviewer; it does not gate.

    **RT structure sets.** An RTSTRUCT that references a series the check flags is reported
    at its own file. Its severity is decided by what its contours are, not by the images: a
    structure set with an outline of the body (an ROI named External, BODY, Skin, Outline)
    traces the skin surface of the head, from which a face can be rendered whatever was done
    to the images (defacing changes pixels, not contours drawn before it), so it takes the
    rule's severity (block) unless the structure set itself carries defacing evidence. One
    without such an outline (organs at risk, targets) is reported as info: it belongs to a
    head volume, the series' own finding is the one to act on. An RTSTRUCT of the head or
    neck with a body outline is flagged even when the images it references are not in the
    scan.

    **What it leaves alone.** A chest or abdomen series, a head series of fewer than 20 slices
    (a few axial images, a localizer), radiographs, ultrasound, secondary captures, and a
    20-file series whose files all sit at one position (a dynamic or diffusion series of one
    slice). A whole-body series (WHOLEBODY, "PET/CT WB") is not flagged although it may start
    at the vertex: its header cannot tell, a reviewer should look. The check reads headers
    only: it cannot see whether the pixels show a face, so it is a triage for the reviewer,
    not a proof.

    **Why it matters.** TCIA's limited-access licence §3.2–3.3 forbids generating images of
    the face, head or body that could identify a participant and reconstructing the face,
    head or body; a 3-D head CT or MRI rendered as a surface is a photograph of the face, and
    commercial face recognition matches such renderings to photographs (Schwarz et al., NEJM
    2019: 83 % of 84 volunteers).

    **Example.** ``head/slice000.dcm`` … ``slice039.dcm``: Modality MR, BodyPartExamined HEAD,
    40 positions, no DeidentificationMethodCodeSequence → one finding at
    ``head/slice000.dcm``: "MR series of the head or neck: 40 files, 40 slices
    (BodyPartExamined HEAD), no defacing evidence".

    **How to fix.** Leave the volume out of the output (publish derived measurements,
    figures cropped away from the face), or deface it with a validated tool (pydeface,
    mri_deface, quickshear) and declare it: add 113102 to DeidentificationMethodCodeSequence or
    set RecognizableVisualFeatures to NO. For a structure set, remove the body outline ROI.
    """

    code = "OS310"
    name = "face-reconstruction"
    category = Category.FACE_RECONSTRUCTION
    severity = Severity.BLOCK
    reads = DicomSet

    def run(self, dicom_set: DicomSet, context: CheckContext) -> Iterator[Finding]:
        groups = _group(dicom_set.members)
        images = [s for s in groups if not any(m.is_rt_structure_set for _, m in s.members)]
        structures = [(path, m) for s in groups for path, m in s.members if m.is_rt_structure_set]
        flagged: dict[str, _Series] = {}
        for series in images:
            finding = self._series(series, context)
            if finding is not None:
                flagged[series.key] = series
                yield finding
        for path, member in structures:
            finding = self._structure_set(path, member, flagged, context)
            if finding is not None:
                yield finding

    def _series(self, series: _Series, context: CheckContext) -> Finding | None:
        if series.modality not in VOLUME_MODALITIES:
            return None
        evidence = next((e for _, m in series.members if (e := head_evidence(m))), None)
        if evidence is None:
            return None
        slices = series.slices()
        if slices < MIN_SLICES:
            return None
        files = len(series.members)
        what = (f"{series.modality} series of the head or neck: {files} file{'s' if files != 1 else ''}, "
                f"{slices} slices")
        if any(m.acquisition.strip().upper() == "3D" for _, m in series.members):
            what += ", a 3-D acquisition"
        defaced = [m.defacing for _, m in series.members if m.defacing]
        if len(defaced) == files:
            return self.finding(
                context.at(series.first_path), Location(),
                message=f"{what} ({evidence}); defaced ({defaced[0]}), but a residual risk remains: "
                        f"{RESIDUAL_RISK}",
                evidence=evidence, match_key=f"series|{series.key}", severity=Severity.INFO)
        partly = f"; only {len(defaced)} of {files} files carry defacing evidence" if defaced else ""
        return self.finding(
            context.at(series.first_path), Location(),
            message=f"{what} ({evidence}), no defacing evidence{partly}: a face can be reconstructed from it",
            evidence=evidence, match_key=f"series|{series.key}")

    def _structure_set(self, path: str, member: DicomSeriesMember, flagged: dict[str, _Series],
                       context: CheckContext) -> Finding | None:
        images = next((flagged[uid] for uid in member.referenced_series if uid in flagged), None)
        skin = next((name for name in member.roi_names if _SKIN_ROI.search(name)), None)
        own = head_evidence(member)
        if images is None and not (skin and own):
            return None
        where = (f"references the head or neck volume at {images.first_path}" if images is not None
                 else f"outlines the head or neck ({own}); the images it references are not in the scan")
        match_key = f"rtstruct|{member.series_uid}|{path}"
        if skin and not member.defacing:
            return self.finding(
                context.at(path), Location(),
                message=f"RT structure set {where}; its ROI '{short(skin, 30)}' traces the skin surface, from which "
                        f"a face can be rendered whatever was done to the images",
                evidence=short(skin, 30), match_key=match_key)
        reason = (f"it declares defacing ({member.defacing})" if skin
                  else "it has no body outline ROI; the images' own finding is the one to act on")
        return self.finding(
            context.at(path), Location(),
            message=f"RT structure set {where}; {reason}",
            evidence=short(skin or "", 30), match_key=match_key, severity=Severity.INFO)
