"""``flask placements send-digests``: each supervisor gets one e-mail listing what waits for their sign-off."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from lms.extensions import db
from lms.placements.notifications import send_digests

placements_cli = AppGroup("placements", help="Placements and sign-off.")


@placements_cli.command("send-digests")
def send_digests_command() -> None:
    """Queue a digest of pending entries for every supervisor who has some (run daily from cron)."""
    sent = send_digests()
    db.session.commit()
    click.echo(f"Queued {sent} digest(s).")
