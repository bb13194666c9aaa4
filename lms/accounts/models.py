"""People and the one-time tokens that let them set a password."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.accounts.roles import Role
from lms.extensions import db
from lms.schema import one_of
from lms.timeutil import utcnow

LANGUAGE_CODES = ("ca", "es", "en")


def new_session_token() -> str:
    return secrets.token_hex(16)


class User(UserMixin, db.Model):
    """A person who can sign in. Invited people exist before they have a password."""

    __tablename__ = "users"
    __table_args__ = (one_of("preferred_language", LANGUAGE_CODES, "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; sign-in compares lower-case too.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    preferred_language: Mapped[str] = mapped_column(String(2), default="ca")
    #: ``None`` until the person accepts the invitation and chooses a password.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: A deactivated account cannot sign in; its records stay.
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    #: Part of the session cookie; a new password changes it, which signs out every other session.
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token, server_default="")

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="UserRole.role",
        foreign_keys="UserRole.user_id",
    )

    def get_id(self) -> str:
        """Flask-Login keeps this in the session: a changed ``session_token`` invalidates old sessions."""
        return f"{self.id}:{self.session_token}"

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.roles)

    def has_role(self, *roles: Role | str) -> bool:
        return any(Role(role) in self.role_set for role in roles)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class UserRole(db.Model):
    """One role held by one person; who granted it and when is kept for the audit trail."""

    __tablename__ = "user_roles"
    __table_args__ = (one_of("role", Role, "role"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(back_populates="roles", foreign_keys=[user_id])


class AccountToken(db.Model):
    """A single-use, expiring secret sent by e-mail (invitation or password reset).

    Only the SHA-256 of the token is stored, so a copy of the database cannot be used to take over accounts.
    """

    __tablename__ = "account_tokens"
    __table_args__ = (
        CheckConstraint("purpose IN ('invitation', 'password_reset')", name="purpose"),
        UniqueConstraint("token_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    def usable_at(self, moment: datetime) -> bool:
        return self.used_at is None and moment < self.expires_at
