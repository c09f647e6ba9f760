"""Counts of people written into prose, and descriptions of a single person.

A count is a number (digits or words: "three", "a single") that counts people or events
of people: "n = 3", "only four children", "two cases", "3 (1.2%)", "3/250 patients",
"3 of the 250 patients". It is not a count when it is a label ("Table 3", "stage 2",
"grade 3"), a rate ("3 per 100,000", "1 in 5 children"), a bound written to suppress
("fewer than 10 patients", "<16"), a range ("2-5 patients"), a percentage, a duration or an
age ("5-year survival", "3-year-old"), or counts something other than people ("n = 3
replicates", "two groups"). The recogniser reports every count below 100 with its value;
the check compares it with the policy's threshold.

A case description describes one person: "a 7-year-old girl", "the patient, a 34-year-old
woman from ...", "a boy aged 7", "Case 2:".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.text_engine.recognizers.base import NUMBER_WORD, Match, OutscanRecognizer, number_value, words

PERSON_NOUNS = words(
    "patients?", "cases?", "child(?:ren)?", "deaths?", "participants?", "subjects?", "individuals?", "people",
    "persons?", "wom[ae]n", "m[ae]n", "boys?", "girls?", "infants?", "adolescents?", "survivors?", "decedents?",
    "respondents?", "adults?", "bab(?:y|ies)", "neonates?", "newborns?", "toddlers?", "teenagers?", "youths?",
    "famil(?:y|ies)", "siblings?", "twins?", "mothers?", "fathers?", "donors?", "recipients?", "relapses?",
    "recurrences?", "diagnoses", "decedents?", "students?", "veterans?", "residents?", "members?",
    "probands?", "pregnancies", "births?", "stillbirths?", "fatalities", "suicides?", "homicides?", "pts?",
    "carriers?", "controls", "enrollees?", "subjects?", "cases?",
)
_NUMBER = rf"(?P<num>\d{{1,3}}(?![.,]\d)|{NUMBER_WORD})"
# Up to two words between a number and its noun: "3 newly diagnosed patients", "two more cases".
_BETWEEN = (r"(?:of\s+(?:(?:the|these|those|our|all)\s+)?(?:\d[\d,]*\s+)?)?"
            rf"(?:(?!(?:in|per|out|to|from|than|and|or|of)\b|{NUMBER_WORD}\b)[a-z][a-z-]*\s+){{0,2}}?")
_COUNT_NOUN = re.compile(rf"(?<![\w.,/%-]){_NUMBER}\s+{_BETWEEN}(?P<noun>{PERSON_NOUNS})\b", re.I)
_N_EQUALS = re.compile(r"(?<![\w])[nN]\s*[=:]\s*(?P<num>\d{1,3})(?!\d|[.,]\d|\s*%)")
# "Of the 11 adolescents, 6 relapsed": the count's noun stands before it.
_VERBS = (r"(?:were|was|had|have|has|relapsed|died|developed|received|required|underwent|experienced|reported"
          r"|remained|survived|did|are|is|presented|progressed|recurred)")
_AFTER_ANTECEDENT = re.compile(
    rf"\b(?:of|among)\s+(?:the|these|those|all)?\s*\d[\d,]*\s+(?:[a-z-]+\s+)?(?:{PERSON_NOUNS})(?:\s+[^,.;]{{1,40}}?)?,\s+"
    rf"(?P<num>\d{{1,3}}|{NUMBER_WORD})\s+(?:(?:patients?|children|cases|of them)\s+)?{_VERBS}\b", re.I)
# "Toxic deaths: 5", "Relapses = 3".
_NOUN_COLON = re.compile(rf"(?<!date of )(?<!place of )(?<!cause of )\b(?:{PERSON_NOUNS})\s*[:=]\s*(?P<num>\d{{1,3}})"
                         rf"(?!\d|[.,]\d|\s*%|(?:st|nd|rd|th)\b|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", re.I)
# "Pacific Islander, n (%): 9 (4.9)": the column says what the pair is.
_N_PERCENT_LABEL = re.compile(r"\bn\s*\(%\)\s*[:=]?\s*(?P<num>\d{1,3})\s*\(\s*\d{1,3}(?:\.\d+)?\s*%?\s*\)")
_WITH_PERCENT = re.compile(r"(?<![\w.,/%-])(?P<num>\d{1,3})\s*\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\)")
_FRACTION = re.compile(r"(?<![\w.,/%-])(?P<num>\d{1,3})\s*/\s*(?P<den>\d[\d,]*)(?![\d./-])(?!\s*(?:\d|per|mg|kg|ml|mm|µ))")
_RATE_BEFORE = re.compile(r"(?:\d|\bone|\ba)\s+(?:in|of|out of)\s+$", re.I)

_LABEL_BEFORE = re.compile(
    r"\b(?:table|tables|fig(?:ure)?s?|fig\.|stage|stages|grade|grades|type|types|phase|group|arm|cohort|version"
    r"|day|days|week|weeks|month|months|year|years|chapter|section|page|pages|p|ref|step|level|wave|round|visit"
    r"|cycle|cycles|model|models|appendix|supplement|eq|equation|protocol|trial|study|case|patient|number|no"
    r"|codes?|icd-?\d*|hr|or|rr|ci|sd|iqr|n)\.?\s*$", re.I)
_BOUND_BEFORE = re.compile(
    r"(?:[<≤>≥]|<=|>=|\b(?:fewer than|less than|under|up to|at most|below|no more than|more than|at least|over"
    r"|exceeding|greater than|approximately|about|around|nearly|almost|roughly|every|per|each)\s*)$", re.I)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|to|or)\s*(?:\d|" + NUMBER_WORD + r")", re.I)
_RANGE_BEFORE = re.compile(r"(?:\d|" + NUMBER_WORD + r")\s*(?:-|–|—|to|or)\s*$", re.I)
# "1 in 5", "3 per 100,000"; not "in 2011", which dates a count.
_RATE_AFTER = re.compile(r"^\s*(?:in\s+(?!(?:19|20)\d\d\b)(?:\d|every|" + NUMBER_WORD + r")|per\b|/\s*\d)", re.I)
_NOT_PEOPLE_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s+)?(?:replicates?|experiments?|mice|rats|animals|samples?|specimens?|cell lines?|studies|trials"
    r"|scans|images|slides|series|sequences|volumes|files|runs|seeds|epochs|layers|readers|raters|observers"
    r"|sites|centers|centres|hospitals|registries|groups|clusters|iterations|folds|imputations|bootstraps?"
    r"|variables|covariates|models|categories|strata|items|questions|times|fold)\b", re.I)
_DURATION_AFTER = re.compile(r"^[- ](?:year|month|week|day|hour)s?\b", re.I)

_AGE_WORD = r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)"
_WHO = words("boy", "girl", "man", "woman", "male", "female", "child", "infant", "patient", "adolescent", "toddler",
             "neonate", "newborn", "baby", "teenager", "teen", "gentleman", "lady", "son", "daughter", "proband",
             "student", "veteran", "mother", "father", "twin", "resident", "participant", "survivor", "individual",
             "person", "decedent")
_CASE = re.compile(
    rf"\b(?:a|an|one|the|this|our|that)\s+(?:(?:previously|otherwise)\s+healthy\s+)?(?P<age>{_AGE_WORD})[- ]"
    rf"(?P<unit>year|month|week|day)s?[- ]old\b(?:,?\s+(?:[a-z-]+\s+){{0,3}}?{_WHO}\b|\s+(?:with|from|who|was|is|presented|presenting)\b)"
    rf"|\b(?:a|an|the|one)\s+{_WHO}\s+(?:aged|age)\s+\d{{1,3}}\b"
    rf"|\b(?:case|patient|pt|subject|participant|proband)\s*#?\s*(?:\d{{1,4}}|(?-i:[A-Z])\b|one|two|three|four|five)"
    rf"\s*(?:[:(|=]|,\s+(?:a|an|the|male|female)\b"
    rf"|\s+(?:was|is|had|presented|developed|died|relapsed|underwent|gave|reported|received))"
    # A singular person of a case report doing what patients do: "the boy had been adopted ...".
    rf"|\b(?:a|an|the|this|our)\s+(?:[a-z-]+\s+){{0,2}}?(?:boy|girl|man|woman|infant|neonate|newborn|toddler|baby"
    rf"|teenager)\b,?\s+(?:who|whose|with|was|had|has|presented|developed|diagnosed|born|aged|of\s+\d+|from|died"
    rf"|relapsed|underwent|received)\b(?!\s+(?:defined|considered|classified|eligible|counted|coded|excluded|included"
    rf"|categori[sz]ed|regarded|assumed|deemed))"
    # A line of individual data: "F | 100 y | stage IV", "girl, 2 y, relapsed".
    rf"|\b(?:F|M|female|male|girl|boy|woman|man)\s*[|,;]\s*\d{{1,3}}\s*(?:y|yrs?|years?|mo|months?)\b"
    rf"|\b\d{{1,2}}\s?(?:yo|y/o|y\.o\.|yr old|mo old)\s+{_WHO}\b"
    rf"|\b(?:the\s+)?(?:index\s+(?:case|patient)|proband)\s+(?:was|is|had|presented)\b",
    re.I)
_CASE_NOT_ONE = re.compile(r"^\s*(?:-|–|to)\s*\d|^s\b", re.I)


_DATE_AFTER = re.compile(r"^[/.-]\d{1,2}[/.-]\d{2,4}\b")
# "3 Hopp Children's Cancer Center": a numbered affiliation line, not a count of children.
_INDEX_OF_A_LINE = re.compile(r"(?:^|\n)\s*$")


def _is_count(text: str, start: int, end: int, num_start: int, num_end: int) -> bool:
    before = text[max(0, num_start - 30):num_start]
    after = text[num_end:num_end + 40]
    if _DATE_AFTER.match(after):
        return False
    if _INDEX_OF_A_LINE.search(before) and re.match(r"^\s+[A-Z][a-z]+\s+[A-Z]", after):
        return False
    if _LABEL_BEFORE.search(before) or _BOUND_BEFORE.search(before) or _RANGE_BEFORE.search(before) \
            or _RATE_BEFORE.search(before):
        return False
    if _RANGE_AFTER.match(after) or _DURATION_AFTER.match(after):
        return False
    return True


class SmallCountRecognizer(OutscanRecognizer):
    ENTITIES = ("PERSON_COUNT",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        seen: set[int] = set()
        for pattern in (_COUNT_NOUN, _AFTER_ANTECEDENT, _NOUN_COLON, _N_EQUALS, _N_PERCENT_LABEL, _WITH_PERCENT,
                        _FRACTION):
            for match in pattern.finditer(text):
                start, end = match.span("num")
                if start in seen:
                    continue
                value = number_value(match["num"])
                if value is None or value >= 100 or not _is_count(text, *match.span(), start, end):
                    continue
                tail = text[end:end + 40]
                if pattern in (_N_EQUALS, _N_PERCENT_LABEL, _WITH_PERCENT, _FRACTION) and (_NOT_PEOPLE_AFTER.match(text[match.end():match.end() + 40])
                                                   or _RATE_AFTER.match(tail) and pattern is not _FRACTION):
                    continue
                if pattern is _COUNT_NOUN and _RATE_AFTER.match(text[match.end():match.end() + 20]):
                    continue
                if pattern is _FRACTION and int(match["den"].replace(",", "")) <= value:
                    continue
                seen.add(start)
                yield Match("PERSON_COUNT", *match.span(), 0.85, {"value": value, "number": (start, end)})


class CaseDescriptionRecognizer(OutscanRecognizer):
    ENTITIES = ("CASE_DESCRIPTION",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        # "Case 2: a boy aged 11" describes one person once: phrases of one sentence merge.
        spans: list[list[int]] = []
        for match in _CASE.finditer(text):
            start, end = match.span()
            if spans and not re.search(r"[.;!?]\s|\n\n", text[spans[-1][1]:start]):
                spans[-1][1] = end
            else:
                spans.append([start, end])
        for start, end in spans:
            yield Match("CASE_DESCRIPTION", start, end, 0.85)
