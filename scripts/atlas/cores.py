"""Run a pure function's jobs on every core, for the steps of a first build that are long and
cut into independent parts (counting what thousands of copy-search samples share). The results
are the plain loop's, in the same order; one job, or a machine of one core, runs in this
process.

Workers are spawned, not forked: the build also runs inside long-lived processes with threads
(mkdocs serve, the tests), where a fork can copy a lock held by another thread.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

R = TypeVar("R")


def cores() -> int:
    """The cores this process may use (ATLAS_CORES caps it; 1 runs everything in process)."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    cap = os.environ.get("ATLAS_CORES", "")
    return max(1, min(usable, int(cap))) if cap.isdigit() else usable


def on_every_core(function: Callable[..., R], jobs: Sequence[tuple[object, ...]]) -> list[R]:
    """[function(*job) for job in jobs], the jobs spread over worker processes."""
    if len(jobs) < 2:
        return [function(*job) for job in jobs]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=context) as pool:
        return list(pool.map(function, *zip(*jobs, strict=True)))
