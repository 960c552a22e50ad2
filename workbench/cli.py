"""Workbench commands: `backoffice serve` and `backoffice users add|list`."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from backoffice.errors import UsageError

ROLES = ("operator", "supervisor", "admin")  # as workbench.auth.ROLES, without importing it for `--help`


def add_commands(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="start the operators' workbench (a web app)",
                           description="Serves the workbench over the database of BACKOFFICE_DATABASE_URL "
                                       "(default: SQLite under BACKOFFICE_DATA_DIR).")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.set_defaults(run=cmd_serve)

    users = sub.add_parser("users", help="workbench users").add_subparsers(dest="users_command", required=True)
    add = users.add_parser("add", help="create a user, or reset an existing user's password, role and clients")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, default="operator")
    add.add_argument("--clients", default="", help="comma-separated client ids an operator works on (e.g. a,b)")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input instead of a prompt")
    add.set_defaults(run=cmd_users_add)
    listing = users.add_parser("list", help="list users with their roles and clients")
    listing.set_defaults(run=cmd_users_list)


def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import uvicorn
    from sqlalchemy.engine import make_url

    from models.db import migrate
    from workbench.app import WorkbenchConfig, create_app

    config = WorkbenchConfig.from_env()
    migrate(config.database_url)
    shown = make_url(config.database_url).render_as_string(hide_password=True)
    out.write(f"workbench on http://{args.host}:{args.port}/ (database {shown})\n")
    out.flush()
    uvicorn.run(create_app(config), host=args.host, port=args.port, log_level="warning")
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask for the password", hint="pipe it in with --password-stdin")
    first = getpass.getpass(f"password for {args.username}: ")
    if getpass.getpass("again: ") != first:
        raise UsageError("the two passwords differ", hint="run the command again")
    return first


def cmd_users_add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from sqlmodel import select

    from models.db import database_url, migrate, session_scope
    from models.tables import Client, User
    from workbench.auth import save_user

    password = _read_password(args)
    url = database_url()
    migrate(url)
    clients = [c.strip() for c in args.clients.split(",") if c.strip()]
    with session_scope(url) as session:
        existed = session.exec(select(User).where(User.username == args.username)).first() is not None
        user = save_user(session, args.username, password, role=args.role, clients=clients)
        known = set(session.exec(select(Client.id)).all())
    unknown = sorted(set(clients) - known)
    if unknown:
        err.write(f"note: no documents of client(s) {', '.join(unknown)} yet (known: {', '.join(sorted(known)) or 'none'})\n")
    scope = "all clients" if user.role != "operator" else (", ".join(user.clients) or "no clients yet")
    out.write(f"{'updated' if existed else 'created'} {user.role} {user.username} ({scope})\n")
    return 0


def cmd_users_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from sqlmodel import select

    from models.db import database_url, migrate, session_scope
    from models.tables import User

    url = database_url()
    migrate(url)
    with session_scope(url) as session:
        for user in session.exec(select(User).order_by(User.username)):
            state = "" if user.active else " (inactive)"
            out.write(f"{user.username}\t{user.role}\t{','.join(user.clients) or '-'}{state}\n")
    return 0
