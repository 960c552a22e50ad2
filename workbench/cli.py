"""Workbench commands: serve, users."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Nothing yet: the workbench commands arrive with the workbench."""
