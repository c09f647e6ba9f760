"""OS401 model-weights."""

from __future__ import annotations

from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.discover import model_evidence
from outscan.documents import Artifact
from outscan.model import Category, Finding, Location, Severity


@register
class ModelWeights(Check):
    """Trained model parameters are in the tree.

    **What it flags.** A file of model weights, once per file: ``.safetensors`` with its
    header, a ``torch.save`` archive (a ZIP holding ``data.pkl``, whatever its name) or
    legacy pickle (``.pt``, ``.pth``, ``.ckpt``), Keras HDF5 (``.h5``, ``.hdf5``,
    ``.keras``), ONNX, TensorFlow Lite, GGUF, a joblib pickle of a scikit-learn estimator,
    and ``.bin``/``.pb``/``.h5`` files named like weights (``pytorch_model.bin``,
    ``saved_model.pb``). Discovery gives such files the kind ``model`` from their first
    bytes; nothing is unpickled or loaded.

    **What it leaves alone.** An HDF5 or ``.bin`` file with no sign of a model (a data
    array is the data checks' business), a ZIP without ``data.pkl``, code that *defines*
    a model.

    **Why it matters.** A model trained on the Data can give back the records it was
    trained on (membership inference, memorised rows): NCCR DUA §22 keeps model
    parameters among Authorized Users, §9 forbids releasing the Data in part, and TCIA §4
    forbids transferring the Dataset to third parties.

    **Example.** ::

        models/model.safetensors     <- whole file: trained model parameters (a safetensors header)

    **How to fix.** Remove the weights from the repository (and from its history) and
    keep them inside the enclave; publish the code and the training recipe instead, or
    weights only with the data owner's written approval. Add ``*.safetensors``, ``*.pt``
    and the like to ``.gitignore``.
    """

    code = "OS401"
    name = "model-weights"
    category = Category.RESTRICTED_ARTIFACT
    severity = Severity.BLOCK
    reads = Artifact

    def run(self, artifact: Artifact, context: CheckContext) -> Iterator[Finding]:
        if artifact.kind != "model":
            return
        if artifact.head.startswith(b"PK"):
            what = "a torch.save archive (ZIP with data.pkl)" if b"data.pkl" in artifact.head + artifact.tail \
                else "a model archive"
        else:
            what = model_evidence(artifact.name, artifact.head) or "a model file"
        yield self.finding(
            context,
            Location(),
            message=f"trained model parameters: {what}, {artifact.size:,} bytes; model parameters are not shared "
                    "outside Authorized Users",
            evidence=artifact.name,
            match_key=f"model|{artifact.name}",
        )
