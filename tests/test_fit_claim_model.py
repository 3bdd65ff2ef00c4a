"""scripts/fit_claim_model.py (issue 13, KL207): reading the regulator sets' TSV layout, the
page labels, and refitting with the earlier model as a prior.

The sentences are written for these tests; the external sets stay outside the repository.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fit_claim_model.py"


@pytest.fixture(scope="module")
def fitter() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fit_claim_model", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tsv_set_marks_claims_neutral_and_must_not_fire(fitter: ModuleType, tmp_path: Path) -> None:
    header = "id\tkind\tcategory\ttopic\tseller\tsource_url\tsentence\n"
    rows = [
        "x-c1\tclaim\tdiabetes\ttonic\tproduct\thttps://a.example/1\tOur tonic lowers blood sugar.",
        "x-n1\tneutral\tadvisory\tadvice\tclinic\thttps://b.example/2\tAsk your doctor first.",
        "x-n2\tneutral\tinformational\tinfo\tclinic\thttps://b.example/2\tWe open at nine.",
        "x-n3\tneutral\tservice\tempty\tclinic\thttps://b.example/2\t ",
    ]
    path = tmp_path / "tune.tsv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    items = fitter._set_items("x", path)
    assert [(i["label"], i["mnf"], i["seller"]) for i in items] == [
        (1, False, "product"),
        (0, True, "clinic"),
        (0, False, "clinic"),
    ]
    assert items[0]["source"] == "https://a.example/1"
    assert items[0]["text"] == "Our tonic lowers blood sugar."


def test_yaml_set_of_the_first_sets_is_still_read(fitter: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(
        "claims:\n  - {text: Our balm heals eczema., source_url: https://a.example}\n"
        "neutral:\n  - {text: Do not use on broken skin., must_not_fire: true}\n",
        encoding="utf-8",
    )
    items = fitter._set_items("y", path)
    assert [(i["label"], i["mnf"]) for i in items] == [(1, False), (0, True)]


def test_page_labels_match_a_kl207_message_by_site_and_quoted_start(
    fitter: ModuleType, tmp_path: Path
) -> None:
    sentence = "Our root extract calms the joints of people living with arthritis every day."
    message = f'Possible health claim "{sentence[:60]}…" (model score 0.71; cues: "calms")'
    labels = tmp_path / "medical.jsonl"
    labels.write_text(
        json.dumps(
            {"path": "shop/a.md", "line": 3, "code": "KL207", "text": message, "label": "right"}
        )
        + "\n",
        encoding="utf-8",
    )
    items: list[dict[str, Any]] = [
        {"set": "p", "source": "shop", "text": sentence},
        {"set": "p", "source": "clinic", "text": sentence},
        {"set": "q", "source": "shop", "text": sentence},
    ]
    fitter._page_labels("p", labels, items)
    assert [i.get("page_label") for i in items] == ["right", None, None]
    # a labelled page sentence is trained on with its label, at full weight
    rows = [dict(items[0], label=None, fired=[]), dict(items[1], label=None, fired=[])]
    assert [(y, w) for _, y, w in fitter._training(rows)] == [(1, 1.0), (0, fitter.PAGE_WEIGHT)]


def test_prior_folds_into_one_weight_per_feature(fitter: ModuleType) -> None:
    pytest.importorskip("sklearn")
    prior = (-1.0, {"w:cure": 2.0, "w:only_in_prior": 0.5, "w:shipping": -1.0})
    rows = []
    for n in range(8):
        source = f"s{n % 4}"
        rows.append(({"features": ["w:cure", "w:gout"], "source": source}, 1, 1.0))
        rows.append(({"features": ["w:shipping", "w:gout"], "source": source}, 0, 1.0))
    bias, weights = fitter._fit(rows, 1.0, prior)
    # a feature the new data never shows keeps the prior's weight, scaled by the fitted trust
    scale = weights["w:only_in_prior"] / 0.5
    assert scale > 0
    # the others add a correction to the scaled prior weight; the folded model separates them
    model = (bias, weights)
    assert (
        fitter._total(model, ["w:cure", "w:gout"])
        > 0
        > fitter._total(model, ["w:shipping", "w:gout"])
    )
    assert "w:gout" in weights
