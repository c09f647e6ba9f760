"""OS403 secret."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from outscan.checks.base import Check, CheckContext
from outscan.checks.registry import register
from outscan.documents import Artifact
from outscan.model import Category, Finding, Location, Severity

# Values that stand for a secret rather than being one: templates, placeholders, examples.
_PLACEHOLDER = re.compile(
    r"^(?:\$\{.*\}|\$\w+|\{\{.*\}\}|<[^>]*>|%\(.*\)s|\*+|x+|\.+|changeme|change_me|password|secret|token|"
    r"your[_-].*|.*[_-]here|example.*|dummy.*|placeholder.*|redacted|none|null|todo|test)$", re.IGNORECASE)
MAX_LINE = 2000  # minified or generated lines are not where people paste a password


@lru_cache(maxsize=1)
def _plugins():
    """detect-secrets' detectors, used as a library: patterns only, never its network verification."""
    from detect_secrets.plugins.aws import AWSKeyDetector
    from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
    from detect_secrets.plugins.basic_auth import BasicAuthDetector
    from detect_secrets.plugins.github_token import GitHubTokenDetector
    from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
    from detect_secrets.plugins.keyword import KeywordDetector
    from detect_secrets.plugins.openai import OpenAIDetector
    from detect_secrets.plugins.private_key import PrivateKeyDetector
    from detect_secrets.plugins.pypi_token import PypiTokenDetector
    from detect_secrets.plugins.sendgrid import SendGridDetector
    from detect_secrets.plugins.slack import SlackDetector
    from detect_secrets.plugins.stripe import StripeDetector
    from detect_secrets.plugins.twilio import TwilioKeyDetector

    return tuple(plugin() for plugin in (
        PrivateKeyDetector, AWSKeyDetector, GitHubTokenDetector, GitLabTokenDetector, SlackDetector,
        OpenAIDetector, StripeDetector, SendGridDetector, TwilioKeyDetector, PypiTokenDetector,
        AzureStorageKeyDetector, BasicAuthDetector, KeywordDetector))


def _keyword_patterns(name: str):
    from detect_secrets.plugins.keyword import QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP, REGEX_BY_FILETYPE
    from detect_secrets.util.filetype import determine_file_type

    if name.lower().startswith(".env") or name.lower().endswith(".env"):
        name = "settings.ini"  # KEY=value, unquoted, as an INI file writes it
    return REGEX_BY_FILETYPE.get(determine_file_type(name), QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP)


def mask_secret(value: str) -> str:
    """The first four characters (fewer of a short value) and stars: enough to find it, not to use it."""
    keep = min(4, len(value) // 4)
    return value[:keep] + "*" * min(max(len(value) - keep, 4), 12)


def find_secrets(name: str, text: str) -> Iterator[tuple[int, str, str]]:
    """(line, kind, value) of each credential in a file's text, the most specific detector first."""
    keyword_patterns = _keyword_patterns(name)
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE or not line.strip():
            continue
        found: list[str] = []
        for plugin in _plugins():
            if plugin.secret_type == "Secret Keyword":
                values = list(plugin.analyze_string(line, denylist_regex_to_group=keyword_patterns))
            else:  # the whole token, not the group a pattern captures ("ghp" of "ghp_…")
                values = [match.group(0) for regex in plugin.denylist for match in regex.finditer(line)]
            values = [v for v in values if v and not _PLACEHOLDER.match(v.strip("'\""))]
            for value in values:
                # A value found once is not found again by a vaguer detector (the AWS key is not
                # also a "keyword"); another secret on the same line (a minified JSON) is.
                if not any(value in seen or seen in value for seen in found):
                    found.append(value)
                    yield number, plugin.secret_type, value


@register
class Secret(Check):
    """A credential (password, access key, token, private key) is written in code or configuration.

    **What it flags.** Each line of a code or configuration file (``.py``, ``.R``, ``.sh``,
    ``.yaml``, ``.toml``, ``.env``, ``.ini`` …) that holds a credential, as the detectors of
    the maintained library `detect-secrets <https://github.com/Yelp/detect-secrets>`_ find
    them: a value assigned to a name such as ``password``, ``secret``, ``token``,
    ``api_key`` (``password = "…"``, ``DB_PASSWORD: …``), AWS access keys (``AKIA…``),
    private key blocks, GitHub (``ghp_…``), GitLab, Slack (``xoxb-…``), OpenAI, Stripe,
    SendGrid, Twilio and PyPI tokens, Azure storage keys, and passwords in URLs
    (``postgres://user:pass@host``). Only the first 64 KB of a file is read. The secret is
    never reported: the evidence keeps its first four characters.

    **What it leaves alone.** Values read from the environment or a secrets manager
    (``os.environ["DB_PASSWORD"]``, ``Sys.getenv()``), templates and placeholders
    (``${DB_PASSWORD}``, ``<your token>``, ``changeme``), and long random strings that no
    credential name or known token format marks (hashes, UUIDs, checksums). Secrets are
    never verified against their service: outscan makes no network call.

    **Why it matters.** NCCR DUA §12 requires safeguards and forbids sharing login
    credentials; a database password or cloud key in a published repository opens the
    enclave to anyone who reads it (§9, TCIA §4), and bots harvest public repositories
    for keys within minutes.

    **Example.** ::

        config/settings.yaml, line 3:  password: "S3cr3t-Passw0rd!"   <- evidence: S3cr************

    **How to fix.** Revoke or rotate the credential first (it is compromised once
    pushed), then read it from the environment or a secrets manager and remove it from
    the repository's history (``git filter-repo``); add ``.env`` files to ``.gitignore``.
    """

    code = "OS403"
    name = "secret"
    category = Category.RESTRICTED_ARTIFACT
    severity = Severity.BLOCK
    reads = Artifact

    def run(self, artifact: Artifact, context: CheckContext) -> Iterator[Finding]:
        if not artifact.text or artifact.kind not in ("code", "config", "data"):
            return  # data: JSON and XML files, read as text (readers/artifact.py)
        for line, kind, value in find_secrets(artifact.name, artifact.text):
            masked = mask_secret(value)
            yield self.finding(
                context,
                Location(line=line),
                message=f"a credential in the repository ({kind.lower()}): {masked}",
                evidence=masked,
                match_key=f"secret|{kind}|{masked}",
            )
