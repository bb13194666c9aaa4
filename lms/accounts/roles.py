"""The roles a person may hold; a person may hold several (a coordinator who also assesses, say)."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Role(StrEnum):
    TRAINEE = "trainee"
    SUPERVISOR = "supervisor"
    ASSESSOR = "assessor"
    COORDINATOR = "coordinator"
    VERIFIER = "verifier"
    ADMIN = "admin"


#: Human labels, translated when shown.
ROLE_LABELS = {
    Role.TRAINEE: _l("Trainee"),
    Role.SUPERVISOR: _l("Placement supervisor"),
    Role.ASSESSOR: _l("Assessor"),
    Role.COORDINATOR: _l("Programme coordinator"),
    Role.VERIFIER: _l("Accreditation body"),
    Role.ADMIN: _l("Administrator"),
}

#: Which dashboard a person lands on when they hold several roles: the first one they hold wins.
LANDING_ORDER = (Role.ADMIN, Role.COORDINATOR, Role.ASSESSOR, Role.SUPERVISOR, Role.VERIFIER, Role.TRAINEE)

#: Roles a coordinator may give; admin and coordinator roles are given by an admin only.
COORDINATOR_GRANTABLE = frozenset({Role.TRAINEE, Role.SUPERVISOR, Role.ASSESSOR, Role.VERIFIER})
