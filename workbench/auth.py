"""Users, passwords (scrypt from the standard library), roles and what each user may see."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel import Session, select

from backoffice.errors import UsageError
from models.tables import User, utcnow

ROLES = ("operator", "supervisor", "admin")
# scrypt at n=2**14, r=8 (16 MiB, ~50 ms): slow enough to make guessing expensive, fast enough for a sign-in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 10
MAX_FAILED_SIGN_INS = 5  # wrong passwords in a row before a user is locked ...
LOCK_MINUTES = 15  # ... for this long


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P),
                     base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(base64.b64decode(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found, base64.b64decode(digest))


# A hash to check against when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_hex(8))


class SignInLocked(Exception):
    """Too many wrong passwords in a row for one user: no sign-in, right password or not, until `until`."""

    def __init__(self, until: datetime):
        super().__init__(f"locked until {until:%H:%M} UTC")
        self.until = until


def authenticate(session: Session, username: str, password: str, *, now: datetime | None = None) -> User | None:
    """The user, when the password is theirs; None otherwise. After MAX_FAILED_SIGN_INS wrong passwords in a row a
    user is locked for LOCK_MINUTES (SignInLocked), which turns guessing a password online into years of work."""
    now = now or utcnow()
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active:
        password_matches(password, _DUMMY_HASH)
        return None
    if user.locked_until is not None and user.locked_until > now:
        raise SignInLocked(user.locked_until)
    if password_matches(password, user.password_hash):
        if user.failed_sign_ins or user.locked_until:
            user.failed_sign_ins, user.locked_until = 0, None
            session.add(user)
            session.commit()
        return user
    user.failed_sign_ins += 1
    if user.failed_sign_ins >= MAX_FAILED_SIGN_INS:
        user.failed_sign_ins, user.locked_until = 0, now + timedelta(minutes=LOCK_MINUTES)
    session.add(user)
    session.commit()
    if user.locked_until is not None and user.locked_until > now:
        raise SignInLocked(user.locked_until)
    return None


def save_user(session: Session, username: str, password: str, *, role: str, clients: Sequence[str]) -> User:
    """Create a user, or reset an existing one's password, role and clients."""
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}", hint=f"use one of {', '.join(ROLES)}")
    if not username or len(username) > 64 or not username.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise UsageError(f"bad user name {username!r}", hint="use letters, digits, '.', '-' or '_' (at most 64)")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError(f"the password is too short ({len(password)} characters)",
                         hint=f"use at least {MIN_PASSWORD_LENGTH}")
    user = session.exec(select(User).where(User.username == username)).first() or User(username=username,
                                                                                       password_hash="")
    user.password_hash = hash_password(password)
    user.failed_sign_ins, user.locked_until = 0, None  # a new password lifts a lock
    user.role = role
    user.clients = sorted({c.strip() for c in clients if c.strip()})
    user.active = True
    session.add(user)
    session.flush()
    return user


def is_supervisor(user: User) -> bool:
    return user.role in ("supervisor", "admin")


def client_scope(user: User) -> list[str] | None:
    """The clients whose documents the user may see: an operator's assigned ones; None (all) for supervisors."""
    return None if is_supervisor(user) else list(user.clients)


def may_see(user: User, client_id: str) -> bool:
    scope = client_scope(user)
    return scope is None or client_id in scope
