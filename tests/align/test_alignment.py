import pickle

from align.alignment import Alignment, Bead, BlockBead, SentencePair
from align.reader import parse_document


def test_beads_and_pairs_have_no_instance_dict_and_still_pickle():
    # A long document holds a bead and a pair per sentence or so: slots keep them small,
    # and --jobs sends them between processes.
    en = parse_document("Cats sleep. Dogs run.\n", "en/a.md", "en")
    zh = parse_document("猫睡觉。狗跑。\n", "zh/a.md", "zh")
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.8)]
    pairs = Alignment(en, zh, beads, [BlockBead((0,), (0,), 0.9)]).pairs()
    assert [(p.source_text, p.target_text, p.confidence) for p in pairs] == \
        [("Cats sleep.", "猫睡觉。", 0.9), ("Dogs run.", "狗跑。", 0.8)]
    for thing in (beads[0], BlockBead((0,), (1, 2)), pairs[0]):
        assert not hasattr(thing, "__dict__")
        assert pickle.loads(pickle.dumps(thing)) == thing
    assert isinstance(pairs[0], SentencePair) and beads[0].kind == "1-1"


def test_a_pairs_texts_join_its_sentences_as_their_language_writes():
    en = parse_document("Cats sleep. Dogs run.\n", "en/a.md", "en")
    zh = parse_document("猫睡觉。狗跑。\n", "zh/a.md", "zh")
    two = SentencePair(en.sentences, zh.sentences, 1.0)
    one = SentencePair(en.sentences[:1], zh.sentences[1:], 1.0)
    none = SentencePair([], zh.sentences[:1], 1.0)
    assert (two.source_text, two.target_text) == ("Cats sleep. Dogs run.", "猫睡觉。狗跑。")
    assert (one.source_text, one.target_text) == ("Cats sleep.", "狗跑。")
    assert one.source_text is en.sentences[0].text  # one sentence: its own text, no copy
    assert (none.source_text, SentencePair(en.sentences, [], 1.0).target_text) == ("", "")
