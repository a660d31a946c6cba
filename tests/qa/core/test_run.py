from qa.core.finding import Location
from tests.qa.helpers import sentence_by_sentence

EN = "# Title\n\nOne cat. Two dogs.\n\n- Three fish.\n"
ZH = "# 标题\n\n一只猫。两只狗。\n\n- 三条鱼。\n"


def test_a_location_finds_the_pair_of_the_first_sentence_it_touches():
    doc = sentence_by_sentence(EN, ZH)
    en, zh = doc.alignment.source.path, doc.alignment.target.path
    assert doc.pair_at(Location(en, 3, 5, 3, 8, "cat")) == 1
    assert doc.pair_at(Location(en, 3, 10, 3, 13, "Two")) == 2
    # A span over two sentences belongs to the first; the same answer when asked again.
    assert doc.pair_at(Location(en, 3, 1, 3, 19, "One cat. Two dogs.")) == 1
    assert doc.pair_at(Location(en, 3, 1, 3, 19, "One cat. Two dogs.")) == 1
    assert doc.pair_at(Location(zh, 5, 3, 5, 7, "三条鱼。")) == 3
    # The blank line between blocks is in no sentence; another file is in none either.
    assert doc.pair_at(Location(en, 2, 1, 2, 1, "")) is None
    assert doc.pair_at(Location("other.md", 1, 1, 1, 2, "x")) is None
