"""outscan's own recognisers, added to presidio's registry beside its spaCy, phone and email ones."""

from __future__ import annotations

from outscan.text_engine.recognizers.base import OutscanRecognizer
from outscan.text_engine.recognizers.contact import (LabelledPhoneRecognizer, StreetAddressRecognizer,
                                                     UserPathRecognizer)
from outscan.text_engine.recognizers.counts import CaseDescriptionRecognizer, SmallCountRecognizer
from outscan.text_engine.recognizers.dates import AgeOver89Recognizer, PersonalDateRecognizer
from outscan.text_engine.recognizers.people import GivenNameRecognizer
from outscan.text_engine.recognizers.places import PlaceRecognizer, RegistryRecognizer
from outscan.text_engine.recognizers.providers import FacilityRecognizer, PhysicianRecognizer
from outscan.text_engine.recognizers.record_numbers import NpiRecognizer, RecordNumberRecognizer

RECOGNIZERS: tuple[type[OutscanRecognizer], ...] = (
    RecordNumberRecognizer, NpiRecognizer, StreetAddressRecognizer, LabelledPhoneRecognizer, PersonalDateRecognizer, AgeOver89Recognizer,
    SmallCountRecognizer, CaseDescriptionRecognizer, PlaceRecognizer, RegistryRecognizer, FacilityRecognizer,
    PhysicianRecognizer, GivenNameRecognizer, UserPathRecognizer,
)


def outscan_recognizers() -> list[OutscanRecognizer]:
    return [cls() for cls in RECOGNIZERS]
