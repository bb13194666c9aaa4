"""The curriculum: modules, lessons and their versions, progress and credited hours, live sessions.

May import ``lms`` (accounts, cohorts, audit); nothing in ``lms`` imports ``courses`` except the app factory,
which calls ``init_app`` to plug the blueprints, commands and dashboard panels in.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

#: The default curriculum shipped with the code ("Peer-support agent in mental health").
DEFAULT_CONTENT = Path(__file__).parent / "content" / "peer-support-mental-health"


def init_app(app: Flask) -> None:
    from courses import models  # noqa: F401  (tables known to Alembic)
    from courses.authoring.views import bp as authoring_bp
    from courses.cli import courses_cli
    from courses.live.views import bp as live_bp
    from courses.panels import register_panels
    from courses.study.views import bp as study_bp

    for blueprint in (study_bp, authoring_bp, live_bp):
        app.register_blueprint(blueprint)
    app.cli.add_command(courses_cli)
    register_panels(app)
