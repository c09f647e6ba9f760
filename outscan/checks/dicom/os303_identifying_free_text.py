"""OS303 identifying-free-text."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.dicom.free_text import (PATIENT_NAME, display_name, engine_spans, evidence, is_cross_checked,
                                            is_free_text, own_value_spans, shapes_identity)
from outscan.checks.dicom.series_delta import PER_ELEMENT
from outscan.checks.registry import register
from outscan.documents import DicomElement, DicomHeader
from outscan.model import Category, Finding, Severity


@register
class IdentifyingFreeText(Check):
    """A name, record number, ID or birth date in a DICOM description, comment or other text value.

    **What it flags.** Two things, one finding per element and per kind of identifier, at
    the element's tag path (inside sequences too, e.g. ``(0040,A730)[0]>(0040,A160)``):

    - in the free-text attributes (StudyDescription, SeriesDescription, ImageComments,
      ProtocolName, RequestedProcedureDescription, PerformedProcedureStepDescription,
      ScheduledProcedureStepDescription, AdditionalPatientHistory, PatientComments,
      StudyComments, DerivationDescription, AcquisitionComments, FrameComments, TextValue
      of a ContentSequence, ReasonForStudy, ReasonForTheRequestedProcedure,
      RequestedProcedureComments, ImagingServiceRequestComments, interpretation and
      diagnosis descriptions, MedicalAlerts, Allergies, Occupation, VisitComments,
      clinical-trial descriptions, RT plan, structure set, ROI and beam labels and
      descriptions, DocumentTitle, ContentDescription, LabelText ...): whatever the
      manuscript text engine recognises as identifying — a person's or a physician's name,
      an MRN-like number, an SSN, an NPI, a phone number, an email or street address, a
      personal date, an age over 89. DICOM text is short and often in capitals or joined
      with ``^``, so each value is also read normalised (``BRAIN^ROUTINE JOHN DOE`` as
      ``Brain Routine John Doe``); a value written as DICOM writes a name
      (``DOE^JOHN``) counts as a name unless its parts are imaging words; imaging
      vocabulary (``Brain``, ``MPRAGE``, ``Routine``) is never a name;
    - in every text value (LO, SH, LT, ST, UT, UC; not a person-name attribute, which
      OS301 reports itself): the file's own identifying values — the parts of
      PatientName of three letters or more, PatientID, OtherPatientIDs, AccessionNumber
      and PatientBirthDate (as ``19520314``, ``1952-03-14``, ``03/14/1952``, ``14 Mar
      1952`` ...). A study pseudonym (``SUBJ0104``) in a file that declares
      de-identification names no one and is not looked for.

    **What it leaves alone.** Imaging vocabulary ("T1 MPRAGE post contrast",
    "BRAIN^ROUTINE"), dummy values (ANONYMOUS, REMOVED), identity attributes themselves
    (OS301's), private elements (OS302's).

    **Why it matters.** De-identification tools blank the attributes they know and leave
    descriptions and comments as they are: a technologist's "Brain MRI John Doe" or "MRN
    4471902" survives them. TCIA §3.1 forbids identifying the individuals who are the
    sources of the data; §4 forbids releasing it.

    **Example.**::

        (0008,1030) StudyDescription  'Brain MRI J*** D***'  <- the patient's name
        (0020,4000) ImageComments     'MRN *****02'          <- an MRN-like number

    **How to fix.** Empty or rewrite the element (``deid`` recipe ``BLANK`` or
    ``REPLACE``, or ``pydicom``: ``ds.StudyDescription = "BRAIN MRI"``) in every file of
    the series, then scan again.
    """

    code = "OS303"
    name = "identifying-free-text"
    category = Category.DICOM_PHI
    severity = Severity.BLOCK
    reads = DicomHeader

    delta = PER_ELEMENT
    inherits = ("identity_needles", "identity_id")

    @staticmethod
    def depends_on(element: DicomElement) -> bool:
        return shapes_identity(element)  # what is looked for in every text value

    def run(self, header: DicomHeader, context: CheckContext) -> Iterator[Finding]:
        return self.run_on(header, header.elements, context)

    def run_on(self, header: DicomHeader, elements: list[DicomElement], context: CheckContext) -> Iterator[Finding]:
        """The findings at `elements` of the header."""
        from_engine = engine_spans(header, None if elements is header.elements else elements)
        for element in elements:
            if not element.value:
                continue  # binary and numeric values are not read (and most elements are those)
            free, crossed = is_free_text(element), is_cross_checked(element)
            if not (free or crossed):
                continue
            own = own_value_spans(header, element.value)
            found = list(own)
            if free:
                for span in from_engine.get(element.path, ()):
                    if not any(span.start < o.end and o.start < span.end for o in own):
                        found.append(span)
            if not found:
                continue
            found.sort(key=lambda s: s.start)
            seen: set[str] = set()
            for span in found:
                if span.what in seen:
                    continue
                seen.add(span.what)
                others = [o for o in found if o is not span]
                where = f" (in {element.in_sequence})" if element.in_sequence else ""
                yield self.finding(
                    context, header.location(element),
                    f"{display_name(element)}{where} holds {span.what}"
                    + ("; de-identification tools leave free text as it is" if span.what == PATIENT_NAME else ""),
                    evidence(element.value, span, others),
                    f"{element.path}:{span.what}")
