"""Entre Iguals LMS: trains, assesses and certifies peer-support agents in mental health.

``create_app`` reads as the table of contents of the application.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

from lms.config import load_config


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application; ``config`` overrides what the environment says (tests use it)."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_config(app.instance_path, overrides=config))
    configure_logging(app)
    trust_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    register_pipeline(app)
    register_template_helpers(app)
    register_error_handlers(app)
    register_commands(app)
    from lms.security import register_security_headers

    register_security_headers(app)
    return app


def configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        app.logger.setLevel(logging.INFO)


def trust_proxies(app: Flask) -> None:
    """Behind a reverse proxy, take the client address and scheme from its headers (rate limits, Secure links)."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    from lms import models  # noqa: F401  (every table known to Alembic and the session)
    from lms.extensions import babel, csrf, db, limiter, login_manager, migrate
    from lms.i18n import select_locale

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    from lms.accounts.login import configure_login

    configure_login(login_manager)


def register_blueprints(app: Flask) -> None:
    from lms import placements
    from lms.accounts.views import bp as accounts_bp
    from lms.admin.views import bp as admin_bp
    from lms.cohorts.views import bp as cohorts_bp
    from lms.dashboards.views import bp as dashboards_bp
    from lms.people.views import bp as people_bp

    for blueprint in (dashboards_bp, accounts_bp, people_bp, cohorts_bp, admin_bp):
        app.register_blueprint(blueprint)
    placements.init_app(app)


def register_pipeline(app: Flask) -> None:
    """The stages built on ``lms`` plug in their blueprints, commands and dashboard panels.

    The factory is the composition root: the only place in ``lms`` that names the later stages.
    """
    import courses

    courses.init_app(app)


def register_template_helpers(app: Flask) -> None:
    from lms.templating import register

    register(app)


def register_error_handlers(app: Flask) -> None:
    from lms.errorpages import register

    register(app)


def register_commands(app: Flask) -> None:
    from lms.demo import demo_command
    from lms.mail.cli import mail_cli

    app.cli.add_command(demo_command)
    app.cli.add_command(mail_cli)
