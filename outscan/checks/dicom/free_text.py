"""What the DICOM free-text and private-tag checks share: which attributes are free text,
the file's own identifying values, the text engine's hits on a header's text (computed once
per file and kept in `header.derived`), and masks for evidence.

DICOM text is short and often written in capitals or with ``^`` between words
("BRAIN^ROUTINE", "DOE^JOHN"); spaCy's model finds names in prose, not there. So each
free-text value is analysed twice, as written and normalised (``^`` and ``_`` as spaces,
words in capitals capitalised: same length, so offsets hold), a value written as DICOM
writes a person's name (``Family^Given``) is a name when neither part is imaging vocabulary,
and a name the model finds is trimmed of imaging words ("Brain Mri Doe" is not a name).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from outscan.checks.base import CheckUnavailable
from outscan.documents import DicomElement, DicomHeader
from outscan.masking import given_names, mask_email, mask_identifier

# Free-text attributes: descriptions, comments, reasons, histories, protocol names. Their
# text goes through the text engine's identifier recognisers (as well as the cross-check).
FREE_TEXT_KEYWORDS = frozenset("""
StudyDescription SeriesDescription ImageComments ProtocolName RequestedProcedureDescription
PerformedProcedureStepDescription ScheduledProcedureStepDescription AdditionalPatientHistory PatientComments
StudyComments DerivationDescription AcquisitionComments AcquisitionDeviceProcessingDescription FrameComments
TextValue ReasonForStudy ReasonForTheRequestedProcedure RequestedProcedureComments ImagingServiceRequestComments
CommentsOnThePerformedProcedureStep CommentsOnRadiationDose InterpretationText InterpretationDiagnosisDescription
AdmittingDiagnosesDescription DischargeDiagnosisDescription MedicalAlerts Allergies Occupation PatientState
SpecialNeeds VisitComments ReasonForVisit ServiceEpisodeDescription ImagePresentationComments ContrastBolusAgent
RequestedContrastAgent ClinicalTrialSeriesDescription ClinicalTrialTimePointDescription ClinicalTrialProtocolName
ClinicalTrialSiteName ClinicalTrialCoordinatingCenterName LabelText TopicTitle TopicSubject TopicKeywords
ContentDescription DocumentTitle RTPlanDescription RTPlanLabel StructureSetDescription StructureSetLabel ROIName
ROIDescription ROIObservationDescription ROIObservationLabel DoseComment FractionGroupDescription BeamDescription
BeamName TreatmentSites DeviceDescription ProcedureStepLabel PatientSetupLabel SetupTechniqueDescription
""".split())

# Value representations that hold text a person wrote or a system copied: where the file's
# own identifying values are looked for. PN is left out: every person-name attribute is an
# identifier the confidentiality-profile check (OS301) reports in its own right.
TEXT_VRS = frozenset({"LO", "LT", "SH", "ST", "UT", "UC"})

# The attributes that hold the patient's identity, and how a finding names them.
NAME_KEYWORDS = ("PatientName",)
ID_KEYWORDS = ("PatientID", "OtherPatientIDs", "AccessionNumber")
BIRTH_DATE_KEYWORDS = ("PatientBirthDate",)
_IDENTITY_SOURCES = frozenset({*NAME_KEYWORDS, *ID_KEYWORDS, *BIRTH_DATE_KEYWORDS})
# Not searched for the values above: they are identity attributes themselves.
IDENTITY_KEYWORDS = frozenset({*NAME_KEYWORDS, *ID_KEYWORDS, *BIRTH_DATE_KEYWORDS, "OtherPatientNames",
                               "PatientBirthName", "PatientMotherBirthName", "IssuerOfPatientID",
                               "IssuerOfAccessionNumberSequence", "PatientBirthTime", "StudyInstanceUID",
                               "SeriesInstanceUID", "SOPInstanceUID"})

# Entities of the text engine that identify a person, how a finding says them, how evidence masks them.
ENTITY_WHAT = {
    "PERSON": "a person's name",
    "PHYSICIAN": "a physician's name",
    "MEDICAL_RECORD_NUMBER": "an MRN-like number",
    "US_SSN": "a social security number",
    "NPI": "a provider number (NPI)",
    "PHONE_NUMBER": "a phone number",
    "EMAIL_ADDRESS": "an email address",
    "STREET_ADDRESS": "a street address",
    "PERSONAL_DATE": "a personal date",
    "AGE_OVER_89": "an age over 89",
}
PATIENT_NAME = "the patient's name"
BIRTH_DATE = "the patient's birth date"

# Values that stand in for an identity rather than being one.
_DUMMIES = frozenset("""
anonymous anonymized anonymised anon deidentified de-identified removed unknown none null nil patient test
name subject phantom qa na n/a redacted blank empty xxx xxxx yyy zzz mr mrs ms miss dr jr sr ii iii iv md phd
""".split())

# Words of imaging descriptions and protocol names: never a person's name on their own.
IMAGING_WORDS = frozenset("""
abd abdomen abdominal acq acquisition adc adult ax axial angio angiogram angiography ankle aorta apex arm arterial
arthrogram asl ap bilateral biopsy bladder body bold bone bones brain breast bw cardiac carotid cervical chest cine
circle colon colonography con contrast cor coronal cranial ct cta ctp cv delayed diffusion dixon dose dti dwi ear
early elbow enhanced exam examination extremity face facial femur fiesta field flair flow fluoro follow followup
foot forearm fs fse fspgr fat sat gad gado gadolinium gre hand haste head heart hip hips humerus iac imaging inner
internal iv knee late lat lateral left leg limb liver localizer localiser lower lumbar lung lungs map mapping mammo
mammogram mammography maxillofacial medical mpr mprage mr mra mri mrs mrcp mrv neck neuro nodule nodules non
oblique orbit orbits pa pancreas pancreatic pelvis pelvic perfusion pet phase plain planning portal post pre
prostate protocol pulmonary quick recon reconstruction rectal rectum renal research right routine run sag sagittal
scan scout screen screening sella sequence series shoulder sinus sinuses skull soft space spect spine spinal spiral
stealth stir study sub survey swi thoracic thorax tissue tof trauma tse upper us ultrasound venous vibe view volume
whole with without wo wrist xr abdo up and of the for left right bilat baseline diagnostic standard high low
resolution dynamic static enhanced noncontrast unenhanced series image images slice slices thin thick bolus
tracking timing arterial venogram vessels vascular helical axial coronal sagittal thins mip minip vr cardiac gated
spiral topogram scanogram surview pilot tri plane triplane calibration cal coil body array head neck hn neuro
lymph node nodes tumor tumour mass lesion cancer staging restaging therapy response treatment pet/ct fdg psma
amyloid tau dotatate choline bone marrow whole-body wb sentinel thyroid parathyroid kidney kidneys adrenal spleen
gallbladder biliary bowel small large enterography defecography cystogram urogram urography pyelogram
white gray grey matter hyperintensity signal long short axis main new old first second third final
""".split())


@dataclass(frozen=True)
class Span:
    """An identifying span inside one element's value: where, what it is (as a finding says it), its mask."""

    start: int
    end: int
    what: str
    shown: str


# ---------------------------------------------------------------------------------------
# Elements


def top_level(header: DicomHeader, keyword: str) -> DicomElement | None:
    for element in header.elements:
        if element.keyword == keyword and "[" not in element.path:
            return element
    return None


def display_name(element: DicomElement) -> str:
    if element.keyword:
        return element.keyword
    if element.is_private:
        return f"private element {element.path.rsplit('>', 1)[-1]}"
    return element.path.rsplit(">", 1)[-1]


def is_free_text(element: DicomElement) -> bool:
    # Private elements have no keyword (or "PrivateCreator"), so the keyword alone tells.
    return element.keyword in FREE_TEXT_KEYWORDS and bool(element.value.strip())


def is_cross_checked(element: DicomElement) -> bool:
    """A text value the file's own identifying values are looked for in."""
    return (not element.is_private and element.vr in TEXT_VRS and element.keyword not in IDENTITY_KEYWORDS
            and element.keyword != "PrivateCreator" and bool(element.value.strip()))


# ---------------------------------------------------------------------------------------
# The file's own identifying values


@dataclass(frozen=True)
class Needle:
    """One identifying value to look for: a regular expression (case-insensitive), compiled only
    when a value holds its `hints`. Most text values hold none of a patient's values, and
    compiling a birth date's forms costs more than reading a file."""

    source: str
    what: str
    kind: str  # "name", "id", "date": how evidence masks it
    common: bool = False  # a name part that is also an imaging word: found only beside another part
    # Lower-case texts every match holds: a date's day and two-digit year, in any value; an
    # ASCII name part or ID, in an ASCII value (beyond ASCII, `re.I` makes letters one that
    # lower-casing keeps apart: 'ı' and 'I', 'ſ' and 's', the Kelvin sign and 'k').
    hints: tuple[str, ...] = ()

    def matches(self, value: str, lowered: str) -> Iterator[re.Match[str]]:
        """The matches in `value` (`lowered`: value.lower())."""
        if self.kind == "date" or value.isascii():
            if not all(hint in lowered for hint in self.hints):
                return
        yield from _case_insensitive(self.source).finditer(value)


@lru_cache(maxsize=4096)
def _case_insensitive(source: str) -> re.Pattern[str]:
    return re.compile(source, re.I)


def shapes_identity(element: DicomElement) -> bool:
    """Does the element take part in `needles` (the identity, and whether de-identification is
    declared)? The files of a series that differ in no such element look for the same values."""
    return (element.keyword in _IDENTITY_SOURCES or element.keyword in _DECLARES
            or element.in_sequence == "DeidentificationMethodCodeSequence")


_DECLARES = frozenset({"PatientIdentityRemoved", "DeidentificationMethodCodeSequence"})


def declares_deidentification(header: DicomHeader) -> bool:
    return ((header.first("PatientIdentityRemoved") or "").strip().upper() == "YES"
            or "113100" in header.codes("DeidentificationMethodCodeSequence"))


_STUDY_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*$")


def _is_study_code(value: str) -> bool:
    """'SUBJ0104', 'TCGA-02-0001', 'LIDC-IDRI-0001': letters and digits, not a bare number, not a name."""
    return bool(_STUDY_CODE.match(value)) and any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


def _bounded(text: str) -> str:
    return rf"(?<![A-Za-z0-9]){re.escape(text)}(?![A-Za-z0-9])"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _date_forms(value: str) -> list[str]:
    """A DICOM date (YYYYMMDD) in the forms people and systems write it."""
    if not re.fullmatch(r"\d{8}", value):
        return []
    year, month, day = value[:4], value[4:6], value[6:]
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return [_bounded(value)]
    m, d = str(int(month)), str(int(day))
    name = _MONTHS[int(month) - 1]
    forms = [_bounded(value), rf"(?<!\d){year}[-/.]0?{m}[-/.]0?{d}(?!\d)",
             rf"(?<!\d)0?{m}[-/.]0?{d}[-/.](?:{year}|{year[2:]})(?!\d)",
             rf"(?<!\d)0?{d}[-/.]0?{m}[-/.](?:{year}|{year[2:]})(?!\d)",
             rf"(?<![A-Za-z0-9]){name[:3]}[a-z]*\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{year}(?!\d)",
             rf"(?<!\d)0?{d}(?:st|nd|rd|th)?[\s-]+{name[:3]}[a-z]*\.?[\s-]+{year}(?!\d)"]
    return forms


def needles(header: DicomHeader) -> list[Needle]:
    """What of the file's own identity could leak into its other text (computed once per file)."""
    cached = header.derived.get("identity_needles")
    if cached is not None:
        return cached
    deidentified = declares_deidentification(header)
    identity = tuple((element.keyword, value) for element in header.elements
                     if element.keyword in _IDENTITY_SOURCES and (value := element.value.strip()))
    # The files of a series share their identity: the needles are made once per identity.
    found = _NEEDLES.get((deidentified, identity))
    if found is None:
        if len(_NEEDLES) >= 10_000:
            _NEEDLES.clear()
        found = _NEEDLES[(deidentified, identity)] = _needles(deidentified, identity)
    header.derived["identity_needles"] = found
    return found


_NEEDLES: dict[tuple, list[Needle]] = {}


def _ascii_hint(text: str) -> tuple[str, ...]:
    """A name part or ID as a hint: only an ASCII one (see Needle.hints)."""
    return (text.lower(),) if text.isascii() else ()


def _needles(deidentified: bool, identity: tuple[tuple[str, str], ...]) -> list[Needle]:
    found: list[Needle] = []
    seen: set[tuple[str, str]] = set()
    for keyword, value in identity:
        if keyword in NAME_KEYWORDS:
            # Parts of every value (a backslash separates values), names with apostrophes and
            # hyphens (O'Brien, Mary-Jane), and two-character parts of scripts without case (山田).
            for part in re.split(r"[\^=\s,\\]+", value):
                part = part.strip(".")
                letters = part.replace("'", "").replace("’", "").replace("-", "")
                short = len(part) < 3 and not (len(part) == 2 and letters.isalpha() and not letters.isascii()
                                               and part.lower() == part.upper())
                if short or not letters.isalpha() or part.lower() in _DUMMIES or ("name", part.lower()) in seen:
                    continue
                seen.add(("name", part.lower()))
                found.append(Needle(_bounded(part), PATIENT_NAME, "name", common=part.lower() in IMAGING_WORDS,
                                    hints=_ascii_hint(part)))
        elif keyword in ID_KEYWORDS:
            for one in value.split("\\"):
                one = one.strip()
                if len(one) < 4 or one.lower() in _DUMMIES or ("id", one.lower()) in seen:
                    continue
                if deidentified and _is_study_code(one):
                    continue  # a study pseudonym in a de-identified file names no one
                if not any(c.isdigit() for c in one) and len(one) < 6:
                    continue
                seen.add(("id", one.lower()))
                found.append(Needle(_bounded(one), f"the {keyword} value", "id", hints=_ascii_hint(one)))
        elif keyword in BIRTH_DATE_KEYWORDS:
            forms = _date_forms(value)
            if forms and ("date", value) not in seen:
                seen.add(("date", value))
                # Every form writes the day's number and the year (at least its last two digits).
                hints = (value,) if len(forms) == 1 else (value[2:4], str(int(value[6:])))
                found.append(Needle("|".join(forms), BIRTH_DATE, "date", hints=hints))
    return found


def own_value_spans(header: DicomHeader, value: str) -> list[Span]:
    """Where the file's own identifying values stand in `value`; adjacent name parts are one span."""
    # The files of a series share their identity and most of their text: the answer is kept
    # per (identity, value) for the process.
    found = needles(header)
    identity = header.derived.get("identity_id")
    if identity is None:  # a small number per distinct identity: cheaper to hash than the needles
        signature = tuple(found)
        identity = _IDENTITY_IDS.get(signature)
        if identity is None:
            if len(_IDENTITY_IDS) >= 50_000:
                _IDENTITY_IDS.clear()
            # Never given twice, so a number a header kept (or inherited) never means another identity.
            identity = _IDENTITY_IDS[signature] = next(_NEXT_IDENTITY_ID)
        header.derived["identity_id"] = identity
    key = (identity, value)
    known = _OWN_SPANS.get(key)
    if known is None:
        if len(_OWN_SPANS) >= 100_000:
            _OWN_SPANS.clear()
        known = _OWN_SPANS[key] = tuple(_own_value_spans(found, value))
    return list(known)


_OWN_SPANS: dict[tuple[int, str], tuple[Span, ...]] = {}
_IDENTITY_IDS: dict[tuple, int] = {}
_NEXT_IDENTITY_ID = itertools.count()


def _own_value_spans(found: list[Needle], value: str) -> list[Span]:
    spans: list[Span] = []
    names: list[tuple[int, int, bool]] = []
    lowered = value.lower()
    for needle in found:
        for match in needle.matches(value, lowered):
            if needle.kind == "name":
                names.append((match.start(), match.end(), needle.common))
            else:
                spans.append(Span(match.start(), match.end(), needle.what, mask(value[match.start():match.end()],
                                                                                needle.kind)))
    for start, end, common in _join_names(value, names):
        if common:
            continue
        spans.append(Span(start, end, PATIENT_NAME, mask(value[start:end], "name")))
    return _without_overlaps(spans)


def _join_names(value: str, names: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Name parts separated only by spaces, '^' or a comma are one name; common only if every part is."""
    joined: list[list] = []
    for start, end, common in sorted(names):
        if joined and start >= joined[-1][1] and re.fullmatch(r"[\s\^,.]*", value[joined[-1][1]:start]):
            joined[-1][1] = end
            joined[-1][2] = joined[-1][2] and common
        elif joined and start < joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end, common])
    return [tuple(item) for item in joined]


def _without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """The first span wins where spans overlap (callers list the stronger ones first)."""
    kept: list[Span] = []
    for span in spans:
        if not any(span.start < other.end and other.start < span.end for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


# ---------------------------------------------------------------------------------------
# The text engine on a header's text


def normalised(text: str) -> str:
    """'BRAIN^ROUTINE JOHN DOE' -> 'Brain Routine John Doe': the same length, so offsets hold."""
    text = text.replace("^", " ").replace("_", " ")
    return re.sub(r"\b[A-Z]{2,}\b", lambda m: m.group().capitalize(), text)


# Family^Given[^Middle...] as DICOM writes a person's name.
# Family^Given in any script: "Pérez^José", "Ñandú^Ana" are names as much as "Doe^John".
_PN_FORM = re.compile(r"(?<![^\W_^])(?<!\^)([^\W\d_][\w'-]*[^\W\d_])\^([^\W\d_][\w'-]*)((?:\^[\w'.-]*){0,3})"
                      r"(?![^\W_])")


def _name_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\^,]+", text) if w]


def _is_name_like(word: str) -> bool:
    w = word.strip(".,'").lower()
    return len(w) >= 2 and w.isalpha() and w not in IMAGING_WORDS and w not in _DUMMIES


def _trim_person(value: str, start: int, end: int) -> tuple[int, int] | None:
    """A PERSON span without imaging words at its edges, kept only if two name-like words remain
    (or one after a title or 'patient')."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\s\^,_]+", value[start:end])]
    while words and not _is_name_like(value[words[0][0]:words[0][1]]):
        words.pop(0)
    while words and not _is_name_like(value[words[-1][0]:words[-1][1]]):
        words.pop()
    if not words or not all(_is_name_like(value[s:e]) or len(value[s:e].strip(".")) == 1 for s, e in words):
        return None
    if len(words) < 2:
        return None
    return words[0][0], words[-1][1]


def _texts_and_private(header: DicomHeader) -> list[DicomElement]:
    """The free-text and private elements holding a value (found once per header)."""
    found = header.derived.get("texts_and_private")
    if found is None:
        found = header.derived["texts_and_private"] = _text_or_private(header.elements)
    return found


def _text_or_private(elements: Iterable[DicomElement]) -> list[DicomElement]:
    return [element for element in elements
            if (element.keyword in FREE_TEXT_KEYWORDS or element.tag & 0x10000) and element.value.strip()]


def _engine_texts(elements: list[DicomElement], include_private: bool) -> list[tuple[DicomElement, str]]:
    texts = []
    for element in elements:
        value = element.value
        if is_free_text(element):
            if not may_name_someone(value):
                continue
            texts.append((element, value))
            if normalised(value) != value:
                texts.append((element, normalised(value)))
        elif include_private and element.is_private and _worth_analysing(value) and may_name_someone(value):
            texts.append((element, value))
    return texts


_WORD = re.compile(r"[^\W\d_]+")
_LONG_NUMBER = re.compile(r"\d{4}")


@lru_cache(maxsize=65536)
def may_name_someone(value: str) -> bool:
    """Could the text engine find anything in this value? Not in text without a capital letter,
    an '@', a number of four or more digits or a given name ("slice 12 of 40", "ax t2 3mm"):
    such values change from file to file of a series, and meeting spaCy costs more per file
    than reading the header. The file's own identifying values are still looked for in them."""
    if "@" in value or _LONG_NUMBER.search(value) or any(ch.isupper() for ch in value):
        return True
    names = given_names()
    return any(word in names for word in _WORD.findall(value.lower()))


def _worth_analysing(value: str) -> bool:
    """Numbers and lists of numbers hold no name, phone or email; the cross-check still reads them."""
    try:
        [float(v) for v in value.split("\\")]
    except ValueError:
        return len(value.strip()) >= 3
    return False


def engine_spans(header: DicomHeader, among: list[DicomElement] | None = None) -> dict[str, list[Span]]:
    """The text engine's identifying hits on the free-text and private values of a header, by element path.

    One analysis per file, kept in `header.derived`; with `among`, of those elements alone
    (not kept: the elements of a file that differ from the series' previous file). Raises
    CheckUnavailable when no spaCy model is installed.
    """
    if among is None:
        cached = header.derived.get("free_text_spans")
        if cached is not None:
            return cached
        elements = _texts_and_private(header)
    else:
        elements = _text_or_private(among)
    from outscan.text_engine import analyse_values
    from outscan.text_engine.engine import ModelMissing

    texts = _engine_texts(elements, include_private=True)
    by_path: dict[str, list[Span]] = {}
    if texts:
        # Values repeat across the files of a series: the engine analyses each distinct text once.
        try:
            found = analyse_values([text for _, text in texts])
        except ModelMissing as exc:
            raise CheckUnavailable(f"the DICOM free text was not checked: {exc}") from exc
        for (element, _), hits in zip(texts, found):
            for hit in hits:
                what = ENTITY_WHAT.get(hit.entity)
                if what is None:
                    continue
                value = element.value
                start, end = hit.start, hit.end
                if hit.entity in ("PERSON", "PHYSICIAN"):
                    trimmed = _trim_person(value, start, end) if hit.entity == "PERSON" else (start, end)
                    if trimmed is None:
                        continue
                    start, end = trimmed
                by_path.setdefault(element.path, []).append(
                    Span(start, end, what, mask(value[start:end], _ENTITY_MASK.get(hit.entity, "id"))))
    for element in elements:
        for span in _written_names(element.value):
            by_path.setdefault(element.path, []).append(span)
        if element.is_private and element.vr == "PN" and any(_is_name_like(w) for w in _name_words(element.value)):
            by_path.setdefault(element.path, []).append(
                Span(0, len(element.value), ENTITY_WHAT["PERSON"], mask(element.value, "name")))
    found = {path: _without_overlaps(spans) for path, spans in by_path.items()}
    if among is None:
        header.derived["free_text_spans"] = found
    return found


@lru_cache(maxsize=65536)
def _written_names(value: str) -> tuple[Span, ...]:
    """Names written as DICOM writes them (Family^Given) in a text value."""
    return tuple(Span(match.start(), match.end(), ENTITY_WHAT["PERSON"], mask(value[match.start():match.end()], "name"))
                 for match in _PN_FORM.finditer(value)
                 if all(_is_name_like(part) for part in (match.group(1), match.group(2))))


_ENTITY_MASK = {"PERSON": "name", "PHYSICIAN": "name", "EMAIL_ADDRESS": "email", "PERSONAL_DATE": "date",
                "AGE_OVER_89": "age"}


# ---------------------------------------------------------------------------------------
# Masks


def mask(text: str, kind: str) -> str:
    """How a span shows in evidence: a name by its initials, an ID by its last two characters,
    a date by its year alone."""
    if kind == "name":
        return re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + "***" if m.group().lower() not in _TITLES else m.group(),
                      text)
    if kind == "email":
        return mask_email(text)
    if kind == "date":
        year = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)
        masked = re.sub(r"[A-Za-z0-9]", "*", text)
        if year:
            masked = masked[:year.start()] + year.group() + masked[year.end():]
        return masked
    if kind == "age":
        return re.sub(r"\d", "*", text)
    return mask_identifier(text)


_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "doctor"})


def evidence(value: str, span: Span, others: Iterable[Span]) -> str:
    """The words around the span in the element's value, every identifying span masked."""
    from outscan.masking import excerpt

    return excerpt(value, span.start, span.end, span.shown, [(o.start, o.end, o.shown) for o in others])
