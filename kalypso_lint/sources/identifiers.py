"""DOI and PMID lookups: does the identifier exist, what is its title, was it retracted?

- DOI: content negotiation at doi.org (`Accept: application/vnd.citationstyles.csl+json`),
  which redirects to the registration agency (Crossref, DataCite, mEDRA...) and works for
  any of them; 404 means the DOI does not exist.
- Crossref `/works/{doi}`: `updated-by` lists the notices about a work (retraction,
  correction, expression of concern..., from the publisher or Retraction Watch); `update-to`
  says that the work is itself such a notice. A DOI Crossref does not know is not an error
  (it may be DataCite's), so a 404 there says nothing.
- PMID: E-utilities `esummary` (JSON), many ids per request; the record gives the title, the
  DOI among `articleids`, and "Retracted Publication" among `pubtype`.

Each lookup returns a value; what it means for the registry is decided in check.py.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from rapidfuzz import fuzz

from kalypso_lint.sources.http import Failure, HttpClient
from kalypso_lint.sources.text import normalise

CSL_JSON = "application/vnd.citationstyles.csl+json"
RETRACTION_TYPES = frozenset({"retraction", "partial_retraction", "withdrawal", "removal"})
PUBMED_RETRACTED = "Retracted Publication"
# PubMed publication types of notices: citing one cites the notice, not the study.
PUBMED_NOTICES = {
    "Retraction of Publication": "retraction",
    "Published Erratum": "correction",
    "Expression of Concern": "expression of concern",
}
ESUMMARY_BATCH = 100
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Update:
    """A notice about a work: its kind (retraction, correction...) and the notice's DOI."""

    kind: str
    doi: str | None = None
    source: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Lookup:
    """What a DOI or PMID lookup found. `failure`: the lookup itself did not work."""

    exists: bool = False
    title: str | None = None
    doi: str | None = None  # for a PMID: the DOI PubMed records for it
    updated_by: tuple[Update, ...] = ()  # notices about this work
    notice_for: tuple[Update, ...] = ()  # this work is itself a notice about another
    failure: Failure | None = None


def titles_match(registry_title: str, found: str, threshold: float) -> bool:
    """Token-set similarity, so a shortened registry title matches the full one."""
    return fuzz.token_set_ratio(normalise(registry_title), normalise(found)) >= threshold


def clean_title(value: object) -> str | None:
    """A title from CSL/Crossref/PubMed metadata: a string or a list of strings, maybe with
    markup (<i>, entities); None when there is none."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(_TAGS.sub("", value)).split())
    return text or None


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None


def lookup_doi(client: HttpClient, doi: str) -> Lookup:
    url = f"{client.net.doi_url}/{quote(doi, safe='/')}"
    fetched = client.get(url, accept=CSL_JSON)
    if fetched.status in (404, 410):
        return Lookup(exists=False)
    if fetched.failure is not None:
        return Lookup(failure=fetched.failure)
    data = _json(fetched.body)
    title = clean_title(data.get("title")) if isinstance(data, dict) else None
    return Lookup(exists=True, title=title, doi=doi)


def lookup_crossref(client: HttpClient, doi: str) -> Lookup:
    query = f"?{urlencode({'mailto': client.net.mailto})}" if client.net.mailto else ""
    url = f"{client.net.crossref_url}/works/{quote(doi, safe='/')}{query}"
    fetched = client.get(url, accept="application/json")
    if fetched.status in (404, 410):
        return Lookup(exists=False)
    if fetched.failure is not None:
        return Lookup(failure=fetched.failure)
    data = _json(fetched.body)
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict):
        return Lookup(failure=Failure("transient", "Crossref answered with unreadable JSON"))
    return Lookup(
        exists=True,
        title=clean_title(message.get("title")),
        doi=doi,
        updated_by=_updates(message.get("updated-by")),
        notice_for=_updates(message.get("update-to")),
    )


def _updates(raw: object) -> tuple[Update, ...]:
    if not isinstance(raw, list):
        return ()
    updates: list[Update] = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            continue
        parts = (item.get("updated") or {}).get("date-parts") if isinstance(item, dict) else None
        date = None
        if isinstance(parts, list) and parts and isinstance(parts[0], list):
            date = "-".join(f"{int(p):02d}" for p in parts[0] if isinstance(p, int))
        updates.append(
            Update(
                kind=item["type"].lower().replace("-", "_"),
                doi=item.get("DOI") if isinstance(item.get("DOI"), str) else None,
                source=item.get("source") if isinstance(item.get("source"), str) else None,
                date=date or None,
            )
        )
    return tuple(updates)


def lookup_pmids(client: HttpClient, pmids: Iterable[str]) -> dict[str, Lookup]:
    """Every PMID's record, ESUMMARY_BATCH ids per request (sorted, so the cache keys last)."""
    unique = sorted(set(pmids), key=int)
    results: dict[str, Lookup] = {}
    for start in range(0, len(unique), ESUMMARY_BATCH):
        batch = unique[start : start + ESUMMARY_BATCH]
        params = {"db": "pubmed", "id": ",".join(batch), "retmode": "json", "tool": "kalypso-lint"}
        if client.net.mailto:
            params["email"] = client.net.mailto
        fetched = client.get(
            f"{client.net.eutils_url}/esummary.fcgi?{urlencode(params)}", accept="application/json"
        )
        data = _json(fetched.body) if fetched.failure is None else None
        result = data.get("result") if isinstance(data, dict) else None
        for pmid in batch:
            if fetched.failure is not None:
                results[pmid] = Lookup(failure=fetched.failure)
            elif not isinstance(result, dict):
                failure = Failure("transient", "E-utilities answered with unreadable JSON")
                results[pmid] = Lookup(failure=failure)
            else:
                results[pmid] = _pubmed_record(result.get(pmid))
    return results


def _pubmed_record(record: object) -> Lookup:
    if not isinstance(record, dict) or record.get("error") or not record.get("title"):
        return Lookup(exists=False)
    doi = None
    for article_id in record.get("articleids") or []:
        if isinstance(article_id, dict) and article_id.get("idtype") == "doi":
            doi = str(article_id.get("value") or "") or None
    pubtypes = [p for p in record.get("pubtype") or [] if isinstance(p, str)]
    updated_by = (Update("retraction", source="PubMed"),) if PUBMED_RETRACTED in pubtypes else ()
    notice_for = tuple(
        Update(kind, source="PubMed") for p, kind in PUBMED_NOTICES.items() if p in pubtypes
    )
    return Lookup(
        exists=True,
        title=clean_title(record.get("title")),
        doi=doi,
        updated_by=updated_by,
        notice_for=notice_for,
    )
