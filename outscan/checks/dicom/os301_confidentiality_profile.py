"""OS301 confidentiality-profile-attribute."""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.dicom.profile import (
    AnnexRow, Declaration, declaration, dummy_kind, element_row, has_content,
    identifying_values, is_contact, is_direct_identifier, is_name_like, normalise, shapes_declaration,
)
from outscan.checks.dicom.series_delta import PER_ELEMENT
from outscan.checks.registry import register
from outscan.documents import DicomElement, DicomHeader, dicom_tag
from outscan.masking import mask_digits, mask_identifier, mask_name, short
from outscan.model import Category, Finding, Severity
from outscan.policy import Policy

_ACTION_WORDS = {"X": "removes", "Z": "empties", "D": "replaces with a dummy", "U": "replaces", "K": "keeps",
                 "C": "cleans"}
_DATE_VRS = frozenset({"DA", "DT", "TM"})
_TEXT_VRS = frozenset({"LT", "ST", "UT"})
_AGE = re.compile(r"(\d{3})Y")
# PatientName and PatientID share one subject code by convention (TCIA, CTP): not a link to anything.
_SHARED_CODE = frozenset({"PatientName", "PatientID"})
# Findings made, by policy and declaration, then element: kept per process while a scan runs.
_MADE: dict[tuple[str, Declaration], dict[DicomElement, Finding]] = {}
_MAX_MADE = 20_000


def _made_for(policy: Policy, declared: Declaration) -> dict[DicomElement, Finding]:
    key = (policy.finding_terms, declared)
    made = _MADE.get(key)
    if made is None:
        if len(_MADE) >= 1_000:
            _MADE.clear()
        made = _MADE[key] = {}
    return made


@register
class ConfidentialityProfileAttribute(Check):
    """An attribute of the DICOM confidentiality profile (PS3.15 Annex E) is present in a header.

    **What it flags.** Every element listed in Table E.1-1 of PS3.15 Annex E (edition
    2024b, shipped in ``outscan/data``) that is present with a value, wherever it stands —
    at the top of the header, inside sequences at any depth, in DICOMDIR records. Each
    finding names the tag path, the attribute, the Basic Profile's action (X remove, Z
    empty, D dummy, U replace UID, C clean, K keep, and what a declared option changes) and
    the masked value. The severity follows what the attribute can do to a person's privacy:

    - *direct identifiers* — patient names and IDs (other IDs and names too), birth date
      and time, address, phone numbers, accession and order numbers, institution name,
      address and department, every person name (referring, performing, reading and
      requesting physicians, operators, observers …), station names, device serial
      number → **block**;
    - *dates and times* (DA, DT, TM) → **review**; **info** where the file declares a
      retain-longitudinal option (113106 or 113107);
    - *UIDs* → **review** in a file that declares no de-identification, **info**
      otherwise (a replaced UID looks like any other);
    - *patient characteristics* (sex, age, size, weight, ethnic group, smoking and
      pregnancy status) → **info**, but an age of 90 or more (``090Y``) → **block**;
    - *free-text descriptors* (study and series descriptions, comments, protocol names …)
      and sequences → **info**: OS303 reads their text for identifying content, and a
      sequence's elements are reported at their own paths;
    - anything else the table lists → **info**.

    A file that declares the Basic Profile (113100 in DeidentificationMethodCodeSequence
    (0012,0064), or PatientIdentityRemoved (0012,0062) = YES) is believed unless its
    content contradicts it (OtherPatientIDs, OtherPatientNames or OtherPatientIDsSequence
    still present, a person-like PatientName, BurnedInAnnotation YES); the findings then
    say why it is not trusted. In a trusted file, a direct identifier that holds an
    obvious dummy (``ANON``, ``Anonymized``, ``XXXX``) or a study pseudonym (``SUBJ0104``,
    ``TCGA-02-0001`` — not person-like, not a bare number of six or more digits, not a
    value found in another identifying attribute; PatientName and PatientID may share one
    code) is **info**; an attribute the declared profile removes (action X) that is still
    there is an **info** "profile deviation". A value with no letter or digit (``^``) is
    a placeholder: **info** everywhere. Private elements (OS302) and the file-meta group
    (0002), which repeats SOPInstanceUID, are left out.

    **Why it matters.** TCIA's licence (§3.1) forbids identifying the people the images
    come from, and §4 forbids releasing the data: a header that still carries a name, an
    MRN, a birth date or the hospital identifies the patient to anyone who opens it.
    Curators check headers against exactly this table.

    **Example.** A file exported straight from the scanner::

        (0010,0010) PatientName   Doe^John   <- block: 'D*** J***', action Z
        (0010,0020) PatientID     4471902    <- block: '*****02', action Z/D
        (0008,0020) StudyDate     20190314   <- review: '2019-**-**', action Z
        (0010,0040) PatientSex    M          <- info: a patient characteristic

    **How to fix.** De-identify the files with a tool that applies the Basic Profile
    (pydicom/deid, CTP, dicognito), record what it did (113100 and its options in
    (0012,0064), PatientIdentityRemoved YES), replace names and IDs with study codes and
    shift dates, then scan again. Better still, publish derived results rather than DICOM
    files: the licence does not allow releasing the data set.
    """

    code = "OS301"
    name = "confidentiality-profile-attribute"
    category = Category.DICOM_PHI
    severity = Severity.BLOCK
    reads = DicomHeader

    delta = PER_ELEMENT
    inherits = ("deidentification", "identifying_values")

    @staticmethod
    def depends_on(element: DicomElement) -> bool:
        # The declaration and the identifying values (a trusted dummy must not be found elsewhere).
        return shapes_declaration(element)

    def run(self, header: DicomHeader, context: CheckContext) -> Iterator[Finding]:
        return self.run_on(header, header.elements, context)

    def run_on(self, header: DicomHeader, elements: list[DicomElement], context: CheckContext) -> Iterator[Finding]:
        """The findings at `elements` of the header."""
        declared: Declaration | None = None
        made: dict | None = None
        for element in elements:
            row = element_row(element)
            if row is None:
                continue
            if element.converted and not element.value.strip():
                continue
            if element.vr == "SQ" and element.value.startswith("0 "):
                continue
            if declared is None:
                declared = declaration(header)
                made = _made_for(context.policy, declared)
            # The files of a series repeat most elements: the finding depends on the element and
            # the file's declaration alone (except a trusted dummy's, which looks at the file's
            # other values), so a file meeting an element again gets a copy with its own path.
            finding = made.get(element)
            if finding is not None:
                yield finding.at(context.path)
                continue
            severity, message, evidence, tier = self._judge(header, element, row, declared)
            finding = self.finding(context, header.location(element), message, evidence,
                                   match_key=f"{element.path}|{row.keyword}|{tier}", severity=severity)
            # Kept for the next file holding the same element, but not a UID: an instance's own
            # UID is met once, and keeping each would hold an archive's UIDs until the cap.
            if not (declared.trusted and tier in ("dummy", "direct")) and tier != "uid":
                if len(made) >= _MAX_MADE:
                    made.clear()
                made[element] = finding
            yield finding

    # -----------------------------------------------------------------------------------

    def _judge(self, header: DicomHeader, element: DicomElement, row: AnnexRow,
               declared: Declaration) -> tuple[Severity, str, str, str]:
        vr = element.vr if element.vr not in ("UN", "") else row.vr
        keyword = element.keyword or row.keyword
        action, option = row.action_under(declared.options)
        said = f"action {row.action}" + (f"; {action} under {option}" if option and action != row.action else "")
        head = f"{keyword} {dicom_tag(element.tag)}"
        value = element.value if element.converted else ""
        evidence = _mask(keyword, vr, value, row.patient_characteristic) if element.converted else "(binary value)"
        deviation = declared.trusted and "X" in action

        if vr == "SQ":
            items = element.value
            return Severity.INFO, (f"{head}: a sequence the profile lists ({said}) is present with {items}; "
                                   f"its elements are checked at their own paths" + _deviation(deviation)), \
                items, "sequence"

        if element.converted and not has_content(value):
            return Severity.INFO, f"{head}: holds only a placeholder ({said})", evidence, "placeholder"

        if is_direct_identifier(keyword, vr):
            if declared.trusted:
                kind = dummy_kind(value)
                if kind and not self._found_elsewhere(header, keyword, value):
                    what = "an obvious dummy value" if kind == "dummy" else "a study pseudonym"
                    shown = value.strip() if kind == "dummy" else evidence
                    return Severity.INFO, (f"{head}: holds {what}, as the declared Basic Profile allows "
                                           f"({said}): '{shown}'"), short(shown), "dummy"
            message = (f"{head}: a direct identifier the Basic Profile {_verb(row.action)} ({said}) is present: "
                       f"'{evidence}'")
            if declared.declared and not declared.trusted:
                message += (f" (the file declares {declared.describe()}, but {'; '.join(declared.contradictions)}: "
                            f"the declaration is not trusted)")
            return Severity.BLOCK, message, evidence, "direct"

        if vr == "AS" or keyword == "PatientAge":
            match = _AGE.search(value)
            if match and int(match.group(1)) > 89:
                return Severity.BLOCK, (f"{head}: an age over 89 is present ({said}): '{evidence}'; "
                                        f"ages of 90 or more must be grouped"), evidence, "age"

        if vr in _DATE_VRS:
            kind = "a time" if vr == "TM" else "a date" if vr == "DA" else "a date and time"
            longitudinal = declared.longitudinal
            if longitudinal:
                return Severity.INFO, (f"{head}: {kind} kept under the declared {longitudinal} ({said}): "
                                       f"'{evidence}'"), evidence, "date"
            return Severity.REVIEW, (f"{head}: {kind} the Basic Profile {_verb(row.action)} ({said}) is present: "
                                     f"'{evidence}'; check it is shifted or coarsened"), evidence, "date"

        if vr == "UI":
            if declared.trusted:
                return Severity.INFO, (f"{head}: a UID ({said}) in a file that declares de-identification; a "
                                       f"replaced UID looks like any other: '{evidence}'"), evidence, "uid"
            why = "declares no de-identification" if not declared.declared else "declares de-identification its content contradicts"
            return Severity.REVIEW, (f"{head}: a UID the Basic Profile {_verb(row.action)} ({said}), in a file that "
                                     f"{why}: '{evidence}'; original UIDs link the file to the hospital's records"), \
                evidence, "uid"

        if row.patient_characteristic:
            return Severity.INFO, (f"{head}: a patient characteristic ({said}) is present: '{evidence}'"
                                   + _deviation(deviation)), evidence, "characteristic"

        if row.descriptor or vr in _TEXT_VRS:
            evidence = f"{len(value.strip())} characters of text" if element.converted else evidence
            return Severity.INFO, (f"{head}: free text the profile {_verb(row.action)} ({said}) is present "
                                   f"({evidence}); OS303 reads it for identifying content" + _deviation(deviation)), \
                evidence, "descriptor"

        return Severity.INFO, (f"{head}: an attribute the Basic Profile {_verb(row.action)} ({said}) is present: "
                               f"'{evidence}'" + _deviation(deviation)), evidence, "other"

    @staticmethod
    def _found_elsewhere(header: DicomHeader, keyword: str, value: str) -> bool:
        """Is this value held by another identifying attribute (PatientName and PatientID may share one)?"""
        holders = identifying_values(header).get(normalise(value), set()) - {keyword}
        if keyword in _SHARED_CODE:
            holders -= _SHARED_CODE
        return bool(holders)


def _verb(action: str) -> str:
    words = list(dict.fromkeys(_ACTION_WORDS.get(letter, letter) for letter in action.replace("*", "").split("/")))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _deviation(deviation: bool) -> str:
    return "; a profile deviation: the declared profile removes it" if deviation else ""


def _mask(keyword: str, vr: str, value: str, characteristic: bool = False) -> str:
    """The value as a report may show it: no full name, identifier, date or UID."""
    values = [v.strip() for v in value.split("\\") if v.strip()] or [value.strip()]
    if vr in _TEXT_VRS and not is_direct_identifier(keyword, vr):
        return f"{len(value.strip())} characters of text"
    shown = [_mask_one(keyword, vr, v, characteristic) for v in values[:3]]
    return short("\\".join(shown) + ("\\…" if len(values) > 3 else ""))


def _mask_id(value: str) -> str:
    """mask_identifier, but a short value (four letters and digits or fewer) is starred whole."""
    if sum(ch.isalnum() for ch in value) <= 4:
        return "".join("*" if ch.isalnum() else ch for ch in value)
    return mask_identifier(value)


def _mask_one(keyword: str, vr: str, value: str, characteristic: bool = False) -> str:
    if vr == "DA":
        return re.sub(r"(\d{4})\d{4}", r"\1-**-**", value) if re.search(r"\d{8}", value) else mask_identifier(value)
    if vr == "DT":
        return re.sub(r"(\d{4})\d+(?:\.\d+)?([+-]\d{4})?", r"\1-**-** **:**", value)
    if vr == "TM":
        return re.sub(r"(\d{2})[\d:.]*", r"\1:**", value)
    if vr == "UI":
        return value if len(value) <= 8 else f"{value[:8]}…{value[-4:]}" if len(value) > 16 else \
            f"{value[:4]}…{value[-2:]}"
    if vr == "AS":
        match = _AGE.fullmatch(value)
        return "90Y or over" if match and int(match.group(1)) > 89 else value
    if is_name_like(keyword, vr):
        return " ".join(mask_name(word) if word[:1].isalpha() else _mask_id(word)
                        for word in re.split(r"[\^= ]+", value) if word)
    if characteristic:
        return value
    if is_direct_identifier(keyword, vr) or is_contact(keyword) or vr in ("LO", "SH", "AE", "UC", "UR", "UN"):
        return _mask_id(value)
    return mask_digits(value)  # CS, DS, IS and the like: codes and measurements
