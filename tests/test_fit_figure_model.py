"""scripts/fit_figure_model.py: how labelled page sets become rows, and how a threshold and
the cross-validated precision are counted (issue 12 refit). The fit itself needs
scikit-learn and the external sets; these check the counting on rows written here."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def fitting() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fit_figure_model", REPO_ROOT / "scripts" / "fit_figure_model.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def row(label: str | None, yes: bool = True, no: bool = False, label_id: int = 0) -> dict[str, Any]:
    return {
        "group": "pages-a",
        "site": "clinic",
        "label": label,
        "label_id": label_id,
        "class": None if label in (None, "real") else "offer",
        "features": ["kind:percent"],
        "decided": False,
        "yes": yes,
        "no": no,
    }


def test_a_figure_is_reported_as_the_pipeline_reports_it_on_each_side(
    fitting: ModuleType,
) -> None:
    scored = [
        (row("real", label_id=0), 1.0),  # above the threshold: reported
        (row("false", label_id=1), -1.0),  # below: set aside
        (row("real", yes=True, no=True, label_id=2), -5.0),  # a sure claim: always reported
        (row("real", yes=False, label_id=3), 5.0),  # set aside by a hand cue: always lost
        (row(None, label_id=None), 2.0),  # unlabelled and reported: not real
    ]
    counts = fitting.tally(scored, 0.0)["all"]
    assert counts["reported"] == 3
    assert counts["real"] == 2 and counts["unlabelled"] == 1
    assert counts["lost"] == 1 and counts["reals"] == 3
    assert fitting.precision(counts) == pytest.approx(200 / 3)


def test_threshold_keeps_the_share_of_real_claims_the_model_can_reach(
    fitting: ModuleType,
) -> None:
    scored = [(row("real", label_id=i), float(i)) for i in range(10)]
    scored.append((row("false", label_id=10), 3.5))
    # 10 real claims, 90% kept: one may be lost, the lowest-scored one.
    assert fitting.threshold_for(scored, 0.9) == 1.0
    # A real claim lost whatever the model says uses up the share first.
    scored[9] = (row("real", yes=False, label_id=9), 9.0)
    assert fitting.threshold_for(scored, 0.9) == 0.0


def test_threshold_at_lost_matches_what_another_model_loses(fitting: ModuleType) -> None:
    scored = [(row("real", label_id=i), float(i)) for i in range(5)]
    scored += [(row("false", label_id=5 + i), 0.5 + i) for i in range(3)]
    assert fitting.threshold_at_lost(scored, 0) == 0.0
    assert fitting.threshold_at_lost(scored, 2) == 2.0
    assert fitting.tally(scored, 2.0)["all"]["lost"] == 2


def test_dump_reads_a_labels_jsonl_set_and_keeps_unread_real_claims(
    fitting: ModuleType, tmp_path: Path
) -> None:
    from kalypso_lint.extract import PageExtractor

    folder = tmp_path / "pages-mine"
    page = folder / "sites" / "clinic" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "Almost 40% of our patients slept better within a month.\n\n"
        "Each bottle holds 60 capsules.\n",
        encoding="utf-8",
    )
    where = {"path": "clinic/index.md", "class": "claim"}
    lines = [
        dict(where, line=1, column=1, text="Almost 40%", label="real", found=True),
        dict(where, line=3, column=20, text="60", label="false", found=True),
        dict(where, line=9, column=1, text="one in five", label="real", found=False),
    ]
    (folder / "labels.jsonl").write_text("\n".join(map(json.dumps, lines)) + "\n", "utf-8")
    work = tmp_path / "runs"
    work.mkdir()
    # The two forced runs, as `run yes` and `run no` would write them.
    finding = {"code": "KL101", "path": "clinic/index.md", "line": 1, "column": 1}
    (work / "pages-mine-yes.json").write_text(json.dumps({"findings": [finding]}), "utf-8")
    (work / "pages-mine-no.json").write_text(json.dumps({"findings": []}), "utf-8")

    rows = list(fitting.dump_set(folder, PageExtractor(), work))

    by_text = {r["text"]: r for r in rows}
    assert by_text["Almost 40%"]["label"] == "real"
    assert by_text["Almost 40%"]["yes"] and not by_text["Almost 40%"]["no"]
    assert by_text["Almost 40%"]["features"]
    assert by_text["one in five"]["features"] == []  # labelled real, never read: lost
    assert not by_text["one in five"]["yes"]
    assert all(r["group"] == "pages-mine" and r["site"] == "clinic" for r in rows)
