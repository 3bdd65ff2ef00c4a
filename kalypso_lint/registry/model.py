"""The claims registry format (a public contract: see docs/registry.md; version 1).

Reviewers write it by hand, so validation is strict: unknown keys, a value together with a
range, impossible dates, NaN and infinities are errors that name the file and line.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kalypso_lint.redact import redact_urls

REGISTRY_FORMAT_VERSION: Literal[1] = 1
Status = Literal["approved", "draft", "retired", "prohibited"]
_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID = re.compile(_ID_PATTERN)
_URL_PATTERN = r"^https?://[^\s/]+"
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def normalise_term(term: str) -> str:
    """Match terms compare lower-cased with single spaces."""
    return " ".join(term.lower().split())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(_Strict):
    """Where the evidence for an entry is: at least one of url, doi or pmid."""

    title: str = Field(min_length=1)
    publisher: str | None = None
    # json_schema_extra, not Field(pattern=...): the schema shows editors the rule, and the
    # validator below keeps the loader's own message ("must be an http(s) URL").
    url: str | None = Field(default=None, json_schema_extra={"pattern": _URL_PATTERN})
    doi: str | None = None
    pmid: str | None = None
    quote: str | None = Field(
        default=None, description="A short passage of the source stating the figure"
    )
    locator: str | None = Field(default=None, description="Page, table or section")
    accessed: date | None = None

    @field_validator("pmid", mode="before")
    @classmethod
    def _pmid_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("url")
    @classmethod
    def _url_is_web(cls, value: str | None) -> str | None:
        if value is not None and not re.match(_URL_PATTERN, value):
            raise ValueError("must be an http(s) URL")
        return value

    @field_validator("doi")
    @classmethod
    def _doi_shape(cls, value: str | None) -> str | None:
        if value is not None and not _DOI.match(value):
            raise ValueError("must look like 10.NNNN/suffix (without https://doi.org/)")
        return value

    @field_validator("pmid")
    @classmethod
    def _pmid_digits(cls, value: str | None) -> str | None:
        if value is not None and not value.isdigit():
            raise ValueError("must be the PubMed id digits")
        return value

    @model_validator(mode="after")
    def _has_locator(self) -> Source:
        if not (self.url or self.doi or self.pmid):
            raise ValueError("a source needs a url, doi or pmid")
        return self

    @property
    def link(self) -> str:
        """The address to show: credentials in the URL are never displayed (issue 15)."""
        if self.url:
            return redact_urls(self.url)
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"


def _entry_rules(schema: dict[str, Any]) -> None:
    """The checks of Entry._consistent that JSON Schema can state, so that an editor using
    `kalypso-lint schema` flags what the loader refuses (a value and a range, an approved
    entry without sources, a value without a unit)."""
    given = {"value": {"type": "number"}, "range": {"type": "array"}}  # null means not given
    schema["allOf"] = [
        {"not": {"properties": given, "required": ["value", "range"]}},
        {
            "if": {
                "anyOf": [
                    {"properties": {name: rule}, "required": [name]} for name, rule in given.items()
                ]
            },
            "then": {
                "properties": {"unit": {"type": "string", "minLength": 1}},
                "required": ["unit"],
            },
        },
        {
            "if": {"properties": {"status": {"const": "approved"}}, "required": ["status"]},
            "then": {"required": ["sources"], "properties": {"sources": {"minItems": 1}}},
        },
    ]


class Entry(_Strict):
    """One reviewed claim: a figure (value or range) or a statement without a figure."""

    model_config = ConfigDict(json_schema_extra=_entry_rules)

    id: str = Field(json_schema_extra={"pattern": _ID_PATTERN, "minLength": 1})
    statement: str = Field(min_length=1)
    value: float | None = None
    range: tuple[float, float] | None = None
    unit: str | None = None
    tolerance: float | None = Field(default=None, ge=0, le=1)
    kind: str | None = Field(
        default=None,
        description="For figure-less entries: efficacy, safety, mechanism, study, regulatory",
    )
    match: list[list[str]] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)
    reviewed: date | None = None
    expires: date | None = None
    status: Status
    notes: str | None = None

    @field_validator("id")
    @classmethod
    def _kebab(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("must be kebab-case: lower-case letters, digits and hyphens")
        return value

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value

    @field_validator("range")
    @classmethod
    def _ordered(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None:
            low, high = value
            if not (math.isfinite(low) and math.isfinite(high)):
                raise ValueError("bounds must be finite numbers")
            if low > high:
                raise ValueError("must be [low, high] with low <= high")
        return value

    @field_validator("match")
    @classmethod
    def _groups(cls, value: list[list[str]]) -> list[list[str]]:
        for group in value:
            if not group or not all(isinstance(t, str) and t.strip() for t in group):
                raise ValueError("each group must be a non-empty list of non-empty terms")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Entry:
        if self.value is not None and self.range is not None:
            raise ValueError("give either value or range, not both")
        if (self.value is not None or self.range is not None) and not self.unit:
            raise ValueError("an entry with a value or range needs a unit")
        if self.reviewed and self.expires and self.expires < self.reviewed:
            raise ValueError("expires is before reviewed")
        # An approved entry makes claims "supported"; without a source that support is
        # unverifiable, and the hook and the Action never run `sources check` (KL401).
        if self.status == "approved" and not self.sources:
            raise ValueError(
                "approved but cites no source: an approved entry needs at least one source; "
                "set status: draft until it has one"
            )
        return self

    @property
    def is_numeric(self) -> bool:
        return self.value is not None or self.range is not None

    @property
    def bounds(self) -> tuple[float, float] | None:
        if self.range is not None:
            return self.range
        if self.value is not None:
            return (self.value, self.value)
        return None


class RegistryFile(_Strict):
    """The top level of one registry YAML file."""

    version: Literal[1] = REGISTRY_FORMAT_VERSION
    claims: list[Entry] = Field(default_factory=list)


def share_field_sets(entry: Entry, shared: dict[frozenset[str], set[str]]) -> Entry:
    """Let entries (and sources) given the same keys share one set of those keys.

    pydantic keeps, per model, the set of fields it was given: about 700 bytes an entry, as
    much as the entry's own values, in a registry of tens of thousands (issue 15). These
    models are frozen, so the set is only ever read or copied, never changed in place.
    """
    for model in (entry, *entry.sources):
        given = model.__pydantic_fields_set__
        object.__setattr__(
            model, "__pydantic_fields_set__", shared.setdefault(frozenset(given), given)
        )
    return entry
