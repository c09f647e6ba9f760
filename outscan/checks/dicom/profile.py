"""The DICOM confidentiality profile (PS3.15 Annex E) and what a file declares about itself.

Shared by the DICOM checks; nothing here yields findings.

- `annex_e()` / `annex_e_row(tag)`: the Annex E table shipped in ``outscan/data``, read
  once, keyed by tag; the repeating groups (``50XX,XXXX``, ``60XX,3000``, ``60XX,4000``)
  are found by masking the group. A newer edition is a new data file and a change of
  `ANNEX_E_FILE`.
- `declaration(header)`: the de-identification a file declares — the method codes in
  DeidentificationMethodCodeSequence (0012,0064), PatientIdentityRemoved (0012,0062) —
  and whether its content contradicts that declaration (then it is not trusted).
  `deidentification_declared(header)` is the short form other checks use.
- `DIRECT_IDENTIFIERS`, `is_dummy(...)`: which attributes name or point to a person or
  a place of care, and which values are obvious dummies or study pseudonyms.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from outscan.documents import DicomElement, DicomHeader

ANNEX_E_FILE = "dicom_annex_e_2024b.csv"
ANNEX_E_EDITION = "2024b"

# De-identification method codes (CID 7050, scheme DCM) and the Annex E column each option sets.
BASIC_PROFILE = "113100"
OPTION_COLUMNS = {
    "113111": ("retain_safe_private", "Retain Safe Private"),
    "113110": ("retain_uids", "Retain UIDs"),
    "113109": ("retain_device_identity", "Retain Device Identity"),
    "113112": ("retain_institution_identity", "Retain Institution Identity"),
    "113108": ("retain_patient_characteristics", "Retain Patient Characteristics"),
    "113106": ("retain_longitudinal_full_dates", "Retain Longitudinal Temporal Information Full Dates"),
    "113107": ("retain_longitudinal_modified_dates", "Retain Longitudinal Temporal Information Modified Dates"),
    "113105": ("clean_descriptors", "Clean Descriptors"),
    "113104": ("clean_structured_content", "Clean Structured Content"),
    "113103": ("clean_graphics", "Clean Graphics"),
}
LONGITUDINAL = frozenset({"113106", "113107"})

# Attributes that name or point to a person, a record or a place of care. Every PN
# (person name) attribute of the table counts too (`is_direct_identifier`).
DIRECT_IDENTIFIERS = frozenset({
    # the patient
    "PatientName", "PatientID", "OtherPatientIDs", "OtherPatientNames", "PatientBirthName",
    "PatientMotherBirthName", "PatientBirthDate", "PatientBirthTime", "PatientAddress",
    "RegionOfResidence", "PatientTelephoneNumbers", "PatientTelecomInformation", "MedicalRecordLocator",
    "InsurancePlanIdentification", "AdmissionID",
    # the request and the record
    "AccessionNumber", "SpecimenAccessionNumber", "PlacerOrderNumberImagingServiceRequest",
    "FillerOrderNumberImagingServiceRequest",
    # the place of care
    "InstitutionName", "InstitutionAddress", "InstitutionalDepartmentName",
    # physicians, operators and other people (names are PN; these are their contacts)
    "ReferringPhysicianAddress", "ReferringPhysicianTelephoneNumbers", "PersonAddress",
    "PersonTelephoneNumbers", "PersonTelecomInformation", "OrderCallbackPhoneNumber",
    "OrderCallbackTelecomInformation", "AddressTrial", "TelephoneNumberTrial", "DistributionAddress",
    "CameraOwnerName",
    # the device
    "StationName", "ScheduledStationName", "PerformedStationName", "DeviceSerialNumber",
})
_NAME_LIKE = frozenset({"InstitutionName", "InstitutionalDepartmentName", "CameraOwnerName"})
_CONTACT = frozenset({"Address", "Telephone", "Telecom", "Phone"})


@dataclass(frozen=True, slots=True)
class AnnexRow:
    """One row of Table E.1-1: the attribute, its Basic Profile action and the options' actions."""

    tag: str  # as the table writes it: "00100010", "60XX3000"
    keyword: str
    name: str
    action: str  # X, Z, D, U, K, C or a combination such as "X/Z/D"
    options: dict = field(hash=False, compare=False)  # column -> "K" or "C"
    vr: str = ""  # from pydicom's dictionary; "" for the repeating groups

    def action_under(self, codes: set[str]) -> tuple[str, str | None]:
        """The action once the declared options apply, and the option that changed it."""
        for code, (column, title) in OPTION_COLUMNS.items():
            if code in codes and self.options.get(column):
                return self.options[column], f"{title} ({code})"
        return self.action, None

    @property
    def patient_characteristic(self) -> bool:
        return self.options.get("retain_patient_characteristics") == "K"

    @property
    def descriptor(self) -> bool:
        return "C" in self.action or "C" in (self.options.get("clean_descriptors"),
                                             self.options.get("retain_patient_characteristics"),
                                             self.options.get("clean_structured_content"))


@lru_cache(maxsize=1)
def annex_e() -> tuple[dict[int, AnnexRow], dict[int, AnnexRow]]:
    """(concrete rows by tag, repeating-group rows by tag with the group's low byte masked)."""
    from pydicom.datadict import dictionary_VR

    text = resources.files("outscan").joinpath(f"data/{ANNEX_E_FILE}").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    concrete: dict[int, AnnexRow] = {}
    repeating: dict[int, AnnexRow] = {}
    for record in csv.DictReader(lines):
        tag = record["tag"]
        options = {k: v for k, v in list(record.items())[5:] if v}
        if not re.fullmatch(r"[0-9A-Fa-f]{8}", tag):
            if tag.startswith(("50XX", "60XX")):  # 50XXXXXX: every element of group 50xx
                key = int(tag[:2] + "00" + tag[4:].replace("X", "0"), 16)
                repeating[key] = AnnexRow(tag, record["keyword"], record["name"], record["basic_profile_action"],
                                          options)
            continue  # the private-attribute row: private elements are OS302's
        value = int(tag, 16)
        try:
            vr = dictionary_VR(value)
        except KeyError:
            vr = ""
        concrete[value] = AnnexRow(tag, record["keyword"], record["name"], record["basic_profile_action"], options, vr)
    return concrete, repeating


def annex_e_row(tag: int) -> AnnexRow | None:
    """The Annex E row for a tag, the repeating groups (curves, overlays) included."""
    concrete, repeating = annex_e()
    row = concrete.get(tag)
    if row is not None:
        return row
    group = tag >> 16
    if group & 1 == 0 and group & 0xFF00 in (0x5000, 0x6000) and group & 0xFF < 0x20:
        return repeating.get((tag & 0xFF00FFFF)) or repeating.get(0x50000000 if group & 0xFF00 == 0x5000 else -1)
    return None


def is_direct_identifier(keyword: str, vr: str) -> bool:
    return keyword in DIRECT_IDENTIFIERS or vr == "PN"


def is_contact(keyword: str) -> bool:
    return any(word in keyword for word in _CONTACT)


def is_name_like(keyword: str, vr: str) -> bool:
    """Values best masked as names (initials): people, institutions, departments."""
    return vr == "PN" or keyword in _NAME_LIKE


# ---------------------------------------------------------------------------------------
# Dummies and pseudonyms

_DUMMY_WORDS = frozenset({
    "anon", "anonymous", "anonymized", "anonymised", "anonymize", "anonymise", "deidentified", "de-identified",
    "deid", "removed", "redacted", "unknown", "none", "n/a", "na", "null", "empty", "dummy", "patient", "subject",
    "blank", "not provided", "no name", "noname", "test", "phantom", "institution", "hospital", "physician",
    "operator", "station",
})
_STUDY_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*\d[A-Za-z0-9_.\-]*")
_SHORT_NUMBER = re.compile(r"\d{1,5}")
_DUMMY_FILL = re.compile(r"([xX*0#9?-])\1+")  # XXXX, ****, 0000


def has_content(value: str) -> bool:
    """A value with at least one letter or digit: '^', '\\' or spaces say nothing about anyone."""
    return any(ch.isalnum() for ch in value)


def person_like(value: str) -> bool:
    """Two or more alphabetic name parts (`Doe^John`, `John Doe`) that are not dummy words."""
    parts = [p for p in re.split(r"[\^= ,]+", value.split("\\")[0]) if p]
    words = [p for p in parts if p.isalpha() or re.fullmatch(r"[A-Za-z][A-Za-z'.-]+", p)]
    return len(words) >= 2 and len(words) == len(parts) and not all(p.lower() in _DUMMY_WORDS for p in parts)


def dummy_kind(value: str) -> str | None:
    """'dummy' (ANON, Anonymized, XXXX), 'pseudonym' (a study code such as SUBJ0104) or None.

    A study code starts with a letter and holds a digit (SUBJ0104, TCGA-02-0001); a number
    of up to five digits counts too. A bare number of six or more digits looks like an MRN
    and is not a pseudonym; neither is anything person-like.
    """
    text = value.strip().strip("^=").strip()
    if not text:
        return "dummy"
    words = [w for w in re.split(r"[\^= ]+", text) if w]
    if all(w.lower().strip(".") in _DUMMY_WORDS or _DUMMY_FILL.fullmatch(w) for w in words):
        return "dummy"
    if person_like(text) or len(words) != 1:
        return None
    if _STUDY_CODE.fullmatch(text) or _SHORT_NUMBER.fullmatch(text):
        return "pseudonym"
    return None


# ---------------------------------------------------------------------------------------
# The file's declaration

@dataclass(frozen=True)
class Declaration:
    """What a file says about its own de-identification, and whether to believe it."""

    codes: frozenset[str]  # method codes in (0012,0064)
    identity_removed: bool  # PatientIdentityRemoved (0012,0062) = YES
    contradictions: tuple[str, ...]  # what in the content says otherwise

    @property
    def declared(self) -> bool:
        """113100 declared or PatientIdentityRemoved = YES, whether or not the content agrees."""
        return BASIC_PROFILE in self.codes or self.identity_removed

    @property
    def trusted(self) -> bool:
        """Declared, and nothing in the content contradicts it."""
        return self.declared and not self.contradictions

    @property
    def longitudinal(self) -> str | None:
        """The retain-longitudinal option declared (113106 or 113107), if the declaration is trusted."""
        if not self.trusted:
            return None
        for code in sorted(LONGITUDINAL & self.codes):
            return f"{OPTION_COLUMNS[code][1]} ({code})"
        return None

    @property
    def options(self) -> set[str]:
        """The declared option codes that change actions, when the declaration is trusted."""
        return set(self.codes) if self.trusted else set()

    def describe(self) -> str:
        said = []
        if BASIC_PROFILE in self.codes:
            said.append("113100 Basic Profile in (0012,0064)")
        if self.identity_removed:
            said.append("PatientIdentityRemoved YES")
        return " and ".join(said)


def declaration(header: DicomHeader) -> Declaration:
    """The file's declaration, worked out once per header (kept in `header.derived`)."""
    known = header.derived.get("deidentification")
    if known is not None:
        return known
    codes = frozenset(header.codes("DeidentificationMethodCodeSequence"))
    removed = (header.first("PatientIdentityRemoved") or "").strip().upper() == "YES"
    contradictions: list[str] = []
    if BASIC_PROFILE in codes or removed:
        for element in header.elements:
            if element.keyword in ("OtherPatientIDs", "OtherPatientNames") and has_content(element.value):
                contradictions.append(f"{element.keyword} is still present")
            elif element.keyword == "OtherPatientIDsSequence" and not element.value.startswith("0 "):
                contradictions.append("OtherPatientIDsSequence is still present")
        name = header.first("PatientName") or ""
        if person_like(name) and dummy_kind(name) is None:
            contradictions.append("PatientName looks like a person's name")
        if (header.first("BurnedInAnnotation") or "").strip().upper() == "YES":
            contradictions.append("BurnedInAnnotation is YES")
    result = Declaration(codes, removed, tuple(dict.fromkeys(contradictions)))
    header.derived["deidentification"] = result
    return result


# What `declaration` reads, besides the direct identifiers.
_DECLARATION_KEYWORDS = frozenset({"PatientIdentityRemoved", "DeidentificationMethodCodeSequence", "OtherPatientIDs",
                                   "OtherPatientNames", "OtherPatientIDsSequence", "PatientName",
                                   "BurnedInAnnotation"})
_DECLARATION_SEQUENCES = frozenset({"DeidentificationMethodCodeSequence", "OtherPatientIDsSequence"})


def shapes_declaration(element: DicomElement) -> bool:
    """Does the element take part in `declaration` or `identifying_values`? The files of a
    series that differ in no such element have the same declaration and identity."""
    return (element.keyword in _DECLARATION_KEYWORDS or element.in_sequence in _DECLARATION_SEQUENCES
            or is_direct_identifier(element.keyword, element.vr))


def deidentification_declared(header: DicomHeader, trusted: bool = True) -> bool:
    """Does the file declare de-identification (113100 or PatientIdentityRemoved YES)?

    With `trusted` (the default), only a declaration the content does not contradict
    counts: other patient IDs or names still present, a person-like PatientName, or
    BurnedInAnnotation YES make it untrusted.
    """
    found = declaration(header)
    return found.trusted if trusted else found.declared


def identifying_values(header: DicomHeader) -> dict[str, set[str]]:
    """Normalised value -> the keywords of the direct-identifier attributes holding it (once per header)."""
    known = header.derived.get("identifying_values")
    if known is not None:
        return known
    values: dict[str, set[str]] = {}
    for element in header.elements:
        if not (element.converted and element.value and element.vr != "SQ"):
            continue
        if element.in_sequence == "OtherPatientIDsSequence":
            label = "OtherPatientIDsSequence"  # the other IDs, whatever their keyword inside
        elif is_direct_identifier(element.keyword, element.vr):
            label = element.keyword
        else:
            continue
        for part in element.value.split("\\"):
            key = normalise(part)
            if key:
                values.setdefault(key, set()).add(label)
    header.derived["identifying_values"] = values
    return values


def normalise(value: str) -> str:
    return re.sub(r"[\^= ]+", " ", value).strip().lower()


def element_row(element: DicomElement) -> AnnexRow | None:
    """The Annex E row an element falls under; None for private and file-meta elements."""
    tag = element.tag
    if tag & 0x10000 or tag >> 16 == 0x0002:
        return None
    return annex_e_row(tag)
