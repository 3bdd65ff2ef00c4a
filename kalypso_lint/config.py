"""Finding and validating the configuration: rules.yaml, .kalypso-lint.yaml or
[tool.kalypso-lint] in pyproject.toml, discovered by walking up from the checked path.

The nearest folder holding any of them wins (as in ruff); within one folder the order is
CONFIG_NAMES, then pyproject.toml, and the others there are ignored with a warning.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from kalypso_lint.catalog import RuleBook, build_rulebook, default_phrase_rules
from kalypso_lint.discover import display_path
from kalypso_lint.documents.front_matter import DEFAULT_FIELDS as FRONT_MATTER_FIELDS
from kalypso_lint.errors import ConfigError
from kalypso_lint.fileio import read_regular
from kalypso_lint.phrases import (
    DEFAULT_OFF_LABEL_DISCLAIMERS,
    DEFAULT_TESTIMONIAL_DISCLAIMERS,
    OffLabelUse,
    PhraseRule,
    compile_specs,
)
from kalypso_lint.yamlio import YamlProblem, describe_validation_error, read_yaml_file

CONFIG_NAMES = ("rules.yaml", ".kalypso-lint.yaml", ".kalypso-lint.yml")
# What the site (or a page) sells: the same words are a disease claim on a product page and a
# service description on a clinic's (issue 13, docs/medical-claims.md "What the site sells").
SELLS = ("products", "services", "auto")
Sells = Literal["products", "services", "auto"]
DEFAULT_INCLUDE = ["**/*.md", "**/*.markdown", "**/*.html", "**/*.htm", "**/*.txt"]
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)i?[bB]?\s*$")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_SECONDS_PER = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_size(value: object) -> object:
    """A size such as "10MB", "500kB" or "1048576" in bytes; other values go to validation."""
    if isinstance(value, str):
        match = _SIZE.match(value)
        if not match:
            raise ValueError("use a size such as 10MB, 500kB or 1048576")
        number, unit = float(match.group(1)), match.group(2).lower()
        return int(number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit])
    return value


def parse_duration(value: object) -> object:
    """A duration such as "30m", "12h", "7d" or "3600" in seconds; others go to validation."""
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not match:
            raise ValueError("use a duration such as 3600, 30m, 12h or 7d")
        return int(float(match.group(1)) * _SECONDS_PER[match.group(2)])
    return value


# Settings written as "10MB" or "7d" as well as a number: the field is an int either way.
ByteSize = Annotated[int, BeforeValidator(parse_size)]
Seconds = Annotated[int, BeforeValidator(parse_duration)]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )


_SEVERITIES = ("error", "warning", "info")


class RuleSetting(_Strict):
    enabled: bool = True
    severity: Literal["error", "warning", "info"] | None = None

    @field_validator("severity", mode="before")
    @classmethod
    def _known(cls, value: object) -> object:
        # `KL102: warn` arrives here from the shorthand; pydantic's own message would not
        # say that `off` is the way to switch a rule off.
        if value is not None and value not in _SEVERITIES:
            raise ValueError(
                "should be 'error', 'warning' or 'info'; "
                "a rule is switched off with `off` (`KL101: off`) or `enabled: false`"
            )
        return value


class SourcesSettings(_Strict):
    """`sources:` in rules.yaml: how `kalypso-lint sources check` reaches the network."""

    allow_private: bool = False
    allowed_networks: list[str] = Field(default_factory=list)
    timeout: float = Field(default=20, gt=0, le=600)
    connect_timeout: float = Field(default=5, gt=0, le=600)
    retries: int = Field(default=2, ge=0, le=10)
    retry_backoff: float = Field(default=1, ge=0, le=60)
    max_retry_wait: float = Field(default=30, ge=0, le=3600)
    max_redirects: int = Field(default=10, ge=0, le=50)
    max_response_size: ByteSize = Field(default=10 * 1024 * 1024, ge=1024)
    concurrency: int = Field(default=8, ge=1, le=64)
    per_host: int = Field(default=2, ge=1, le=16)
    cache_dir: str = ".kalypso-lint-cache"
    cache_ttl: Seconds = Field(default=86400, ge=0)
    quote_threshold: float = Field(default=90, ge=50, le=100)
    title_threshold: float = Field(default=80, ge=0, le=100)
    doi_url: str = "https://doi.org"
    crossref_url: str = "https://api.crossref.org"
    eutils_url: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
    mailto: str | None = None

    @field_validator("allowed_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for network in value:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError:
                raise ValueError(f"{network!r} is not an IP network such as 10.0.0.0/8") from None
        return value

    @field_validator("doi_url", "crossref_url", "eutils_url")
    @classmethod
    def _web_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")


class Settings(_Strict):
    """Every setting; the defaults are what runs with no configuration file."""

    registry: list[str] = Field(default_factory=lambda: ["claims"])
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = Field(default_factory=list)
    tolerance: float = Field(default=0.05, ge=0, le=1)
    fail_on: Literal["error", "warning", "info"] = "error"
    review_interval_days: int = Field(default=365, ge=1)
    expiry_warning_days: int = Field(default=30, ge=0)
    max_file_size: ByteSize = 10 * 1024 * 1024
    # Markdown front matter fields a site renders, checked as copy (issue 12).
    front_matter_fields: list[str] = Field(default_factory=lambda: list(FRONT_MATTER_FIELDS))
    # HTML images' alt text, read aloud by screen readers and shown when an image fails.
    alt_text: bool = True
    # A suppression must name its rules: a bare `disable` would also hide prohibited claims.
    suppressions_need_codes: bool = False
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    # products: KL207 on and product wording read as claims; services: neither; auto: a page
    # whose own structure shows it sells a product (supplement facts, add to cart...) is read
    # as a product page (kalypso_lint/seller.py). Per path glob: the first pattern that matches.
    sells: Sells = "auto"
    per_file_sells: dict[str, Sells] = Field(default_factory=dict)
    phrases: list[PhraseRule] = Field(default_factory=list)
    off_label: list[OffLabelUse] = Field(default_factory=list)
    off_label_disclaimers: list[str] = Field(
        default_factory=lambda: list(DEFAULT_OFF_LABEL_DISCLAIMERS)
    )
    testimonial_disclaimers: list[str] = Field(
        default_factory=lambda: list(DEFAULT_TESTIMONIAL_DISCLAIMERS)
    )
    sources: SourcesSettings = Field(default_factory=SourcesSettings)
    # The results cache folder (default .kalypso-lint-cache next to this file); issue 7.
    cache_dir: str | None = None

    @field_validator(
        "registry", "include", "exclude", "select", "ignore", "front_matter_fields", mode="before"
    )
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("rules", mode="before")
    @classmethod
    def _shorthand(cls, value: object) -> object:
        """`KL101: off` and `KL101: warning` are shorthands for the full mapping."""
        if not isinstance(value, dict):
            return value
        expanded: dict[object, object] = {}
        for code, setting in value.items():
            # Codes are matched in upper case, as in select and ignore: `kl207: warning`
            # must switch KL207 on, not be accepted and then ignored.
            code = code.upper() if isinstance(code, str) else code
            if setting in ("off", False):
                expanded[code] = {"enabled": False}
            elif setting in ("on", True):
                expanded[code] = {"enabled": True}
            elif isinstance(setting, str):
                expanded[code] = {"severity": setting}
            else:
                expanded[code] = setting
        return expanded

    @field_validator("sells", mode="before")
    @classmethod
    def _sells(cls, value: object) -> object:
        return check_sells(value)

    @field_validator("per_file_sells", mode="before")
    @classmethod
    def _sells_per_file(cls, value: object) -> object:
        # Any case, as `sells` takes it; the values come back normalised, since the pages'
        # decision compares them with the lower-case names.
        if isinstance(value, dict):
            return {
                pattern: check_sells(sells, f"for {pattern!r}: ")
                for pattern, sells in value.items()
            }
        return value


def normal_sells(value: object) -> str | None:
    """`products`, `services` or `auto` from `value` in any case, or None for anything else."""
    if isinstance(value, str) and value.strip().lower() in SELLS:
        return value.strip().lower()
    return None


def check_sells(value: object, where: str = "") -> object:
    """`products`, `services` or `auto` (any case); anything else is refused with what each
    value means, since a misspelt value would otherwise fall back to `auto` unnoticed."""
    sells = normal_sells(value)
    if sells is not None:
        return sells
    raise ValueError(
        f"{where}{value!r} is not one of products, services or auto (products: the site sells "
        "supplements, cosmetics or other goods; services: a clinic or practice; auto: decide "
        "per page from its structure)"
    )


@dataclass(frozen=True)
class Config:
    """Validated settings plus where they came from (paths in them are relative to base_dir)."""

    settings: Settings = field(default_factory=Settings)
    base_dir: Path = field(default_factory=Path.cwd)
    path: Path | None = None

    def registry_paths(self) -> list[Path]:
        return [(self.base_dir / p) for p in self.settings.registry]

    def cache_dir(self) -> Path | None:
        folder = self.settings.cache_dir
        return self.base_dir / folder if folder else None

    @cached_property
    def rulebook(self) -> RuleBook:
        return build_rulebook(self.settings.phrases)

    def phrase_specs(self) -> tuple[dict[str, Any], ...]:
        settings = self.settings
        return compile_specs(
            self.rulebook.phrase_rules,
            settings.off_label,
            settings.off_label_disclaimers,
            settings.testimonial_disclaimers,
        )


@dataclass(frozen=True)
class Discovered:
    """The configuration file a run uses and the others beside it that it ignores."""

    path: Path | None
    ignored: tuple[Path, ...] = ()


def discover_config(start: Path) -> Path | None:
    """The nearest configuration file at or above `start` (a file or a folder)."""
    return discover_configs(start).path


def discover_configs(start: Path) -> Discovered:
    """The nearest folder at or above `start` with a configuration file: its first one in
    CONFIG_NAMES order (then pyproject.toml with [tool.kalypso-lint]), and the rest there."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        found = [candidate_dir / n for n in CONFIG_NAMES if (candidate_dir / n).is_file()]
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            found.append(pyproject)
        if found:
            return Discovered(found[0], tuple(found[1:]))
    return Discovered(None)


def shown_path(path: Path) -> str:
    """A configuration path as messages show it: from the current folder when under it, as
    registry paths are (and as the README's examples read)."""
    return display_path(path, Path.cwd().resolve())


def _pyproject_section(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(read_regular(path).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(f"cannot parse: {exc}", shown_path(path)) from None
    section = data.get("tool", {}).get("kalypso-lint")
    return section if isinstance(section, dict) else None


def _line_of_key(path: Path, key: str) -> int | None:
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=", re.MULTILINE)
    text = path.read_text(encoding="utf-8")
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def load_config(path: Path | None) -> Config:
    """Load and validate a configuration file; None gives the defaults (base: cwd)."""
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(
            "configuration file not found (given with --config); check the path, or run "
            "`kalypso-lint init` in the project folder to write a rules.yaml",
            str(path),
        )
    shown = shown_path(path)
    if path.name == "pyproject.toml":
        data: Any = _pyproject_section(path) or {}
    else:
        try:
            data = read_yaml_file(path)
        except YamlProblem as problem:
            raise ConfigError(problem.message, shown, problem.line) from None
        except OSError as exc:
            raise ConfigError(f"cannot read: {exc.strerror or exc}", shown) from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError("the configuration must be a mapping of settings", shown, 1)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        message, line = describe_validation_error(error, data)
        if line is None and path.name == "pyproject.toml":
            key = str(error.errors()[0]["loc"][0])
            line = _line_of_key(path, key)
        raise ConfigError(message, shown, line) from None
    _check_phrase_codes(settings, data, path)
    config = Config(settings=settings, base_dir=path.parent.resolve(), path=path)
    _check_codes(settings, config.rulebook.codes, data, path)
    return config


def _check_phrase_codes(settings: Settings, data: Any, path: Path) -> None:
    """User phrase rules need their own codes; KL codes may only replace a default rule."""
    overridable = {rule.code for rule in default_phrase_rules()}
    seen: set[str] = set()
    phrases = data.get("phrases") if isinstance(data, dict) else None
    lines = getattr(phrases, "item_lines", None) or []
    for index, rule in enumerate(settings.phrases):
        line = lines[index] if index < len(lines) else None
        if rule.code in seen:
            raise ConfigError(f"phrases: duplicate rule code {rule.code!r}", shown_path(path), line)
        seen.add(rule.code)
        if rule.code.startswith("KL") and rule.code not in overridable:
            raise ConfigError(
                f"phrases: code {rule.code!r} is reserved; use your own prefix (such as HL101) "
                f"or one of the default phrase rules {sorted(overridable)} to replace it",
                shown_path(path),
                line,
            )


def _check_codes(settings: Settings, known: frozenset[str], data: Any, path: Path) -> None:
    def line_for(key: str) -> int | None:
        lines = getattr(data, "key_lines", None)
        if lines is not None:
            return lines.get(key)
        return _line_of_key(path, key) if path.name == "pyproject.toml" else None

    for key, codes in (
        ("select", settings.select),
        ("ignore", settings.ignore),
        ("rules", list(settings.rules)),
        ("per-file-ignores", [c for cs in settings.per_file_ignores.values() for c in cs]),
    ):
        for code in codes:
            # A setting applies to one rule: a prefix (KL2) would be accepted and do nothing.
            if key == "rules" and is_known_selector(code, known) and code.upper() not in known:
                raise ConfigError(
                    f"rules: {code!r} is not a full rule code; `rules` sets one rule each "
                    "(use select or ignore for a prefix)",
                    shown_path(path),
                    line_for(key),
                )
            if not is_known_selector(code, known):
                raise ConfigError(
                    f"{key}: unknown rule code {code!r} (see `kalypso-lint rules`)",
                    shown_path(path),
                    line_for(key),
                )


def is_known_selector(code: str, known: frozenset[str]) -> bool:
    """A full code (KL101, HL101) or a prefix of one (KL, KL1); ALL selects everything."""
    code = code.upper()
    return code == "ALL" or (bool(code) and any(k.startswith(code) for k in known))
