"""Medical record numbers, Social Security numbers and NPI numbers.

A record number is found by its label ("MRN 4471902", "medical record no. A-00431",
"chart #88213") or by context (a 6-10 digit number within a few words of "record",
"chart", "patient ID"). A bare nine-digit number is neither an SSN nor a date: an SSN
needs its dashed form with valid groups or an "SSN"/"social security" label. An NPI is a
10-digit number that passes the NPI check digit (Luhn over "80840" + the number) and
stands near "NPI" or "provider".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.text_engine.recognizers.base import Match, OutscanRecognizer, window

_RECORD_LABEL = (r"(?:MRN|MR\s?#|medical[- ]record(?:\s+(?:number|no\.?|num\.?|#|id))?|med\.?\s*rec\.?\s*(?:no\.?|#|number)"
                 r"|record\s+(?:number|no\.?|#)|(?:EMR|EHR|Epic|Cerner|MRN)\s+(?:ID|number|no\.?)|FIN|encounter\s+FIN"
                 r"|(?:sample|specimen|block|slide)\s+(?:ID|number|no\.?)?"
                 r"|chart\s+(?:number|no\.?|#)|chart|patient\s+(?:id|identifier|number|no\.?|#)|hospital\s+(?:number|no\.?)"
                 r"|accession(?:\s+(?:number|no\.?|#))?|case\s+(?:id|number|no\.?)|subject\s+id|enrolment\s+id|study\s+id"
                 r"|encounter\s+(?:id|number))")
_LABELLED = re.compile(rf"\b{_RECORD_LABEL}\s*(?:[:#=]|is|was|of)?\s*#?\s*(?P<id>[A-Z]{{0,3}}-?\d[\d-]{{3,14}}\d)\b", re.I)
_BARE_ID = re.compile(r"(?<![\d.,/-])\d{6,10}(?!\d|[.,/-]\d|%|\s*(?:patients|cases|people|persons|children|years|person-years))")
# Public registry and repository accessions are not anyone's record: trials (NCT), dbGaP (phs),
# GEO (GSE/GSM), EGA, SRA, BioProject, PubMed.
_PUBLIC_ACCESSION = re.compile(r"(?:NCT|phs|GSE|GSM|EGA[SD]|SR[APRSX]|PRJNA|PMID:?\s?|PMC|ISRCTN|DRKS|ACTRN|EudraCT)\s?\d",
                               re.I)
_CONTEXT = re.compile(r"\b(?:record|chart|MRN|patient\s+(?:id|number)|identifier|hospital\s+number)\b", re.I)

_SSN_DASHED = re.compile(r"(?<![\d-])(?P<area>\d{3})-(?P<group>\d{2})-(?P<serial>\d{4})(?![\d-])")
_SSN_LABELLED = re.compile(r"\b(?:SSN|social\s+security(?:\s+(?:number|no\.?|#))?)[^;]{0,40}?(?<!\d)(?P<id>\d{3}([- ]?)\d{2}\2\d{4})\b",
                           re.I)
_NPI = re.compile(r"(?<![\d.-])(?P<id>[12]\d{9})(?!\d|[.-]\d)")
_NPI_CONTEXT = re.compile(r"\b(?:NPI|national\s+provider|provider\s+(?:id|identifier|number))\b", re.I)


def _valid_ssn(area: str, group: str, serial: str) -> bool:
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


def npi_check_digit_ok(number: str) -> bool:
    """The NPI check digit is Luhn's over the prefix 80840 and the ten digits."""
    digits = [int(d) for d in "80840" + number]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 1:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


class RecordNumberRecognizer(OutscanRecognizer):
    ENTITIES = ("MEDICAL_RECORD_NUMBER", "US_SSN")

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        taken: list[tuple[int, int]] = []
        for match in _SSN_LABELLED.finditer(text):
            taken.append(match.span("id"))
            yield Match("US_SSN", *match.span("id"), 0.95, {"label": "social security number"})
        for match in _SSN_DASHED.finditer(text):
            if match.span() not in taken and _valid_ssn(match["area"], match["group"], match["serial"]):
                taken.append(match.span())
                yield Match("US_SSN", *match.span(), 0.85, {"label": "social security number"})
        for match in _LABELLED.finditer(text):
            if _PUBLIC_ACCESSION.match(text, max(0, match.start("id") - 6)) or \
                    _PUBLIC_ACCESSION.search(text[max(0, match.start("id") - 6):match.end("id")]):
                continue
            if match.span("id") not in taken:
                taken.append(match.span("id"))
                yield Match("MEDICAL_RECORD_NUMBER", *match.span("id"), 0.9, {"label": "medical record number"})
        for match in _BARE_ID.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            if _PUBLIC_ACCESSION.search(text[max(0, match.start() - 6):match.end()]):
                continue
            left, right = window(text, match.start(), match.end(), before=40, after=25)
            if _CONTEXT.search(left) or _CONTEXT.search(right):
                yield Match("MEDICAL_RECORD_NUMBER", *match.span(), 0.7, {"label": "record number (by context)"})


class NpiRecognizer(OutscanRecognizer):
    ENTITIES = ("NPI",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        for match in _NPI.finditer(text):
            if not npi_check_digit_ok(match["id"]):
                continue
            left, right = window(text, match.start(), match.end(), before=50, after=20)
            if _NPI_CONTEXT.search(left) or _NPI_CONTEXT.search(right):
                yield Match("NPI", *match.span("id"), 0.9, {"label": "NPI number"})
