"""OS120 geographic-detail."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Table
from outscan.masking import LABEL_WIDTH, short
from outscan.model import Category, Finding, Severity
from outscan.tables.columns import Role, column_profiles
from outscan.tables.people import row_label_shown
from outscan.tables.records import record_level
from outscan.tables.geography import (GeoColumn, Level, geographic_columns, geographic_header,
                                      geographic_row_groups)


@register
class GeographicDetail(Check):
    """A table names places at a geographic level the policy does not allow.

    **What it flags.** Each column whose values name places below what the policy's
    ``geography_allowed`` lists — states, cancer registry areas (the SEER registries:
    Atlanta, Detroit, San Francisco-Oakland, Seattle-Puget Sound, Rural Georgia, ...),
    counties, cities and towns, ZIP codes (5-digit and 3-digit), census tracts and block
    groups, FIPS codes (state, county, tract), latitude/longitude — once per column, at its
    header cell, with the level and how many of its distinct values matched. A column is
    geographic when its header says so (``County``, ``ZIP code``, ``FIPS``, ``Census
    tract``, ``Latitude``) or when most of its values are places in outscan's gazetteer,
    written as exports write them: ``Marin County(7)``, ``06041``, ``Census Tract
    4012.01``, ``37.77, -122.41``. Row labels count (a cross-tab by county is flagged at
    its label column), and so does a header row that names places (``Site, Alameda County,
    Marin County, ...``): one finding for the table, at the first such header cell. So do
    rows that name places inside a label column that otherwise does not: a Table 1 section
    (``County of residence`` and the counties below it) or a long table's key (``variable =
    zip_code``), at the first such row.

    **What it leaves alone.** Levels the policy allows (under ``nccr-dua`` only national
    figures; packs that set no ``geography_allowed``, such as ``sdc-handbook``, allow every
    level); national rows (``US (SEER+NPCR)``), totals and ``Unknown``; a column where a
    place name is a stray value (``Washington`` among cancer sites, ``Lincoln`` among
    labels); years, counts and codes that are not FIPS or ZIP codes; columns of numbers
    about places (``County rate``, ``Counties (n)``); regions with no US gazetteer entry
    (``North``, ``South``) unless the header names a level.

    **Why it matters.** A published area narrows who a count can be about, and the
    agreement may forbid naming it at all: NCCR DUA §10 forbids identifying or inferring
    any geographic area — state, registry, county — that was not released in the Data,
    and NCCR data are released without geography (statistics for all registries combined).

    **Example.** Under ``nccr-dua``::

        County,FIPS,Average Annual Count
        Marin County(7),06041,304      <- row 1, columns 'County' and 'FIPS': counties

    **How to fix.** Publish at a level the data release includes (national for NCCR data),
    drop the geographic column, or aggregate areas up to an allowed level. If your release
    did include an area, record it in your own pack (``extends: nccr-dua`` with
    ``geography_allowed: [national, state]``) so the check and the reviewer agree.
    """

    code = "OS120"
    name = "geographic-detail"
    category = Category.GEOGRAPHY
    severity = Severity.BLOCK
    reads = Table

    def run(self, table: Table, context: CheckContext) -> Iterator[Finding]:
        allowed = context.policy.geography_allowed
        if allowed is None:
            return
        profiles = None
        for geo in geographic_columns(table):
            if geo.level.value in allowed:
                continue
            if profiles is None:
                profiles = column_profiles(table)
            is_label = geo.column < len(profiles) and profiles[geo.column].role is Role.LABEL
            column = table.column_name(geo.column)
            what = "row labels" if is_label else "values"
            yield self._finding(table, context, geo, column,
                                f"column '{table.column_label(geo.column, LABEL_WIDTH)}': {what} name "
                                f"{geo.level.plural}")
        header = geographic_header(table)
        if header is not None and header.level.value not in allowed:
            column = table.column_name(header.column)
            yield self._finding(table, context, header, column,
                                f"the column headers name {header.level.plural}", header_row=True)
        if profiles is None:
            profiles = column_profiles(table)
        labels = [i for i, p in enumerate(profiles) if p.role is Role.LABEL and not (p.is_index or p.is_identifier)]
        for group in geographic_row_groups(table, labels):
            geo = group.found
            if geo.level.value in allowed:
                continue
            column = table.column_name(group.column)
            row = table.rows[group.row]
            yield self._finding(
                table, context, GeoColumn(group.column, geo.level, geo.matched, geo.total, geo.example,
                                          geo.by_header),
                column, f"rows under '{row_label_shown(table, group.label)}' in column "
                        f"'{table.column_label(group.column, LABEL_WIDTH)}' name "
                        f"{geo.level.plural}", row=row.number, key=f"rows|{group.label}")

    def _finding(self, table: Table, context: CheckContext, geo: GeoColumn, column: str, what: str,
                 header_row: bool = False, row: int | None = None, key: str | None = None) -> Finding:
        allowed = context.policy.geography_allowed or ()
        levels = ", ".join(level.value for level in Level if level.value in allowed) or "none"
        if geo.matched:
            how = f"{geo.matched} of {geo.total} distinct values"
        else:
            how = "the header says so; no value is in outscan's gazetteer"
        # A record-level file's values describe people: name the column, never a value.
        shown = geo.example if geo.example and record_level(table) is None else ""
        example = f", e.g. '{short(shown, 40)}'" if shown else ""
        if row is None:
            row = self._header_row(table)
        return self.finding(
            context,
            table.location(row, geo.column),
            message=f"{what} ({how}{example}); {geo.level.value}-level geography is not allowed "
                    f"(allowed: {levels})",
            evidence=short(shown, 40) if shown else f"column '{table.column_label(geo.column, LABEL_WIDTH)}'",
            match_key=f"{table.sheet}|{key or ('header' if header_row else column)}|{geo.level.value}",
        )

    @staticmethod
    def _header_row(table: Table) -> int | None:
        if table.header_rows:
            return table.header_rows[-1]
        return table.rows[0].number if table.rows else None
