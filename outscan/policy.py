"""Policy packs: the agreements as data (``rules/*.yaml``), validated, extended and combined.

A pack names its agreement, the numbers it sets (minimum cell size, ...), the source of
those numbers, and its clauses with the finding categories (or rule codes) each clause
covers. Several packs combine with the strictest setting winning; ``extends:`` lets a
user's pack start from a shipped one and override what it says.

A pack may also say which data its agreement governs and how a manuscript that used them
must credit them (``acknowledgment:``). Those requirements are never merged across packs:
each agreement asks for its own credit, so the policy keeps them per pack.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from outscan.model import Category, Severity

DEFAULT_PACK = "sdc-handbook"


class PolicyError(Exception):
    """A pack that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Clause:
    pack: str
    id: str
    ref: str  # as cited in a report, e.g. "NCCR DUA §17"
    title: str
    text: str
    categories: tuple[Category, ...] = ()
    rules: tuple[str, ...] = ()

    def covers(self, rule: str, category: Category) -> bool:
        return category in self.categories or rule in self.rules


@dataclass(frozen=True)
class CreditPattern:
    """One way of writing a required element: a case-insensitive regular expression.

    `near`: the match counts only in the same block of text (paragraph, reference, page) as
    a mention of the data (a `governs` pattern) and within this many characters of it, so
    that "version 4.3" of some software does not pass for the version of the dataset, nor
    "funded by the NCI" of the authors' own grant for the NCI funding of TCIA. None:
    anywhere in the text.
    """

    pattern: str
    near: int | None = None


@dataclass(frozen=True)
class CreditElement:
    """Something the acknowledgement must contain ("the dataset version"); any pattern satisfies it."""

    name: str
    patterns: tuple[CreditPattern, ...]
    hint: str = ""


@dataclass(frozen=True)
class Acknowledgment:
    """What one agreement asks of a manuscript that used its data.

    `governs`: patterns by which a manuscript says it used the data; `requires`: the
    elements its acknowledgement must then hold. `data` names the data in messages.
    """

    pack: str
    data: str
    governs: tuple[str, ...]
    requires: tuple[CreditElement, ...]

    def same_requirements(self, other: "Acknowledgment") -> bool:
        return (self.data, self.governs, self.requires) == (other.data, other.governs, other.requires)


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    cite_as: str
    version: str
    source: str
    path: str
    settings: dict[str, Any]
    severity: dict[str, Severity]
    clauses: tuple[Clause, ...]
    extends: tuple[str, ...] = ()  # "name version" of every pack it builds on, most general first
    # The pack file's `acknowledgment:` section as written (merged along `extends` by _flatten).
    acknowledgment_spec: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    # What the agreement asks a manuscript using its data to credit; None: nothing.
    acknowledgment: Acknowledgment | None = None


@dataclass(frozen=True)
class Policy:
    """The effective policy of one scan: the packs in force and what they add up to."""

    packs: tuple[Pack, ...]
    min_count: int
    min_count_source: str
    zero_is_small: bool
    derived_counts: bool
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    clauses: tuple[Clause, ...] = ()
    # Geographic levels that may be published ("national", "state", ...); None: no pack limits them.
    geography_allowed: frozenset[str] | None = None
    # What each agreement asks a manuscript that used its data to credit, keyed by pack name
    # (in the order the packs were given). Packs without an `acknowledgment:` section are absent.
    acknowledgments: dict[str, Acknowledgment] = field(default_factory=dict)
    # Every finding asks for its clauses: worked out once per rule and category.
    _cited: dict[str, tuple[Category, tuple[str, ...]]] = field(default_factory=dict, init=False, compare=False,
                                                              repr=False)

    @cached_property
    def finding_terms(self) -> str:
        """A digest of what a finding takes from the policy (severity overrides, the clauses and
        what each covers): a finding made under one policy may be copied under another with the same."""
        text = repr((sorted((rule, severity.value) for rule, severity in self.severity_overrides.items()),
                     self.clauses))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def clauses_for(self, rule: str, category: Category, pack: str | None = None) -> tuple[str, ...]:
        """The clauses a finding cites; with `pack`, only that pack's own (and inherited) clauses."""
        if pack is not None:
            for candidate in self.packs:
                if candidate.name == pack:
                    return tuple(c.ref for c in candidate.clauses if c.covers(rule, category))
            return ()
        known = self._cited.get(rule)  # by rule alone: an Enum's hash is computed in Python
        if known is None or known[0] is not category:
            known = self._cited[rule] = (category, tuple(c.ref for c in self.clauses if c.covers(rule, category)))
        return known[1]

    def severity_for(self, rule: str, category: Category, default: Severity) -> Severity:
        if not self.severity_overrides:
            return default
        for key in (rule, category.value):
            if key in self.severity_overrides:
                return self.severity_overrides[key]
        return default

    def is_small(self, count: float) -> bool:
        if count == 0:
            return self.zero_is_small
        return 0 < count < self.min_count

    def to_dict(self) -> dict[str, Any]:
        return {
            "packs": [
                {"name": p.name, "title": p.title, "version": p.version, "source": p.source, "path": p.path,
                 "extends": list(p.extends)}
                for p in self.packs
            ],
            "min_count": self.min_count,
            "min_count_source": self.min_count_source,
            "zero_is_small": self.zero_is_small,
            "derived_counts": self.derived_counts,
            "severity_overrides": {k: v.value for k, v in sorted(self.severity_overrides.items())},
            "geography_allowed": None if self.geography_allowed is None else sorted(self.geography_allowed),
            "clauses": {
                c.ref: {"title": c.title, "text": c.text} for c in self.clauses
            },
            "acknowledgments": {
                pack: {"data": ack.data, "requires": [element.name for element in ack.requires]}
                for pack, ack in sorted(self.acknowledgments.items())
            },
        }


def packs_dir() -> Path:
    """The shipped packs: inside the installed package, or ``rules/`` of a source checkout."""
    installed = Path(str(resources.files("outscan"))) / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


def available_packs() -> list[str]:
    return sorted(p.stem for p in packs_dir().glob("*.yaml"))


def _schema() -> dict[str, Any]:
    text = resources.files("outscan").joinpath("schema/policy-pack.schema.json").read_text("utf-8")
    return json.loads(text)


def _resolve(spec: str, relative_to: Path | None) -> Path:
    candidate = Path(spec)
    if relative_to is not None and not candidate.is_absolute():
        local = relative_to / candidate
        if local.is_file():
            return local
    if candidate.is_file():
        return candidate
    if spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec:
        raise PolicyError(f"{spec}: policy file not found")
    shipped = packs_dir() / f"{spec}.yaml"
    if shipped.is_file():
        return shipped
    raise PolicyError(
        f"unknown policy '{spec}': not a file, and not one of the shipped packs "
        f"({', '.join(available_packs())})"
    )


def _read_pack_file(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read policy file: {exc}") from exc
    except yaml.YAMLError as exc:
        raise PolicyError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: a policy pack is a mapping of keys (name, settings, clauses, ...)")
    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        key = ".".join(str(part) for part in first.path) or "(top level)"
        raise PolicyError(f"{path}: {key}: {first.message}")
    _check_patterns(data.get("acknowledgment"), path)
    return data


def _check_patterns(section: dict[str, Any] | None, path: Path) -> None:
    """Every pattern compiles, and no element is named twice: the schema cannot say either."""
    if not section:
        return

    def compile_at(pattern: str, key: str) -> None:
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise PolicyError(f"{path}: {key}: not a valid regular expression: {exc}") from exc

    for index, pattern in enumerate(section.get("governs", ())):
        compile_at(pattern, f"acknowledgment.governs.{index}")
    names: set[str] = set()
    for index, element in enumerate(section.get("requires", ())):
        if element["name"] in names:
            raise PolicyError(f"{path}: acknowledgment.requires.{index}.name: '{element['name']}' is listed twice")
        names.add(element["name"])
        for number, pattern in enumerate(element.get("patterns", ())):
            text = pattern["pattern"] if isinstance(pattern, dict) else pattern
            key = f"acknowledgment.requires.{index}.patterns.{number}"
            compile_at(text, f"{key}.pattern" if isinstance(pattern, dict) else key)


def _pack_from(data: dict[str, Any], path: Path) -> Pack:
    name = data["name"]
    cite_as = data.get("cite_as", name)
    clauses = tuple(
        Clause(
            pack=name,
            id=clause_id,
            ref=f"{cite_as} {clause_id}",
            title=body["title"],
            text=body["text"],
            categories=tuple(Category(c) for c in body.get("categories", ())),
            rules=tuple(body.get("rules", ())),
        )
        for clause_id, body in data.get("clauses", {}).items()
    )
    return Pack(
        name=name,
        title=data.get("title", name),
        cite_as=cite_as,
        version=str(data.get("version", "")),
        source=" ".join(str(data.get("source", "")).split()),
        path=path.name if path.parent == packs_dir() else str(path),
        settings=dict(data.get("settings", {})),
        severity={k: Severity(v) for k, v in data.get("severity", {}).items()},
        clauses=clauses,
        acknowledgment_spec=data.get("acknowledgment"),
    )


def load_pack_chain(spec: str, relative_to: Path | None = None, _seen: tuple[Path, ...] = ()) -> list[Pack]:
    """A pack and everything it extends, most general first."""
    path = _resolve(spec, relative_to).resolve()
    if path in _seen:
        chain = " -> ".join(p.name for p in (*_seen, path))
        raise PolicyError(f"{path}: extends: circular ({chain})")
    data = _read_pack_file(path)
    extends = data.get("extends", [])
    if isinstance(extends, str):
        extends = [extends]
    parents: list[Pack] = []
    for parent in extends:
        try:
            parents.extend(load_pack_chain(parent, path.parent, (*_seen, path)))
        except PolicyError as exc:
            raise PolicyError(f"{path}: extends: {exc}") from exc
    return [*parents, _pack_from(data, path)]


def _merge_acknowledgment(chain: list[Pack]) -> Acknowledgment | None:
    """`acknowledgment:` along `extends`: the child's `data` and `governs` replace its parent's;
    its `requires` elements merge by name (the fields it gives replace the parent's, `drop:
    true` removes an inherited element, a new name is added). `governs: []` turns the check off."""
    data: str | None = None
    governs: list[str] | None = None
    elements: dict[str, dict[str, Any]] = {}
    seen = False
    for pack in chain:
        spec = pack.acknowledgment_spec
        if spec is None:
            continue
        seen = True
        data = spec.get("data", data)
        if "governs" in spec:
            governs = list(spec["governs"])
        for element in spec.get("requires", ()):
            name = element["name"]
            if element.get("drop"):
                elements.pop(name, None)
                continue
            elements[name] = {**elements.get(name, {}), **element}
    if not seen:
        return None
    leaf = chain[-1]
    if governs is None:
        raise PolicyError(f"{leaf.path}: acknowledgment.governs: say which data the acknowledgement is for "
                          "(patterns by which a manuscript says it used them)")
    requires = []
    for name, element in elements.items():
        if not element.get("patterns"):
            raise PolicyError(f"{leaf.path}: acknowledgment.requires: '{name}' has no patterns")
        near = element.get("near")
        requires.append(CreditElement(
            name=name,
            patterns=tuple(
                CreditPattern(p["pattern"], p.get("near")) if isinstance(p, dict) else CreditPattern(p, near)
                for p in element["patterns"]),
            hint=" ".join(str(element.get("hint", "")).split()),
        ))
    return Acknowledgment(pack=leaf.name, data=data or f"{leaf.cite_as} data", governs=tuple(governs),
                          requires=tuple(requires))


def _flatten(chain: list[Pack]) -> Pack:
    """`extends` is inheritance: the child overrides what its parents set."""
    settings: dict[str, Any] = {}
    severity: dict[str, Severity] = {}
    clauses: dict[str, Clause] = {}
    for pack in chain:
        if "min_count" in pack.settings and "min_count_source" not in pack.settings:
            # A number and its source go together: an inherited source would cite the wrong rule.
            settings["min_count_source"] = f"policy {pack.name}"
        settings.update(pack.settings)
        severity.update(pack.severity)
        for clause in pack.clauses:
            clauses[clause.ref] = clause
    leaf = chain[-1]
    parents = tuple(dict.fromkeys(f"{p.name} {p.version}".strip() for p in chain[:-1]))
    return Pack(leaf.name, leaf.title, leaf.cite_as, leaf.version, leaf.source, leaf.path,
                settings, severity, tuple(clauses.values()), parents,
                acknowledgment=_merge_acknowledgment(chain))


def build_policy(specs: list[str] | tuple[str, ...], min_count: int | None = None) -> Policy:
    """Combine packs: the strictest setting wins; `min_count` (a command-line flag) wins over all."""
    specs = list(specs) or [DEFAULT_PACK]
    packs = [_flatten(load_pack_chain(spec)) for spec in specs]
    # The same pack named twice (or by name and by path) counts once; two different packs
    # under one name would make the report ambiguous.
    unique: dict[str, Pack] = {}
    for pack in packs:
        known = unique.setdefault(pack.name, pack)
        if known is not pack and (known.settings, known.severity, known.clauses, known.acknowledgment) != (
                pack.settings, pack.severity, pack.clauses, pack.acknowledgment):
            raise PolicyError(f"{pack.path}: name: '{pack.name}' is also the name of {known.path}; "
                              "give one of them another name")
    packs = list(unique.values())

    with_count = [p for p in packs if "min_count" in p.settings]
    if with_count:
        strictest = max(with_count, key=lambda p: p.settings["min_count"])
        effective_min, source = strictest.settings["min_count"], strictest.settings.get(
            "min_count_source", f"policy {strictest.name}")
    else:
        effective_min, source = 10, "outscan default (no pack sets min_count)"
    if min_count is not None:
        effective_min, source = min_count, "set on the command line"

    severity: dict[str, Severity] = {}
    for pack in packs:
        for key, level in pack.severity.items():
            severity[key] = Severity.strictest(level, severity.get(key, level))

    clauses: dict[str, Clause] = {}
    for pack in packs:
        for clause in pack.clauses:
            clauses.setdefault(clause.ref, clause)

    # Each pack that limits geography narrows it further: the levels every one of them allows.
    geography_allowed = None
    for pack in packs:
        if "geography_allowed" in pack.settings:
            levels = frozenset(pack.settings["geography_allowed"])
            geography_allowed = levels if geography_allowed is None else geography_allowed & levels

    # Each agreement asks for its own credit: kept per pack, never merged. A pack that only
    # extends another without changing what it asks (ours.yaml on top of nccr-dua, both given)
    # asks it once, under the first pack.
    acknowledgments: dict[str, Acknowledgment] = {}
    for pack in packs:
        ack = pack.acknowledgment
        if ack is not None and ack.governs and ack.requires and not any(
                ack.same_requirements(known) for known in acknowledgments.values()):
            acknowledgments[pack.name] = ack

    return Policy(
        packs=tuple(packs),
        min_count=int(effective_min),
        min_count_source=str(source),
        zero_is_small=any(p.settings.get("zero_is_small", False) for p in packs),
        derived_counts=any(p.settings.get("derived_counts", False) for p in packs),
        severity_overrides=severity,
        clauses=tuple(clauses.values()),
        geography_allowed=geography_allowed,
        acknowledgments=acknowledgments,
    )


def shipped_clauses() -> tuple[Clause, ...]:
    """Every clause of every shipped pack: what `outscan rules` shows a rule cites."""
    found: dict[str, Clause] = {}
    for name in available_packs():
        for clause in _flatten(load_pack_chain(name)).clauses:
            found.setdefault(clause.ref, clause)
    return tuple(found.values())
