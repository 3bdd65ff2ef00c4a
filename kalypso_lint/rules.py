"""Stage 5, rules: the decision engine between verdicts and reports (flake8's DecisionEngine).

It turns verdicts into findings with rule codes, applies select/ignore (by code prefix, the
most specific wins, as in ruff), per-rule severity and enablement, per-file ignores, and
decides the exit code. Checks know nothing of this; reporters only render what it decides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import cast

from kalypso_lint.catalog import Rule, RuleBook
from kalypso_lint.config import Settings
from kalypso_lint.discover import display_path
from kalypso_lint.figures import format_figure
from kalypso_lint.models import (
    SEVERITY_RANK,
    VERDICTS,
    FileReport,
    Finding,
    PhraseHit,
    PossibleClaim,
    Severity,
    Span,
    Summary,
    Verdict,
)
from kalypso_lint.phrases import PhraseRule, base_code
from kalypso_lint.registry.model import normalise_term

# Figures of these classes are checked only when their rule is on (issue 12,
# docs/figure-classes.md); a claim-class figure's rule is KL101.
FIGURE_CLASS_CODES = {
    "offer": "KL107",
    "instruction": "KL108",
    "identifier": "KL109",
    "fact": "KL110",
}

_QUALIFIER_FAILURE = {
    "over": "which is not above {figure}",
    "at least": "which is not at least {figure}",
    "almost": "which is not just below {figure}",
    "up to": "whose maximum is not {figure}",
    "under": "which is not below {figure}",
}


class RulePolicy:
    """Which rules run, at what severity, for which file."""

    def __init__(
        self,
        settings: Settings,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        rulebook: RuleBook | None = None,
        requirements: dict[str, str] | None = None,
        default_on: frozenset[str] = frozenset(),
        base_dir: Path | None = None,
    ) -> None:
        self.rulebook = rulebook or RuleBook()
        # Rules off by default that this policy treats as on (KL207 on product pages).
        self.default_on = default_on
        # Built-in require rules' first disclaimers, by spec key ("KL303#0": "off-label").
        self.requirements = dict(requirements or {})
        cli_select = [s.upper() for s in select]
        self.select = cli_select or [s.upper() for s in settings.select]
        self.ignore = [s.upper() for s in settings.ignore] + [s.upper() for s in ignore]
        self.rule_settings = settings.rules
        self.per_file = settings.per_file_ignores
        self.fail_on = settings.fail_on
        self._cache: dict[str, Severity | None] = {}
        # Per-file globs are relative to the configuration's folder, as include and exclude
        # are, while findings name files from the current folder (or an editor's workspace):
        # `locate` records the file being checked, others are placed from the current folder.
        self.base_dir = (base_dir or Path.cwd()).resolve()
        self._place: tuple[str, str] | None = None

    def locate(self, shown: str, path: Path) -> None:
        """Record where the file named `shown` in findings lies: `path` on disk."""
        if "://" not in shown:  # a fetched page has no place under the project
            self._place = (shown, display_path(path, self.base_dir))

    def glob_path(self, shown: str) -> str:
        """The path per-file globs match for the file named `shown`: from the config's folder."""
        if self._place is not None and self._place[0] == shown:
            return self._place[1]
        if "://" in shown:
            return shown
        return display_path(Path(shown), self.base_dir)

    @staticmethod
    def _longest(code: str, prefixes: list[str]) -> int:
        best = -1
        for prefix in prefixes:
            if prefix == "ALL":
                best = max(best, 0)
            elif code.startswith(prefix):
                best = max(best, len(prefix))
        return best

    def severity(self, code: str) -> Severity | None:
        """The severity of `code`, or None when it is switched off."""
        if code in self._cache:
            return self._cache[code]
        rule = self.rulebook.get(code)
        result: Severity | None = None
        if rule is not None:
            selected = self._longest(code, self.select) if self.select else 0
            ignored = self._longest(code, self.ignore)
            setting = self.rule_settings.get(code)
            enabled = selected >= 0 and selected > ignored and rule.status != "deprecated"
            if setting is not None and not setting.enabled:
                enabled = False
            if not rule.enabled and code not in self.default_on:
                # Off by default: only a setting or its full code selects it.
                enabled = enabled and (setting is not None or code in self.select)
            if enabled:
                result = cast(Severity, (setting.severity if setting else None) or rule.severity)
        self._cache[code] = result
        return result

    def applies(self, code: str, path: str) -> bool:
        if not self.per_file:
            return True
        path = self.glob_path(path)
        for pattern, codes in self.per_file.items():
            if fnmatch(path, pattern) and self._longest(code, [c.upper() for c in codes]) >= 0:
                return False
        return True

    def checks_figure(self, figure_class: str, path: str) -> bool:
        """Whether a figure of this class is verified and listed: claims always, the other
        classes when their rule (KL107, KL108, KL109, KL110) is on for the file."""
        code = FIGURE_CLASS_CODES.get(figure_class)
        return code is None or (self.severity(code) is not None and self.applies(code, path))

    def fails(self, severity: str) -> bool:
        return SEVERITY_RANK[severity] >= SEVERITY_RANK[self.fail_on]


@dataclass(frozen=True)
class FindingContext:
    """What a finding shows besides its message: the sentence and the registry entry."""

    registry_id: str | None = None
    sources: tuple[str, ...] = ()
    sentence: str | None = None
    statement: str | None = None
    claim_text: str | None = None
    verdict: str | None = None
    near_miss: str | None = None
    missing: tuple[str, ...] = ()

    @classmethod
    def of_verdict(cls, verdict: Verdict) -> FindingContext:
        return cls(
            registry_id=verdict.registry_id,
            sources=verdict.sources,
            sentence=verdict.claim.sentence,
            statement=verdict.statement,
            claim_text=verdict.claim.text,
            verdict=verdict.verdict,
            near_miss=verdict.near_miss,
            missing=verdict.missing,
        )


def near_miss_hint(registry_id: str, missing: tuple[str, ...]) -> str:
    """`did you mean ID? (missing: "US")`: the entry an unsupported claim nearly matches."""
    lacking = ", ".join(f'"{term}"' for term in missing)
    return f"did you mean {registry_id}?" + (f" (missing: {lacking})" if lacking else "")


NO_CONTEXT = FindingContext()


def make_finding(
    policy: RulePolicy,
    code: str,
    path: str,
    span: Span,
    args: Mapping[str, object] | None = None,
    context: FindingContext = NO_CONTEXT,
) -> Finding | None:
    """A finding for `code`, or None when the policy switches it off for this file."""
    severity = policy.severity(code)
    if severity is None or not policy.applies(code, path):
        return None
    rule: Rule = policy.rulebook.rules[code]
    message = rule.render(
        claim=context.claim_text,
        registry_id=context.registry_id,
        statement=context.statement,
        **(args or {}),
    )
    if context.near_miss:
        message = f"{message}; {near_miss_hint(context.near_miss, context.missing)}"
    return Finding(
        code=code,
        severity=severity,
        message=message,
        path=path,
        span=span,
        registry_id=context.registry_id,
        sources=context.sources,
        sentence=context.sentence,
        # A message that quotes the entry's statement (KL202) already shows it: the text and
        # GitHub reports would print it a second time as the registry line.
        statement=None if "statement" in rule.fields else context.statement,
        claim_text=context.claim_text,
        verdict=context.verdict,
        near_miss=context.near_miss,
        missing=context.missing,
    )


def _claim_figure(verdict: Verdict) -> str:
    claim = verdict.claim
    return format_figure(claim.value, claim.low, claim.high, claim.unit)


# Claim kinds with a rule of their own when no registry entry supports them (issue 13).
KIND_CODES = {"disease": "KL205"}


def findings_for_verdict(
    policy: RulePolicy,
    verdict: Verdict,
    testimonial_disclaimer: str = "results may vary",
    kind_requirements: Mapping[str, tuple[str, str]] | None = None,
) -> list[Finding]:
    """`kind_requirements`: claim kind -> (code, disclaimer) of the require rules triggered
    by claims of that kind (`claim-kinds`), such as structure/function claims."""
    code, args = verdict_rule(verdict, testimonial_disclaimer, kind_requirements)
    if code is None:
        return []
    claim = verdict.claim
    args.setdefault("expected", verdict.expected)
    args.setdefault("match", claim.text)
    finding = make_finding(
        policy, code, claim.path, claim.span, args, FindingContext.of_verdict(verdict)
    )
    return [finding] if finding else []


def claims_off(
    policy: RulePolicy,
    verdicts: Iterable[Verdict],
    kind_requirements: Mapping[str, tuple[str, str]] | None = None,
) -> dict[str, int]:
    """Code -> how many claims that rule would report but the run switched off (--select,
    --ignore, the configuration), so a summary can say why their findings are missing."""
    off: Counter[str] = Counter()
    for verdict in verdicts:
        code, _ = verdict_rule(verdict, kind_requirements=kind_requirements)
        if code is not None and policy.severity(code) is None:
            off[code] += 1
    return {code: off[code] for code in sorted(off)}


# KL106's message arguments by the reason an entry supports nothing.
_UNAPPROVED: dict[str, dict[str, object]] = {
    "draft": {"status": "is draft", "until": "approved"},
    "retired": {"status": "is retired", "until": "approved"},
    "expired": {"status": "has expired", "until": "re-reviewed (a new `expires` date)"},
}


def verdict_rule(
    verdict: Verdict,
    testimonial_disclaimer: str = "results may vary",
    kind_requirements: Mapping[str, tuple[str, str]] | None = None,
) -> tuple[str | None, dict[str, object]]:
    """The rule that reports this verdict and its message's arguments (None: nothing to
    report, a supported claim)."""
    required = kind_requirements or {}
    claim = verdict.claim
    code: str | None = None
    args: dict[str, object] = {}
    if verdict.verdict == "unsupported":
        if verdict.reason in _UNAPPROVED:
            code, args = "KL106", dict(_UNAPPROVED[verdict.reason])
        elif claim.category == "numeric":
            code = FIGURE_CLASS_CODES.get(claim.figure_class, "KL101")
        elif claim.rule:
            code, args = claim.rule, {"match": claim.text}
        elif claim.kind == "study":
            code = "KL204"
        elif claim.kind == "testimonial":
            code, args = "KL304", {"requires": testimonial_disclaimer}
        elif claim.kind in required:
            code, disclaimer = required[claim.kind]
            args = {"requires": disclaimer}
        elif claim.kind in KIND_CODES:
            code = KIND_CODES[claim.kind]
        else:
            code, args = "KL201", {"kind": claim.kind}
    elif verdict.verdict == "inconsistent":
        code = "KL103" if verdict.reason == "qualifier" else "KL102"
        template = _QUALIFIER_FAILURE.get(claim.qualifier or "", "which differs")
        args = {
            "expected": verdict.expected,
            "reason": template.format(figure=_claim_figure(verdict)),
        }
    elif verdict.verdict == "stale":
        code, args = "KL104", {"staleness": verdict.reason}
    elif verdict.verdict == "prohibited":
        code = "KL202"
    return code, args


# The opt-in model rule (extract/claim_model.py): the extractor runs the model only when on.
POSSIBLE_CLAIM_CODE = "KL207"
QUOTE_CHARS = 80


def possible_claim_findings(
    policy: RulePolicy, path: str, possible: Iterable[PossibleClaim]
) -> list[Finding]:
    """KL207 findings: sentences the fitted model reads as disease claims."""
    findings = []
    for claim in possible:
        quote = claim.sentence
        if len(quote) > QUOTE_CHARS:  # the sentence is the finding's span; the message names it
            quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
        args = {"score": f"{claim.score:.2f}", "reasons": ", ".join(claim.reasons) or "none"}
        context = FindingContext(sentence=claim.sentence, claim_text=quote)
        finding = make_finding(policy, POSSIBLE_CLAIM_CODE, path, claim.span, args, context)
        if finding:
            findings.append(finding)
    return findings


def phrase_findings(policy: RulePolicy, path: str, hits: list[PhraseHit]) -> list[Finding]:
    """Findings of forbid, substitute and require phrase rules on one page."""
    rules = {rule.code: rule for rule in policy.rulebook.phrase_rules}
    satisfiers = [h for h in hits if h.role == "satisfier"]
    findings: list[Finding] = []
    reported: set[str] = set()  # page-scope require rules: one finding per page is enough
    for hit in hits:
        code = base_code(hit.code)
        args: dict[str, object] = {"match": hit.text}
        if hit.role == "hit":
            rule = rules.get(code)
            if rule is not None and rule.kind == "substitute":
                swaps = {normalise_term(k): v for k, v in rule.swap.items()}
                args["suggestion"] = swaps.get(normalise_term(hit.text), "")
        elif hit.role == "trigger":
            scope = _scope_of(rules.get(code))
            if hit.code in reported or any(_satisfies(s, hit, scope) for s in satisfiers):
                continue
            if scope == "page":
                reported.add(hit.code)
            rule = rules.get(code)
            args["requires"] = (
                rule.requires[0] if rule else policy.requirements.get(hit.code, "a disclaimer")
            )
        else:
            continue
        context = FindingContext(sentence=hit.sentence, claim_text=hit.text)
        finding = make_finding(policy, code, path, hit.span, args, context)
        if finding:
            findings.append(finding)
    return findings


def _scope_of(rule: PhraseRule | None) -> str:
    return rule.within if rule is not None else "page"


def _satisfies(satisfier: PhraseHit, trigger: PhraseHit, within: str) -> bool:
    if satisfier.code != trigger.code:
        return False
    if within == "sentence":
        return satisfier.sentence_id == trigger.sentence_id
    if within == "block":
        return satisfier.block == trigger.block
    return True


def cross_page_findings(policy: RulePolicy, verdicts: list[Verdict]) -> list[Finding]:
    """KL105: one registry claim stated with different figures, each within the entry's
    tolerance ("39 million" here, "about 40 million" there). The most common figure (first
    seen on a tie) is the reference; every other statement of it is reported."""
    by_entry: dict[str, list[Verdict]] = defaultdict(list)
    for verdict in verdicts:
        # Statements the registry rejects already have their own finding (KL102/KL103...).
        accepted = verdict.verdict in ("supported", "stale")
        if accepted and verdict.registry_id and verdict.claim.category == "numeric":
            by_entry[verdict.registry_id].append(verdict)
    findings: list[Finding] = []
    for entry_id in sorted(by_entry):
        group = sorted(
            by_entry[entry_id], key=lambda v: (v.claim.path, v.claim.span.line, v.claim.span.column)
        )
        keys = [_figure_key(v) for v in group]
        counts = Counter(keys)
        if len(counts) < 2:
            continue
        majority = max(counts, key=lambda k: (counts[k], -keys.index(k)))
        reference = group[keys.index(majority)]
        for verdict, key in zip(group, keys, strict=True):
            if key == majority:
                continue
            args = {
                "other_path": reference.claim.path,
                "other_line": reference.claim.span.line,
                "other_claim": reference.claim.text,
            }
            context = FindingContext.of_verdict(verdict)
            finding = make_finding(
                policy, "KL105", verdict.claim.path, verdict.claim.span, args, context
            )
            if finding:
                findings.append(finding)
    return findings


def _figure_key(verdict: Verdict) -> tuple[object, ...]:
    claim = verdict.claim
    return (claim.value, claim.low, claim.high, claim.unit)


def summarise(
    files: int,
    verdicts: list[Verdict],
    findings: list[Finding],
    policy: RulePolicy | None = None,
    off: Mapping[str, int] | None = None,
    baselined: int | None = None,
) -> Summary:
    """`policy` decides which findings fail the run (files_failing); without it, none do.
    `off`: claims_off of the run; `baselined`: findings a baseline hid (None: no baseline)."""
    by_verdict = {name: 0 for name in VERDICTS}
    for verdict in verdicts:
        by_verdict[verdict.verdict] += 1
    by_severity = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        by_severity[finding.severity] += 1
    codes = Counter(finding.code for finding in findings)
    return Summary(
        files=files,
        claims=len(verdicts),
        findings=len(findings),
        by_verdict=by_verdict,
        by_severity=by_severity,
        by_code={code: codes[code] for code in sorted(codes)},
        files_with_findings=len({finding.path for finding in findings}),
        claims_off=dict(off or {}),
        baselined=baselined,
        files_failing=len(
            {f.path for f in findings if policy is not None and policy.fails(f.severity)}
        ),
    )


def file_reports(
    policy: RulePolicy, paths: Iterable[str], findings: Iterable[Finding]
) -> list[FileReport]:
    """One FileReport per checked path, its findings split by the failing severity, so a
    per-file report (JUnit) fails exactly the files that make the exit code 1."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.path].append(finding)
    reports = []
    for path in paths:
        found = by_file.get(path, [])
        reports.append(
            FileReport(
                path,
                tuple(found),
                failing=tuple(f for f in found if policy.fails(f.severity)),
                passing=tuple(f for f in found if not policy.fails(f.severity)),
            )
        )
    return reports


def exit_code(policy: RulePolicy, findings: list[Finding]) -> int:
    return 1 if any(policy.fails(f.severity) for f in findings) else 0
