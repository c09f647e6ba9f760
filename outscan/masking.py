"""Masking for evidence: reports are shared and CI logs are public.

Checks call these before a value goes into a Finding; formatters never see the raw value.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LONG_DIGITS = re.compile(r"\d{5,}")
# Full dates keep only their year: a date of birth must not reach a report.
_FULL_DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})|(\d{4})-\d{1,2}-\d{1,2})\b"
)
_MAX_EVIDENCE = 60


def mask_digits(text: str) -> str:
    """Full dates keep their year; long digit runs (record numbers) keep their last two digits."""
    text = _FULL_DATE.sub(lambda m: f"**/**/{m.group(1) or m.group(2)}", text)
    return _LONG_DIGITS.sub(lambda m: "*" * (len(m.group()) - 2) + m.group()[-2:], text)


def short(text: str, limit: int = _MAX_EVIDENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=1 << 14)
def safe_label(text: str) -> str:
    """A row or column label fit for a report line."""
    return short(mask_digits(text), 40)
