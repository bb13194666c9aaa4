"""Flask-Login wiring: how a session finds its person, and where anonymous visitors are sent."""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from lms.accounts.models import User
from lms.extensions import db


def configure_login(manager: LoginManager) -> None:
    manager.login_view = "accounts.sign_in"
    manager.login_message = _l("Please sign in to see this page.")
    manager.login_message_category = "info"
    manager.session_protection = "strong"

    @manager.user_loader
    def load_user(session_id: str) -> User | None:
        user_id, _, token = session_id.partition(":")
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not secrets.compare_digest(user.session_token, token):
            return None
        return user
