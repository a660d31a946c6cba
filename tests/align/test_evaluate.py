from align.evaluate import (
    format_bead,
    merge_within_units,
    normalise,
    parse_bead_line,
    score,
    score_document,
)

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2, 3))]


def test_perfect_prediction_scores_one():
    s = score([GOLD], [GOLD])
    assert (s.strict.precision, s.strict.recall, s.strict.f1) == (1.0, 1.0, 1.0)
    assert s.lax.f1 == 1.0


def test_strict_and_lax_precision_and_recall():
    predicted = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,)), ((), (3,))]
    s = score_document(GOLD, predicted)
    # strict hits: [0]:[0] and [3]:[] out of 6 predicted beads
    assert (s.strict.precision_hits, s.strict.precision_total) == (2, 6)
    # lax: [1]:[1] and [4]:[2] overlap gold beads; [2]:[], []:[3] have no link to share
    assert (s.lax.precision_hits, s.lax.precision_total) == (4, 6)
    # recall over gold beads with both sides: [0]:[0], [1,2]:[1], [4]:[2,3]
    assert (s.strict.recall_hits, s.strict.recall_total) == (1, 3)
    assert (s.lax.recall_hits, s.lax.recall_total) == (3, 3)
    assert abs(s.strict.f1 - 2 * (2 / 6) * (1 / 3) / (2 / 6 + 1 / 3)) < 1e-12


def test_counts_are_summed_over_documents():
    s = score([GOLD, [((0,), (0,))]], [GOLD, [((0,), (1,))]])
    assert (s.strict.precision_hits, s.strict.precision_total) == (4, 5)
    assert (s.strict.recall_hits, s.strict.recall_total) == (3, 4)


def test_normalise_sorts_and_drops_empty_beads():
    assert normalise([((2, 1), (0,)), ((), ())]) == [((1, 2), (0,))]


def test_bead_lines_round_trip():
    assert parse_bead_line("[0, 1]:[0]") == ((0, 1), (0,))
    assert parse_bead_line("[5]:[]") == ((5,), ())
    assert format_bead((0, 1), (0,)) == "[0, 1]:[0]"
    assert format_bead((), (7,)) == "[]:[7]"


def test_beads_inside_one_verse_are_merged():
    zh_verse = ["v1", "v2", "v2", "v3"]
    en_verse = ["v1", "v2", "v3"]
    beads = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]
    assert merge_within_units(beads, zh_verse, en_verse) == [
        ((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
