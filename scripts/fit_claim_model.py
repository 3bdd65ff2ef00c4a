"""Fit the KL207 possible-health-claim model (kalypso_lint/data/claim_model.json).

Development only: needs scikit-learn (`pip install -e '.[fit]'`); the runtime
(kalypso_lint/extract/claim_model.py) reads the fitted weights and adds them up, it never
imports scikit-learn.

    python scripts/fit_claim_model.py dump --set A=PATH/set.yaml --set B=... \\
        --pages rp1=PATH/real-pages/pages --pages rp6=... -o sentences.jsonl
    python scripts/fit_claim_model.py fit sentences.jsonl --pair D=rp6 --pair C=rp5 \\
        [-o kalypso_lint/data/claim_model.json]

`dump` reads regulator sets (YAML with `claims` and `neutral` lists of items with `text`,
as issue 13's external sets) and folders of real pages (`<site>/...`), runs kalypso-lint
(an empty registry, default rules) over every sentence written one per paragraph, and writes
one line per sentence: its set, source, label (1 a cited claim, 0 a neutral sentence, null a
real-page sentence), whether a KL2xx/KL3xx rule fired on it, and claim_model.py's features.
The sets and pages stay outside the repository; only the fitted weights ship.

`fit` fits a logistic regression (L2, C=1, balanced classes) of "claim" on the sets' claims
(1) and neutral sentences (0) and the real-page sentences no rule fired on (0, weight 0.3),
keeping features seen in at least 3 distinct sources; real-page sentences a rule fired on
are left out. Leave-one-set-out cross-validation (a set held out together with the page
folder `--pair`ed with it) prints, per fold, how many of the held-out claims the rules and
the rules plus KL207 catch, the neutral and must-not-fire sentences they flag, and the share
of the paired real pages' sentences KL207 adds; the same lines go into the provenance.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

MIN_SOURCES = 3
C = 1.0
PAGE_WEIGHT = 0.3
THRESHOLD = 0.5
SUFFIXES = (".md", ".html", ".txt", ".htm")
# A paragraph starting like a list item or heading would be read as one: escape it.
_BLOCK_START = re.compile(r"^(?:[-+*#>]|\d+[.)](?:\s|$))")


def _key(text: str) -> str:
    return re.sub("[^a-z0-9]", "", text.lower())


# -- dump ---------------------------------------------------------------------------------


def _set_items(name: str, path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = [
        {
            "set": name,
            "source": it.get("source_url", ""),
            "label": 1,
            "mnf": False,
            "text": it["text"],
        }
        for it in data["claims"]
    ]
    items += [
        {
            "set": name,
            "source": it.get("source", ""),
            "label": 0,
            "mnf": bool(it.get("must_not_fire")),
            "text": it["text"],
        }
        for it in data.get("neutral", [])
    ]
    return items


def _page_items(name: str, root: Path, nlp: Any, seen: set[str]) -> list[dict[str, Any]]:
    from kalypso_lint.documents import read_document
    from kalypso_lint.documents.decode import UnreadableFile

    items = []
    for site in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(site.rglob("*")):
            if not path.is_file() or path.suffix not in SUFFIXES:
                continue
            try:
                document = read_document(path, str(path))
            except UnreadableFile:
                continue
            for block in document.blocks:
                for sentence in nlp(block.text[:20000]).sents:
                    text = " ".join(sentence.text.split())
                    key = _key(text)
                    if len(key) < 12 or key in seen or not re.search("[a-z]{3}", key):
                        continue
                    seen.add(key)
                    items.append(
                        {
                            "set": name,
                            "source": site.name,
                            "label": None,
                            "mnf": False,
                            "text": text,
                        }
                    )
    return items


def _fired(items: list[dict[str, Any]]) -> None:
    """Marks each item with the KL2xx/KL3xx codes the default rules report on it."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "empty").mkdir()
        (root / "rules.yaml").write_text("registry: [empty]\n", encoding="utf-8")
        pages = root / "pages"
        pages.mkdir()
        places: dict[tuple[str, int], int] = {}
        by_file: dict[str, list[str]] = defaultdict(list)
        for n, item in enumerate(items):
            name = re.sub("[^A-Za-z0-9_-]", "_", f"{item['set']}-{item['source']}")[:80] + ".md"
            lines = by_file[name]
            places[(name, len(lines) + 1)] = n
            text = " ".join(item["text"].split())
            lines += ["\\" + text if _BLOCK_START.match(text) else text, ""]
        for name, lines in by_file.items():
            (pages / name).write_text("\n".join(lines), encoding="utf-8")
        out = root / "result.json"
        command = [sys.executable, "-m", "kalypso_lint", "check", "--config", "rules.yaml"]
        command += ["--no-cache", "-f", "json", "-o", str(out), "pages"]
        subprocess.run(command, cwd=root, check=False)
        result = json.loads(out.read_text(encoding="utf-8"))
    for item in items:
        item["fired"] = []
    for finding in result["findings"]:
        place = (Path(finding["path"]).name, finding["line"])
        if place in places and finding["code"].startswith(("KL2", "KL3")):
            items[places[place]]["fired"].append(finding["code"])


def dump(args: argparse.Namespace) -> int:
    from kalypso_lint.extract import PageExtractor
    from kalypso_lint.extract.claim_model import sentence_features

    nlp = PageExtractor().nlp
    items: list[dict[str, Any]] = []
    for spec in args.set:
        name, path = spec.split("=", 1)
        items += _set_items(name, Path(path))
    seen: set[str] = set()
    for spec in args.pages:
        name, path = spec.split("=", 1)
        items += _page_items(name, Path(path), nlp, seen)
    _fired(items)
    with Path(args.output).open("w", encoding="utf-8") as out:
        for item in items:
            words = [t.text for t in nlp.make_doc(" ".join(item["text"].split()))]
            item["features"] = sorted(sentence_features(words))
            out.write(json.dumps(item) + "\n")
    print(f"{len(items)} sentences -> {args.output}", file=sys.stderr)
    return 0


# -- fit ----------------------------------------------------------------------------------


def _training(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int, float]]:
    """(row, label, weight): the sets' sentences, and real-page sentences no rule fired on."""
    chosen = []
    for row in rows:
        if row["label"] is None:
            if not row["fired"]:
                chosen.append((row, 0, PAGE_WEIGHT))
        else:
            chosen.append((row, int(row["label"]), 1.0))
    return chosen


def _fit(
    train: list[tuple[dict[str, Any], int, float]], c: float
) -> tuple[float, dict[str, float]]:
    from scipy.sparse import lil_matrix
    from sklearn.linear_model import LogisticRegression

    sources: dict[str, set[str]] = defaultdict(set)
    for row, _, _ in train:
        for feature in row["features"]:
            sources[feature].add(row["source"])
    vocabulary = sorted(f for f, seen in sources.items() if len(seen) >= MIN_SOURCES)
    index = {f: i for i, f in enumerate(vocabulary)}
    x = lil_matrix((len(train), max(len(index), 1)))
    for r, (row, _, _) in enumerate(train):
        for feature in row["features"]:
            if feature in index:
                x[r, index[feature]] = 1.0
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(x.tocsr(), [y for _, y, _ in train], sample_weight=[w for _, _, w in train])
    weights = {f: float(model.coef_[0][i]) for f, i in index.items()}
    return float(model.intercept_[0]), weights


def _flags(bias: float, weights: dict[str, float], row: dict[str, Any], threshold: float) -> bool:
    from kalypso_lint.extract.claim_model import ClaimModel, gated

    features = row["features"]
    return not gated(features) and ClaimModel(bias, threshold, weights).score(features) > threshold


def cross_validate(rows: list[dict[str, Any]], pairs: dict[str, str], c: float) -> list[str]:
    """Per held-out set: claims caught, neutral and must-not-fire flagged, rules alone and
    with KL207 on; the paired page folder's sentences KL207 adds."""
    lines = []
    for held in sorted({r["set"] for r in rows if r["label"] is not None}):
        pages = pairs.get(held)
        test = [r for r in rows if r["set"] == held]
        neutral = {_key(r["text"]) for r in test if r["label"] == 0}
        train = [
            (row, y, w)
            for row, y, w in _training(rows)
            if row["set"] not in (held, pages)
            # a page sentence that is also a held-out neutral one stays out of training
            and not (row["label"] is None and _key(row["text"]) in neutral)
        ]
        bias, weights = _fit(train, c)

        def on(row: dict[str, Any], b: float = bias, w: dict[str, float] = weights) -> bool:
            return bool(row["fired"]) or _flags(b, w, row, THRESHOLD)

        claims = [r for r in test if r["label"] == 1]
        neutrals = [r for r in test if r["label"] == 0]
        mnf = [r for r in neutrals if r["mnf"]]
        line = (
            f"  set {held}: claims caught {sum(bool(r['fired']) for r in claims)}"
            f" -> {sum(on(r) for r in claims)} of {len(claims)}; neutral flagged"
            f" {sum(bool(r['fired']) for r in neutrals)} -> {sum(on(r) for r in neutrals)}"
            f" of {len(neutrals)}; must-not-fire {sum(bool(r['fired']) for r in mnf)}"
            f" -> {sum(on(r) for r in mnf)} of {len(mnf)}"
        )
        if pages:
            quiet = [r for r in rows if r["set"] == pages and not r["fired"]]
            added = sum(_flags(bias, weights, r, THRESHOLD) for r in quiet)
            share = 100 * added / max(len(quiet), 1)
            line += f"; {pages} pages: KL207 adds {added} of {len(quiet)} sentences ({share:.1f}%)"
        lines.append(line)
        print(line)
    return lines


def fit(args: argparse.Namespace) -> int:
    with Path(args.features).open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    pairs = dict(spec.split("=", 1) for spec in args.pair)
    print("leave-one-set-out CV (rules alone -> rules + KL207):")
    cv = cross_validate(rows, pairs, args.c)
    if not args.output:
        return 0
    train = _training(rows)
    bias, weights = _fit(train, args.c)
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 0.005}
    sets = sorted({r["set"] for r in rows if r["label"] is not None})
    page_sets = sorted({r["set"] for r in rows if r["label"] is None})
    model = {
        "provenance": [
            "Fitted by scripts/fit_claim_model.py on "
            + datetime.date.today().isoformat()
            + f": logistic regression (L2, C={args.c}, balanced classes) of 'disease or health"
            f" claim' on regulator-cited claim sentences (1) and neutral sentences (0) of"
            f" external sets {', '.join(sets)}, and sentences of real health-business pages"
            f" ({', '.join(page_sets)}) on which no KL2xx/KL3xx rule fired (0, weight"
            f" {PAGE_WEIGHT}); {len(train)} sentences; features seen in at least"
            f" {MIN_SOURCES} distinct sources only. The sets and pages are not in the"
            " repository.",
            f"Threshold {THRESHOLD}. Leave-one-set-out CV (rules alone -> rules + KL207):",
            *cv,
        ],
        "bias": round(bias, 4),
        "threshold": THRESHOLD,
        "weights": kept,
    }
    Path(args.output).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{len(kept)} weights -> {args.output}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumper = commands.add_parser("dump")
    dumper.add_argument("--set", action="append", default=[], help="NAME=PATH of a set YAML")
    dumper.add_argument("--pages", action="append", default=[], help="NAME=DIR of real pages")
    dumper.add_argument("-o", "--output", required=True)
    fitter = commands.add_parser("fit")
    fitter.add_argument("features")
    fitter.add_argument("-o", "--output")
    fitter.add_argument("--pair", action="append", default=[], help="SET=PAGES held out together")
    fitter.add_argument("-c", type=float, default=C)
    args = parser.parse_args()
    return dump(args) if args.command == "dump" else fit(args)


if __name__ == "__main__":
    raise SystemExit(main())
