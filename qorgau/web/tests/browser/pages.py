"""What browser tests check on a page: accessibility (axe-core) and width on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DESK = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
AXE = Path(__file__).parent / "assets" / "axe.min.js"


def axe_serious(page: Any) -> list[dict[str, Any]]:
    """The serious and critical accessibility violations axe-core finds on the page."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))"""
    )
    return [v for v in violations if v["impact"] in {"serious", "critical"}]


def scrolls_sideways(page: Any) -> bool:
    """Whether the page is wider than its window (a phone user would scroll sideways)."""
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"))
