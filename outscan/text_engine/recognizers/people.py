"""People spaCy's small model does not tag: a common given name followed by a surname
("Cathy Wise", "Ashley F. Wood", "Christie Nguyen-Tran"), a surname after a title ("Patient
D. Gray", "Ms. Sutton-Brown"), a family named by its surname ("the Morris family"), and a
given name alone where only a person can stand ("As Lisa put it", "Linda's parents",
"(participant Amanda)").

Given names come from the 1990 US Census lists in ``outscan/data/given_names.txt``, less
those that are English words ("Grace", "Will"). A name found here is reported as PERSON;
`detail["sure"]` marks the ones whose context already says they are people, so the
lone-word and eponym rules that quieten spaCy's guesses do not apply to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.masking import given_names
from outscan.text_engine.recognizers.base import Match, OutscanRecognizer

_SURNAME = r"(?:(?:van|von|de|del|della|der|la|le|da|di|du|ter|St\.)\s+)?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*"
_FULL = re.compile(rf"\b(?P<given>[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?(?:\s+[A-Z]\.)?\s+(?P<surname>{_SURNAME})"
                   rf"(?:,?\s+(?:Jr|Sr|II|III|IV)\b\.?)?")
# "Graves, Sara" as a list or a table row writes a person: a cell of its own, not a list of places.
_REVERSED = re.compile(rf"(?:^|(?<=[:;|]\s)|(?<=[:;|]))\s*(?P<surname>{_SURNAME}),\s+(?P<given>[A-Z][a-z]+)\b"
                       rf"(?=\s*(?:[;|]|$))", re.M)
_TITLED = re.compile(rf"\b(?P<title>[Pp]atient|Mr|Mrs|Ms|Miss|Mx)\.?\s+(?P<name>(?P<initials>(?:[A-Z]\.\s*)*)"
                     rf"(?P<first>{_SURNAME})(?:\s+{_SURNAME})?)")
_FAMILY = re.compile(rf"\bthe\s+(?P<name>{_SURNAME})\s+(?:family|twins|siblings|children|household)\b")
_ALONE_BEFORE = re.compile(r"\b(?:[Aa]s|participant|speaker|interviewee|respondent|informant|donor|sibling|caregiver"
                           r"|mother|father|parent|quote from|named|called)\s*\(?\s*$")
_ALONE_AFTER = re.compile(r"^(?:['’]s\s+(?:parents|mother|father|family|sister|brother|husband|wife|son|daughter"
                          r"|grandmother|grandfather|story|words|diary|school|teacher)\b|\s+(?:is|was)\s+described\b"
                          r"|\s+put it\b|\s+said\b|\s+told\b|\s+wrote\b|\s*\((?:parent|mother|father|patient|survivor"
                          r"|sibling|donor|age\s+\d))")
# "the Hodgkin family" of lymphomas, "the Kaplan-Meier family" of estimators are not people.
_NOT_FAMILIES = frozenset({"hodgkin", "ewing", "wilms", "burkitt", "kaplan-meier", "cox", "bayes", "poisson", "gaussian",
                           "weibull", "markov", "src", "ras", "bcl-2", "myc", "wnt", "notch", "hedgehog", "tet", "jak",
                           "stat", "ets", "sox", "hox", "pax", "fox", "tnf"})
_GIVEN_ALONE = re.compile(r"\b[A-Z][a-z]{2,}\b")


class GivenNameRecognizer(OutscanRecognizer):
    ENTITIES = ("PERSON",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        names = given_names()
        # Each capitalised word that is a given name may start a full name ("Participant Cathy
        # Wise" starts at "Cathy"), so the full-name pattern is tried at each of them.
        for word in _GIVEN_ALONE.finditer(text):
            if word.group().lower() not in names:
                continue
            match = _FULL.match(text, word.start())
            if match and match["surname"].lower() not in names | {"the"}:
                yield Match("PERSON", *match.span(), 0.8)
        for match in _REVERSED.finditer(text):
            if match["given"].lower() in names and match["surname"].lower() not in names:
                yield Match("PERSON", *match.span(), 0.75)
        for match in _TITLED.finditer(text):
            # "Ms. Sutton-Brown" is a person; "Patient Characteristics" is a table's title: after
            # "patient" a name must start with initials or a given name.
            if match["title"].lower() == "patient" and not match["initials"] and \
                    match["first"].lower() not in names:
                continue
            yield Match("PERSON", *match.span("name"), 0.9, {"sure": True})
        for match in _FAMILY.finditer(text):
            if match["name"].lower() not in _NOT_FAMILIES:
                yield Match("PERSON", *match.span("name"), 0.9, {"sure": True})
        for match in _GIVEN_ALONE.finditer(text):
            if match.group().lower() not in names:
                continue
            if _ALONE_BEFORE.search(text[max(0, match.start() - 25):match.start()]) or \
                    _ALONE_AFTER.match(text[match.end():match.end() + 30]):
                yield Match("PERSON", *match.span(), 0.9, {"sure": True})
