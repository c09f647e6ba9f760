"""Street addresses: "1420 Maple Avenue", "22 W. Oak St., Apt 4", "P.O. Box 1187".

Phones and emails are presidio's own recognisers (phonenumbers for US numbers; the
email pattern with tldextract's bundled suffix list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.text_engine.recognizers.base import Match, OutscanRecognizer, words

_STREET_TYPES = words(
    "Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln", "Drive", "Dr", "Court", "Ct",
    "Way", "Place", "Pl", "Terrace", "Ter", "Parkway", "Pkwy", "Highway", "Hwy", "Circle", "Cir", "Trail", "Trl",
    "Square", "Sq", "Pike", "Alley", "Crescent",
)
_ADDRESS = re.compile(
    rf"(?<![\w.,-])\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?"
    rf"(?:[A-Z][a-z]+|\d{{1,3}}(?:st|nd|rd|th))(?:\s+[A-Z][a-z]+){{0,3}}\s+{_STREET_TYPES}\b\.?"
    rf"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*\w+)?"
)
# presidio's phone recogniser accepts only numbers that could be dialled; a labelled
# number is a phone whatever its exchange ("phone 555-123-4567" in a synthetic case report).
_LABELLED_PHONE = re.compile(
    r"\b(?:phone|tel|telephone|cell|mobile|fax|pager|contact(?:ed)? at|call)\b\.?:?\s*(?:number\s*)?(?:is\s+|was\s+|:\s*)?"
    r"(?P<phone>(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4})\b", re.I)
_PO_BOX = re.compile(r"\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b", re.I)


class StreetAddressRecognizer(OutscanRecognizer):
    ENTITIES = ("STREET_ADDRESS",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        for pattern in (_ADDRESS, _PO_BOX):
            for match in pattern.finditer(text):
                yield Match("STREET_ADDRESS", *match.span(), 0.8)


class LabelledPhoneRecognizer(OutscanRecognizer):
    ENTITIES = ("PHONE_NUMBER",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        for match in _LABELLED_PHONE.finditer(text):
            yield Match("PHONE_NUMBER", *match.span("phone"), 0.8)


# A home directory names its user: "/home/jdoe/enclave/extract.csv", "C:\\Users\\jdoe\\...".
# Accounts that name nobody (containers, CI runners, defaults) are not users.
_HOME = re.compile(r"(?:(?<![\w.])/home/|(?<![\w.])/Users/|\b[A-Za-z]:[\\/]+Users[\\/]+)(?P<user>[A-Za-z][\w.-]{1,31})")
_NOBODY = frozenset({"root", "shared", "public", "default", "jovyan", "runner", "ubuntu", "user", "users", "admin",
                     "ec2-user", "vscode", "codespace", "guest", "administrator", "all", "docker", "nobody"})


class UserPathRecognizer(OutscanRecognizer):
    ENTITIES = ("USER_PATH",)

    def find(self, text: str, nlp_artifacts) -> Iterator[Match]:
        for match in _HOME.finditer(text):
            if match["user"].lower() not in _NOBODY:
                yield Match("USER_PATH", *match.span("user"), 0.8)
