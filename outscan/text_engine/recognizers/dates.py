"""Exact dates tied to a person, and ages over 89.

A date is personal when it is a day (not a month or a year) and a life event of one
person stands beside it in the same sentence: born, diagnosed, admitted, discharged,
died, operated, relapsed, "DOB". A study period is not ("diagnosed between January 1,
2000 and December 31, 2018"), nor a data freeze ("data as of March 1, 2024"). An age is
identifying above 89 (HIPAA's Safe Harbor groups every older age as "90 or older"); an
age band ("aged 90 and over", "90-94 years", ">=90") is an aggregate, not a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.text_engine.recognizers.base import Match, OutscanRecognizer, window

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"  # March 4, 1950
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?:19|20)\d{{2}}"  # 4 March 1950
    rf"|(?<![\d.,-])\d{{1,2}}(?P<sep>[/.-])\d{{1,2}}(?P=sep)(?:19|20)?\d{{2}}(?![\d.]\d)"  # 03/04/1950, 30.05.2020
    rf"|\d{{1,2}}[- ]{_MONTH}[- ](?:19|20)?\d{{2}}"  # 27-Oct-1997
    rf"|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})\b", re.I)  # 1950-03-04
_EVENT = re.compile(
    r"\b(?:born|birth|DOB|D\.O\.B\.?|birthdate|diagnosed|diagnosis|admitted|readmitted|admission|discharged|discharge"
    r"|died|death|deceased|expired|passed away|operated|operation|surgery|resection|biopsy|\w+ectomy|\w+otomy"
    r"|relapsed|relapse|recurrence|presented|transplant(?:ed)?|symptoms? began|onset|dx)\b", re.I)
# Words of a study's calendar, not of a person's: enrolment windows, data cuts, approvals.
_STUDY_CALENDAR = re.compile(
    r"\b(?:study|cohort|database|data|registry|follow-?up|censor(?:ed|ing)?|cut-?off|extraction|extracted|closure"
    r"|enrol(?:l?ment|led)|recruit(?:ment|ed)|accrual|protocol|approv(?:al|ed)|IRB|amendment|vital status"
    r"|last (?:contact|follow-?up)|patients|cases|children|participants|quer(?:y|ied)|accessed|retrieved|downloaded"
    r"|updated|published|released?|version|edition|snapshot|WONDER|SEER\*Stat)\b", re.I)
_ONE_PERSON = re.compile(r"\b(?:he|she|his|her|(?:the|a|an|this)\s+(?:\S+[- ](?:year|month|week|day)s?[- ]old\s+)?"
                         r"(?:patient|child|boy|girl|infant|man|woman|proband|decedent|neonate|adolescent|baby)\b"
                         r"|patient\s+(?:\d+|[A-Z]\b)|case\s+\d+|DOB|D\.O\.B|born)\b", re.I)
_RANGE_BEFORE = re.compile(r"(?:\bbetween|\bfrom|\bsince|\bafter|\bbefore|\buntil|\bthrough|\bas of|\bby|\bprior to"
                           r"|\bstarting|\bbeginning|\bended?|\bperiod|\bcut-?off|\bfreeze|\bclosed?|\bfollowed up to"
                           r"|\bfollow-up (?:through|until|to))\W*$", re.I)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|to|through|and)\s*(?:\d|" + _MONTH + ")", re.I)

_OLD = r"(?P<{0}>9\d|1[01]\d)"
_AGE = re.compile(
    r"\b(?:" + _OLD.format("a") + r"[- ](?:years?|yrs?)[- ]old"
    r"|(?:aged?|age of|age at \w+|age:)\s*[:=]?\s*" + _OLD.format("b") + r"(?:\s*(?:years?|yrs?|y))?"
    r"|" + _OLD.format("c") + r"\s*(?:years?|yrs?)\s+of\s+age"
    r"|" + _OLD.format("d") + r"(?:-year-old|yo|y/o|\s+y/o)"
    r"|turned\s+" + _OLD.format("e") +
    r"|(?:female|male|woman|man|F|M),\s*" + _OLD.format("f") + r"\s*(?:years?|yrs?|y)\b"
    r"|(?:ranged?|range[:,]?)\s+(?:from\s+)?\d{1,2}\s*(?:-|–|to)\s*" + _OLD.format("g") +
    r"|" + _OLD.format("h") + r"(?:st|nd|rd|th)\s+birthday"
    r"|(?:died|death|deceased|passed away)\s+(?:at|aged)\s+(?:the\s+age\s+of\s+)?" + _OLD.format("i") +
    r"|\bage\s+(?:as|was|of)\s+" + _OLD.format("j") +
    r"|(?<=\()\s*" + _OLD.format("k") + r"\s*(?:years?|yrs?|y)(?=\s*\))"
    r"|(?<=oldest)\b[^.;,]{0,60}?\b(?:was|is)\s+" + _OLD.format("l") + r"(?!\s*(?:%|per|years? of follow))"
    r"|\b" + _OLD.format("m") + r"\s*-?\s*(?:yo|y/o|y\.o\.)\b)\b"
    r"|\b(?P<words>ninety[- ](?:one|two|three|four|five|six|seven|eight|nine)|one hundred(?: and \w+)?)"
    r"(?:[- ](?:years?[- ]old|years of age)|(?<=\w)(?=\s+(?:presented|was|died|had)))"
    r"|\baged\s+(?P<words2>ninety[- ](?:one|two|three|four|five|six|seven|eight|nine)|one hundred)\b", re.I)
_BAND_AFTER = re.compile(r"^\s*(?:\+|and (?:over|older|above)|or (?:over|older|above)|years? and (?:over|older)"
                         r"|(?:-|–|—|to)\s*\d|plus)", re.I)
_BAND_BEFORE = re.compile(r"(?:[≥>≤<]=?|over|above|older than|at least|under|younger than|-|–|to|censored at"
                          r"|capped at|top-?coded at|truncated at|restricted to|limited to)\s*$", re.I)
_WORD_AGES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def _personal(text: str, start: int, end: int) -> bool:
    """A life event beside the date, and no sign of a study's calendar; or a person beside it."""
    left, right = window(text, start, end, before=80, after=40)
    if _RANGE_BEFORE.search(left) or _RANGE_AFTER.match(text[end:end + 20]):
        return False
    if re.search(r"\b(?:between|from)\b[^.;]{0,60}\b(?:and|to|through|until)\s+$", left, re.I):
        return False  # the second date of "between X and Y"
    if not (_EVENT.search(left) or _EVENT.search(right[:25])):
        return False
    return bool(_ONE_PERSON.search(left) or _ONE_PERSON.search(right) or not _STUDY_CALENDAR.search(left))


class PersonalDateRecognizer(OutscanRecognizer):
    ENTITIES = ("PERSONAL_DATE",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        for match in _DAY_DATE.finditer(text):
            if _personal(text, match.start(), match.end()):
                yield Match("PERSONAL_DATE", *match.span(), 0.85)


class AgeOver89Recognizer(OutscanRecognizer):
    ENTITIES = ("AGE_OVER_89",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        for match in _AGE.finditer(text):
            if _BAND_AFTER.match(text[match.end():match.end() + 20]):
                continue
            if not (match["g"] or match["l"]) and _BAND_BEFORE.search(text[max(0, match.start() - 15):match.start()]):
                continue
            spelled = match["words"] or match["words2"]
            if spelled:
                words = spelled.lower().replace("-", " ").split()
                age = 100 if words[0] == "one" else 90 + _WORD_AGES[words[1]]
            else:
                age = next(int(v) for k, v in match.groupdict().items() if v and k not in ("words", "words2"))
            yield Match("AGE_OVER_89", *match.span(), 0.85, {"age": age})
