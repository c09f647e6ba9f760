"""Named hospitals, clinics, laboratories and oncology practices, and named physicians.

A facility is a run of capitalised words ending in what it is ("St. Mary's Children's
Hospital", "Riverside Pediatric Oncology Associates", "Quest Diagnostics Laboratory") or
starting with it ("Hospital for Sick Children"), with at least one word that is a name
rather than a description ("a Community Hospital", "University Hospital" alone are not
named). National bodies and cooperative groups (the National Cancer Institute, the
Children's Oncology Group) are not data sources. A physician is a title and a name ("Dr.
Alvarez", "Jane Roe, MD") or a person spaCy finds beside a clinical role ("the treating
oncologist, Maria Chen").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.text_engine.recognizers.base import Match, OutscanRecognizer, window, words
from outscan.text_engine.science import is_eponym_or_symbol, written_like_a_name

# A capitalised word of a name; a full stop only ends an abbreviation ("St.", "Mt."), not a sentence.
_NAME_WORD = r"(?:[A-Z][a-z]{0,2}\.|[A-Z][A-Za-z'’-]*|&|of|and|the|for|de|la)"
_KIND = words(
    "Hospitals?", "Medical Cent(?:er|re)", "Health Cent(?:er|re)", "Health System", "Health Sciences Cent(?:er|re)",
    "Healthcare", "Health Care", "Clinics?", "Cancer Cent(?:er|re)", "Cancer Institute", "Cancer Hospital",
    "Infirmary", "Hospice", "Laborator(?:y|ies)", "Diagnostics", "Oncology Associates", "Oncology Group",
    "Oncology Practice", "Oncology Cent(?:er|re)", "Oncology Clinic", "Oncology Specialists", "Hematology-Oncology",
    "Hematology and Oncology", "Medical Group", "Imaging Cent(?:er|re)", "Surgical Cent(?:er|re)",
    "Nursing Home", "Children's", "Childrens", "Pathology Associates", "Physicians Group", "Pediatrics", "Paediatrics",
    "Primary Care", "Internal Medicine", "Internal Medicine Associates", "Family Medicine", "Family Practice",
    "Infusion Cent(?:er|re)", "Urgent Care", "Medical Associates", "Hematology (?:&|and) Oncology", "Dialysis Cent(?:er|re)",
    "Cancer Care", "Radiation Oncology", "Women's Health", "Pharmacy", "Pathology Group", "Home Health",
    "Pediatric Associates", "Proton Cent(?:er|re)", "Open MRI", "MRI", "Imaging", "Radiology", "Associates",
    "Health Partners", "Specialty Care", "Oncology", "Hematology", "Surgical Associates", "Medical Cent(?:er|re)s?",
    "General",
)
_KIND_AT_END = re.compile(_KIND + "$")
_TAKES_A_TAIL = re.compile(r"(?:Hospitals?|Clinics?|Medical Cent(?:er|re)|Infirmary|Cancer Cent(?:er|re)"
                           r"|Cancer Institute|Laborator(?:y|ies)|Children's)$")
_CORPORATE = r"(?:,?\s+(?:P\.?C\.|PC|LLC|PLLC|Inc\.|P\.?A\.|LLP)(?![A-Za-z]))?"
_FACILITY = re.compile(
    rf"(?<![A-Za-z])(?P<name>(?:{_NAME_WORD}\s+){{0,6}}{_KIND}){_CORPORATE}"
    rf"(?P<tail>\s+(?:of|for|at|in)\s+(?:the\s+)?[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){{0,3}})?")
_GENERIC = frozenset(
    "a an the our their each every any one participating academic tertiary community regional local university "
    "teaching pediatric paediatric general children's childrens county state public private rural urban referral "
    "affiliated main major large small specialized specialised comprehensive designated nci-designated nci "
    "of and for & at in de la national veterans affairs va cancer medical health oncology this these those "
    "hospital hospitals clinic clinics care center centre institute group department departments division section "
    "school college faculty university program programme unit units service services ward wards primary internal "
    "family radiation women's pharmacy general imaging radiology mri open pediatric paediatric associates "
    "partners specialty surgical hematology proton home clinical statistical research".split())
_NOT_A_FACILITY_GENERAL = re.compile(r"\b(?:Attorney|Surgeon|Inspector|Secretary|Comptroller|Auditor|Solicitor"
                                     r"|Postmaster|Governor|Director|Consul|Registrar|Accountant|Major)\s+General$")
_NOT_A_SOURCE = re.compile(
    r"\b(?:journal|journals|society|societies|association|annals|review|reviews|proceedings|conference|meeting"
    r"|symposium|congress|guidelines?|committee|consortium|network|trial|trials|study|studies|federation|academy"
    r"|board|council|initiative|program|programme|registry|foundation|fund|award|grant|archive|archives|atlas"
    r"|database|biobank|repository|portal|commons)\b"
    r"|national cancer institute|children'?s oncology group|pediatric oncology group|national institutes? of health"
    r"|american cancer society|cancer center support grant|centers? for disease control|nci-designated"
    r"|clinical laboratory improvement|cancer research uk|world health|leukemia (?:and|&) lymphoma society"
    r"|st\.? baldrick|alex's lemonade|hyundai hope|bayes|childhood cancer survivor study", re.I)

_PARTICLE = r"(?:(?:van|von|de|del|della|der|la|le|da|di|du|Van|Von|De|Del|La|Le|Da|Di|Du|St\.?)\s+)"
_TITLED = re.compile(r"\b(?:Drs?\.?|Doctor|Prof\.?|Professor)\s+(?P<name>(?:[A-Z]\.\s*){0,2}" + _PARTICLE +
                     r"?[A-Z][A-Za-z'’-]+(?:\s+[A-Z]\.)?(?:\s+" + _PARTICLE + r"?[A-Z][a-z][A-Za-z'’-]*)?)")
_CREDENTIALED = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+" + _PARTICLE + r"?[A-Z][A-Za-z'’-]+),?\s+"
    r"(?:MD|M\.D\.|DO|D\.O\.|MBBS|FAAP|FACP|NP|PA-C|RN|PhD|Ph\.D\.)(?![A-Za-z])")
_ROLE = re.compile(
    r"\b(?:oncologists?|physicians?|surgeons?|radiologists?|pathologists?|pediatricians?|paediatricians?|neurologists?"
    r"|hematologists?|haematologists?|nurses?|clinicians?|attending|resident|practitioners?|provider"
    r"|treated by|referred by|under the care of|seen by|operated by|managed by|examined by)\b", re.I)


_ROLE_BEFORE = re.compile(_ROLE.pattern + r"\s*,?\s*(?:Drs?\.?\s*)?$", re.I)
_ROLE_AFTER = re.compile(r"^,?\s*(?:an?|the|our|his|her)?\s*(?:treating\s+|attending\s+|consulting\s+)?"
                         + _ROLE.pattern, re.I)


class FacilityRecognizer(OutscanRecognizer):
    ENTITIES = ("FACILITY",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        for match in _FACILITY.finditer(text):
            name = match["name"].strip()
            # Trim leading function words the lazy run took in ("the", "at").
            while name.split() and name.split()[0].lower() in ("the", "of", "and", "for", "&", "at", "in", "a", "an"):
                name = name.split(" ", 1)[1] if " " in name else ""
            full = name + (match["tail"] or "")
            if not name or _NOT_A_SOURCE.search(" ".join(full.split())) or _NOT_A_FACILITY_GENERAL.search(name):
                continue
            if any(re.fullmatch(r"[A-Z]", word) for word in name.split()):
                continue  # "J Digit Imaging", "J Clin Oncol": a journal's abbreviation in a citation
            # At least one word before what the place is ("Hospital") must be a name, not a description.
            kind = _KIND_AT_END.search(name)
            kind_words = len(kind.group().split()) if kind else 1
            descriptive = name.split()[:-kind_words] if kind_words < len(name.split()) else []
            named_by_words = any(w.lower().strip(".,") not in _GENERIC for w in descriptive)
            # "Hospital for Sick Children" is a name; "Imaging for Ashley" and "MRI of the brain" are not.
            named_by_tail = bool(match["tail"]) and _TAKES_A_TAIL.search(name) is not None
            if not named_by_words and not named_by_tail:
                continue
            start = match.start("name") + match["name"].index(name.split()[0])
            end = match.end() - (len(full) - len(full.rstrip(".")) if match["tail"] else 0)
            yield Match("FACILITY", start, end, 0.85, {"name": full.rstrip(".")})


class PhysicianRecognizer(OutscanRecognizer):
    ENTITIES = ("PHYSICIAN",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        taken: list[tuple[int, int]] = []
        for pattern in (_TITLED, _CREDENTIALED):
            for match in pattern.finditer(text):
                taken.append(match.span())
                yield Match("PHYSICIAN", *match.span(), 0.85, {"name": match["name"]})
        for entity in getattr(nlp_artifacts, "entities", None) or ():
            if entity.label_ not in ("PERSON", "PER"):
                continue
            start, end = entity.start_char, entity.end_char
            if any(s < end and start < e for s, e in taken):
                continue
            if not written_like_a_name(entity.text) or is_eponym_or_symbol(entity.text):
                continue
            left, right = window(text, start, end, before=45, after=30)
            # The role stands right beside the name ("the oncologist, Maria Chen", "referred by
            # Ann Lee", "Maria Chen, the treating oncologist"): "the nurse telephoned Maria
            # Chen" is about a patient.
            if _ROLE_BEFORE.search(left) or _ROLE_AFTER.match(right):
                yield Match("PHYSICIAN", start, end, 0.75, {"name": entity.text})
