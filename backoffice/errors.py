"""The exception root: every error the CLI can end with carries its exit code and what to do about it."""

from __future__ import annotations


class BackofficeError(Exception):
    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(BackofficeError):
    """Bad arguments: a path that does not exist, an unknown option value."""

    exit_code = 2


class ConfigError(BackofficeError):
    """A settings, rule or master-data file that cannot be used as it is."""

    exit_code = 3
