"""Mail is kept in the outbox and, when SMTP is configured, delivered; failures are kept for a retry."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from flask import Flask
from sqlalchemy import select

from lms.extensions import db
from lms.mail.models import OutboxMessage
from lms.mail.services import deliver_pending, queue_mail


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def handle_message(self, message) -> None:  # noqa: ANN001
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _queue(app: Flask) -> None:
    with app.app_context():
        queue_mail("laia@example.org", "Benvinguda", "Hola Laia")
        db.session.commit()


def test_without_smtp_mail_stays_in_the_outbox(app: Flask) -> None:
    _queue(app)
    with app.app_context():
        assert deliver_pending() == 0
        message = db.session.scalar(select(OutboxMessage))
        assert message.sent_at is None and message.body == "Hola Laia"


def test_smtp_delivers_and_marks_sent(app: Flask, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    _queue(app)
    with app.app_context():
        assert deliver_pending() == 1
        assert db.session.scalar(select(OutboxMessage.sent_at)) is not None
        assert deliver_pending() == 0  # nothing sent twice
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"] == "laia@example.org"
    assert inbox.messages[0]["Subject"] == "Benvinguda"


def test_a_failed_delivery_is_kept_for_a_retry(app: Flask) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_free_port(), MAIL_USE_TLS=False)  # nobody listens
    _queue(app)
    with app.app_context():
        assert deliver_pending() == 0
        message = db.session.scalar(select(OutboxMessage))
        assert message.sent_at is None and message.attempts == 1 and message.last_error


def test_cli_explains_when_smtp_is_not_configured(runner) -> None:
    result = runner.invoke(args=["mail", "deliver"])
    assert result.exit_code == 0 and "MAIL_SERVER is not set" in result.output


def test_a_request_sends_its_mail_after_the_response_and_keeps_no_link(app: Flask, smtp_server) -> None:
    from lms.accounts.roles import Role
    from tests.factories import make_user, post

    inbox, port = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    person = make_user(app, Role.TRAINEE)
    response = post(app.test_client(), "/password/forgot", {"email": person.email})
    assert response.status_code == 302
    response.close()  # the WSGI server closes the response once it is sent; delivery runs then
    assert len(inbox.messages) == 1
    assert "http://lms.test/password/reset/" in inbox.messages[0].get_payload()
    with app.app_context():
        stored = db.session.scalar(select(OutboxMessage))
        assert stored.sent_at is not None
        assert "/password/reset/" not in stored.body and "[link removed after sending]" in stored.body
