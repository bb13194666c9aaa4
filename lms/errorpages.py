"""Friendly error pages: calm words, a way back, and never a stack trace."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: (_l("Something in the request was not right"), _l("Please go back, reload the page and try again.")),
    403: (_l("This page is not for your account"), _l("If you think you should see it, ask your coordinator.")),
    404: (_l("We could not find this page"), _l("The link may be old. Start again from your dashboard.")),
    405: (_l("Something in the request was not right"), _l("Please go back, reload the page and try again.")),
    429: (_l("Too many attempts"), _l("For your safety, please wait a minute and try again.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you did caused this. Please try again in a moment.")),
}


def register(app: Flask) -> None:
    def render(code: int) -> tuple[str, int]:
        title, advice = MESSAGES.get(code, MESSAGES[400])
        return render_template("error.html", code=code, title=title, advice=advice), code

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template(
            "error.html",
            code=400,
            title=_l("This form had expired"),
            advice=_l("For your safety forms expire. Go back, reload the page and send it again."),
        ), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        if error.code in MESSAGES:
            return render(error.code)
        return error

    @app.errorhandler(500)
    def server_error(error: Exception) -> tuple[str, int]:
        return render(500)
