"""``[tool.outscan]`` in pyproject.toml: project defaults that command-line flags override."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


class ConfigError(Exception):
    """A configuration the user must fix; the message names the file and key."""


_KEYS = {"policy", "min-count", "fail-on", "exclude", "format", "baseline", "ignore"}
_FAIL_ON = ("block", "review", "info", "never")


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    policy: tuple[str, ...] = ()
    min_count: int | None = None
    fail_on: str | None = None
    exclude: tuple[str, ...] = ()
    format: str | None = None
    baseline: str | None = None
    ignore: tuple["PathRule", ...] = ()


@dataclass(frozen=True)
class PathRule:
    """``[[tool.outscan.ignore]]``: findings of `rules` (all when empty) under `paths`, accepted for `reason`."""

    paths: tuple[str, ...]
    rules: frozenset[str]
    reason: str


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` (as ruff and pytest look)."""
    start = start.absolute()
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    path = find_pyproject(start or Path.cwd())
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    section = data.get("tool", {}).get("outscan")
    if section is None:
        return Config()
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.outscan] must be a table")
    unknown = sorted(set(section) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: [tool.outscan].{unknown[0]}: unknown key (known: {', '.join(sorted(_KEYS))})")

    def strings(key: str) -> tuple[str, ...]:
        value = section.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [tool.outscan].{key}: expected a string or a list of strings")
        return tuple(value)

    min_count = section.get("min-count")
    if min_count is not None and (not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1):
        raise ConfigError(f"{path}: [tool.outscan].min-count: expected a whole number of at least 1")
    fail_on = section.get("fail-on")
    if fail_on is not None and fail_on not in _FAIL_ON:
        raise ConfigError(f"{path}: [tool.outscan].fail-on: expected one of {', '.join(_FAIL_ON)}")
    output_format = section.get("format")
    if output_format is not None and not isinstance(output_format, str):
        raise ConfigError(f"{path}: [tool.outscan].format: expected a string")
    baseline = section.get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        raise ConfigError(f"{path}: [tool.outscan].baseline: expected a file name")
    if baseline is not None and not Path(baseline).is_absolute():
        baseline = str(path.parent / baseline)  # relative to pyproject.toml, like policy files
    # Policy files named in pyproject.toml are relative to it, not to wherever outscan runs.
    policies = tuple(
        str(path.parent / p) if (p.endswith((".yaml", ".yml")) and not Path(p).is_absolute()) else p
        for p in strings("policy")
    )
    return Config(path=path, policy=policies, min_count=min_count, fail_on=fail_on,
                  exclude=strings("exclude"), format=output_format, baseline=baseline,
                  ignore=_path_rules(path, section.get("ignore", [])))


def _path_rules(path: Path, entries: object) -> tuple[PathRule, ...]:
    """Each entry needs paths and a reason: a suppression nobody can explain is refused, by name."""
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: [tool.outscan].ignore: expected [[tool.outscan.ignore]] entries")
    rules = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: [[tool.outscan.ignore]] entry {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: expected a table with paths, rules and reason")
        unknown = sorted(set(entry) - {"paths", "rules", "reason"})
        if unknown:
            raise ConfigError(f"{where}: unknown key '{unknown[0]}' (known: paths, rules, reason)")
        paths, codes, reason = entry.get("paths"), entry.get("rules", []), entry.get("reason")
        if isinstance(paths, str):
            paths = [paths]
        if not paths or not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{where}: 'paths' must name the files (gitignore-style patterns)")
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ConfigError(f"{where}: 'rules' must be a list of rule codes")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{where}: a suppression needs a 'reason' (why these findings are accepted)")
        rules.append(PathRule(tuple(paths), frozenset(c.upper() for c in codes), reason.strip()))
    return tuple(rules)
