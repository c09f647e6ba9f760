"""OS406 ai-ml-tool."""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Artifact, Part, TextDocument
from outscan.masking import short
from outscan.model import Category, Finding, Location, Severity

# `from torch import nn`, `import torch`, `import os, torch as t`: the module at the start of a
# from-import or anywhere in an import list.
_PY = r"^[ \t]*(?:from[ \t]+(?:{0})\b|import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*(?:{0})\b)"
_R = r"\b(?:library|require|requireNamespace)\(\s*[\"']?(?:{})\b"
# (tool, pattern): machine-learning frameworks and local model runners as code loads them.
_TOOLS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((tool, re.compile(pattern, re.MULTILINE)) for tool, pattern in (
    ("PyTorch", _PY.format(r"torch|torchvision|pytorch_lightning|lightning") + "|" + _R.format("torch")),
    ("TensorFlow / Keras", _PY.format(r"tensorflow|keras|tf_keras") + "|" + _R.format("keras|keras3|tensorflow")),
    ("JAX", _PY.format(r"jax|flax|optax")),
    ("scikit-learn", _PY.format(r"sklearn")),
    ("gradient boosting (XGBoost, LightGBM, CatBoost)", _PY.format(r"xgboost|lightgbm|catboost")
     + "|" + _R.format("xgboost|lightgbm|catboost")),
    ("R machine-learning frameworks", _R.format("caret|tidymodels|parsnip|mlr3|randomForest|ranger|e1071|h2o")),
    ("Hugging Face models", _PY.format(r"transformers|huggingface_hub|diffusers|sentence_transformers|peft|timm")),
    ("medical imaging AI (MONAI, nnU-Net, TorchIO)", _PY.format(r"monai|nnunet|nnunetv2|torchio")),
    ("local language models (llama.cpp, Ollama, vLLM)", _PY.format(r"llama_cpp|ollama|vllm|gpt4all")),
))


@register
class AiMlTool(Check):
    """Code uses a machine-learning framework or a local AI model: listed for the AI/ML record.

    **What it flags.** An *info* finding per tool and file, at the first line that loads it:
    Python imports of PyTorch, TensorFlow/Keras, JAX, scikit-learn, XGBoost/LightGBM/CatBoost,
    Hugging Face libraries, MONAI/nnU-Net/TorchIO and local model runners (llama.cpp, Ollama,
    vLLM); R's ``library()`` of keras, torch, caret, tidymodels, mlr3, randomForest, ranger,
    xgboost and the like. Source files and the code cells of notebooks (and code blocks of
    documents) are read. The worksheet gathers these findings, model weights (OS401) and
    calls to external AI services (OS404) into its AI/ML inventory.

    **What it leaves alone.** Statistics libraries (statsmodels, survival, lme4, glm) and
    prose or comments that name a framework. (An import written inside a string at the start
    of a line is taken for one.) It never gates a scan: the
    use of ML inside the enclave is allowed; the agreement asks that it be recorded.

    **Why it matters.** NCCR DUA §22 permits AI/ML tools inside the project on conditions —
    model parameters are not shared outside Authorized Users, AI-derived outputs are reviewed
    by a qualified human before publication — and the output checker needs to know which
    outputs came from such tools to review them as §22 asks.

    **Example.** ``train.py``, line 3: ``import torch`` gives "uses PyTorch: record it in the
    AI/ML inventory (NCCR §22); outputs derived from it are reviewed before publication".

    **How to fix.** Nothing to fix: confirm in the worksheet that the outputs derived from
    the tool were reviewed, and that no trained weights leave the enclave (OS401).
    """

    code = "OS406"
    name = "ai-ml-tool"
    category = Category.RESTRICTED_ARTIFACT
    severity = Severity.INFO
    reads = (Artifact, TextDocument)

    def run(self, document: Artifact | TextDocument, context: CheckContext) -> Iterator[Finding]:
        seen: set[str] = set()
        for text, where in _code_of(document):
            for tool, pattern in _TOOLS:
                match = pattern.search(text) if tool not in seen else None
                if match is None:
                    continue
                seen.add(tool)
                yield self.finding(
                    context,
                    where(text.count("\n", 0, match.start())),
                    message=f"uses {tool}: record it in the AI/ML inventory; outputs derived from it are "
                            "reviewed before publication",
                    evidence=short(match.group().strip()),
                    match_key=f"ml|{tool}",
                )


def _code_of(document: Artifact | TextDocument):
    """(code, line-offset -> Location) for a source file, or for each code block of a document."""
    if isinstance(document, Artifact):
        if document.kind == "code" and document.text:
            yield document.text, lambda lines: Location(line=lines + 1)
        return
    for block in document.blocks:
        if block.part is Part.CODE and block.text:
            yield block.text, lambda lines, block=block: document.location(
                block, _offset_of_line(block.text, lines))


def _offset_of_line(text: str, lines: int) -> int:
    offset = 0
    for _ in range(lines):
        offset = text.index("\n", offset) + 1
    return offset
