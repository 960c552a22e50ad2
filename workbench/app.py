"""The workbench app: sign-in, the queue, "next", the supervisor page; the document view is in documents.py.

Server-rendered pages (Jinja2) with one small script for the document view; every asset is served
from workbench/static. Sessions are signed cookies; every POST carries the session's CSRF token
(a form field or the X-CSRF-Token header) or is refused.
"""

from __future__ import annotations

import hmac
import os
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlmodel import Session, select
from starlette.middleware.sessions import SessionMiddleware

from backoffice.errors import UsageError
from models import queue
from models.db import data_dir, database_url, session_scope
from models.tables import AuditEvent, User, utcnow
from workbench import auth, queries

HERE = Path(__file__).parent
SESSION_HOURS = 10  # a working day: an operator signs in once per shift


@dataclass
class WorkbenchConfig:
    database_url: str
    data_dir: Path
    secret_key: str
    lock_minutes: int = queue.LOCK_MINUTES
    https_only: bool = False  # set BACKOFFICE_HTTPS=1 behind TLS so the cookie is never sent in clear
    connector: Any = None  # the system-of-record connector; None: connectors.posting.connector_from_settings()
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> WorkbenchConfig:
        folder = data_dir()
        return cls(database_url=database_url(), data_dir=folder, secret_key=_secret_key(folder),
                   lock_minutes=int(os.environ.get("BACKOFFICE_CLAIM_MINUTES", str(queue.LOCK_MINUTES))),
                   https_only=os.environ.get("BACKOFFICE_HTTPS", "") == "1")

    @property
    def page_cache(self) -> Path:
        return self.data_dir / "page-cache"


def _secret_key(data_dir: Path) -> str:
    """BACKOFFICE_SECRET_KEY, or one generated once and kept (mode 0600) in the data folder."""
    if os.environ.get("BACKOFFICE_SECRET_KEY"):
        return os.environ["BACKOFFICE_SECRET_KEY"]
    path = data_dir / "workbench-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


class NotSignedIn(Exception):
    pass


templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["age"] = lambda d: _age(d)


def _age(delta: timedelta | None) -> str:
    if delta is None:
        return "-"
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60:02d}"
    return f"{minutes // 1440} d {minutes % 1440 // 60} h"


def config_of(request: Request) -> WorkbenchConfig:
    return request.app.state.config


def db(request: Request) -> Session:
    """A session for one request; handlers commit what they change (session_scope commits at the end)."""
    with session_scope(config_of(request).database_url) as session:
        yield session


def current_user(request: Request, session: Session = Depends(db)) -> User:
    user_id = request.session.get("uid")
    user = session.get(User, user_id) if user_id else None
    if user is None or not user.active:
        raise NotSignedIn()
    return user


def supervisor(user: User = Depends(current_user)) -> User:
    if not auth.is_supervisor(user):
        raise HTTPException(403, "only supervisors and admins may do this")
    return user


def admin(user: User = Depends(current_user)) -> User:
    if user.role != "admin":
        raise HTTPException(403, "only admins may manage users")
    return user


async def csrf_protect(request: Request) -> None:
    """Every POST must echo the session's token: a page of another site cannot make a signed-in browser act."""
    if request.method != "POST":
        return
    expected = request.session.get("csrf")
    given = request.headers.get("x-csrf-token")
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        given = (await request.form()).get("csrf")
    if not expected or not isinstance(given, str) or not hmac.compare_digest(expected, given):
        raise HTTPException(403, "this form has expired or did not come from the workbench: reload the page and try again")


def csrf_token(request: Request) -> str:
    if "csrf" not in request.session:
        request.session["csrf"] = secrets.token_urlsafe(24)
    return request.session["csrf"]


def flash(request: Request, message: str, kind: str = "info") -> None:
    request.session.setdefault("flash", []).append([kind, message])


def render(request: Request, name: str, user: User | None, status_code: int = 200, **context: Any) -> HTMLResponse:
    messages = request.session.pop("flash", [])
    return templates.TemplateResponse(request, name, {"user": user, "csrf": csrf_token(request),
                                                      "messages": messages, **context}, status_code=status_code)


def create_app(config: WorkbenchConfig | None = None) -> FastAPI:
    config = config or WorkbenchConfig.from_env()
    app = FastAPI(title="backoffice workbench", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(csrf_protect)])
    app.state.config = config
    app.add_middleware(SessionMiddleware, secret_key=config.secret_key, session_cookie="backoffice_session",
                       max_age=SESSION_HOURS * 3600, same_site="lax", https_only=config.https_only)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(NotSignedIn)
    async def to_sign_in(request: Request, _exc: NotSignedIn) -> Response:
        if request.headers.get("accept", "").startswith("application/json") or request.method != "GET":
            return Response("sign in first", status_code=401)
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)

    @app.exception_handler(HTTPException)
    async def plain_error(request: Request, exc: HTTPException) -> Response:
        if request.headers.get("accept", "").startswith("application/json"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return render(request, "error.html", None, status_code=exc.status_code, detail=exc.detail,
                      status=exc.status_code)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/login")
    def login_form(request: Request, next: str = "/") -> HTMLResponse:  # noqa: A002 - the query parameter's name
        return render(request, "login.html", None, next=_local(next))

    @app.post("/login")
    def login(request: Request, username: str = Form(...), password: str = Form(...), next: str = Form("/"),  # noqa: A002
              session: Session = Depends(db)) -> Response:
        try:
            user = auth.authenticate(session, username.strip(), password)
        except auth.SignInLocked as locked:
            return render(request, "login.html", None, status_code=429, next=_local(next), username=username,
                          error=f"Too many wrong passwords in a row for this user: try again after "
                                f"{locked.until:%H:%M} UTC, or ask an admin to set a new password "
                                f"(backoffice users add).")
        if user is None:
            return render(request, "login.html", None, status_code=401, next=_local(next),
                          error="Wrong user name or password.", username=username)
        request.session.clear()  # a fresh session (and CSRF token) for the signed-in user
        request.session["uid"] = user.id
        csrf_token(request)
        return RedirectResponse(_local(next), status_code=303)

    @app.post("/logout")
    def logout(request: Request) -> Response:
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    @app.get("/")
    def queue_view(request: Request, client: str = "", doc_type: str = "", code: str = "", state: str = "",
                   sort: str = "age", page: int = 1, user: User = Depends(current_user),
                   session: Session = Depends(db)) -> HTMLResponse:
        scope = auth.client_scope(user)
        f = queries.QueueFilter(client=client, doc_type=doc_type, code=code, state=state, sort=sort, page=max(page, 1))
        rows, total = queries.queue_page(session, scope, f)
        return render(request, "queue.html", user, rows=rows, total=total, f=f, sorts=list(queries.SORTS),
                      clients=queries.client_choices(session, scope), page_size=queries.PAGE_SIZE,
                      count_cap=queries.COUNT_CAP)

    @app.post("/next")
    def next_document(request: Request, user: User = Depends(current_user), session: Session = Depends(db)) -> Response:
        return take_next(request, session, user)

    @app.get("/supervisor")
    def supervisor_view(request: Request, user: User = Depends(supervisor), session: Session = Depends(db)) -> HTMLResponse:
        users = list(session.exec(select(User).where(User.active).order_by(User.username)))
        return render(request, "supervisor.html", user, loads=queries.load_per_client(session),
                      throughput=queries.throughput_today(session), claims=queries.claims(session),
                      users=users, decisions=queries.DECISIONS)

    @app.post("/supervisor/tasks/{task_id}/release")
    def supervisor_release(request: Request, task_id: int, user: User = Depends(supervisor),
                           session: Session = Depends(db)) -> Response:
        released = queue.release(session, task_id, actor=user.username)
        session.commit()
        flash(request, f"task {task_id} is back in the queue" if released else f"task {task_id} was not claimed or held")
        return RedirectResponse("/supervisor", status_code=303)

    @app.post("/supervisor/tasks/{task_id}/reassign")
    def supervisor_reassign(request: Request, task_id: int, username: str = Form(...), user: User = Depends(supervisor),
                            session: Session = Depends(db)) -> Response:
        target = session.exec(select(User).where(User.username == username, User.active)).first()
        if target is None:
            raise HTTPException(400, f"no active user {username!r}")
        try:
            task = queue.reassign(session, task_id, target.username, actor=user.username,
                                  lock_minutes=config_of(request).lock_minutes)
        except LookupError as exc:
            raise HTTPException(409, str(exc)) from exc
        if not auth.may_see(target, task.client_id):
            session.rollback()
            raise HTTPException(400, f"{username} is not assigned to client {task.client_id}")
        session.commit()
        flash(request, f"task {task_id} now belongs to {username}")
        return RedirectResponse("/supervisor", status_code=303)

    @app.get("/admin/users")
    def users_view(request: Request, user: User = Depends(admin), session: Session = Depends(db)) -> HTMLResponse:
        users = list(session.exec(select(User).order_by(User.username)))
        return render(request, "users.html", user, users=users, roles=auth.ROLES, now=utcnow(),
                      min_length=auth.MIN_PASSWORD_LENGTH)

    @app.post("/admin/users")
    def users_save(request: Request, username: str = Form(...), role: str = Form(...), clients: str = Form(""),
                   password: str = Form(...), user: User = Depends(admin), session: Session = Depends(db)) -> Response:
        """Add a user, or set an existing one's password, role and clients (which also lifts a sign-in lock)."""
        try:
            saved = auth.save_user(session, username.strip(), password, role=role, clients=clients.split(","))
        except UsageError as exc:
            session.rollback()
            flash(request, f"Not saved: {exc} ({exc.hint}).", "error")
            return RedirectResponse("/admin/users", status_code=303)
        session.add(AuditEvent(actor=user.username, action="user_saved", field=saved.username,
                               new_value=f"{saved.role}: {', '.join(saved.clients) or 'no clients'}"))
        session.commit()
        flash(request, f"{saved.username} saved ({saved.role}; clients: {', '.join(saved.clients) or 'none'}).")
        return RedirectResponse("/admin/users", status_code=303)

    @app.post("/admin/users/{username}/active")
    def users_active(request: Request, username: str, active: str = Form(...), user: User = Depends(admin),
                     session: Session = Depends(db)) -> Response:
        target = session.exec(select(User).where(User.username == username)).first()
        if target is None:
            raise HTTPException(404, f"there is no user {username!r}")
        if target.id == user.id:
            raise HTTPException(400, "you cannot switch yourself off; ask another admin")
        target.active = active == "yes"
        session.add(target)
        session.add(AuditEvent(actor=user.username, action="user_activated" if target.active else "user_deactivated",
                               field=target.username))
        session.commit()
        flash(request, f"{username} can {'now' if target.active else 'no longer'} sign in.")
        return RedirectResponse("/admin/users", status_code=303)

    from workbench.documents import router

    app.include_router(router)
    return app


def take_next(request: Request, session: Session, user: User) -> Response:
    """Claim the next document for the user and open it, or go back to the queue when none is left."""
    task = queue.claim_next(session, user=user.username, clients=auth.client_scope(user),
                            supervisor=auth.is_supervisor(user), lock_minutes=config_of(request).lock_minutes)
    session.commit()
    if task is None:
        flash(request, "Nothing left in your queue.")
        return RedirectResponse("/", status_code=303)
    return RedirectResponse(f"/documents/{task.document_id}", status_code=303)


def _local(target: str) -> str:
    """Only redirect within the workbench after sign-in (never to another site)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
