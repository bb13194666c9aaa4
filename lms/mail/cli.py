"""``flask mail deliver``: retry the outbox from cron."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from lms.mail.services import deliver_pending, smtp_configured

mail_cli = AppGroup("mail", help="Outgoing mail.")


@mail_cli.command("deliver")
def deliver_command() -> None:
    """Send unsent outbox messages over SMTP."""
    if not smtp_configured():
        click.echo("MAIL_SERVER is not set: messages stay in the outbox.")
        return
    click.echo(f"Sent {deliver_pending()} message(s).")
