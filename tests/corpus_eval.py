"""Scoring the numeric extractor against the labelled corpus (tests/corpus/numeric.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kalypso_lint.documents.text import read_text
from kalypso_lint.extract import extract_claims
from kalypso_lint.models import Claim

CORPUS = Path(__file__).resolve().parent / "corpus" / "numeric.yaml"


@dataclass
class Score:
    label: str = "numeric corpus"
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    kind_right: int = 0
    qualifier_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    def summary(self) -> str:
        tp = self.true_positives
        return (
            f"{self.label}: precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"(TP {tp}, FP {self.false_positives}, FN {self.false_negatives}); "
            f"kind {self.kind_right}/{tp}, qualifier {self.qualifier_right}/{tp}"
        )


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-3 * max(1.0, abs(b))


def _same_figure(claim: Claim, gold: dict[str, Any]) -> bool:
    return (
        claim.unit == gold["unit"]
        and _close(claim.value, gold.get("value"))
        and _close(claim.low, gold.get("low"))
        and _close(claim.high, gold.get("high"))
    )


def load_cases(path: Path) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return cases


def score_corpus(path: Path = CORPUS) -> Score:
    cases = load_cases(path)
    documents = [read_text(case["id"], case["text"] + "\n") for case in cases]
    score = Score(label=f"numeric corpus {path.name}")
    for case, (_, claims) in zip(cases, extract_claims(documents), strict=True):
        predicted = [c for c in claims if c.category == "numeric"]
        unmatched = list(predicted)
        for gold in case["claims"]:
            match = next((c for c in unmatched if _same_figure(c, gold)), None)
            if match is not None:
                unmatched.remove(match)
            # A figure labelled with another class ("class: offer", a price) must be read and
            # classed so; a claim read as an offer is not found: it would go unchecked.
            if match is None or match.figure_class != gold.get("class", "claim"):
                score.false_negatives += 1
                how = f" (classed {match.figure_class}: {match.class_cues})" if match else ""
                score.misses.append(f"{case['id']}: missed {gold}{how}")
                continue
            score.true_positives += 1
            score.kind_right += match.kind == gold["kind"]
            score.qualifier_right += match.qualifier == gold["qualifier"]
            if match.kind != gold["kind"] or match.qualifier != gold["qualifier"]:
                score.misses.append(
                    f"{case['id']}: {match.text!r} read as {match.kind}/{match.qualifier}, "
                    f"labelled {gold['kind']}/{gold['qualifier']}"
                )
        for claim in unmatched:
            if claim.figure_class != "claim":
                continue  # not reported unless its class's rule is on (docs/figure-classes.md)
            score.false_positives += 1
            score.misses.append(
                f"{case['id']}: extra {claim.text!r} {claim.kind} {claim.value} "
                f"{claim.low}-{claim.high} {claim.unit}"
            )
    return score


MEDICAL_CORPUS = CORPUS.parent / "medical.yaml"
# The corpus labels every treatment-effect claim `efficacy`; the extractor names the ones a
# regulator distinguishes (issue 13): a disease claim or a structure/function claim is an
# efficacy claim for scoring.
EFFICACY_KINDS = frozenset({"efficacy", "disease", "structure-function"})


def same_kind(predicted: str, gold: str) -> bool:
    return predicted == gold or (gold == "efficacy" and predicted in EFFICACY_KINDS)


def score_medical(path: Path = MEDICAL_CORPUS) -> Score:
    """Medical/regulatory claims: a prediction matches a label of the same kind whose text
    overlaps it in the sentence (span boundaries are a matter of taste, kinds are not)."""
    from kalypso_lint.catalog import build_rulebook
    from kalypso_lint.extract import extract_pages

    specs = tuple(rule.spec() for rule in build_rulebook().phrase_rules)
    cases = load_cases(path)
    documents = [read_text(case["id"], case["text"] + "\n") for case in cases]
    score = Score(label=f"medical corpus {path.name}")
    for case, (document, page) in zip(cases, extract_pages(documents, (), specs), strict=True):
        text = case["text"]
        predicted = []
        for claim in page.claims:
            if claim.category != "medical":
                continue
            start = document.line_starts[claim.span.line - 1] + claim.span.column - 1
            end = document.line_starts[claim.span.end_line - 1] + claim.span.end_column - 1
            predicted.append((claim.kind, start, end, claim.text))
        for gold in case["claims"]:
            g_start = text.find(gold["text"])
            g_end = g_start + len(gold["text"])
            match = next(
                (
                    p
                    for p in predicted
                    if same_kind(p[0], gold["kind"]) and p[1] < g_end and g_start < p[2]
                ),
                None,
            )
            if match is None:
                score.false_negatives += 1
                score.misses.append(f"{case['id']}: missed {gold['kind']} {gold['text']!r}")
                continue
            predicted.remove(match)
            score.true_positives += 1
            score.kind_right += 1
            score.qualifier_right += 1
        for kind, _, _, claim_text in predicted:
            score.false_positives += 1
            score.misses.append(f"{case['id']}: extra {kind} {claim_text!r}")
    return score


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    result = score_medical(target) if target.name == "medical.yaml" else score_corpus(target)
    print("\n".join(result.misses))
    print(result.summary())
