"""Each recogniser against sentences it must find and near-misses it must leave alone.

The regex recognisers are called directly; those that read spaCy's entities (people,
cities, physicians) go through the real engine, model and all.
"""

from __future__ import annotations

import pytest

from outscan.documents import Part, TextBlock, TextDocument
from outscan.text_engine import analyse
from outscan.text_engine.recognizers.contact import LabelledPhoneRecognizer, StreetAddressRecognizer
from outscan.text_engine.recognizers.counts import CaseDescriptionRecognizer, SmallCountRecognizer
from outscan.text_engine.recognizers.dates import AgeOver89Recognizer, PersonalDateRecognizer
from outscan.text_engine.recognizers.places import PlaceRecognizer, RegistryRecognizer
from outscan.text_engine.recognizers.providers import FacilityRecognizer, PhysicianRecognizer
from outscan.text_engine.recognizers.record_numbers import NpiRecognizer, RecordNumberRecognizer, npi_check_digit_ok


def found(recognizer, text: str) -> list[str]:
    return [text[m.start:m.end] for m in recognizer().find(text, None)]


CASES = [
    # (recogniser, sentence, what it must find: [] for a near-miss)
    (RecordNumberRecognizer, "The index case (MRN 004471902) presented with fever.", ["004471902"]),
    (RecordNumberRecognizer, "Medical record no. A-00431 was reviewed.", ["A-00431"]),
    (RecordNumberRecognizer, "Chart #88213 lists a second admission.", ["88213"]),
    (RecordNumberRecognizer, "His hospital record shows 20417733 as the identifier.", ["20417733"]),
    (RecordNumberRecognizer, "SSN 123-45-6789 was on the consent form.", ["123-45-6789"]),
    (RecordNumberRecognizer, "A form listed 219-09-9999 beside the name.", ["219-09-9999"]),
    (RecordNumberRecognizer, "The state population was 123456789 in the census.", []),
    (RecordNumberRecognizer, "Grant numbers 666-12-3456 and 912-34-5678 are not SSNs.", []),
    (RecordNumberRecognizer, "Supported by grant U24CA180996 and contract 75N91019D00024.", []),
    (NpiRecognizer, "Provider NPI 1234567893 signed the report.", ["1234567893"]),
    (NpiRecognizer, "NPI 1234567890 fails its check digit.", []),
    (NpiRecognizer, "The cohort held 1234567893 person-days.", []),
    (StreetAddressRecognizer, "She lived at 1420 Maple Avenue with her parents.", ["1420 Maple Avenue"]),
    (StreetAddressRecognizer, "Records were mailed to P.O. Box 1187.", ["P.O. Box 1187"]),
    (StreetAddressRecognizer, "In 2015 Cox models were fitted.", []),
    (LabelledPhoneRecognizer, "Her mother could be reached at phone 555-123-4567.", ["555-123-4567"]),
    (LabelledPhoneRecognizer, "Incidence rose from 1997-2003 to 2010-2016.", []),
    (PersonalDateRecognizer, "She was diagnosed on March 4, 2015 at age 7.", ["March 4, 2015"]),
    (PersonalDateRecognizer, "DOB: 03/04/2009.", ["03/04/2009"]),
    (PersonalDateRecognizer, "The patient died on 2016-11-02 after relapse.", ["2016-11-02"]),
    (PersonalDateRecognizer, "Patients diagnosed between January 1, 2000 and December 31, 2018 were eligible.", []),
    (PersonalDateRecognizer, "Follow-up data were complete as of March 1, 2024.", []),
    (PersonalDateRecognizer, "She was diagnosed in March 2015.", []),
    (AgeOver89Recognizer, "A 93-year-old woman was admitted.", ["93-year-old"]),
    (AgeOver89Recognizer, "The oldest participant, aged 97, withdrew.", ["aged 97"]),
    (AgeOver89Recognizer, "Patients aged 90 and over were grouped.", []),
    (AgeOver89Recognizer, "Rates for ages 90-94 years were unstable.", []),
    (AgeOver89Recognizer, "An 89-year-old man was admitted.", []),
    (SmallCountRecognizer, "Only 3 patients relapsed.", ["3 patients"]),
    (SmallCountRecognizer, "Relapse occurred in two cases (n = 4).", ["two cases", "n = 4"]),
    (SmallCountRecognizer, "A single patient died; 3 (1.2%) had grade 4 toxicity.", ["A single patient", "3 (1.2%)"]),
    (SmallCountRecognizer, "Death occurred in 3/250 patients.", ["3/250"]),
    (SmallCountRecognizer, "Only four children had metastatic disease.", ["four children"]),
    (SmallCountRecognizer, "Table 3 shows stage 2 disease in 45 patients.", ["45 patients"]),
    (SmallCountRecognizer, "Fewer than 10 patients had stage 4 disease.", []),
    (SmallCountRecognizer, "About 1 in 5 children reported fatigue; 3 per 100,000 were affected.", []),
    (SmallCountRecognizer, "Experiments were run with n = 3 replicates in two groups.", []),
    (SmallCountRecognizer, "The 5-year survival was 84% over 2-5 cycles.", []),
    (CaseDescriptionRecognizer, "A 7-year-old girl from rural Iowa presented with a mass.", ["A 7-year-old girl"]),
    (CaseDescriptionRecognizer, "The patient, a 34-year-old woman, declined surgery.", ["a 34-year-old woman"]),
    (CaseDescriptionRecognizer, "A boy aged 7 was referred.", ["A boy aged 7"]),
    (CaseDescriptionRecognizer, "Case 2: persistent fever after induction.", ["Case 2:"]),
    (CaseDescriptionRecognizer, "Most 7-year-old children were treated as outpatients.", []),
    (CaseDescriptionRecognizer, "A 5-year survival of 84% was seen.", []),
    (PlaceRecognizer, "She lived in rural Johnson County.", ["Johnson County"]),
    (PlaceRecognizer, "Residents of ZIP code 77030 and census tract 4012.01 were included.", ["77030", "census tract 4012.01"]),
    (PlaceRecognizer, "The home was at 37.7749° N, 122.4194° W.", ["37.7749° N, 122.4194° W"]),
    (PlaceRecognizer, "He moved to Springfield, IL in 2010.", ["Springfield, IL"]),
    (PlaceRecognizer, "The HR was 1.234 (0.987, 1.543) in the adjusted model.", []),
    (PlaceRecognizer, "ZIP code 00000 is not a ZIP code; Imaginary County is not a county.", []),
    (RegistryRecognizer, "Cases came from the Utah Cancer Registry.", ["Utah Cancer Registry"]),
    (RegistryRecognizer, "The Connecticut Tumor Registry reported both.", ["Connecticut Tumor Registry"]),
    (RegistryRecognizer, "SEER Atlanta reported them.", ["SEER Atlanta"]),
    (RegistryRecognizer, "Data came from the National Childhood Cancer Registry and SEER 22.", []),
    (FacilityRecognizer, "She was treated at St. Mary's Children's Hospital.", ["St. Mary's Children's Hospital"]),
    (FacilityRecognizer, "Biopsies were read by Quest Diagnostics Laboratory.", ["Quest Diagnostics Laboratory"]),
    (FacilityRecognizer, "He was transferred to the Hospital for Sick Children.", ["Hospital for Sick Children"]),
    (FacilityRecognizer, "Patients were treated at a tertiary Children's Hospital or a Community Hospital.", []),
    (FacilityRecognizer, "Funded by the National Cancer Institute; risk groups of the Children's Oncology Group.", []),
    (PhysicianRecognizer, "She was treated by Dr. Alvarez.", ["Dr. Alvarez"]),
    (PhysicianRecognizer, "Pathology was reviewed by Jane Roe, MD.", ["Jane Roe, MD"]),
]


@pytest.mark.parametrize(("recognizer", "text", "expected"), CASES,
                         ids=[f"{r.__name__}: {t[:40]}" for r, t, _ in CASES])
def test_recognizer(recognizer, text, expected):
    assert found(recognizer, text) == expected


def test_npi_check_digit():
    assert npi_check_digit_ok("1234567893")
    assert not npi_check_digit_ok("1234567890")


def _entities(text: str, part: Part = Part.BODY, authors: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    document = TextDocument([TextBlock(text, line=1, part=part)], authors=authors)
    return [(hit.entity, hit.text) for hit in analyse(document)]


def test_names_found_by_the_model_and_quiet_where_they_belong():
    sentence = "Patient John Smith relapsed at 14 months and was seen by the oncologist, Maria Chen."
    assert ("PERSON", "John Smith") in _entities(sentence)
    assert ("PHYSICIAN", "Maria Chen") in _entities(sentence)
    assert not any(e in ("PERSON", "PHYSICIAN") for e, _ in _entities(sentence, Part.FRONT))
    assert _entities(sentence, Part.REFERENCES) == []
    assert ("PERSON", "John Smith") not in _entities(sentence, authors=("Smith, J.",))


def test_scientific_prose_is_quiet():
    sentences = [
        "Overall survival was estimated with the Kaplan-Meier method and compared with the log-rank test.",
        "Hazard ratios came from Cox models; proportional hazards were checked with Schoenfeld residuals.",
        "Hodgkin lymphoma, non-Hodgkin lymphoma, Burkitt lymphoma, Wilms tumor and Ewing sarcoma were common.",
        "Groups were compared with Fisher's exact test and the Mann-Whitney U test with a Bonferroni correction.",
        "BRCA1, TP53 and Ki-67 were associated with relapse (HR 1.84, 95% CI 1.21-2.80, p=0.004).",
        "Relative survival used the Ederer II method, age-adjusted to the 2000 US standard population.",
        "As reported by Smith et al. (2019), incidence has been stable since 1975.",
        "We included 1,842 children diagnosed between January 1, 2000 and December 31, 2018.",
    ]
    for sentence in sentences:
        assert _entities(sentence) == [], sentence
