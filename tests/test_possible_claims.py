"""KL207 possible-health-claim (issue 13): the opt-in fitted model for claims the rules miss.

Sentences are written for these tests, after the patterns regulator-cited claims showed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kalypso_lint.extract.claim_model import (
    ClaimModel,
    claim_model,
    gated,
    read_sentence,
    sentence_features,
)

# Disease-claim-like sentences the structural rules leave alone, which the model flags.
MISSED_CLAIMS = (
    "The herbal formula has been used by patients with diabetes and high blood pressure for decades.",
    "Elderberry gummies give your body what it needs during cold and flu season.",
)
# Sentences the model must never flag: the disclaimer, a negation, advice, a question.
NEVER = (
    "This product is not intended to diagnose, treat, cure, or prevent any disease.",
    "Our tea does not cure arthritis or gout.",
    "Ask your doctor before using any remedy to treat high blood pressure.",
    "Can a herbal tincture really heal gout?",
    "We offer free shipping on every order over fifty dollars.",
)

# Claims worded after those the regulator sets collected since the first fit showed (sets kA,
# kB, kC and l: a study "for" a sexual-health effect, a product favoured by patients of a
# disease, regeneration of a body part, a disease named as a heading), which the refit flags
# and the model of sets A-D (scripts/claim_model_a_d.json, its prior) left alone.
REFIT_CLAIMS = (
    "Studied for its effects on libido and sexual stamina.",
    "Mushroom extract has become a favourite of many cancer and HIV patients.",
    "This tonic powerfully stimulates the regeneration of tired joints.",
    "For Erectile Dysfunction",
)
# Product and clinic sentences with no claim, which neither model flags.
QUIET = (
    "Our new moisturizer comes in a recyclable glass jar.",
    "Our clinic is open on Saturdays from nine to one.",
)
PRIOR_FILE = Path(__file__).parent.parent / "scripts" / "claim_model_a_d.json"


def _page(write: Callable[..., Path], *sentences: str, rules: str = "") -> Path:
    write("site/claims/.keep", "")
    write("site/rules.yaml", "registry: [claims]\n" + rules)
    return write("site/page.md", "\n\n".join(sentences) + "\n").parent


def _findings(run_cli: Any, site: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("check", "-f", "json", "--no-cache", *args, "page.md", cwd=site)
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.output)["findings"])


def _words(text: str) -> list[str]:
    from kalypso_lint.extract import PageExtractor

    return [t.text for t in PageExtractor().nlp.make_doc(text)]


def test_model_file_has_weights_threshold_and_provenance() -> None:
    model = claim_model()
    assert 0 < model.threshold < 1
    assert len(model.weights) > 100
    raw = json.loads(
        (Path(__file__).parent.parent / "kalypso_lint/data/claim_model.json").read_text()
    )
    assert any("Leave-one-set-out" in line for line in raw["provenance"])


@pytest.mark.parametrize("text", MISSED_CLAIMS)
def test_model_flags_a_written_disease_claim(text: str) -> None:
    reading = read_sentence(_words(text))
    assert reading is not None
    assert reading.score > claim_model().threshold
    assert reading.reasons


@pytest.mark.parametrize("text", REFIT_CLAIMS)
def test_refit_flags_claims_the_first_model_left_alone(text: str) -> None:
    words = _words(text)
    assert read_sentence(words) is not None
    raw = json.loads(PRIOR_FILE.read_text(encoding="utf-8"))
    prior = ClaimModel(float(raw["bias"]), float(raw["threshold"]), raw["weights"])
    assert prior.score(sentence_features(words)) <= prior.threshold


@pytest.mark.parametrize("text", QUIET)
def test_refit_leaves_plain_product_and_clinic_sentences_alone(text: str) -> None:
    assert read_sentence(_words(text)) is None


def test_provenance_gives_each_fold_of_the_refit_and_of_the_prior_alone() -> None:
    raw = json.loads(
        (Path(__file__).parent.parent / "kalypso_lint/data/claim_model.json").read_text()
    )
    provenance = "\n".join(raw["provenance"])
    assert "claim_model_a_d.json" in provenance
    for held in ("kA", "kB", "kC", "l"):
        assert f"set {held}: claims caught" in provenance
    assert provenance.count("(prior alone: claims caught") == 4
    assert raw["threshold"] == claim_model().threshold


@pytest.mark.parametrize("text", NEVER)
def test_model_never_flags_disclaimer_negation_advice_or_questions(text: str) -> None:
    assert read_sentence(_words(text)) is None


def test_cue_gate_holds_whatever_the_score() -> None:
    features = sentence_features(_words("Our tea does not cure arthritis."))
    assert gated(features)
    assert not gated(sentence_features(_words("Our tea cures arthritis.")))


def test_off_by_default(write: Callable[..., Path], run_cli: Any) -> None:
    site = _page(write, *MISSED_CLAIMS)
    assert [f for f in _findings(run_cli, site) if f["code"] == "KL207"] == []


def test_switched_on_in_rules_yaml_flags_what_the_rules_miss(
    write: Callable[..., Path], run_cli: Any
) -> None:
    site = _page(write, MISSED_CLAIMS[0], *NEVER, rules="rules: {KL207: warning}\n")
    findings = _findings(run_cli, site)
    assert [f["code"] for f in findings] == ["KL207"]
    finding = findings[0]
    assert finding["severity"] == "warning"
    # the finding spans the sentence
    assert (finding["line"], finding["column"], finding["end_line"]) == (1, 1, 1)
    assert finding["end_column"] == len(MISSED_CLAIMS[0]) + 1
    # the message quotes the sentence, clipped at 80 characters
    assert finding["message"].startswith(f'Possible health claim "{MISSED_CLAIMS[0][:60]}')
    assert '…" (model score 0.' in finding["message"]
    # the cues name words a reader can find in the sentence, never a bare "the" or "a"
    cues = finding["message"].split("cues: ", 1)[1]
    assert '"the"' not in cues and '"a"' not in cues
    assert "check it against the registry or rewrite it" in finding["message"]


def test_switched_on_by_select_but_not_by_a_prefix(
    write: Callable[..., Path], run_cli: Any
) -> None:
    site = _page(write, MISSED_CLAIMS[0])
    assert [f["code"] for f in _findings(run_cli, site, "--select", "KL207")] == ["KL207"]
    assert [f["code"] for f in _findings(run_cli, site, "--select", "KL2")] == []


def test_switched_on_by_a_lower_case_code_in_rules_yaml(
    write: Callable[..., Path], run_cli: Any
) -> None:
    # select and ignore take any case; a `rules` key in lower case was accepted and ignored.
    site = _page(write, MISSED_CLAIMS[0], rules="rules: {kl207: warning}\n")
    assert [f["code"] for f in _findings(run_cli, site)] == ["KL207"]


def test_a_prefix_in_rules_yaml_is_refused_not_ignored(
    write: Callable[..., Path], run_cli: Any
) -> None:
    # `rules: {KL2: warning}` did nothing (a setting is looked up by full code): say so.
    site = _page(write, MISSED_CLAIMS[0], rules="rules: {KL2: warning}\n")
    result = run_cli("check", "--no-cache", "page.md", cwd=site)
    assert result.exit_code == 2, result.output
    assert "rules: 'KL2' is not a full rule code" in result.output


def test_no_finding_where_a_rule_already_found_a_claim(
    write: Callable[..., Path], run_cli: Any
) -> None:
    # The model alone would flag it; KL205 reports it, so KL207 stays quiet.
    assert read_sentence(_words("Our syrup cures gout.")) is not None
    site = _page(write, "Our syrup cures gout.", rules="rules: {KL207: warning}\n")
    codes = [f["code"] for f in _findings(run_cli, site)]
    assert "KL205" in codes
    assert "KL207" not in codes


ENTRY = """\
version: 1
claims:
  - id: elderberry-season
    kind: efficacy
    statement: Elderberry gummies help the body through cold and flu season.
    match:
      - [elderberry]
      - [cold, flu]
    sources:
      - title: A trial of elderberry in adults with colds
        publisher: A journal
        url: https://example.org/elderberry-trial
        accessed: 2026-11-20
    reviewed: 2026-11-20
    expires: 2027-11-20
    status: {status}
"""


@pytest.mark.parametrize(("status", "flagged"), [("approved", False), ("draft", True)])
def test_an_approved_registry_entry_answers_the_sentence(
    write: Callable[..., Path], run_cli: Any, status: str, flagged: bool
) -> None:
    # The message says "check it against the registry" and explain says "add an approved
    # registry entry": one that matches the sentence must silence KL207; a draft must not.
    site = _page(write, *MISSED_CLAIMS, rules="rules: {KL207: warning}\n")
    write("site/claims/elderberry.yaml", ENTRY.format(status=status))
    lines = [f["line"] for f in _findings(run_cli, site, "--today", "2026-12-01")]
    assert lines == ([1, 3] if flagged else [1])  # the elderberry sentence is on line 3


def test_explain_and_rules_listing(run_cli: Any, tmp_path: Path) -> None:
    states = {
        r["code"]: r["state"]
        for r in json.loads(run_cli("rules", "--format", "json", cwd=tmp_path).output)
    }
    assert states["KL207"] == "off"
    explained = run_cli("explain", "KL207", cwd=tmp_path).output
    assert "possible-health-claim" in explained
    assert "rules: {KL207: warning}" in explained
    assert "101.93" in explained


def test_cli_subprocess_with_the_rule_on_and_never_imports_scikit_learn(
    write: Callable[..., Path],
) -> None:
    site = _page(write, MISSED_CLAIMS[0], rules="rules: {KL207: warning}\n")
    result = _check_then_assert(
        site,
        ["-f", "json"],
        "assert not any(m.split('.')[0] == 'sklearn' for m in sys.modules), 'sklearn'",
    )
    assert json.loads(result.stdout)["findings"][0]["code"] == "KL207"


def test_default_run_never_reads_the_model(write: Callable[..., Path]) -> None:
    site = _page(write, MISSED_CLAIMS[0])
    _check_then_assert(site, [], "assert 'kalypso_lint.extract.claim_model' not in sys.modules")


def _check_then_assert(
    site: Path, options: list[str], check: str
) -> subprocess.CompletedProcess[str]:
    """`check --no-cache page.md` in a fresh interpreter (exit 0: KL207 is a warning), then
    `check`, a Python assertion about what that process imported."""
    code = (
        "import sys\n"
        "from kalypso_lint.cli import main\n"
        f"sys.argv = ['kalypso-lint', 'check', '--no-cache', *{options!r}, 'page.md']\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert stop.code == 0, stop.code\n"
        f"{check}\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=site)
    assert result.returncode == 0, result.stderr
    return result


def test_a_directive_silences_one_sentence(write: Callable[..., Path], run_cli: Any) -> None:
    site = _page(
        write,
        "<!-- kalypso-lint: disable-next-line=KL207 -->\n" + MISSED_CLAIMS[0],
        MISSED_CLAIMS[1],
        rules="rules: {KL207: warning}\n",
    )
    assert [(f["code"], f["line"]) for f in _findings(run_cli, site)] == [("KL207", 4)]
