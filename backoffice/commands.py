"""Pipeline commands: run, status, postings, config show, master-data load."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Nothing yet: the pipeline commands arrive with the pipeline."""
