"""Language choice: an explicit choice (cookie) wins, then the person's preference, then the browser's."""

from __future__ import annotations

from flask import current_app, has_request_context, request
from flask_login import current_user

LANGUAGE_COOKIE = "lang"
LANGUAGE_NAMES = {"ca": "Català", "es": "Español", "en": "English"}


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and jobs: English, the language of logs
        return "en"
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.preferred_language in languages:
        return current_user.preferred_language
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
