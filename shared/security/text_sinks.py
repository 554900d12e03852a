"""Merchant data and model output rendered safely for each place it is sent.

Competitor names, product titles and review text come from tenants and the web; a model's narrative can be
steered by them. Each sink has its own escaping: Slack mrkdwn (``&``, ``<``, ``>`` are control characters
there: ``<https://x|text>`` is a live link and ``<!channel>`` a mention), e-mail headers (no line breaks), and
plain text for narratives (no markup, no links but the product's own).
"""

from __future__ import annotations

from shared import regex as re

_TAG = re.compile(r"<[^<>]{0,2000}>")
_MD_IMAGE = re.compile(r"!\[([^\]]{0,500})\]\([^)]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\]]{0,500})\]\([^)]{0,2000}\)")
_URL = re.compile(r"\b(?:https?|ftp|javascript|data|file):[^\s<>\"')\]]+", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def slack_escape(text: str) -> str:
    """Text shown literally inside a Slack mrkdwn message (Slack's own escaping rules)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def header_value(text: str, *, max_length: int = 200) -> str:
    """A single-line e-mail header value: line breaks and control characters become spaces."""
    return _CONTROL.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()[:max_length]


def plain_text(text: str, *, own_origin: str | None = None) -> str:
    """``text`` with markup and foreign links removed: HTML tags, markdown images and links (their words kept).

    URLs are removed unless they start with ``own_origin`` (the product's own evidence links).
    """
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _TAG.sub("", text)

    def keep_own(match: re.Match[str]) -> str:
        url = match.group(0)
        return url if own_origin and url.startswith(own_origin.rstrip("/") + "/") else "[link removed]"

    text = _URL.sub(keep_own, text)
    return _CONTROL.sub("", text).strip()
