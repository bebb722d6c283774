"""Stored Markdown never puts a script, an event handler, a ``javascript:`` link or a
third-party picture into a visitor's page: raw HTML is escaped by markdown-it, and nh3 keeps
only the listed tags, attributes and link schemes."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from qorgau.help.rendering import markdown_to_html
from qorgau.help.tests.factories import page_make

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<img src=x onerror=alert(1)>",
    "![x](https://evil.example/pixel.png)",
    '<div onmouseover="alert(1)">hover</div>',
    "<iframe src=https://evil.example></iframe>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<svg onload="alert(1)">',
    "<style>body{display:none}</style>",
]


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def _dangerous(html: str) -> list[object]:
    bad: list[object] = []
    for tag, attrs in _elements(html):
        if tag in {"script", "img", "iframe", "svg", "style", "object", "embed"}:
            bad.append(tag)
        bad += [name for name in attrs if name.startswith("on")]
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            if value.startswith(("javascript:", "data:", "vbscript:")):
                bad.append(value)
    return bad


@pytest.mark.parametrize("attack", ATTACKS)
def test_it_renders_no_active_content(attack):
    assert _dangerous(markdown_to_html(f"Text before.\n\n{attack}\n\nText after.")) == []


def test_it_keeps_the_markdown_staff_write():
    html = markdown_to_html(
        "## Where\n\n- **Phone**: [call](tel:+70000000000)\n- [site](https://example.org)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )

    tags = {tag for tag, _ in _elements(html)}
    assert {"h2", "ul", "li", "strong", "a", "table", "td"} <= tags
    assert 'href="tel:+70000000000"' in html
    assert 'rel="noopener noreferrer"' in html


@pytest.mark.django_db
def test_no_attack_reaches_the_public_page(officer, client):
    page_make(officer, body="\n\n".join(ATTACKS))

    html = client.get("/help/en/border/").content.decode()

    article = html[html.index("<article>") : html.index("</article>")]
    assert _dangerous(article) == []
    assert "<script" not in html.lower()
