"""What every check is: a code, a slug, a category, a default severity, and its docs.

A check's class docstring *is* its documentation (`outscan rule CODE` prints it; SARIF
help and the README's rule table are made from it). Its first line is the summary.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from outscan.model import Category, Finding, Location, Severity
from outscan.policy import Policy, shipped_clauses


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the document: the file's display path and the policy."""

    path: str
    policy: Policy

    def at(self, path: str) -> "CheckContext":
        """The same policy for another file: checks that read several tables report in each."""
        return CheckContext(path=path, policy=self.policy)


MAX_EVIDENCE = 200  # report.schema.json: findings/evidence maxLength


class CheckUnavailable(Exception):
    """A check cannot run on this machine (a model is missing): said once per file, as an error."""


class Check:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    reads: ClassVar[type]
    aliases: ClassVar[tuple[str, ...]] = ()
    # DICOM header checks: how the findings follow from the header, so the later files of a
    # series are checked for what differs from the one before (PER_ELEMENT or ON_INPUTS, see
    # outscan.checks.dicom.series_delta; `depends_on` picks the context or the inputs).
    # None: every file is checked in full.
    delta: ClassVar[str | None] = None
    # Keys of `DicomHeader.derived` that follow from the elements `depends_on` picks alone:
    # a file whose context did not change takes them from the file before.
    inherits: ClassVar[tuple[str, ...]] = ()

    def run(self, document, context: CheckContext) -> Iterator[Finding]:
        raise NotImplementedError

    @staticmethod
    def depends_on(element) -> bool:
        """For a `delta` check: does a change in this element change findings elsewhere?"""
        return True

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().split("\n", 1)[0].strip()

    @classmethod
    def cited_clauses(cls) -> tuple[str, ...]:
        """The clauses of the shipped packs that this rule's findings cite."""
        return tuple(c.ref for c in shipped_clauses() if c.covers(cls.code, cls.category))

    def finding(self, context: CheckContext, location: Location, message: str, evidence: str,
                match_key: str, severity: Severity | None = None,
                highlight: tuple[int, int] | None = None) -> Finding:
        """A finding with the policy's severity and clauses; `match_key` is what the fingerprint hashes.

        `severity` lowers or raises this one finding from the rule's default (a cell narrowed
        rather than pinned); a policy's override for the rule or category still wins.
        """
        policy = context.policy
        if len(evidence) > MAX_EVIDENCE:  # the report's contract: evidence is a short, masked excerpt
            evidence = evidence[:MAX_EVIDENCE - 1] + "…"
            highlight = highlight if highlight and highlight[1] < MAX_EVIDENCE else None
        return Finding.build(
            rule=self.code,
            name=self.name,
            category=self.category,
            severity=policy.severity_for(self.code, self.category, severity or self.severity),
            path=context.path,
            location=location,
            message=message,
            evidence=evidence,
            clauses=policy.clauses_for(self.code, self.category),
            match_key=match_key,
            fingerprint="",
            highlight=highlight,
            also_in=(),
        )
