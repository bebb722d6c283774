"""Markdown to safe HTML (ADR 0048): markdown-it-py renders CommonMark with raw HTML turned
off, then nh3 (Ammonia) keeps only the tags, attributes and link schemes listed here. Two
layers, so that neither a Markdown trick nor a gap in one library lets a script, an event
handler or a ``javascript:`` link reach a visitor's page. No images: a picture from another
site would be a third-party request, and the site loads nothing from elsewhere."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")

TAGS = frozenset(
    {
        *("h2", "h3", "h4", "p", "br", "hr", "strong", "em", "code", "pre", "blockquote"),
        *("ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td"),
    }
)
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def markdown_to_html(text: str) -> SafeString:
    """``text`` (Markdown written by staff) as HTML safe to put in a page."""
    html = _MARKDOWN.render(text)
    clean = nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # The sanitiser's output, never the stored text itself.
    return mark_safe(clean)  # noqa: S308
