"""Flask-Login wiring: how a session finds its person, and where anonymous visitors are sent."""

from __future__ import annotations

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
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id))
