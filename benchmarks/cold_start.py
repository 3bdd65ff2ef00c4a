"""Cold start: `kalypso-lint check` on one small page beside a bare spaCy start (issue 13).

    python benchmarks/cold_start.py                       # this checkout, 11 interleaved runs
    python benchmarks/cold_start.py --repeats 21
    python benchmarks/cold_start.py --kalypso /path/to/other/.venv/bin/kalypso-lint

The target is at most 1.5x the wall time of `python -c "import spacy; spacy.blank('en')"`,
spaCy's own start-up. Both run in fresh processes, interleaved so a busy moment on a shared
machine hurts both alike; the medians are compared. The page is a short supplement page
written for this benchmark, with disease, structure/function and proof claims, so the
medical vocabulary (data/vocabulary.txt) is loaded as in real use. `--kalypso` measures
another installation (the same page, the same bare spaCy of this interpreter) for a
before/after comparison.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import BARE_SPACY, Run, measure  # noqa: E402

PAGE = """\
# Elderberry immune gummies

Our gummies support a healthy immune system all winter.

Elderberry is a natural antiviral that fights the flu and prevents colds.

Proven effective in rigorous clinical trials.

Each gummy has 100 mg of elderberry extract; take two a day.

These statements have not been evaluated by the Food and Drug Administration.
This product is not intended to diagnose, treat, cure, or prevent any disease.
"""


def cold_start(kalypso: list[str], repeats: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "page.md").write_text(PAGE, encoding="utf-8")
        (root / "rules.yaml").write_text("registry: []\n", encoding="utf-8")
        ours: list[Run] = []
        bare: list[Run] = []
        for _ in range(repeats):
            bare.append(measure(BARE_SPACY, root))
            ours.append(measure([*kalypso, "check", "--no-cache", "page.md"], root))
    wall = statistics.median(r.wall for r in ours)
    base = statistics.median(r.wall for r in bare)
    cpu = statistics.median(r.cpu for r in ours)
    base_cpu = statistics.median(r.cpu for r in bare)
    return {
        "repeats": repeats,
        "kalypso_wall": round(wall, 3),
        "bare_spacy_wall": round(base, 3),
        "ratio_wall": round(wall / base, 3),
        "kalypso_cpu": round(cpu, 3),
        "bare_spacy_cpu": round(base_cpu, 3),
        "ratio_cpu": round(cpu / base_cpu, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--kalypso", help="a kalypso-lint executable (default: this checkout)")
    args = parser.parse_args()
    command = [args.kalypso] if args.kalypso else [sys.executable, "-m", "kalypso_lint"]
    result = cold_start(command, args.repeats)
    print(json.dumps(result, indent=2))
    verdict = "met" if result["ratio_wall"] <= 1.5 else "MISSED"  # type: ignore[operator]
    print(f"cold start {result['ratio_wall']}x bare spaCy (target <= 1.5x): {verdict}")


if __name__ == "__main__":
    main()
