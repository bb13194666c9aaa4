"""The invite use case: one call for the invite form (account, roles, e-mail, optional enrolment)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.accounts.services import invite_person
from lms.cohorts.models import Cohort
from lms.cohorts.services import enrol
from lms.errors import DomainError


def invite(actor: User, *, email: str, name: str, language: str, roles: Iterable[Role], cohort: Cohort | None) -> User:
    roles = frozenset(roles)
    if cohort is not None and Role.TRAINEE not in roles:
        raise DomainError(
            _l("Only trainees are enrolled in a cohort. Tick the trainee role or leave the cohort empty."), "cohort"
        )
    person = invite_person(actor, email=email, name=name, language=language, roles=roles)
    if cohort is not None:
        enrol(actor, person, cohort)
    return person
