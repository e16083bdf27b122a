"""The first build's long steps on every core: the same results as in one process."""

from __future__ import annotations

import pytest

STORIES = 500


def test_the_copy_search_counts_on_every_core_as_in_one_process(monkeypatch: pytest.MonkeyPatch):
    """Stories made of shared paragraphs (each a run of sampled shingles), some of them copies:
    the candidates found by two workers are those found by one."""
    import random

    from atlas.link import stories

    rng = random.Random(5)
    paragraphs = [tuple(rng.randrange(1 << 40) * 8 for _ in range(5)) for _ in range(60)]
    sampled = {f"k{n:04d}": tuple(sorted(set(sum(rng.sample(paragraphs, 8), ())))) for n in range(STORIES)}
    for n in range(0, STORIES, 25):  # copies, a shingle or two short of the original
        sampled[f"k{n:04d}-copy"] = sampled[f"k{n:04d}"][: -1 - n % 2]
    jobs: list[int] = []
    spread = stories.on_every_core
    monkeypatch.setattr(stories, "on_every_core", lambda function, batch: jobs.append(len(batch)) or spread(function, batch))  # fmt: skip
    monkeypatch.setattr(stories, "cores", lambda: 2)
    monkeypatch.setattr(stories, "PARALLEL_WORK", 0)  # as if the counting were long
    together = stories._candidates(sampled, stories.CopyCache())
    monkeypatch.setattr(stories, "cores", lambda: 1)
    alone = stories._candidates(sampled, stories.CopyCache())
    assert jobs == [2, 1]
    assert together == alone
    assert all(f"k{n:04d}-copy" in alone[f"k{n:04d}"] for n in range(0, STORIES, 25))
