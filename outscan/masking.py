"""Masking for evidence: reports are shared and CI logs are public.

Checks call these before a value goes into a Finding; formatters never see the raw value.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LONG_DIGITS = re.compile(r"\d{5,}")
_MAX_EVIDENCE = 60


def mask_digits(text: str) -> str:
    """Long digit runs (record numbers, phone numbers) keep only their last two digits."""
    return _LONG_DIGITS.sub(lambda m: "*" * (len(m.group()) - 2) + m.group()[-2:], text)


def short(text: str, limit: int = _MAX_EVIDENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=1 << 14)
def safe_label(text: str) -> str:
    """A row or column label fit for a report line."""
    return short(mask_digits(text), 40)
