"""OS405 dicom-in-repository."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import DicomSet
from outscan.model import Category, Finding, Location, Severity


@register
class DicomInRepository(Check):
    """DICOM files in the scanned tree: images of the dataset about to be published.

    **What it flags.** Every folder that holds DICOM files (found by content, with or
    without a ``.dcm`` name), once per folder, at its first file, with how many files and
    series it holds. Whether each header identifies anyone is the DICOM checks' question
    (OS301-OS310); this one asks whether the images should be in the output at all.

    **What it leaves alone.** Everything that is not DICOM: figures exported as PNG or
    PDF, tables of image measurements.

    **Why it matters.** The TCIA license §4 forbids disclosing, transferring or releasing
    the Dataset to any third party; a repository or a supplement that carries the DICOM
    files releases it, de-identified or not. NCCR DUA §9 likewise forbids releasing the
    Data in full or in part.

    **Example.**::

        figures/source_images/IM0001.dcm ... IM0040.dcm   <- one finding: 40 DICOM files, 1 series

    **How to fix.** Keep the images where the data lives; publish derived figures, and
    point readers to the collection's own DOI for the images.
    """

    code = "OS405"
    name = "dicom-in-repository"
    category = Category.RESTRICTED_ARTIFACT
    severity = Severity.REVIEW
    reads = DicomSet

    def run(self, dicom_set: DicomSet, context: CheckContext) -> Iterator[Finding]:
        folders: dict[str, list] = {}
        for path, member in dicom_set.members:
            folders.setdefault(str(PurePosixPath(path).parent), []).append((path, member))
        for folder, members in sorted(folders.items()):
            first = min(path for path, _ in members)
            series = len({member.series_uid or path for path, member in members})
            files = len(members)
            yield self.finding(
                context.at(first), Location(),
                f"{files} DICOM file{'s' if files != 1 else ''} ({series} series) in "
                f"{folder if folder != '.' else 'the scanned folder'}: the images themselves would be released",
                f"{files} file{'s' if files != 1 else ''}, {series} series", match_key=f"dicom-folder:{folder}")
