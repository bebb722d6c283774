"""What a public page weighs with everything it loads (the issue's 100 kB on a poor
connection): shared by the help site's and the inquiry form's tests."""

from __future__ import annotations

import re
from typing import Any


def page_weight(client: Any, response: Any) -> tuple[list[str], list[int]]:
    """The stylesheets and scripts ``response`` loads, and the sizes of the page and of each."""
    html = response.content.decode()
    loaded = re.findall(r'<(?:link rel="stylesheet"|script)[^>]+(?:href|src)="([^"]+)"', html)
    sizes = [len(response.content)]
    for url in loaded:
        asset = client.get(url)
        assert asset.status_code == 200, url
        sizes.append(len(b"".join(asset.streaming_content) if asset.streaming else asset.content))
    return loaded, sizes
