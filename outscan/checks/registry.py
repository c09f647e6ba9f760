"""The registry: checks register themselves; adding one touches its own file and fixtures only."""

from __future__ import annotations

import importlib
import pkgutil

from outscan.checks.base import Check

_CHECKS: dict[str, type[Check]] = {}
_ALIASES: dict[str, str] = {}
_loaded = False


def register(cls: type[Check]) -> type[Check]:
    """Class decorator. Codes are never reused: a second check with a known code is a bug."""
    for code in (cls.code, *cls.aliases):
        if code in _CHECKS or code in _ALIASES:
            raise RuntimeError(f"rule code {code} is registered twice")
    _CHECKS[cls.code] = cls
    for alias in cls.aliases:
        _ALIASES[alias] = cls.code
    _FOR_TYPE.clear()
    return cls


def _load() -> None:
    global _loaded
    if _loaded:
        return
    import outscan.checks as package

    for module in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        importlib.import_module(module.name)
    _loaded = True


def all_checks() -> list[type[Check]]:
    _load()
    return [_CHECKS[code] for code in sorted(_CHECKS)]


def get_check(code: str) -> type[Check] | None:
    _load()
    code = code.upper()
    return _CHECKS.get(_ALIASES.get(code, code))


def checks_for(document: object) -> list[Check]:
    """The checks that read this kind of document, in code order (checks hold no state: one
    instance of each serves every file)."""
    found = _FOR_TYPE.get(type(document))
    if found is None:
        found = _FOR_TYPE[type(document)] = [cls() for cls in all_checks() if isinstance(document, cls.reads)]
    return list(found)


_FOR_TYPE: dict[type, list[Check]] = {}
