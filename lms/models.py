"""Import every model of ``lms`` so Alembic's autogenerate and the app see its schema.

The pipeline packages (``courses``...) are imported by the factory, after these, since they build on ``lms``.
"""

from lms.accounts.models import AccountToken, User, UserRole
from lms.audit.models import AuditEvent
from lms.cohorts.models import Cohort, Enrolment, EnrolmentStatusChange, Programme
from lms.mail.models import OutboxMessage
from lms.placements.models import (
    EntryDecision,
    EntryRevision,
    HourEntry,
    Observation,
    Placement,
    PlacementSite,
    PlacementSupervisor,
)

__all__ = [
    "AccountToken",
    "AuditEvent",
    "Cohort",
    "Enrolment",
    "EnrolmentStatusChange",
    "EntryDecision",
    "EntryRevision",
    "HourEntry",
    "Observation",
    "OutboxMessage",
    "Placement",
    "PlacementSite",
    "PlacementSupervisor",
    "Programme",
    "User",
    "UserRole",
]
