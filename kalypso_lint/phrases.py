"""Phrase rules: rules written as data, in the spirit of Vale's check types.

The default rules ship in kalypso_lint/data/phrase_rules.yaml; users add their own under
`phrases:` in rules.yaml with the same keys. Kinds:

- forbid:     flag every occurrence of `terms` (or regex `patterns`), unless one of the
              `exceptions` comes right before it ("no known cure" is not a cure claim);
- substitute: flag a term and suggest its replacement from `swap`;
- require:    where all `when` groups occur in one sentence, one of `requires` must occur
              `within` the sentence, block or page (a disclaimer rule); with `claim-kinds`,
              every extracted claim of those kinds triggers it ("structure-function" claims
              need the FDA disclaimer on the page);
- claim:      every occurrence is a claim of `claim-kind`, checked against the registry;
              reported when no approved entry supports it (and, with `cited-ok`, when no
              citation is near).

`claims-only: true` drops forbid and claim hits in sentences that are not claims: negated,
advisory, questions, hypotheticals, the supplement disclaimer, commercial guarantees
(data/claim_cues.yaml; issue 13).
"""

from __future__ import annotations

import re
from string import Formatter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

USER_CODE = re.compile(r"^[A-Z]{1,5}\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MESSAGE_FIELDS = {"match", "suggestion", "requires", "claim", "registry_id", "statement"}


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class PhraseRule(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )

    code: str
    name: str
    kind: Literal["forbid", "substitute", "require", "claim"]
    severity: Literal["error", "warning", "info"] = "warning"
    message: str
    link: str | None = None
    terms: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    swap: dict[str, str] = Field(default_factory=dict)
    when: list[list[str]] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)
    within: Literal["sentence", "block", "page"] = "page"
    claim_kind: str | None = None
    claim_kinds: list[str] = Field(default_factory=list)
    claims_only: bool = False
    cited_ok: bool = False
    what: str = ""
    why: str = ""
    example: str = ""
    instead: str = ""
    references: list[str] = Field(default_factory=list)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not USER_CODE.match(value):
            raise ValueError("must be letters then three digits, such as HL101")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("must be kebab-case")
        return value

    @field_validator("patterns")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
        return value

    @field_validator("message")
    @classmethod
    def _fields(cls, value: str) -> str:
        try:
            fields = {f for _, f, _, _ in Formatter().parse(value) if f}
        except ValueError as exc:
            raise ValueError(f"invalid message template: {exc}") from None
        unknown = fields - _MESSAGE_FIELDS
        if unknown:
            raise ValueError(
                f"unknown field {{{sorted(unknown)[0]}}} in message; use "
                + ", ".join(f"{{{f}}}" for f in sorted(_MESSAGE_FIELDS))
            )
        return value

    @model_validator(mode="after")
    def _kind_needs(self) -> PhraseRule:
        if self.kind in ("forbid", "claim") and not (self.terms or self.patterns):
            raise ValueError(f"a {self.kind} rule needs terms or patterns")
        if self.kind == "substitute" and not self.swap:
            raise ValueError("a substitute rule needs swap: {term: suggestion}")
        if self.kind == "require" and not ((self.when or self.claim_kinds) and self.requires):
            raise ValueError(
                "a require rule needs when (groups of terms) or claim-kinds, and requires"
            )
        if self.kind == "claim" and not self.claim_kind:
            raise ValueError("a claim rule needs claim-kind")
        return self

    def spec(self) -> dict[str, Any]:
        """What the spaCy component needs (plain, JSON-serialisable, hashable as text)."""
        return {
            "code": self.code,
            "kind": self.kind,
            "terms": sorted({*self.terms, *self.swap}),
            "patterns": list(self.patterns),
            "exceptions": list(self.exceptions),
            "when": [list(g) for g in self.when],
            "requires": list(self.requires),
            "claim_kind": self.claim_kind,
            "claims_only": self.claims_only,
        }


class OffLabelUse(BaseModel):
    """`off-label:` in rules.yaml: a treatment used for conditions it is not approved for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    treatment: list[str] = Field(min_length=1)
    conditions: list[str] = Field(min_length=1)
    disclaimers: list[str] = Field(default_factory=list)


DEFAULT_OFF_LABEL_DISCLAIMERS = (
    "off-label",
    "off label",
    "not FDA-approved for",
    "not approved by the FDA for",
    "has not been approved by the FDA",
    "not an FDA-approved",
    "unapproved use",
)
DEFAULT_TESTIMONIAL_DISCLAIMERS = (
    "results may vary",
    "results vary",
    "individual results may vary",
    "individual results vary",
    "results are not typical",
    "results not typical",
    "not typical",
    "typical results",
)
OFF_LABEL_CODE = "KL303"
TESTIMONIAL_CODE = "KL304"


def compile_specs(
    rules: tuple[PhraseRule, ...],
    off_label: list[OffLabelUse],
    off_label_disclaimers: list[str],
    testimonial_disclaimers: list[str],
) -> tuple[dict[str, Any], ...]:
    """Every phrase-matching job for the extract stage, as plain dicts.

    Built-in require rules come from settings: one KL303 rule per off-label use (keys
    "KL303#0", "KL303#1"...) and the KL304 disclaimer phrases (no `when`: testimonials are
    found by the medical component, the phrases only satisfy them).
    """
    specs = [rule.spec() for rule in rules]
    for index, use in enumerate(off_label):
        specs.append(
            {
                "code": f"{OFF_LABEL_CODE}#{index}",
                "kind": "require",
                "terms": [],
                "patterns": [],
                "exceptions": [],
                "when": [list(use.treatment), list(use.conditions)],
                "requires": list(use.disclaimers or off_label_disclaimers),
                "claim_kind": None,
            }
        )
    specs.append(
        {
            "code": TESTIMONIAL_CODE,
            "kind": "require",
            "terms": [],
            "patterns": [],
            "exceptions": [],
            "when": [],
            "requires": list(testimonial_disclaimers),
            "claim_kind": None,
        }
    )
    return tuple(specs)


def base_code(key: str) -> str:
    """ "KL303#1" -> "KL303"."""
    return key.split("#", 1)[0]
