"""Issue 7: --jobs, the results cache and --shard, on a small generated site, through the real
command line in subprocesses (as pre-commit and CI run it). No timing is asserted: the
benchmark (benchmarks/run.py) measures speed; these check that results do not change."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import REPO_ROOT
from gitrepo import GitRepo

from kalypso_lint.discover import SourceFile
from kalypso_lint.runner import (
    MAX_DEFAULT_JOBS,
    MIN_FILES_FOR_POOL,
    available_cpus,
    default_jobs,
    select_shard,
)

TODAY = "2026-12-01"


def _corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_corpus", REPO_ROOT / "benchmarks" / "make_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def site(tmp_path: Path) -> Callable[[int], Path]:
    """site(n): a generated content site of n pages (rules.yaml, claims/, content/)."""

    def make(pages: int) -> Path:
        return Path(_corpus_module().make_corpus(tmp_path / "site", pages))

    return make


def kalypso(*args: str, cwd: Path, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("KALYPSO_LINT_CACHE_DIR", None)
    if cache is not None:
        env["KALYPSO_LINT_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "kalypso_lint", "check", "--today", TODAY, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def stats_line(result: subprocess.CompletedProcess[str]) -> str:
    return next(line for line in result.stderr.splitlines() if "from cache" in line)


def test_jobs_2_output_is_byte_identical_to_jobs_1(site: Callable[[int], Path]) -> None:
    root = site(30)
    outputs = {}
    for fmt in ("json", "text"):
        one = kalypso("content", "-f", fmt, "--no-cache", "--jobs", "1", "-v", cwd=root)
        two = kalypso("content", "-f", fmt, "--no-cache", "--jobs", "2", "-v", cwd=root)
        assert one.returncode == two.returncode == 1, one.stderr
        assert "30 checked in 1 process" in stats_line(one)
        assert "30 checked in 2 processes" in stats_line(two)
        assert two.stdout == one.stdout
        outputs[fmt] = one.stdout
    report = json.loads(outputs["json"])
    assert report["summary"]["files"] == 30
    assert report["claims"] and report["findings"]


def test_second_run_comes_from_the_cache_with_the_same_output(
    site: Callable[[int], Path], tmp_path: Path
) -> None:
    root, cache = site(12), tmp_path / "cache"
    first = kalypso("content", "-f", "json", "-v", cwd=root, cache=cache)
    second = kalypso("content", "-f", "json", "-v", cwd=root, cache=cache)
    assert "0 from cache, 12 checked" in stats_line(first)
    assert "12 from cache, 0 checked" in stats_line(second)
    assert second.stdout == first.stdout
    assert second.returncode == first.returncode == 1
    assert (
        (cache / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"


def test_the_default_cache_sits_next_to_the_configuration(site: Callable[[int], Path]) -> None:
    root = site(3)
    kalypso("content", cwd=root)
    assert list((root / ".kalypso-lint-cache" / "v2").glob("*/*/*.json"))


def test_no_cache_neither_reads_nor_writes(site: Callable[[int], Path], tmp_path: Path) -> None:
    root, cache = site(3), tmp_path / "cache"
    result = kalypso("content", "--no-cache", "-v", cwd=root, cache=cache)
    assert "0 from cache, 3 checked" in stats_line(result)
    assert "cache off" in stats_line(result)
    assert not cache.exists()


def test_an_edited_page_is_checked_again_and_the_others_come_from_the_cache(
    site: Callable[[int], Path], tmp_path: Path
) -> None:
    root, cache = site(12), tmp_path / "cache"
    kalypso("content", cwd=root, cache=cache)
    page = sorted((root / "content").rglob("*.md"))[0]
    page.write_text(page.read_text() + "\nOver 70% of our clients felt calmer.\n")
    again = kalypso("content", "-f", "json", "-v", cwd=root, cache=cache)
    assert "11 from cache, 1 checked" in stats_line(again)
    fresh = kalypso("content", "-f", "json", "--no-cache", cwd=root)
    assert again.stdout == fresh.stdout
    assert "Over 70%" in again.stdout


def test_a_registry_change_invalidates_the_cache(
    site: Callable[[int], Path], tmp_path: Path
) -> None:
    root, cache = site(12), tmp_path / "cache"
    kalypso("content", cwd=root, cache=cache)
    registry = root / "claims" / "migraine-epidemiology.yaml"
    registry.write_text(registry.read_text().replace("value: 39000000", "value: 49000000"))
    again = kalypso("content", "-f", "json", "-v", cwd=root, cache=cache)
    assert "0 from cache, 12 checked" in stats_line(again)
    assert again.stdout == kalypso("content", "-f", "json", "--no-cache", cwd=root).stdout


def test_a_new_day_reuses_results_until_an_entry_expires(
    site: Callable[[int], Path], tmp_path: Path
) -> None:
    """Verdicts take from the date only which entries are stale (Verifier.date_state)."""
    root, cache = site(12), tmp_path / "cache"
    kalypso("content", cwd=root, cache=cache)
    next_day = kalypso("content", "-v", "--today", "2026-12-02", cwd=root, cache=cache)
    assert "12 from cache" in stats_line(next_day)
    # The registry's entries expire on 2027-11-20: after that day the results change.
    later = kalypso("content", "-f", "json", "-v", "--today", "2027-12-01", cwd=root, cache=cache)
    assert "0 from cache, 12 checked" in stats_line(later)
    assert "which has expired and supports nothing" in later.stdout  # KL106
    assert (
        later.stdout
        == kalypso("content", "-f", "json", "--no-cache", "--today", "2027-12-01", cwd=root).stdout
    )


def test_a_corrupt_or_partial_cache_entry_is_a_miss(
    site: Callable[[int], Path], tmp_path: Path
) -> None:
    root, cache = site(12), tmp_path / "cache"
    first = kalypso("content", "-f", "json", cwd=root, cache=cache)
    entries = sorted(cache.glob("v2/*/*/*.json"))
    assert len(entries) == 12
    entries[0].write_text(entries[0].read_text()[:-40])  # cut short
    entries[1].write_text("garbage\n{}")
    text = entries[2].read_text()
    assert '"content/' in text
    entries[2].write_text(text.replace('"content/', '"kontent/', 1))  # valid JSON, wrong sum
    again = kalypso("content", "-f", "json", "-v", cwd=root, cache=cache)
    assert "9 from cache, 3 checked" in stats_line(again)
    assert again.stdout == first.stdout
    healed = kalypso("content", "-v", cwd=root, cache=cache)
    assert "12 from cache" in stats_line(healed)


def test_concurrent_runs_sharing_a_cache_do_not_disturb_each_other(
    site: Callable[[int], Path], tmp_path: Path
) -> None:
    root, cache = site(16), tmp_path / "cache"
    expected = kalypso("content", "-f", "json", "--no-cache", cwd=root).stdout
    env = {k: v for k, v in os.environ.items() if k != "KALYPSO_LINT_CACHE_DIR"}
    env["KALYPSO_LINT_CACHE_DIR"] = str(cache)
    command = [sys.executable, "-m", "kalypso_lint", "check", "content", "-f", "json"]
    runs = [
        subprocess.Popen(
            [*command, "--today", TODAY, "--jobs", str(jobs)],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for jobs in (1, 2)
    ]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert outputs == [expected, expected]
    assert not list(cache.glob("v2/*/*/.tmp-*"))
    warm = kalypso("content", "-f", "json", "-v", cwd=root, cache=cache)
    assert "16 from cache, 0 checked" in stats_line(warm)
    assert warm.stdout == expected


def test_shards_cover_every_file_exactly_once(site: Callable[[int], Path]) -> None:
    root = site(20)
    full = json.loads(kalypso("content", "-f", "json", "--no-cache", cwd=root).stdout)
    seen: list[str] = []
    files = 0
    for index in (1, 2, 3):
        part = kalypso("content", "-f", "json", "--no-cache", "--shard", f"{index}/3", cwd=root)
        report = json.loads(part.stdout)
        files += report["summary"]["files"]
        seen.extend(sorted({c["path"] for c in report["claims"]}))
    assert files == 20
    assert sorted(seen) == sorted({c["path"] for c in full["claims"]})
    assert len(seen) == len(set(seen))


def test_shard_selection_is_a_partition_and_stable() -> None:
    files = [SourceFile(f"content/page-{n}.md", Path(f"page-{n}.md")) for n in range(200)]
    parts = [select_shard(files, (index, 4)) for index in (1, 2, 3, 4)]
    assert sorted(f for part in parts for f in part) == sorted(files)
    assert all(parts)  # 200 files over 4 shards: none empty
    # Adding files does not move the others between shards.
    grown = [*files, SourceFile("content/new.md", Path("new.md"))]
    assert set(parts[0]) <= set(select_shard(grown, (1, 4)))


def test_an_empty_shard_is_a_clean_run(write: Callable[..., Path], project: Path) -> None:
    write("content/page.md", "Over 70% of clients felt calmer after one session.\n")
    codes = {kalypso("content", "--shard", f"{i}/4", cwd=project).returncode for i in (1, 2, 3, 4)}
    assert codes == {0, 1}


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--shard", "0/3"),
        ("--shard", "4/3"),
        ("--shard", "a/b"),
        ("--shard", "2"),
        ("--shard", "1/0"),
        ("--jobs", "0"),
        ("--jobs", "-2"),
        ("--jobs", "many"),
    ],
)
def test_bad_shard_and_jobs_values_exit_2_with_one_line(
    option: str, value: str, project: Path, write: Callable[..., Path]
) -> None:
    write("content/page.md", "Book a visit.\n")
    result = kalypso("content", option, value, cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith(f"kalypso-lint: error: {option}: expected ")
    assert repr(value) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_one_file_is_checked_in_this_process(project: Path, write: Callable[..., Path]) -> None:
    """A pre-commit run of a file or two must not pay for a process pool."""
    write("content/page.md", "Book a visit.\n")
    result = kalypso("content/page.md", "-v", cwd=project)
    assert "1 checked in 1 process" in stats_line(result)
    assert default_jobs(1)[0] == default_jobs(MIN_FILES_FOR_POOL - 1)[0] == 1


def test_the_default_jobs_stay_one_on_a_busy_machine_or_for_little_work() -> None:
    """Issue 16: a worker pays its start-up only with a free CPU and enough copy to check."""
    cpus = available_cpus()
    busy, reason = default_jobs(400, 50_000_000, load=cpus + 1.0)
    assert busy == 1
    assert f"load average {cpus + 1.0:.1f} on {cpus} CPUs" in reason
    assert default_jobs(400, 500_000, load=0.0)[0] == 1  # half a megabyte: one process
    idle = default_jobs(400, 50_000_000, load=0.0)[0]
    assert idle == min(cpus, MAX_DEFAULT_JOBS)
    if cpus >= 2:
        assert default_jobs(400, 50_000_000, load=cpus - 1.0)[0] == 1


def test_a_warm_run_never_imports_spacy(site: Callable[[int], Path], tmp_path: Path) -> None:
    root, cache = site(5), tmp_path / "cache"
    kalypso("content", cwd=root, cache=cache)
    probe = (
        "import sys\n"
        "from kalypso_lint.cli import app\n"
        f"try:\n    app(['check', 'content', '--today', '{TODAY}'])\n"
        "except SystemExit as done:\n    code = done.code\n"
        "print('spacy' in sys.modules, code, file=sys.stderr)\n"
    )
    env = {**os.environ, "KALYPSO_LINT_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.stderr.splitlines()[-1] == "False 1"


def test_an_unusable_cache_folder_only_costs_the_cache(
    site: Callable[[int], Path], tmp_path: Path
) -> None:
    root = site(3)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n")
    result = kalypso("content", "-f", "json", "-v", "--cache-dir", str(blocker), cwd=root)
    assert result.returncode == 1
    assert "cache not used: cannot use" in stats_line(result)
    assert result.stdout == kalypso("content", "-f", "json", "--no-cache", cwd=root).stdout


def test_cache_dir_in_the_configuration_is_relative_to_it(site: Callable[[int], Path]) -> None:
    root = site(3)
    rules = root / "rules.yaml"
    rules.write_text(rules.read_text() + "cache-dir: build/lint-cache\n")
    kalypso("content", cwd=root)
    assert len(list((root / "build" / "lint-cache" / "v2").glob("*/*/*.json"))) == 3
    assert not (root / ".kalypso-lint-cache").exists()


def test_the_cache_keys_staged_files_on_their_staged_content(
    git_repo: GitRepo, run_cli: Any
) -> None:
    """`--staged` checks the index: a cached result must be for those bytes, not the tree's."""
    unsupported, clean = "Over 70% of clients felt calmer.\n", "Book a visit.\n"
    git_repo.write("content/page.md", unsupported)
    git_repo.git("add", "content/page.md")
    git_repo.write("content/page.md", clean)
    assert run_cli("check", "content", "-v").exit_code == 0  # caches the working tree's page
    staged = run_cli("check", "--staged", "-v")
    assert staged.exit_code == 1
    assert "0 from cache, 1 checked" in staged.stderr
    again = run_cli("check", "--staged", "-v")
    assert again.exit_code == 1
    assert "1 from cache, 0 checked" in again.stderr


def test_jobs_in_process_match_one_process(
    site: Callable[[int], Path], run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process (as an embedding tool runs it), after spaCy is loaded here: the workers
    are then started from a fresh interpreter, which needs the checker's parts to pickle."""
    import spacy  # noqa: F401 - loaded, as after any earlier check in this process

    root = site(8)
    one = run_cli("check", "content", "-f", "json", "--no-cache", "--jobs", "1", cwd=root)
    two = run_cli("check", "content", "-f", "json", "--no-cache", "--jobs", "2", "-v", cwd=root)
    assert "8 checked in 2 processes" in two.stderr
    assert two.stdout == one.stdout
    assert one.exit_code == two.exit_code == 1


def test_cache_entries_are_sharded_into_subfolders_by_key(
    site: Callable[[int], Path], tmp_path: Path
) -> None:
    root, cache = site(12), tmp_path / "cache"
    kalypso("content", "-f", "json", cwd=root, cache=cache)
    entries = list(cache.glob("v2/*/*/*.json"))
    assert len(entries) == 12
    for entry in entries:
        assert entry.parent.name == entry.stem[:2]
        assert len(entry.parent.name) == 2
    namespace = entries[0].parent.parent
    assert not list(namespace.glob("*.json")), "no entry sits directly in the namespace"


def test_a_cache_folder_of_an_older_entry_format_is_removed(
    site: Callable[[int], Path], tmp_path: Path
) -> None:
    root, cache = site(2), tmp_path / "cache"
    old_entry = cache / "v1" / "namespace" / "entry.json"
    old_entry.parent.mkdir(parents=True)
    old_entry.write_text("{}")
    keep = cache / "notes"  # not a format folder: never ours to remove
    keep.mkdir()
    kalypso("content", "-f", "json", cwd=root, cache=cache)
    assert not (cache / "v1").exists()
    assert keep.is_dir()
    assert len(list(cache.glob("v2/*/*/*.json"))) == 2
