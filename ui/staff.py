"""Staff sign-in for uploads. Without a configured staff password the app is the public, read-only
dashboard and uploads are disabled (the page says how to enable them).

The password comes from ``LMI_STAFF_PASSWORD`` or Streamlit secrets (``staff_password`` in
``.streamlit/secrets.toml``); it is compared with ``hmac.compare_digest`` (constant time) and never
shown, logged or kept in the session. After ``MAX_ATTEMPTS`` wrong passwords a session waits
``LOCKOUT_S`` seconds. The staff member's name, typed at sign-in, is what the import log records.
"""

from __future__ import annotations

import hmac
import os
import time
from dataclasses import dataclass

import streamlit as st

from lmi.i18n import _

PASSWORD_ENV = "LMI_STAFF_PASSWORD"
SECRET_KEY = "staff_password"
MAX_ATTEMPTS = 5
LOCKOUT_S = 60
_USER_KEY = "staff_user"
_FAILS_KEY = "staff_failed_attempts"
_LOCK_KEY = "staff_locked_until"


@dataclass(frozen=True)
class StaffUser:
    name: str


def configured_password() -> str | None:
    """The staff password, or None when uploads are not enabled on this deployment."""
    value = os.environ.get(PASSWORD_ENV, "")
    if value:
        return value
    try:
        secret = st.secrets.get(SECRET_KEY, "")
    except Exception:  # no secrets file: Streamlit raises rather than returning nothing
        secret = ""
    return str(secret) or None


def password_matches(candidate: str, expected: str) -> bool:
    return hmac.compare_digest(candidate.encode("utf-8"), expected.encode("utf-8"))


def current_user() -> StaffUser | None:
    name = st.session_state.get(_USER_KEY)
    return StaffUser(name) if name else None


def render_sign_in() -> StaffUser | None:
    """The staff sign-in form (or the signed-in user with a sign-out button)."""
    expected = configured_password()
    if expected is None:
        st.info(
            _(
                "**Uploads are disabled on this deployment**: no staff password is configured, so this is the "
                "public, read-only dashboard. An administrator enables uploads by setting the `{variable}` "
                "environment variable or `{secret}` in `.streamlit/secrets.toml`."
            ).format(variable=PASSWORD_ENV, secret=SECRET_KEY)
        )
        return None
    user = current_user()
    if user is not None:
        cols = st.columns([4, 1])
        cols[0].success(_("Signed in as staff: **{name}**").format(name=user.name))
        if cols[1].button(_("Sign out"), key="staff_sign_out"):
            st.session_state.pop(_USER_KEY, None)
            st.rerun()
        return user
    locked_until = st.session_state.get(_LOCK_KEY, 0.0)
    if time.monotonic() < locked_until:
        seconds = int(locked_until - time.monotonic()) + 1
        st.error(_("Too many wrong passwords; try again in {seconds} s.").format(seconds=seconds))
        return None
    with st.form("staff_sign_in"):
        st.markdown(_("**Staff sign-in** (uploads are for staff only)"))
        name = st.text_input(_("Your name (recorded in the import log)"), key="staff_name")
        password = st.text_input(_("Staff password"), type="password", key="staff_password_input")
        submitted = st.form_submit_button(_("Sign in"), key="staff_sign_in_submit")
    if not submitted:
        return None
    if not name.strip():
        st.error(_("Enter your name: every import is logged with who made it."))
        return None
    if not password_matches(password, expected):
        fails = st.session_state.get(_FAILS_KEY, 0) + 1
        st.session_state[_FAILS_KEY] = fails
        if fails >= MAX_ATTEMPTS:
            st.session_state[_LOCK_KEY] = time.monotonic() + LOCKOUT_S
            st.session_state[_FAILS_KEY] = 0
        st.error(_("Wrong staff password."))
        return None
    st.session_state[_FAILS_KEY] = 0
    st.session_state[_USER_KEY] = name.strip()[:100]
    st.rerun()
    return None
