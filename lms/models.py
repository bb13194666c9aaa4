"""Import every model of ``lms`` so Alembic's autogenerate and the app see its schema.

The pipeline packages (``courses``...) are imported by the factory, after these, since they build on ``lms``.
"""

from lms.accounts.models import AccountToken, User, UserRole
from lms.audit.models import AuditEvent
from lms.cohorts.models import Cohort, Enrolment, EnrolmentStatusChange, Programme
from lms.mail.models import OutboxMessage

__all__ = [
    "AccountToken",
    "AuditEvent",
    "Cohort",
    "Enrolment",
    "EnrolmentStatusChange",
    "OutboxMessage",
    "Programme",
    "User",
    "UserRole",
]
