import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.search import DEFAULT_BEAD_TYPES, best_path


def table_cost(table):
    """Cost from a dict {(a, b): matrix over bead end positions}, 5 for missing shapes."""
    def cost(a, b, i, js):
        if (a, b) in table:
            return table[(a, b)][i, js]
        return np.full(len(js), 5.0)
    return cost


def test_prefers_the_cheap_bead_shapes():
    n, m = 3, 4
    ones = np.ones((n + 1, m + 1))
    table = {(1, 1): ones * 3, (1, 2): ones * 3, (1, 0): ones * 9, (0, 1): ones * 9}
    table[(1, 2)][1, 2] = 0.0  # source 0 ↔ target 0-1
    table[(1, 1)][2, 3] = 0.0  # source 1 ↔ target 2
    table[(1, 1)][3, 4] = 0.0  # source 2 ↔ target 3
    steps = best_path(n, m, table_cost(table))
    assert [(list(s.source), list(s.target)) for s in steps] == [
        ([0], [0, 1]), ([1], [2]), ([2], [3])]


def test_skips_are_used_when_nothing_matches():
    steps = best_path(2, 1, lambda a, b, i, js: np.full(len(js), 0.0 if b == 0 else
                                                         (1.0 if a == 0 else 10.0)),
                      types=((1, 1), (1, 0), (0, 1)))
    assert sorted((s.a, s.b) for s in steps) == [(0, 1), (1, 0), (1, 0)]


def test_empty_sides():
    assert [(s.a, s.b) for s in best_path(0, 2, lambda *a: None)] == [(0, 1), (0, 1)]
    assert [(s.a, s.b) for s in best_path(1, 0, lambda *a: None)] == [(1, 0)]


def test_band_widens_when_the_path_leaves_the_diagonal():
    # The true path runs 40 target sentences off the diagonal: 40 insertions, then 1-1s.
    n, m = 60, 100
    def cost(a, b, i, js):
        if (a, b) == (1, 1):
            return np.where(js - i == 40, 0.0, 4.0)
        return np.full(len(js), 1.0 if (a, b) == (0, 1) else 8.0)
    steps = best_path(n, m, cost, width=5)
    assert [s for s in steps if (s.a, s.b) == (1, 1) and s.j - s.i != 40] == []


def test_posteriors_are_probabilities_and_high_for_a_clear_path():
    n = 6
    def cost(a, b, i, js):
        if (a, b) == (1, 1):
            return np.where(js == i, 0.0, 5.0)
        return np.full(len(js), 5.0)
    steps = best_path(n, n, cost, posterior_temperature=1.0)
    assert all(0.0 <= s.posterior <= 1.0 for s in steps)
    assert min(s.posterior for s in steps) > 0.9
    vague = best_path(n, n, lambda a, b, i, js: np.full(len(js), 1.0),
                      posterior_temperature=1.0)
    assert max(s.posterior for s in vague) < 0.9


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 12), m=st.integers(0, 12), seed=st.integers(0, 10_000),
       width=st.sampled_from([None, 1, 3]))
def test_every_item_is_covered_exactly_once_in_order(n, m, seed, width):
    rng = np.random.default_rng(seed)
    tables = {t: rng.uniform(0, 3, size=(n + 1, m + 1)) for t in DEFAULT_BEAD_TYPES}
    steps = best_path(n, m, table_cost(tables), width=width, posterior_temperature=0.5)
    src = [k for s in steps for k in s.source]
    tgt = [k for s in steps for k in s.target]
    assert src == list(range(n))
    assert tgt == list(range(m))
    assert all((s.a, s.b) in DEFAULT_BEAD_TYPES for s in steps)
    assert all(s.a or s.b for s in steps)


def test_one_to_six_beads_are_found_when_cheapest():
    # A long Chinese sentence translated by six English ones (MAC-Dev has two such links).
    n, m = 2, 7
    ones = np.ones((n + 1, m + 1))
    table = {t: ones * 4.0 for t in DEFAULT_BEAD_TYPES}
    table[(1, 6)][1, 6] = 0.5  # source 0 ↔ targets 0-5
    table[(1, 1)][2, 7] = 0.0  # source 1 ↔ target 6
    steps = best_path(n, m, table_cost(table))
    assert [(list(s.source), list(s.target)) for s in steps] == [
        ([0], [0, 1, 2, 3, 4, 5]), ([1], [6])]


def test_importing_the_search_and_the_aligner_does_not_load_numpy():
    """The command line reads the aligner's defaults (bead types, cache folder) to build its
    parser: that must not load numpy (it loads when something is aligned)."""
    import subprocess
    import sys

    code = ("import sys, align.aligner, align.search, align.cache, align.embedding\n"
            "assert 'numpy' not in sys.modules, 'numpy loaded'\n"
            "align.aligner.AlignerConfig()\n"
            "assert 'numpy' not in sys.modules, 'numpy loaded'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_path_step_is_an_immutable_record_of_its_bead():
    from align.search import PathStep

    step = PathStep(2, 1, 5, 3, 0.25)
    assert (step.source, step.target, step.posterior) == (range(3, 5), range(2, 3), 1.0)
    assert step == PathStep(2, 1, 5, 3, 0.25, 1.0) != PathStep(2, 1, 5, 3, 0.25, 0.5)
    with pytest.raises(AttributeError):
        step.cost = 1.0  # type: ignore[misc]
