"""Outgoing mail: every message is kept in an outbox table first, then delivered by SMTP when configured."""
