"""OS304 burned-in-text."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.dicom.free_text import top_level
from outscan.checks.dicom.series_delta import ON_INPUTS
from outscan.checks.registry import register
from outscan.documents import DicomElement, DicomHeader
from outscan.model import Category, Finding, Severity

_SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"  # and its multi-frame variants .7.1 - .7.4
_ULTRASOUND_CLASSES = frozenset({"1.2.840.10008.5.1.4.1.1.6.1", "1.2.840.10008.5.1.4.1.1.6.2",
                                 "1.2.840.10008.5.1.4.1.1.3.1"})
_MODALITIES = {"US": "modality US (ultrasound)", "OT": "modality OT (other)", "SC": "modality SC (secondary capture)",
               "DOC": "modality DOC (a scanned document)"}
_CLEAN_PIXELS = "113101"
# What the check reads (with the de-identification method codes).
_INPUTS = frozenset({"BurnedInAnnotation", "SOPClassUID", "Modality", "ImageType", "DeidentificationMethodCodeSequence"})


@register
class BurnedInText(Check):
    """Text burned into the pixels: declared (BurnedInAnnotation YES) or likely from the kind of image.

    **What it flags.** **Block**: BurnedInAnnotation (0028,0301) is YES — the file says
    its pixels carry text that identifies the patient. **Review**: a header signature of
    images that usually carry burned-in text — a Secondary Capture SOP class
    (1.2.840.10008.5.1.4.1.1.7 and its multi-frame variants), an ultrasound (Modality US
    or an ultrasound SOP class), Modality OT, SC or DOC, ImageType containing SECONDARY
    or SCREEN SAVE (``DERIVED\\SECONDARY``) — when BurnedInAnnotation is not NO and the
    file declares no clean-pixel de-identification (code 113101 Clean Pixel Data in
    DeidentificationMethodCodeSequence (0012,0064)).

    **Triage only.** outscan never reads or decodes pixel data, so it does not OCR the
    image: a finding says the header makes burned-in text likely, not that text is
    there; and an image whose header says nothing of the kind (a CT with a name typed
    on it by a viewer and saved as ORIGINAL) is not found. Look at the image.

    **What it leaves alone.** BurnedInAnnotation NO; primary images of other modalities
    (CT, MR, PT ...); a file that declares 113101 (unless BurnedInAnnotation says YES
    anyway, which is a block: the two statements contradict each other).

    **Why it matters.** Ultrasound frames, screen captures and scanned documents often
    show the patient's name, ID and date of birth in the pixels, which header
    de-identification never touches. TCIA §3.1 forbids identifying the sources of the
    data; TCIA's curators inspect every such image.

    **Example.**::

        (0028,0301) BurnedInAnnotation = YES                                  <- block
        (0008,0060) Modality US, no 113101 Clean Pixel Data declared          <- review

    **How to fix.** Inspect the images; blank the text regions (``deid``'s pixel
    cleaner with a filter for the device, or a mask over the annotation area), then set
    BurnedInAnnotation to NO and add 113101 to DeidentificationMethodCodeSequence; or
    leave such images out of the output.
    """

    code = "OS304"
    name = "burned-in-text"
    category = Category.DICOM_PHI
    severity = Severity.BLOCK
    reads = DicomHeader

    delta = ON_INPUTS

    @staticmethod
    def depends_on(element: DicomElement) -> bool:
        return element.keyword in _INPUTS or element.in_sequence == "DeidentificationMethodCodeSequence"

    def run(self, header: DicomHeader, context: CheckContext) -> Iterator[Finding]:
        if header.is_dicomdir:
            return
        burned = top_level(header, "BurnedInAnnotation")
        declared = (burned.value if burned is not None else "").strip().upper()
        clean = _CLEAN_PIXELS in header.codes("DeidentificationMethodCodeSequence")
        if declared == "YES":
            said = "; 113101 Clean Pixel Data is declared too, which contradicts it" if clean else ""
            yield self.finding(context, header.location(burned),
                               f"BurnedInAnnotation (0028,0301) is YES: the pixels carry identifying text{said}",
                               "BurnedInAnnotation = YES", "BurnedInAnnotation:YES")
            return
        if declared == "NO" or clean:
            return
        signatures = list(_signatures(header))
        if not signatures:
            return
        element, _ = signatures[0]
        said = ", ".join(what for _, what in signatures)
        unsaid = "BurnedInAnnotation is absent" if burned is None else f"BurnedInAnnotation is '{declared or 'empty'}'"
        yield self.finding(context, header.location(element),
                           f"images of this kind usually carry burned-in text ({said}); {unsaid} and no 113101 "
                           "Clean Pixel Data is declared: look at the pixels (triage from the header, no OCR)",
                           said, "signature:" + said, Severity.REVIEW)


def _signatures(header: DicomHeader):
    sop = top_level(header, "SOPClassUID")
    if sop is not None:
        uid = sop.value.strip()
        if uid == _SECONDARY_CAPTURE or uid.startswith(_SECONDARY_CAPTURE + "."):
            yield sop, "a Secondary Capture SOP class"
        elif uid in _ULTRASOUND_CLASSES:
            yield sop, "an ultrasound SOP class"
    modality = top_level(header, "Modality")
    if modality is not None and modality.value.strip().upper() in _MODALITIES:
        yield modality, _MODALITIES[modality.value.strip().upper()]
    image_type = top_level(header, "ImageType")
    if image_type is not None:
        values = [v.strip().upper() for v in image_type.value.split("\\")]
        if "SCREEN SAVE" in values:
            yield image_type, "ImageType SCREEN SAVE"
        elif "SECONDARY" in values:
            yield image_type, f"ImageType {'DERIVED' + chr(92) + 'SECONDARY' if 'DERIVED' in values else 'SECONDARY'}"
