"""Absolute links for e-mails and documents, built from ``BASE_URL`` so they work outside a request too
(cron jobs, CLI commands) and always point at the public address, whatever host the request came in on."""

from __future__ import annotations

from typing import Any

from flask import current_app


def absolute_url(endpoint: str, **values: Any) -> str:
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"] + path
