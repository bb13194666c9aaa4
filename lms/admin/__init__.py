"""Administrator screens: the outbox and the audit log."""
