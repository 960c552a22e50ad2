"""backoffice: a back-office document pipeline (read, classify, extract, validate, route)."""

__version__ = "0.1.0"
