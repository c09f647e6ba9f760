"""OS404 external-ai-service."""

from __future__ import annotations

import re
from collections.abc import Iterator

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Artifact
from outscan.masking import short
from outscan.model import Category, Finding, Location, Severity

# (service, pattern): client libraries as imported (Python, R, JavaScript) and API endpoints.
_SERVICES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((service, re.compile(pattern, re.MULTILINE)) for service, pattern in (
    ("OpenAI", r"^[ \t]*(?:import|from)[ \t]+(?:openai|langchain_openai|llama_index\.llms\.openai)\b"
               r"|\blibrary\(\s*[\"']?openai\b|\bchat_openai\s*\(|[\"']openai[\"']\s*\)|from\s+[\"']openai[\"']"
               r"|\bapi\.openai\.com\b"),
    ("Azure OpenAI", r"\bAzureOpenAI\b|\b[\w-]+\.openai\.azure\.com\b|\bopenai\.azure\.com\b"),
    ("Anthropic", r"^[ \t]*(?:import|from)[ \t]+(?:anthropic|langchain_anthropic)\b|@anthropic-ai/sdk"
                  r"|\bapi\.anthropic\.com\b|\bchat_anthropic\s*\(|\bchat_claude\s*\("),
    ("Google Gemini", r"^[ \t]*(?:import|from)[ \t]+google(?:\.generativeai|\.genai|\s+import\s+genai)\b"
                      r"|^[ \t]*(?:import|from)[ \t]+vertexai\b|\bgenerativelanguage\.googleapis\.com\b"
                      r"|\baiplatform\.googleapis\.com\b|@google/generative-ai|\bchat_gemini\s*\("),
    ("Hugging Face Inference", r"\bInferenceClient\s*\(|\bInferenceApi\s*\(|\bapi-inference\.huggingface\.co\b"
                               r"|\brouter\.huggingface\.co\b|\.endpoints\.huggingface\.cloud\b"),
    ("Cohere", r"^[ \t]*(?:import|from)[ \t]+cohere\b|\bapi\.cohere\.(?:ai|com)\b"),
    ("Mistral", r"^[ \t]*(?:import|from)[ \t]+mistralai\b|\bapi\.mistral\.ai\b"),
    ("Groq", r"^[ \t]*(?:import|from)[ \t]+groq\b|\bapi\.groq\.com\b"),
    ("Together AI", r"^[ \t]*(?:import|from)[ \t]+together\b|\bapi\.together\.(?:xyz|ai)\b"),
    ("Replicate", r"^[ \t]*(?:import|from)[ \t]+replicate\b|\bapi\.replicate\.com\b"),
    ("Amazon Bedrock", r"[\"']bedrock-runtime[\"']|\bbedrock-runtime\.[\w-]+\.amazonaws\.com\b"),
))


@register
class ExternalAiService(Check):
    """Code sends data to an external AI service (OpenAI, Anthropic, Gemini, a hosted model API).

    **What it flags.** Each external AI service a code or configuration file uses, once per
    service and file, at its first line: client libraries imported (``import openai``,
    ``from anthropic import Anthropic``, ``import google.generativeai``, ``library(openai)``,
    ``ellmer::chat_openai()``, ``@anthropic-ai/sdk``), Azure OpenAI clients and endpoints
    (``*.openai.azure.com``), Hugging Face ``InferenceClient`` and hosted inference
    endpoints, Cohere, Mistral, Groq, Together, Replicate, Amazon Bedrock, and requests to
    their API hosts (``https://api.openai.com/v1/...``). A *review*: whether Data reached
    the service is for a person to judge.

    **What it leaves alone.** Local models (``transformers`` pipelines, ``huggingface_hub``
    downloads, ``llama.cpp``, ``ollama`` on localhost), scikit-learn, and prose that
    merely names a service.

    **Why it matters.** NCCR DUA §22 forbids submitting the Data to external AI services
    and requires AI-derived outputs to be reviewed before publication; a call to a hosted
    model sends whatever it is given outside the enclave, to be logged or kept by a third
    party (TCIA §4, NCCR §9).

    **Example.** ::

        src/llm.py, line 1:  from openai import OpenAI     <- review: calls OpenAI

    **How to fix.** Make sure no Data (records, free text, images, small aggregates) was
    or will be sent: remove the call, or use a model run inside the enclave, as the
    agreement permits; say in the manuscript how AI tools were used and that outputs were
    reviewed.
    """

    code = "OS404"
    name = "external-ai-service"
    category = Category.RESTRICTED_ARTIFACT
    severity = Severity.REVIEW
    reads = Artifact

    def run(self, artifact: Artifact, context: CheckContext) -> Iterator[Finding]:
        if artifact.kind not in ("code", "config") or not artifact.text:
            return
        text = artifact.text
        for service, pattern in _SERVICES:
            match = pattern.search(text)
            if match is None:
                continue
            line = text.count("\n", 0, match.start()) + 1
            said = match.group().strip()
            yield self.finding(
                context,
                Location(line=line),
                message=f"calls an external AI service ({service}): no Data may be sent to it",
                evidence=short(said),
                match_key=f"ai|{service}",
            )
