"""PDF rendering with WeasyPrint, safely and cheaply.

- One ``FontConfiguration`` per process: a new one per document grows memory (~0.25 MB each).
- The stylesheet is read from our static folder and handed over as a string; the URL fetcher refuses every
  URL, so a document can neither read local files through ``file:`` nor reach the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import current_app

_FONT_CONFIG = None


def _font_config():  # noqa: ANN202 - weasyprint's FontConfiguration
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"PDF rendering may not fetch {url!r}")


def render_pdf(html: str, stylesheet: str) -> bytes:
    """``stylesheet`` is a path inside the static folder, e.g. ``css/print-record.css``."""
    from weasyprint import CSS, HTML

    css = Path(current_app.static_folder or "", stylesheet).read_text(encoding="utf-8")
    font_config = _font_config()
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(
        stylesheets=[CSS(string=css, font_config=font_config, url_fetcher=refuse_fetch)], font_config=font_config
    )
