"""How a check is carried out (issue 7): which files this run takes (--shard), which results
come from the cache, and how many processes check the rest (--jobs).

Results always come back in file order, so the report does not depend on the number of
processes. Each worker process builds its checker, and so its spaCy pipeline, once, and
checks files in chunks; a FileResult (plain, small) is all that travels back. Cross-page
findings and suppressions stay with the caller, who sees every result.
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kalypso_lint.cache import ResultsCache, file_key
from kalypso_lint.discover import SourceFile
from kalypso_lint.documents.decode import UnreadableFile
from kalypso_lint.errors import ConfigError
from kalypso_lint.fileio import read_regular
from kalypso_lint.models import FileResult, RunStats
from kalypso_lint.startup import resume_collection
from kalypso_lint.wording import counted

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

MAX_DEFAULT_JOBS = 8
# What one worker costs: spaCy, our pipeline and a page in flight (100-220 MB measured in
# issue 15), rounded up so the machine keeps room for everything else.
WORKER_MEMORY = 256 * 1024 * 1024
# How often a worker looks whether its parent is still there, where the kernel cannot tell it.
PARENT_POLL_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# Below this many files to check, one process: a pool costs each worker a spaCy start-up
# (about a second of CPU) and its memory, which a pre-commit run of a few files never repays.
MIN_FILES_PER_EXTRA_JOB = 10
MIN_FILES_FOR_POOL = 20
# Nor below this much copy per worker: at about 0.4 MB per CPU second, 1 MB is a few seconds
# of work, enough to repay a worker's start-up (issue 16).
BYTES_PER_EXTRA_JOB = 1_000_000
# A page fetched from the web, whose size is not known before it is read, counts as this much.
UNKNOWN_FILE_BYTES = 5_000


class Checker(Protocol):
    def check(self, source: SourceFile) -> FileResult: ...


@dataclass(frozen=True)
class Execution:
    """How to run, as opposed to what to check (pipeline.CheckRequest)."""

    jobs: int | None = None  # None: decided from the number of files to check
    cache_dir: Path | None = None  # None: no results cache
    shard: tuple[int, int] | None = None  # (i, n): the i-th of n parts, 1-based


# -- options ---------------------------------------------------------------------------------
def parse_jobs(text: str | None) -> int | None:
    if text is None or text.strip().lower() == "auto":
        return None
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise ConfigError(f"--jobs: expected a number of processes of at least 1, got {text!r}")
    return jobs


def parse_shard(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    index_text, slash, count_text = text.partition("/")
    try:
        index, count = int(index_text), int(count_text)
    except ValueError:
        index = count = 0
    if not slash or count < 1 or not 1 <= index <= count:
        raise ConfigError(f"--shard: expected I/N with 1 <= I <= N (such as 2/4), got {text!r}")
    return index, count


# -- sharding --------------------------------------------------------------------------------
def shard_of(display: str, count: int) -> int:
    """The 1-based shard of a file: a hash of its reported path, so a file stays in its shard
    as others are added or removed (and a per-shard CI cache stays warm)."""
    digest = hashlib.sha256(display.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(files: list[SourceFile], shard: tuple[int, int] | None) -> list[SourceFile]:
    if shard is None:
        return files
    index, count = shard
    return [f for f in files if shard_of(f.display, count) == index]


# -- processes -------------------------------------------------------------------------------
def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours CPU pinning and container limits
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def available_memory() -> int | None:
    """Memory the system can give without swapping (Linux MemAvailable), None if unknown."""
    try:
        with Path("/proc/meminfo").open(encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def cap_jobs(requested: int, pending: int) -> tuple[int, str | None]:
    """`--jobs N` bounded by the files to check, the CPUs and the memory (issue 15: one
    worker per file for --jobs 10000); the reason when the CPUs or memory capped it."""
    workers = min(requested, max(pending, 1))
    cpus = available_cpus()
    limits: list[tuple[int, str]] = [(cpus, counted(cpus, "CPU"))]
    memory = available_memory()
    if memory is not None:
        limits.append(
            (
                max(1, memory // WORKER_MEMORY),
                f"{memory >> 20} MB of memory available, {WORKER_MEMORY >> 20} MB per worker",
            )
        )
    reason = None
    for limit, what in limits:
        if workers > limit:
            workers = limit
            reason = f"--jobs {requested} capped to {limit}: {what}"
    return workers, reason


def machine_load() -> float | None:
    """The 1-minute load average: processes running or waiting for a CPU, None if unknown."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def default_jobs(
    pending: int, work_bytes: int | None = None, load: float | None = None
) -> tuple[int, str]:
    """Processes for a run without --jobs, and why (issue 16). A worker only pays off when it
    gets a CPU of its own and enough work to repay its start-up, so the run takes the least of:
    - the CPUs free of other work: CPUs minus the 1-minute load average, rounded (this
      process takes one of them; on a busy machine none is left, and the run stays in one
      process, which a pool of processes competing for the same CPUs would only slow down);
    - one per 1 MB of copy to check and one per 10 files (none below 20 files);
    - the CPUs, and 8."""
    cpus = available_cpus()
    if pending < MIN_FILES_FOR_POOL:
        return 1, f"{pending} file{'s' if pending != 1 else ''} to check"
    by_work = pending // MIN_FILES_PER_EXTRA_JOB
    if work_bytes is not None:
        by_work = min(by_work, max(1, work_bytes // BYTES_PER_EXTRA_JOB))
    free = cpus if load is None else max(1, math.floor(cpus - load + 0.5))
    workers = max(1, min(cpus, MAX_DEFAULT_JOBS, by_work, free))
    what = f"{(work_bytes or 0) / 1e6:.1f} MB in {pending} files"
    busy = "" if load is None else f", load average {load:.1f} on {cpus} CPUs"
    return workers, f"default --jobs {workers}: {what}{busy}"


def _work_bytes(sources: list[SourceFile]) -> int:
    total = 0
    for source in sources:
        if source.blob is not None or source.refused is not None:
            total += UNKNOWN_FILE_BYTES
            continue
        try:
            total += source.path.stat().st_size
        except OSError:
            total += UNKNOWN_FILE_BYTES
    return total


def _context() -> BaseContext:
    """fork on Linux while spaCy (and its BLAS threads) is not loaded here: workers start at
    once and import spaCy in parallel. Otherwise a fresh interpreter per worker."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and "spacy" not in sys.modules:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


_worker: Checker | None = None  # the checker of a worker process, built once by _start_worker


def _start_worker(factory: Callable[..., Checker], args: tuple[Any, ...]) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _die_with_parent(os.getppid())
    _worker = factory(*args)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive its run (issue 15: SIGKILL of the parent left workers of
    100-220 MB blocked on a pipe). On Linux the kernel sends SIGKILL when the parent dies
    (prctl PR_SET_PDEATHSIG); everywhere, a daemon thread checks for a new parent."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    import threading

    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _check_in_worker(source: SourceFile) -> FileResult:
    assert _worker is not None, "worker not started"
    return _worker.check(source)


def _in_pool(
    sources: list[SourceFile],
    jobs: int,
    factory: Callable[..., Checker],
    args: tuple[Any, ...],
) -> Iterator[FileResult]:
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, len(sources) // (jobs * 8)))
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(factory, args),
    )
    try:
        yield from pool.map(_check_in_worker, sources, chunksize=chunk)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _content(source: SourceFile) -> bytes | None:
    """The bytes the file will be checked as (the staged ones with --staged), for its cache
    key; None when they cannot be read: the file is then checked, which reports why."""
    if source.refused is not None:  # never read, not even for a cache key
        return None
    try:
        return source.blob.read() if source.blob is not None else read_regular(source.path)
    except (OSError, UnreadableFile):
        return None


def check_files(
    files: list[SourceFile],
    checker: Checker,
    worker_setup: tuple[Callable[..., Checker], tuple[Any, ...]],
    jobs: int | None,
    cache: ResultsCache | None,
    stats: RunStats,
) -> Iterator[FileResult]:
    """Each file's result, in order: from the cache, or checked here or by `jobs` workers,
    which build their checker with `worker_setup` (a picklable factory and its arguments)."""
    hits: dict[int, FileResult] = {}
    pending: list[tuple[int, SourceFile, str | None]] = []
    for index, source in enumerate(files):
        key = None
        if cache is not None and cache.usable:
            data = _content(source)
            if data is not None:
                key = file_key(cache.namespace, source.display, data)
                found = cache.get(key)
                if found is not None:
                    hits[index] = found
                    continue
        pending.append((index, source, key))
    stats.cached, stats.checked = len(hits), len(pending)
    if jobs is None:
        sources = [source for _, source, _ in pending]
        if len(sources) < MIN_FILES_FOR_POOL:
            workers = 1
        else:
            work, load = _work_bytes(sources), machine_load()
            workers, stats.jobs_capped = default_jobs(len(sources), work, load)
    else:
        workers, stats.jobs_capped = cap_jobs(jobs, len(pending))
    stats.jobs = workers
    sources = [source for _, source, _ in pending]
    if workers > 1 or not sources:
        # This process builds no pipeline: its start-up is over (kalypso_lint.startup).
        resume_collection()
    if workers > 1:
        checked = _in_pool(sources, workers, *worker_setup)
    else:
        checked = (checker.check(source) for source in sources)
    keys = iter(pending)
    for index in range(len(files)):
        if index in hits:
            yield hits.pop(index)
            continue
        result = next(checked)
        _, _, key = next(keys)
        if cache is not None and key is not None:
            cache.put(key, result)
        yield result
    next(checked, None)  # lets the pool, if any, shut down and reap its workers
    if cache is not None and cache.stats.written:
        cache.prune()
