"""WSGI entry point for production servers: ``gunicorn wsgi:app``.

Served this way the app runs in production mode unless ``LMS_ENV`` says otherwise, so a forgotten variable
means secure cookies and a required ``SECRET_KEY``, never development defaults.
"""

import os

os.environ.setdefault("LMS_ENV", "production")

from lms import create_app  # noqa: E402

app = create_app()
