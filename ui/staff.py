"""Staff sign-in for uploads, against the named accounts in the records store (``lmi.records.accounts``).

- Named accounts (``python -m lmi.records.accounts add NAME``): the account name is what the import log records;
  wrong passwords are counted in the records store, so a lockout holds across reloads, sessions and processes.
- No account yet but ``LMI_STAFF_PASSWORD`` (or ``staff_password`` in ``.streamlit/secrets.toml``) set: the
  development fallback, one shared password; the log records "<typed name> (shared password)", since a typed
  name behind a shared password proves nothing. Once an enabled account exists the shared password is refused.
- Neither: the public, read-only dashboard; the page says how to enable uploads.

On top of the store's lockout, a session waits ``FAILURE_DELAY_S`` after each failure and is locked for
``SESSION_LOCKOUT_S`` after ``SESSION_MAX_ATTEMPTS`` failures (a script driving one session gets a guess a second
at most). Passwords are never shown, logged or kept in the session.
"""

from __future__ import annotations

import logging
import math
import os
import time
from dataclasses import dataclass

import streamlit as st

from lmi.i18n import _
from lmi.records import accounts
from ui.cache import records_connection
from ui.components import literal_markdown

PASSWORD_ENV = "LMI_STAFF_PASSWORD"
SECRET_KEY = "staff_password"
ACCOUNTS_COMMAND = "python -m lmi.records.accounts add NAME"
SESSION_MAX_ATTEMPTS = 5
SESSION_LOCKOUT_S = 60
FAILURE_DELAY_S = 1.0
_USER_KEY = "staff_user"
_SHARED_KEY = "staff_user_is_shared"
_FAILS_KEY = "staff_failed_attempts"
_LOCK_KEY = "staff_locked_until"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StaffUser:
    name: str  # what the import log records: the account name, or "<typed name> (shared password)"
    is_shared: bool = False


def configured_password() -> str | None:
    """The shared development password, or None when none is configured."""
    value = os.environ.get(PASSWORD_ENV, "")
    if value:
        return value
    try:
        secret = st.secrets.get(SECRET_KEY, "")
    except Exception:  # no secrets file: Streamlit raises rather than returning nothing
        secret = ""
    return str(secret) or None


def current_user() -> StaffUser | None:
    name = st.session_state.get(_USER_KEY)
    return StaffUser(name, bool(st.session_state.get(_SHARED_KEY))) if name else None


def _sign_out() -> None:
    st.session_state.pop(_USER_KEY, None)
    st.session_state.pop(_SHARED_KEY, None)


def render_sign_in() -> StaffUser | None:
    """The staff sign-in form (or the signed-in user with a sign-out button)."""
    try:
        con = records_connection()
        has_accounts = accounts.has_accounts(con)
    except Exception:  # the store is held by another process or unreachable: say so, never a traceback
        _log.warning("staff sign-in: the records store cannot be opened", exc_info=True)
        st.error(_("Staff sign-in is unavailable: the records store cannot be opened right now. Try again later."))
        return None
    shared = None if has_accounts else configured_password()
    if not has_accounts and shared is None:
        st.info(
            _(
                "**Uploads are disabled on this deployment**: no staff account exists, so this is the public, "
                "read-only dashboard. An administrator enables uploads by creating a staff account with `{command}` "
                "(for development only, a shared password in the `{variable}` environment variable or `{secret}` in "
                "`.streamlit/secrets.toml` also works)."
            ).format(command=ACCOUNTS_COMMAND, variable=PASSWORD_ENV, secret=SECRET_KEY)
        )
        return None
    user = current_user()
    if user is not None and _still_allowed(con, user, has_accounts):
        return _render_signed_in(user)
    if user is not None:
        _sign_out()
    locked_until = st.session_state.get(_LOCK_KEY, 0.0)
    if time.monotonic() < locked_until:
        seconds = int(locked_until - time.monotonic()) + 1
        st.error(_("Too many failed sign-ins; try again in {seconds} s.").format(seconds=seconds))
        return None
    name, password, submitted = _render_form(shared is not None)
    if not submitted:
        return None
    if not name.strip():
        st.error(_("Enter your account name: every import is logged with who made it."))
        return None
    try:
        if shared is not None:
            result = accounts.shared_sign_in(con, name, password, shared)
        else:
            result = accounts.sign_in(con, name, password)
    except Exception:
        _log.exception("staff sign-in: the attempt could not be checked")
        st.error(_("Staff sign-in is unavailable: the records store cannot be opened right now. Try again later."))
        return None
    if not result.succeeded:
        _refused(result, shared is not None)
        return None
    st.session_state[_FAILS_KEY] = 0
    st.session_state[_USER_KEY] = result.account
    st.session_state[_SHARED_KEY] = shared is not None
    st.rerun()
    return None


def _still_allowed(con, user: StaffUser, has_accounts: bool) -> bool:
    """A shared-password session ends once named accounts exist; an account session ends once it is disabled."""
    if user.is_shared:
        return not has_accounts
    return accounts.is_enabled(con, user.name)


def _render_signed_in(user: StaffUser) -> StaffUser:
    cols = st.columns([4, 1])
    cols[0].success(_("Signed in as staff: **{name}**").format(name=literal_markdown(user.name)))
    if user.is_shared:
        cols[0].caption(
            _(
                "Signed in with the shared development password: the import log records the name you typed, marked "
                "“(shared password)”. A deployment creates named accounts instead (`{command}`)."
            ).format(command=ACCOUNTS_COMMAND)
        )
    if cols[1].button(_("Sign out"), key="staff_sign_out"):
        _sign_out()
        st.rerun()
    return user


def _render_form(shared: bool) -> tuple[str, str, bool]:
    with st.form("staff_sign_in"):
        st.markdown(_("**Staff sign-in** (uploads are for staff only)"))
        if shared:
            name = st.text_input(_("Your name (recorded in the import log)"), key="staff_name")
            password = st.text_input(_("Staff password"), type="password", key="staff_password_input")
        else:
            name = st.text_input(_("Account name"), key="staff_name", autocomplete="username")
            password = st.text_input(
                _("Password"), type="password", key="staff_password_input", autocomplete="current-password"
            )
        submitted = st.form_submit_button(_("Sign in"), key="staff_sign_in_submit")
    return name, password, submitted


def _refused(result: accounts.SignIn, shared: bool) -> None:
    """Say why, without saying whether an account name exists; count the failure against this session."""
    if result.reason == accounts.EMPTY:
        st.error(_("Enter the password."))
        return
    time.sleep(FAILURE_DELAY_S)
    fails = st.session_state.get(_FAILS_KEY, 0) + 1
    st.session_state[_FAILS_KEY] = fails
    if fails >= SESSION_MAX_ATTEMPTS:
        st.session_state[_LOCK_KEY] = time.monotonic() + SESSION_LOCKOUT_S
        st.session_state[_FAILS_KEY] = 0
    if result.locked_until is not None:
        minutes = max(1, math.ceil((result.locked_until - accounts.utc_now()).total_seconds() / 60))
        st.error(
            _(
                "Too many failed sign-ins for this account: it is locked for {minutes} min. An administrator can "
                "unlock it with `python -m lmi.records.accounts reset-lockout NAME`."
            ).format(minutes=minutes)
        )
    elif result.reason == accounts.DISABLED:
        st.error(_("This account is disabled; ask an administrator."))
    elif shared:
        st.error(_("Wrong staff password."))
    else:
        st.error(_("Wrong account name or password."))
