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
            f"numeric corpus: precision {self.precision:.3f}, recall {self.recall:.3f} "
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
    score = Score()
    for case, (_, claims) in zip(cases, extract_claims(documents), strict=True):
        predicted = [c for c in claims if c.category == "numeric"]
        unmatched = list(predicted)
        for gold in case["claims"]:
            match = next((c for c in unmatched if _same_figure(c, gold)), None)
            if match is None:
                score.false_negatives += 1
                score.misses.append(f"{case['id']}: missed {gold}")
                continue
            unmatched.remove(match)
            score.true_positives += 1
            score.kind_right += match.kind == gold["kind"]
            score.qualifier_right += match.qualifier == gold["qualifier"]
            if match.kind != gold["kind"] or match.qualifier != gold["qualifier"]:
                score.misses.append(
                    f"{case['id']}: {match.text!r} read as {match.kind}/{match.qualifier}, "
                    f"labelled {gold['kind']}/{gold['qualifier']}"
                )
        for claim in unmatched:
            score.false_positives += 1
            score.misses.append(
                f"{case['id']}: extra {claim.text!r} {claim.kind} {claim.value} "
                f"{claim.low}-{claim.high} {claim.unit}"
            )
    return score


if __name__ == "__main__":
    import sys

    result = score_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
    print("\n".join(result.misses))
    print(result.summary())
