"""The rule catalog: an immutable table of every rule.

Built-in rules come from data/rule_catalog.yaml (checks written in Python) and
data/phrase_rules.yaml (default phrase rules); a run's RuleBook adds the user's phrase rules
from rules.yaml. Everything that describes a rule (the `rules` table, `explain`, SARIF
metadata, docs/rules.md) reads it from here. Importing this never imports spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from string import Formatter
from types import MappingProxyType

from kalypso_lint.data import load_data_file
from kalypso_lint.phrases import PhraseRule

FAMILIES = {
    "KL1": "numeric",
    "KL2": "medical",
    "KL3": "regulatory",
    "KL4": "registry",
    "KL9": "input",
}
FAMILY_OF_KIND = {"claim": "regulatory", "forbid": "regulatory", "substitute": "style"}
DOCS_URL = "https://github.com/kalypso-lint/kalypso-lint/blob/main/docs/rules.md#{code}"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    status: str
    severity: str
    message: str
    what: str
    why: str
    example: str
    instead: str
    references: tuple[str, ...]
    enabled: bool = True  # False: off unless the configuration switches it on (issue 12)

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(f for _, f, _, _ in Formatter().parse(self.message) if f)

    @property
    def help_uri(self) -> str | None:
        """Built-in rules are documented in docs/rules.md; a project's own at their link."""
        if self.code.startswith("KL"):
            return DOCS_URL.format(code=self.code.lower())
        return self.references[0] if self.references else None

    def render(self, **args: object) -> str:
        return self.message.format(**args)

    def explanation(self) -> str:
        """The text of `kalypso-lint explain`, under fixed headings (like `ruff rule`)."""
        refs = "\n".join(f"- {r}" for r in self.references) or "- (none)"
        default = self.severity if self.enabled else f"off; {self.severity} when on"
        switch = (
            ""
            if self.enabled
            else (
                f"Off by default. Switch it on in rules.yaml with `rules: {{{self.code}: "
                f"{self.severity}}}` or by naming {self.code} in `select`.\n\n"
            )
        )
        return (
            f"# {self.code} {self.name} ({self.family}, {self.status}, default {default})\n\n"
            f"{switch}"
            f"## What it flags\n{self.what}\n\n"
            f"## Why it matters\n{self.why}\n\n"
            f"## Example\n{self.example}\n\n"
            f"## Instead\n{self.instead}\n\n"
            f"## References\n{refs}\n"
        )


def rule_of_phrase(phrase: PhraseRule) -> Rule:
    family = FAMILIES.get(phrase.code[:3], "custom")
    references = [*([phrase.link] if phrase.link else []), *phrase.references]
    return Rule(
        code=phrase.code,
        name=phrase.name,
        family=family,
        status="stable",
        severity=phrase.severity,
        message=phrase.message,
        what=phrase.what or f"Phrase rule ({phrase.kind}) from the configuration.",
        why=phrase.why or "Defined by this project's rules.yaml.",
        example=phrase.example or ", ".join(phrase.terms[:3] or phrase.patterns[:1]),
        instead=phrase.instead or "See the rule's link, or ask the rule's owner.",
        references=tuple(references),
    )


@cache
def default_phrase_rules() -> tuple[PhraseRule, ...]:
    return tuple(PhraseRule.model_validate(raw) for raw in load_data_file("phrase_rules.yaml"))


@cache
def rule_catalog() -> dict[str, Rule]:
    """Every built-in rule by code, sorted."""
    rules: dict[str, Rule] = {}
    for raw in load_data_file("rule_catalog.yaml"):
        rule = Rule(**{**raw, "references": tuple(raw.get("references") or ())})
        rules[rule.code] = rule
    for phrase in default_phrase_rules():
        rules[phrase.code] = rule_of_phrase(phrase)
    return dict(sorted(rules.items()))


@dataclass(frozen=True)
class RuleBook:
    """The rules of one run: built-ins plus the configuration's phrase rules (immutable)."""

    rules: Mapping[str, Rule] = field(default_factory=lambda: MappingProxyType(rule_catalog()))
    phrase_rules: tuple[PhraseRule, ...] = field(default_factory=default_phrase_rules)

    def get(self, code: str) -> Rule | None:
        return self.rules.get(code.upper())

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.rules)


def build_rulebook(user_rules: Iterable[PhraseRule] = ()) -> RuleBook:
    """Built-ins plus user phrase rules; a user rule with a built-in phrase code replaces it."""
    phrases = {p.code: p for p in default_phrase_rules()}
    rules = dict(rule_catalog())
    for user_rule in user_rules:
        phrases[user_rule.code] = user_rule
        rules[user_rule.code] = rule_of_phrase(user_rule)
    return RuleBook(MappingProxyType(dict(sorted(rules.items()))), tuple(phrases.values()))


def rules_markdown() -> str:
    """docs/rules.md, generated from the catalog (a test keeps the file in step)."""
    out = [
        "# kalypso-lint rules",
        "",
        "Generated by `kalypso-lint rules --format markdown` from",
        "`kalypso_lint/data/rule_catalog.yaml`; do not edit by hand.",
        "",
        "| code | name | family | default severity | status |",
        "|---|---|---|---|---|",
    ]
    catalog = rule_catalog()
    for rule in catalog.values():
        out.append(
            f"| [{rule.code}](#{rule.code.lower()}) | {rule.name} | {rule.family} "
            f"| {rule.severity if rule.enabled else 'off (' + rule.severity + ')'} "
            f"| {rule.status} |"
        )
    for rule in catalog.values():
        out.extend(["", f'<a id="{rule.code.lower()}"></a>', ""])
        out.append(rule.explanation().replace("# ", "## ", 1).replace("\n## ", "\n### "))
    return "\n".join(out).rstrip() + "\n"


def known_codes() -> frozenset[str]:
    return frozenset(rule_catalog())


def get_rule(code: str) -> Rule | None:
    return rule_catalog().get(code.upper())
