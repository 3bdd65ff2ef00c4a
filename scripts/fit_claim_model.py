"""Fit the KL207 possible-health-claim model (kalypso_lint/data/claim_model.json).

Development only: needs scikit-learn (`pip install -e '.[fit]'`); the runtime
(kalypso_lint/extract/claim_model.py) reads the fitted weights and adds them up, it never
imports scikit-learn.

    python scripts/fit_claim_model.py dump --set kA=PATH/reg-kA/tune.tsv \\
        --set kA=PATH/reg-kA/held.tsv --set l=... \\
        --pages p12=PATH/pages-held12/sites --labels p12=PATH/pages-held12/medical.jsonl \\
        -o sentences.jsonl
    python scripts/fit_claim_model.py fit sentences.jsonl --pair kA=p12 --pair kA=p13 ... \\
        -c 0.3 --threshold 0.55 --prior scripts/claim_model_a_d.json \\
        [-o kalypso_lint/data/claim_model.json]

`dump` reads regulator sets, in the TSV layout of the later sets (columns kind, category,
seller, source_url, sentence; a name given twice gathers both files into one set) or the
YAML of the first ones (`claims` and `neutral` lists of items with `text`), and folders of
real pages (`<site>/...`), runs kalypso-lint (an empty registry, default rules, KL207 off)
over every sentence written one per paragraph, and writes one line per sentence: its set,
source, label (1 a cited claim, 0 a neutral sentence, null a real-page sentence), whether a
KL2xx/KL3xx rule fired on it (`fired`; `fired_products` for a product seller's sentence
read on a product page, the scorer's by-seller mode), the label a reader gave a KL207
finding on it (`page_label`, from a page set's medical.jsonl given with `--labels`), and
claim_model.py's features. The sets and pages stay outside the repository; only the fitted
weights ship.

`fit` fits a logistic regression (L2, balanced classes) of "claim" on the sets' claims (1)
and neutral sentences (0), the real-page sentences no rule fired on (0, weight 0.3) and the
page sentences whose KL207 finding a reader labelled (right 1, wrong 0, weight 1), keeping
features seen in at least 3 distinct sources; real-page sentences a rule fired on are left
out. With `--prior MODEL.json` the prior model's score is one more feature, so the fit
learns how far to trust the earlier model and corrections to its weights, folded back into
one weight per feature: this is how the model of sets A-D (scripts/claim_model_a_d.json,
whose sets no longer exist) was refitted on sets kA, kB, kC and l (issue 13,
docs/medical-claims.md). Leave-one-set-out cross-validation (a set held out together with
the page folders `--pair`ed with it) prints, per fold, how many of the held-out claims the
rules and the rules plus KL207 catch (KL207 on every sentence, and by seller: on product
sellers' sentences only), the neutral and must-not-fire sentences they flag, and the share
of the paired real pages' sentences KL207 adds, for the refit and for the prior alone; the
same lines go into the provenance.
"""

from __future__ import annotations

import argparse
import csv
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
SUFFIXES = (".md", ".html", ".txt", ".htm", ".mdx")
# Neutral categories of the TSV layout that no rule may flag.
MUST_NOT_FIRE = frozenset(
    {"advisory", "negated", "question", "disclaimer", "guarantee", "warning", "hypothetical"}
)
# A paragraph starting like a list item or heading would be read as one: escape it.
_BLOCK_START = re.compile(r"^(?:[-+*#>]|\d+[.)](?:\s|$))")


def _key(text: str) -> str:
    return re.sub("[^a-z0-9]", "", text.lower())


# -- dump ---------------------------------------------------------------------------------


def _tsv_items(name: str, path: Path) -> list[dict[str, Any]]:
    """A regulator set in the TSV layout (columns kind, category, seller, source_url, sentence;
    a neutral sentence of a must-not-fire category is one no rule may flag)."""
    with path.open(newline="", encoding="utf-8") as lines:
        rows = list(csv.DictReader(lines, delimiter="\t"))
    return [
        {
            "set": name,
            "source": row.get("source_url", ""),
            "label": 1 if row["kind"].strip() == "claim" else 0,
            "mnf": row["kind"].strip() != "claim" and row["category"].strip() in MUST_NOT_FIRE,
            "seller": row.get("seller", "").strip(),
            "text": row["sentence"],
        }
        for row in rows
        if row.get("sentence", "").strip()
    ]


def _set_items(name: str, path: Path) -> list[dict[str, Any]]:
    """A regulator set: the TSV layout, or the YAML of the first sets (`claims` and `neutral`
    lists of items with `text`)."""
    if path.suffix == ".tsv":
        return _tsv_items(name, path)
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


def _codes(items: list[dict[str, Any]], extra: str = "") -> list[list[str]]:
    """The KL2xx/KL3xx codes the rules (default, plus `extra` configuration) report on each
    item, written one per paragraph with an empty registry."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "empty").mkdir()
        # KL207 off: the rules alone (the model's share is what the fit measures)
        config = 'registry: [empty]\nrules: {KL207: "off"}\n' + extra
        (root / "rules.yaml").write_text(config, encoding="utf-8")
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
    codes: list[list[str]] = [[] for _ in items]
    for finding in result["findings"]:
        place = (Path(finding["path"]).name, finding["line"])
        if place in places and finding["code"].startswith(("KL2", "KL3")):
            codes[places[place]].append(finding["code"])
    return codes


def _fired(items: list[dict[str, Any]]) -> None:
    """Marks each item with the KL2xx/KL3xx codes the default rules report on it (`fired`),
    and a product seller's sentence also with those on a product page (`fired_products`,
    `sells: products`: the scorer's by-seller mode)."""
    for item, codes in zip(items, _codes(items), strict=True):
        item["fired"] = codes
        item["fired_products"] = codes
    products = [item for item in items if item.get("seller") == "product"]
    if products:
        extra = "sells: products\n"
        for item, codes in zip(products, _codes(products, extra), strict=True):
            item["fired_products"] = codes


def _page_labels(name: str, path: Path, items: list[dict[str, Any]]) -> None:
    """Marks the page sentences of folder `name` on which a reader labelled a KL207 finding
    (a medical.jsonl of the page sets: path, code, text, label right or wrong). The finding's
    text is its message, which quotes the sentence's start, or the sentence itself."""
    prefixes: dict[tuple[str, str], str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            label = json.loads(line)
            if label["code"] != "KL207":
                continue
            quoted = label["text"]
            if 'claim "' in quoted:
                quoted = quoted.split('claim "', 1)[1].rsplit('" (model score', 1)[0]
            site = label["path"].lstrip("./").split("/", 1)[0]
            prefixes[(site, _key(quoted.rstrip("\u2026<")[:60]))] = label["label"]
    for item in items:
        if item["set"] == name:
            key = _key(item["text"])
            for (site, prefix), label in prefixes.items():
                if site == item["source"] and prefix and key.startswith(prefix):
                    item["page_label"] = label
                    break


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
    for spec in args.labels:
        name, path = spec.split("=", 1)
        _page_labels(name, Path(path), items)
    _fired(items)
    with Path(args.output).open("w", encoding="utf-8") as out:
        for item in items:
            words = [t.text for t in nlp.make_doc(" ".join(item["text"].split()))]
            item["features"] = sorted(sentence_features(words))
            out.write(json.dumps(item) + "\n")
    print(f"{len(items)} sentences -> {args.output}", file=sys.stderr)
    return 0


# -- fit ----------------------------------------------------------------------------------

Model = tuple[float, dict[str, float]]  # bias, weights


def _training(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int, float]]:
    """(row, label, weight): the sets' sentences; real-page sentences no rule fired on (0,
    weight PAGE_WEIGHT), or, when a reader labelled the KL207 finding on one, that label
    (right 1, wrong 0, weight 1)."""
    chosen = []
    for row in rows:
        if row["label"] is None:
            if row.get("page_label"):
                chosen.append((row, int(row["page_label"] == "right"), 1.0))
            elif not row["fired"]:
                chosen.append((row, 0, PAGE_WEIGHT))
        else:
            chosen.append((row, int(row["label"]), 1.0))
    return chosen


def _total(model: Model, features: list[str]) -> float:
    bias, weights = model
    return bias + sum(weights.get(f, 0.0) for f in features)


def _fit(train: list[tuple[dict[str, Any], int, float]], c: float, prior: Model | None) -> Model:
    """A logistic regression on the features seen in MIN_SOURCES sources. With a `prior`
    model, its score (the logit) is one more feature: the fit learns how far to trust it and
    corrections to it, and the result folds back into one weight per feature
    (scale * prior's weight + correction), which the runtime adds up as before."""
    from scipy.sparse import lil_matrix
    from sklearn.linear_model import LogisticRegression

    sources: dict[str, set[str]] = defaultdict(set)
    for row, _, _ in train:
        for feature in row["features"]:
            sources[feature].add(row["source"])
    vocabulary = sorted(f for f, seen in sources.items() if len(seen) >= MIN_SOURCES)
    first = 1 if prior else 0
    index = {f: i + first for i, f in enumerate(vocabulary)}
    x = lil_matrix((len(train), max(len(index) + first, 1)))
    for r, (row, _, _) in enumerate(train):
        if prior:
            x[r, 0] = _total(prior, row["features"])
        for feature in row["features"]:
            if feature in index:
                x[r, index[feature]] = 1.0
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(x.tocsr(), [y for _, y, _ in train], sample_weight=[w for _, _, w in train])
    bias = float(model.intercept_[0])
    weights: dict[str, float] = {}
    if prior:
        scale = float(model.coef_[0][0])
        bias += scale * prior[0]
        weights = {f: scale * w for f, w in prior[1].items()}
    for f, i in index.items():
        weights[f] = weights.get(f, 0.0) + float(model.coef_[0][i])
    return bias, weights


def _flags(model: Model, row: dict[str, Any], threshold: float) -> bool:
    from kalypso_lint.extract.claim_model import ClaimModel, gated

    features = row["features"]
    bias, weights = model
    return not gated(features) and ClaimModel(bias, threshold, weights).score(features) > threshold


def _measure(
    rows: list[dict[str, Any]], test: list[dict[str, Any]], pages: list[str], flags: Any
) -> str:
    """Claims caught, rules alone -> with KL207 on every sentence, and by seller (KL207 and
    product readings on product sellers' sentences only, as on their product pages); neutral
    and must-not-fire flagged; the page folders' quiet sentences KL207 adds, with how many of
    those a reader labelled right or wrong."""
    claims = [r for r in test if r["label"] == 1]
    neutrals = [r for r in test if r["label"] == 0]
    mnf = [r for r in neutrals if r["mnf"]]

    def on(row: dict[str, Any]) -> bool:
        return bool(row["fired"]) or flags(row)

    def by_seller(row: dict[str, Any]) -> bool:
        product = row.get("seller") == "product"
        return bool(row.get("fired_products", row["fired"])) or (product and flags(row))

    line = (
        f"claims caught {sum(bool(r['fired']) for r in claims)} -> {sum(on(r) for r in claims)}"
        f" of {len(claims)} (by seller"
        f" {sum(bool(r.get('fired_products', r['fired'])) for r in claims)} ->"
        f" {sum(by_seller(r) for r in claims)}); neutral flagged"
        f" {sum(bool(r['fired']) for r in neutrals)} -> {sum(on(r) for r in neutrals)}"
        f" of {len(neutrals)}; must-not-fire {sum(bool(r['fired']) for r in mnf)}"
        f" -> {sum(on(r) for r in mnf)} of {len(mnf)}"
    )
    if pages:
        quiet = [r for r in rows if r["set"] in pages and not r["fired"]]
        added = [r for r in quiet if flags(r)]
        right = sum(r.get("page_label") == "right" for r in added)
        wrong = sum(r.get("page_label") == "wrong" for r in added)
        share = 100 * len(added) / max(len(quiet), 1)
        line += (
            f"; pages {'+'.join(pages)}: KL207 adds {len(added)} of {len(quiet)} sentences"
            f" ({share:.1f}%; labelled right {right}, wrong {wrong})"
        )
    return line


def cross_validate(
    rows: list[dict[str, Any]],
    pairs: dict[str, list[str]],
    c: float,
    threshold: float,
    prior: Model | None,
    prior_threshold: float = THRESHOLD,
) -> list[str]:
    """Per held-out set (with its paired page folders): the refitted model, and the prior
    model alone (which never saw these sets) for comparison."""
    lines = []
    for held in sorted({r["set"] for r in rows if r["label"] is not None}):
        pages = pairs.get(held, [])
        test = [r for r in rows if r["set"] == held]
        neutral = {_key(r["text"]) for r in test if r["label"] == 0}
        train = [
            (row, y, w)
            for row, y, w in _training(rows)
            if row["set"] != held
            and row["set"] not in pages
            # a page sentence that is also a held-out neutral one stays out of training
            and not (row["label"] is None and _key(row["text"]) in neutral)
        ]
        model = _fit(train, c, prior)
        fitted = _measure(rows, test, pages, lambda r, m=model: _flags(m, r, threshold))
        lines.append(f"  set {held}: {fitted}")
        if prior:
            alone = _measure(rows, test, pages, lambda r: _flags(prior, r, prior_threshold))
            lines.append(f"    (prior alone: {alone})")
        print("\n".join(lines[-2 if prior else -1 :]))
    return lines


def fit(args: argparse.Namespace) -> int:
    with Path(args.features).open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    pairs: dict[str, list[str]] = defaultdict(list)
    for spec in args.pair:
        held, pages = spec.split("=", 1)
        pairs[held].append(pages)
    prior: Model | None = None
    prior_threshold = THRESHOLD
    if args.prior:
        raw = json.loads(Path(args.prior).read_text(encoding="utf-8"))
        prior = (float(raw["bias"]), {k: float(v) for k, v in raw["weights"].items()})
        prior_threshold = float(raw["threshold"])
    print(f"leave-one-set-out CV (rules alone -> rules + KL207, threshold {args.threshold}):")
    cv = cross_validate(rows, pairs, args.c, args.threshold, prior, prior_threshold)
    if not args.output:
        return 0
    train = _training(rows)
    bias, weights = _fit(train, args.c, prior)
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 0.005}
    sets = sorted({r["set"] for r in rows if r["label"] is not None})
    page_sets = sorted({r["set"] for r in rows if r["label"] is None})
    labelled = sum(1 for r in rows if r.get("page_label"))
    how = (
        f"logistic regression (L2, C={args.c}, balanced classes) of 'disease or health claim'"
        f" on regulator-cited claim sentences (1) and neutral sentences (0) of external sets"
        f" {', '.join(sets)}, and sentences of real health-business pages"
        f" ({', '.join(page_sets)}) on which no KL2xx/KL3xx rule fired (0, weight"
        f" {PAGE_WEIGHT}; the {labelled} on which a reader labelled a KL207 finding right (1)"
        f" or wrong (0), weight 1); {len(train)} sentences; features seen in at least"
        f" {MIN_SOURCES} distinct sources only."
    )
    if args.prior:
        how += (
            f" The prior model {Path(args.prior).name} (sets A-D) enters as one more feature,"
            " its score; each weight here is the fitted scale times its weight plus the"
            " fitted correction."
        )
    model = {
        "provenance": [
            f"Fitted by scripts/fit_claim_model.py on {datetime.date.today().isoformat()}: "
            + how
            + " The sets and pages are not in the repository.",
            f"Threshold {args.threshold}. Leave-one-set-out CV (rules alone -> rules + KL207"
            " on every sentence; by seller: KL207 and product readings on product sellers'"
            " sentences only; each set held out with its paired page folders):",
            *cv,
        ],
        "bias": round(bias, 4),
        "threshold": args.threshold,
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
    dumper.add_argument(
        "--labels", action="append", default=[], help="NAME=medical.jsonl of a page folder"
    )
    dumper.add_argument("-o", "--output", required=True)
    fitter = commands.add_parser("fit")
    fitter.add_argument("features")
    fitter.add_argument("-o", "--output")
    fitter.add_argument(
        "--pair", action="append", default=[], help="SET=PAGES held out together (repeatable)"
    )
    fitter.add_argument("-c", type=float, default=C)
    fitter.add_argument("--threshold", type=float, default=THRESHOLD)
    fitter.add_argument("--prior", help="a fitted model JSON whose score is one more feature")
    args = parser.parse_args()
    return dump(args) if args.command == "dump" else fit(args)


if __name__ == "__main__":
    raise SystemExit(main())
