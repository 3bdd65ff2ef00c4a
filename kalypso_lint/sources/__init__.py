"""`kalypso-lint sources check`: reachability, quote and figure drift, DOI/PMID lookups,
retractions and review dates for every source in the claims registry.

Modules: options (settings resolved for one run), netguard (address policy, capped reads),
http (session, cache, retries, redirects), text (HTML/PDF/text to normalised text), evidence
(quotes), numbers (figures as pages write them), identifiers (doi.org, Crossref, PubMed),
entries (the offline checks), check (the run), progress (a terminal progress bar).
Importing this package does not import requests-cache, rich or pypdf.
"""

from kalypso_lint.sources.check import RunStats, SourcesRequest, run_sources_check
from kalypso_lint.sources.options import SourcesOptions, resolve_options

__all__ = ["RunStats", "SourcesOptions", "SourcesRequest", "resolve_options", "run_sources_check"]
