"""Settings: limits and knobs, from environment variables with defaults that suit a laptop."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from backoffice.errors import ConfigError


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class Limits:
    """What the reader accepts before it quarantines a file (cheap checks run before any OCR)."""

    max_file_mb: float = field(default_factory=lambda: float(_env("BACKOFFICE_MAX_FILE_MB", "50")))
    max_pages: int = field(default_factory=lambda: int(_env("BACKOFFICE_MAX_PAGES", "200")))
    # A 300-dpi A3 scan is about 17.5 million pixels; 80 million leaves room for posters and
    # stops decompression bombs long before memory runs out.
    max_pixels: int = field(default_factory=lambda: int(_env("BACKOFFICE_MAX_PIXELS", "80000000")))
    ocr_timeout_s: float = field(default_factory=lambda: float(_env("BACKOFFICE_OCR_TIMEOUT_S", "120")))


@dataclass(frozen=True)
class ReaderSettings:
    limits: Limits = field(default_factory=Limits)
    ocr_dpi: int = field(default_factory=lambda: int(_env("BACKOFFICE_OCR_DPI", "300")))
    # German first: on 91 dev scans (68 English, 23 German) it read umlauts, names and ids better and cost English
    # nothing measurable (field errors 56 -> 51, cell errors 262 -> 215 against eng+deu), at the same speed.
    ocr_lang: str = field(default_factory=lambda: _env("BACKOFFICE_OCR_LANG", "deu+eng"))
    workers: int = field(default_factory=lambda: int(_env("BACKOFFICE_WORKERS", str(os.cpu_count() or 1))))


# ---------------------------------------------------------------- the pipeline's settings

SETTINGS_FILE_VARIABLE = "BACKOFFICE_SETTINGS"


@dataclass(frozen=True)
class Setting:
    """One pipeline setting: the environment variable that sets it, its key in the settings file, its default."""

    key: str  # in the settings file (TOML, top level)
    env: str
    default: str | None
    help: str
    secret: bool = False  # masked whole but for the last four characters
    url: bool = False  # a URL whose password is masked


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "BACKOFFICE_DATA_DIR", "var",
            "local state: the SQLite database, stored documents (blobs), temporary downloads"),
    Setting("database_url", "BACKOFFICE_DATABASE_URL", None,
            "the pipeline's database (default: SQLite in DATA_DIR/backoffice.db)", url=True),
    Setting("connector", "BACKOFFICE_CONNECTOR", "sor",
            "where approved documents are posted: sor (the SQL system of record) or export (one JSON per document)"),
    Setting("sor_url", "BACKOFFICE_SOR_URL", None,
            "the SQL system of record's database (default: SQLite in DATA_DIR/sor.db)", url=True),
    Setting("export_bucket", "BACKOFFICE_EXPORT_BUCKET", None, "the bucket the export connector writes to"),
    Setting("export_prefix", "BACKOFFICE_EXPORT_PREFIX", "exports/", "the export connector's key prefix"),
    Setting("s3_endpoint_url", "BACKOFFICE_S3_ENDPOINT_URL", None,
            "S3 endpoint (MinIO, moto, ...); unset for AWS", url=True),
    Setting("bucket", "BACKOFFICE_BUCKET", None, "the bucket client IT drops into (inbox/<client>/)"),
    Setting("aws_access_key_id", "AWS_ACCESS_KEY_ID", None, "S3 credentials (or the usual AWS credential chain)"),
    Setting("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", None, "S3 credentials", secret=True),
    Setting("aws_session_token", "AWS_SESSION_TOKEN", None, "S3 credentials (temporary ones)", secret=True),
    Setting("aws_region", "AWS_DEFAULT_REGION", "us-east-1", "S3 region"),
    Setting("max_download_mb", "BACKOFFICE_MAX_DOWNLOAD_MB", "50",
            "objects larger than this are not kept on disk: quarantined with file.too_large"),
    Setting("batch_size", "BACKOFFICE_BATCH_SIZE", "50", "documents per processing task"),
    Setting("io_retries", "BACKOFFICE_IO_RETRIES", "3", "retries of an S3 or posting task before the run fails"),
    Setting("io_retry_delay_s", "BACKOFFICE_IO_RETRY_DELAY_S", "2",
            "first retry delay; doubles with every retry (exponential backoff)"),
    Setting("poll_interval_s", "BACKOFFICE_POLL_INTERVAL_S", "60", "`backoffice run` waits this long between runs"),
    Setting("retention_days", "BACKOFFICE_RETENTION_DAYS", "90",
            "local copies of posted or rejected documents are deleted after this many days (S3 and the "
            "database keep theirs)"),
)


DEFAULT_DATABASE_FILES = {"database_url": "backoffice.db", "sor_url": "sor.db"}  # SQLite files in DATA_DIR


@dataclass(frozen=True)
class PipelineSettings:
    """The effective pipeline settings: environment variables win over the settings file, which wins over defaults."""

    values: dict[str, str | None]
    origins: dict[str, str]  # key -> "env" | "file" | "default"
    settings_file: Path | None = None

    def get(self, key: str) -> str | None:
        return self.values[key]

    @property
    def data_dir(self) -> Path:
        return Path(self.values["data_dir"] or "var")

    @property
    def database_url(self) -> str:
        if not self.values["database_url"]:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        return self._url_or_default("database_url", "backoffice.db")

    def _url_or_default(self, key: str, file_name: str) -> str:
        return self.values[key] or f"sqlite:///{(self.data_dir / file_name).resolve()}"

    @property
    def bucket(self) -> str:
        bucket = self.values["bucket"]
        if not bucket:
            raise ConfigError("no bucket configured",
                              hint="set BACKOFFICE_BUCKET (or `bucket` in the BACKOFFICE_SETTINGS file)")
        return bucket

    @property
    def max_download_bytes(self) -> int:
        return int(self._number("max_download_mb") * 1024 * 1024)

    @property
    def batch_size(self) -> int:
        return max(1, int(self._number("batch_size")))

    @property
    def io_retries(self) -> int:
        return max(0, int(self._number("io_retries")))

    @property
    def io_retry_delay_s(self) -> float:
        return self._number("io_retry_delay_s")

    @property
    def poll_interval_s(self) -> float:
        return self._number("poll_interval_s")

    @property
    def retention_days(self) -> float:
        return self._number("retention_days")

    def _number(self, key: str) -> float:
        text = self.values[key]
        try:
            return float(text or "")
        except ValueError:
            setting = next(s for s in SETTINGS if s.key == key)
            raise ConfigError(f"{setting.env} must be a number, got {text!r}") from None

    def shown(self) -> list[tuple[str, str, str]]:
        """(environment variable, value with secrets masked, where it came from) for `backoffice config show`."""
        rows = []
        for s in SETTINGS:
            value, origin = self.values[s.key], self.origins[s.key]
            if s.key in DEFAULT_DATABASE_FILES and not value:
                value = self._url_or_default(s.key, DEFAULT_DATABASE_FILES[s.key])
            rows.append((s.env, masked_setting(s, value), origin))
        return rows

    def export(self) -> None:
        """Put values from the settings file into the environment where unset, so code that reads environment
        variables itself (models.db, the connectors, boto3) sees the same settings."""
        for s in SETTINGS:
            if self.origins[s.key] == "file" and self.values[s.key] is not None:
                os.environ.setdefault(s.env, str(self.values[s.key]))


def masked_setting(setting: Setting, value: str | None) -> str:
    from backoffice.masking import mask

    if value is None or value == "":
        return "(not set)"
    if setting.secret:
        return mask(value)
    if setting.url:
        return url_without_password(value)
    return value


def url_without_password(url: str) -> str:
    """'postgresql://app:s3cret@db/x' -> 'postgresql://app:***@db/x'."""
    return re.sub(r"^([a-zA-Z][\w+.-]*://[^:/@]*):[^@/]*@", r"\1:***@", url)


def load_settings(environ: dict[str, str] | None = None) -> PipelineSettings:
    """Environment first, then the TOML file named by BACKOFFICE_SETTINGS (keys as in SETTINGS), then defaults."""
    environ = dict(os.environ if environ is None else environ)
    from_file: dict[str, str] = {}
    path = Path(environ[SETTINGS_FILE_VARIABLE]) if environ.get(SETTINGS_FILE_VARIABLE) else None
    if path is not None:
        from_file = _read_settings_file(path)
    values: dict[str, str | None] = {}
    origins: dict[str, str] = {}
    for s in SETTINGS:
        if environ.get(s.env):
            values[s.key], origins[s.key] = environ[s.env], "env"
        elif s.key in from_file:
            values[s.key], origins[s.key] = from_file[s.key], "file"
        else:
            values[s.key], origins[s.key] = s.default, "default"
    return PipelineSettings(values=values, origins=origins, settings_file=path)


def _read_settings_file(path: Path) -> dict[str, str]:
    import tomllib

    if not path.is_file():
        raise ConfigError(f"the settings file {path} does not exist",
                          hint=f"fix {SETTINGS_FILE_VARIABLE} or create the file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"the settings file {path} is not valid TOML: {exc}") from None
    known = {s.key for s in SETTINGS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"the settings file {path} has unknown keys: {', '.join(unknown)}",
                          hint=f"known keys: {', '.join(sorted(known))}")
    return {key: str(value) for key, value in data.items()}
