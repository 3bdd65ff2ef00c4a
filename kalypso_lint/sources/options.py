"""Everything `sources check` needs to know, resolved once from rules.yaml, the environment
(which may point the DOI, PubMed and Crossref lookups at another server) and the options."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kalypso_lint import __version__
from kalypso_lint.config import Config, SourcesSettings
from kalypso_lint.errors import ConfigError

PROJECT_URL = "https://github.com/kalypso-lint/kalypso-lint"
# Environment variables that override the lookup services' base URLs (settings doi-url, ...).
ENV_BASE_URLS = {
    "doi_url": "KALYPSO_LINT_DOI_URL",
    "crossref_url": "KALYPSO_LINT_CROSSREF_URL",
    "eutils_url": "KALYPSO_LINT_EUTILS_URL",
}


@dataclass(frozen=True)
class SourcesOptions:
    """One run's settings: the `sources:` section with overrides applied, plus run flags."""

    net: SourcesSettings
    today: date
    cache_dir: Path
    offline: bool = False
    use_cache: bool = True
    refresh: bool = False
    review_interval_days: int = 365
    expiry_warning_days: int = 30

    @property
    def user_agent(self) -> str:
        contact = f"; mailto:{self.net.mailto}" if self.net.mailto else ""
        return f"kalypso-lint/{__version__} (+{PROJECT_URL}{contact})"


def resolve_options(
    config: Config,
    today: date,
    *,
    offline: bool = False,
    use_cache: bool = True,
    refresh: bool = False,
    allow_private: bool = False,
    timeout: float | None = None,
) -> SourcesOptions:
    """rules.yaml's settings, overridden by the environment, overridden by the options."""
    net = config.settings.sources
    updates: dict[str, object] = {}
    for field_name, variable in ENV_BASE_URLS.items():
        value = os.environ.get(variable, "").strip()
        if not value:
            continue
        if not re.match(r"^https?://[^\s/]+", value):
            raise ConfigError(f"environment variable {variable}: must be an http(s) URL")
        updates[field_name] = value.rstrip("/")
    if allow_private:
        updates["allow_private"] = True
    if timeout is not None:
        if not 0 < timeout <= 600:
            raise ConfigError("--timeout: give a number of seconds between 0 and 600")
        updates["timeout"] = timeout
        updates["connect_timeout"] = min(net.connect_timeout, timeout)
    return SourcesOptions(
        net=net.model_copy(update=updates),
        today=today,
        cache_dir=config.base_dir / net.cache_dir,
        offline=offline,
        use_cache=use_cache,
        refresh=refresh,
        review_interval_days=config.settings.review_interval_days,
        expiry_warning_days=config.settings.expiry_warning_days,
    )
