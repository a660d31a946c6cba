import numpy as np
import pytest

from align.similarity import SentenceVectors
from qa.checks import alignment
from qa.checks.alignment import (
    Addition,
    Drift,
    LengthRatio,
    Omission,
    Truncation,
    _words_missing,
    cut_word,
    mid_enumeration,
)
from qa.checks.coverage import word_share
from qa.checks.lengths import LengthModel, length_units
from qa.core.run import CheckContext
from qa.core.settings import Settings
from tests.qa.helpers import (
    KETAMINE,
    aligned,
    ketamine_document,
    run_check,
    sentence_by_sentence,
    where,
)

EN = """# Ketamine

Ketamine is a dissociative anesthetic. It acts within hours through several mechanisms involving glutamate signaling and the endogenous opioid system.

Effects appeared within 10–15 minutes. The acute state resolved within two hours.
"""
ZH = """# 氯胺酮

氯胺酮是一种解离性麻醉剂。它在数小时内通过涉及glutamate信号传导和内源性阿片系统的多重机制起效。

效果在10–15分钟内出现。急性状态在两小时内消退。
"""


def test_clean_pair_has_no_alignment_findings():
    doc = aligned(EN, ZH)
    for check in (Omission, Addition, Truncation, Drift, LengthRatio):
        assert run_check(check, doc) == [], check.code


def test_dropped_target_sentence_is_an_omission_at_the_source_line():
    zh = ZH.replace("急性状态在两小时内消退。", "")
    beads = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), ())]
    found = run_check(Omission, aligned(EN, zh, beads=beads))
    assert where(found) == [("A001", 5, 40)]
    assert "The acute state resolved" in found[0].message
    assert found[0].target is None


def test_added_target_sentence_is_an_addition():
    zh = ZH.replace("它在数小时内通过", "这是一种古老的药物。它在数小时内通过")
    beads = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))]
    found = run_check(Addition, aligned(EN, zh, beads=beads))
    assert where(found) == [("A002", 3, 14)]
    assert found[0].source is None


def test_missing_clause_inside_a_pair():
    en = ("Ketamine provides same-day relief from depression, unlike SSRIs which may take "
          "weeks to months, making it especially critical for treatment-resistant and "
          "suicidal patients.\n")
    doc = aligned(en, "氯胺酮可在当天缓解抑郁症状。\n")
    found = run_check(Omission, doc)
    assert [f.code for f in found] == ["A001"]
    assert "clause may be missing" in found[0].message
    assert (found[0].target.line, found[0].source.line) == (1, 1)


def test_cut_word_needs_a_longer_corpus_word():
    from collections import Counter
    vocab = Counter({"opi": 1, "opioid": 2, "weeks": 3, "week": 1})
    assert cut_word("NMDA, BDNF, opi", vocab) == ("opi", "opioid")
    assert cut_word("for three week", vocab) is None  # an inflection, not a completion
    assert cut_word("the opioid.", vocab) is None


def test_mid_enumeration():
    assert mid_enumeration("Multiple processes — NMDA/neuroplasticity, BDNF, opi", "en")
    assert not mid_enumeration("Multiple processes — NMDA, BDNF, and opioids", "en")
    assert mid_enumeration("多重并行过程——NMDA/神经可塑性、BDNF、阿片", "zh")
    assert not mid_enumeration("多重并行过程——NMDA、BDNF和阿片", "zh")


def test_truncated_document_on_both_sides_and_carry_over():
    en = EN + "\n- Multiple parallel processes — NMDA/neuroplasticity, BDNF, opi"
    zh = ZH + "\n- 多重并行过程——NMDA/神经可塑性、BDNF、阿片\n"
    found = run_check(Truncation, aligned(en, zh))
    assert sorted(where(found)) == [("A003", 7, 3), ("A003", 7, 61)]
    src = next(f for f in found if f.target is None)
    assert src.source.path == "en/doc.md" and "mid-word" in src.message
    assert "no final newline" in src.message
    # A faithful translation of a truncated source: one finding, on the source, that names
    # the translation too (one finding per defect).
    zh_full = ZH + "\n- 多重并行过程——NMDA/神经可塑性、BDNF和阿片系统共同起作用。\n"
    [carried] = run_check(Truncation, aligned(en, zh_full))
    assert where([carried]) == [("A003", 7, 61)] and carried.side == "source"
    assert (carried.target.path, carried.target.line) == ("zh/doc.md", 7)
    assert carried.message.endswith("its translation renders the cut text, so it is "
                                    "incomplete too")


def test_translation_far_shorter_and_unpunctuated_is_truncated():
    zh = ZH.replace("它在数小时内通过涉及glutamate信号传导和内源性阿片系统的多重机制起效。",
                    "它在数小时内")
    beads = [((k,), (k,)) for k in range(5)]
    found = run_check(Truncation, aligned(EN, zh, beads=beads))
    assert where(found) == [("A003", 3, 14)]


def test_paragraph_without_the_full_stop_its_siblings_have():
    en = "".join(f"Dose {k} works well in most patients, the study reports.\n\n"
                 for k in range(4))
    zh = "".join(f"研究报告称，剂量{k}对大多数患者效果良好，且副作用较少，耐受性也相当不错，适合长期门诊使用{end}\n\n"
                 for k, end in zip(range(4), "。。，。", strict=True)).replace("，\n", "\n")
    # A missing full stop alone is no evidence of a cut (titles, lead-ins, alt text and
    # table cells end without one on real pages): A003 needs more than that.
    assert run_check(Truncation, aligned(en, zh)) == []


def test_document_whose_end_is_untranslated():
    zh = "# 氯胺酮\n"
    found = run_check(Truncation, aligned(EN, zh))
    assert [f.code for f in found] == ["A003"]
    assert "ends early" in found[0].message and found[0].target.line == 1


def test_drift_on_low_confidence_and_on_disjoint_anchors():
    doc = aligned("BDNF binds TrkB receptors at 10 nM.\n", "患者在3天内感受到缓解，HNK。\n")
    assert where(run_check(Drift, doc)) == [("A004", 1, 1)]
    low = aligned("It works quickly.\n", "它起效很快。\n", confidence=0.1)
    assert [f.confidence for f in run_check(Drift, low)] == [0.1]
    assert run_check(Drift, aligned("It works quickly.\n", "它起效很快。\n")) == []


def test_length_ratio_outlier_under_the_document_model():
    en = "".join(f"Patient {i} reported relief within days of the first dose.\n\n"
                 for i in range(8)) + "Ketamine is addictive.\n"
    zh = "".join(f"第{i}位患者报告在首次给药后数天内得到缓解。\n\n" for i in range(8)) + \
        "氯胺酮具有真实的成瘾性，部分人会发展出强迫性使用模式，损害工作、人际关系和经济状况，" \
        "并且在停药以后仍会长期渴求这种药物带来的解离体验。\n"
    found = run_check(LengthRatio, aligned(en, zh))
    assert where(found) == [("A005", 17, 1)]
    assert run_check(LengthRatio, aligned(EN, ZH)) == []


# ---------------------------------------------------------------------------------------------
# A001 and A004 with semantic evidence (the real embedding model; tests/qa/checks/test_semantic.py
# checks the evidence itself)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the embedding cache (.bitext-cache) goes here


def test_untranslated_source_sentences_one_finding_per_run(in_tmp):
    en = ("# Ketamine\n\nKetamine is a dissociative anesthetic. It acts within hours. "
          "It is addictive.\n\nEffects appeared within 10–15 minutes. The acute state resolved "
          "within two hours.\n")
    zh = "# 氯胺酮\n\n氯胺酮是一种解离性麻醉剂。\n\n效果在10–15分钟内出现。\n"
    beads = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,)), ((5,), ())]
    doc = aligned(en, zh, beads=beads)
    found = run_check(Omission, doc)
    assert where(found) == [("A001", 3, 40), ("A001", 5, 40)]
    assert [f.message for f in found] == [
        'source 2 sentences have no translation: "It acts within hours. It is addictive."',
        'source sentence has no translation: "The acute state resolved within two hours."']
    assert found[0].source.end_column == 78 and found[0].target is None
    assert {f.severity.value for f in found} == {"error"}
    # Semantic evidence plays no part in this branch.
    assert where(run_check(Omission, doc, semantic_evidence=False)) == where(found)


def test_a_third_of_the_predicted_length_is_a_missing_clause_in_a_loose_document():
    # MAC-Dev 005 with its last two clauses dropped: 2.8 deviations short under a literary
    # document's length model (ratio 0.86, variance 4.2) — not 3 — but 28% of the length.
    doc = aligned("The trolley was half empty; the after-work rush hour was over and "
                  "Shanghai's nightlife had yet to begin.\n", "电车上有些空。\n")
    loose = LengthModel(0.86, 4.2)
    size = alignment.measure(doc.pairs[0], loose)
    assert (round(size.z, 2), round(size.target / size.expected, 2)) == (-2.82, 0.28)
    assert alignment.missing_clause(doc.pairs[0], loose)
    # Over half the predicted length, 2.3 deviations short, is a loose rendering.
    assert not alignment.missing_clause(doc.pairs[0], LengthModel(0.43, 0.6))


def test_a_one_clause_sentence_rendered_in_a_third_of_its_length_lost_part_of_it():
    # MAC-Dev 005 with the Chinese cut at its first comma (两人上车，… → 两人上车。): the English
    # has no comma, so no clause of its own is missing, but the rendering is 31% of the
    # length a literary document predicts, 2.2 deviations short, and most words are not found.
    doc = aligned("To get to the studio they had to take the trolley and make a transfer.\n",
                  "两人上车。\n")
    loose = LengthModel(0.86, 4.2)
    size = alignment.measure(doc.pairs[0], loose)
    assert (round(size.z, 2), round(size.target / size.expected, 2)) == (-2.16, 0.31)
    assert alignment._clauses(doc.pairs[0].source_text) == 1
    assert alignment.missing_clause(doc.pairs[0], loose)
    # Twice the length, 62% of it: a terse rendering, not a lost clause.
    assert not alignment.missing_clause(doc.pairs[0], LengthModel(0.43, 0.6))
    # A heading is terse by nature ("与上次重试的间隔时间" → "Interval" in a docs table).
    heading = aligned("# To get to the studio they had to take the trolley and make a transfer\n",
                      "# 两人上车\n")
    size = alignment.measure(heading.pairs[0], loose)
    assert size.z < alignment.SHORT_Z and size.target / size.expected < alignment.SHORT_SHARE
    assert not alignment.missing_clause(heading.pairs[0], loose)


NEITHER = "Neither of them paid attention during their classes that afternoon.\n"


@pytest.mark.parametrize(("zh", "model", "z", "share", "found", "missing"), [
    # MAC-Dev 005 cut at its first comma (这一天的课，… → 这一天的课。): 36% of the predicted
    # length and 1.7 deviations short (not a third, not 2 deviations), and none of the
    # English words is found in it.
    ("这一天的课。", LengthModel(0.86, 6.0), -1.71, 0.36, 0.0, True),
    # As short under a wordier document's model, with two of the five words found (下午, 课):
    # a terse rendering.
    ("下午上课不专心。", LengthModel(1.1, 6.0), -2.13, 0.38, 0.4, False),
])
def test_a_short_translation_without_the_source_words_lacks_part_of_it(zh, model, z, share,
                                                                       found, missing):
    pair = aligned(NEITHER, zh + "\n").pairs[0]
    size = alignment.measure(pair, model)
    assert (round(size.z, 2), round(size.target / size.expected, 2)) == (z, share)
    assert word_share(pair.source_text, "en", pair.target_text, "zh") == found
    assert alignment.missing_clause(pair, model) is missing


def test_a_translation_that_keeps_only_the_figure_is_no_missing_clause():
    # "过滤效果如下图所示：![Tag过滤](…)" rendered by the figure alone: its length is the alt text's.
    doc = aligned("The filtering effect of tags on the messages is shown in the figure below, and "
                  "the real-time system receives all of them: ![Tag filter](a.png)\n",
                  "![Tag过滤](a.png)\n")
    pair = doc.pairs[0]
    assert alignment._images_only(doc, pair.target) and not alignment._images_only(doc, pair.source)
    assert alignment.missing_clause(pair, LengthModel(0.86, 4.2))
    assert run_check(Omission, doc) == []


def test_a_short_sentence_cut_in_half_is_cut_off(in_tmp):
    # MAC-Dev 006 cut after 抽走了: 61% of the predicted length but only 18 units short (less
    # than a clause's worth, which alone would pass for a terse rendering missing its period).
    pairs = KETAMINE[:6] + [("But Sha then deprived him of this last glimmer of hope.",
                             "但沙瑞山立刻抽走了")] + KETAMINE[6:8]
    doc = aligned("\n\n".join(s for s, _ in pairs) + "\n", "\n\n".join(t for _, t in pairs) + "\n")
    size = alignment.measure(doc.pairs[6], alignment._model(doc))
    assert (round(size.target / size.expected, 2), round(size.expected - size.target)) == (0.61, 18)
    [f] = run_check(Truncation, doc)
    assert where([f]) == [("A003", 13, 1)] and f.severity.value == "warning"
    assert f.message.startswith("translation is cut off: it is 61% of the length")


def test_a_sentence_cut_before_its_last_clause_is_cut_off():
    # MAC-Dev 002 cut after 收脚不住: 75% of the predicted length and 14 units short, which
    # length alone takes for a terse rendering; but the English's last clause ("and went
    # crashing to the ground") has no word in it.
    pairs = KETAMINE[:6] + [("Trinket was unable to rein himself in, and went crashing to "
                             "the ground.", "韦小宝扑了个空，本已收脚不住")] + KETAMINE[6:8]
    doc = aligned("\n\n".join(s for s, _ in pairs) + "\n", "\n\n".join(t for _, t in pairs) + "\n")
    [f] = run_check(Truncation, doc)
    assert where([f]) == [("A003", 13, 1)] and f.severity.value == "warning"
    assert f.message == (
        "translation is cut off: it ends without the punctuation that its counterpart and the "
        "sentences around it have, and renders nothing of its counterpart's last clause "
        '("and went crashing to the ground")')
    # With its last clause rendered, the same unpunctuated line is a terse translation.
    pairs[6] = (pairs[6][0], "韦小宝收脚不住，摔倒在地面上")
    doc = aligned("\n\n".join(s for s, _ in pairs) + "\n", "\n\n".join(t for _, t in pairs) + "\n")
    assert run_check(Truncation, doc) == []
    # A one-clause counterpart gives no last clause to miss: length decides, as before.
    [sentence] = aligned("Doves cooed in the fields.\n", "高粱地里传来鸽\n").alignment.source.sentences
    assert alignment._lost_end(sentence, [sentence]) is None


def test_a_text_divided_into_verses_ends_paragraphs_at_commas_by_its_own_style():
    # Genesis 8 as the Bible data divides it: a verse per paragraph, some ending at a comma
    # on both sides. A paragraph ending at a comma is a cut only where that is rare.
    verses = [("And the waters returned from off the earth continually:",
               "水从地上渐退。"),
              ("And the ark rested in the seventh month, on the seventeenth day of the month,",
               "七月十七日，方舟停在亚拉腊山上，"),
              ("upon the mountains of Ararat. And the waters decreased continually.",
               "水又渐消，直到十月，"),
              ("In the tenth month, on the first day of the month, were the tops of the "
               "mountains seen.", "十月初一日，山顶都现出来了。"),
              ("And it came to pass at the end of forty days,", "过了四十天，"),
              ("that Noah opened the window of the ark which he had made:",
               "挪亚开了方舟的窗户。")]
    verse_doc = aligned("\n\n".join(e for e, _ in verses) + "\n",
                        "\n\n".join(z for _, z in verses) + "\n")
    assert alignment._ends_at_commas(verse_doc.alignment.target)
    assert run_check(Truncation, verse_doc) == []
    # The same comma ending amid the sentences of an ordinary document is a cut.
    pairs = KETAMINE[:8] + [("Burst firing releases BDNF in the brain, which then binds TrkB "
                             "receptors and grows new dendritic branches.",
                             "爆发式放电使大脑释放BDNF，")]
    doc = aligned("\n\n".join(e for e, _ in pairs) + "\n", "\n\n".join(z for _, z in pairs) + "\n")
    assert not alignment._ends_at_commas(doc.alignment.target)
    [f] = run_check(Truncation, doc)
    assert f.message.startswith('translation is cut off: it stops mid-clause (after "，")')


def test_a_paragraph_ending_in_a_word_in_strictly_punctuated_prose_is_cut(in_tmp):
    # A novel ends every paragraph with punctuation: a translation that stops in a word
    # ("氯胺酮阻断抑制性神经元上的NMDA", its end lost) is cut, however much of it is left.
    pairs = KETAMINE * 4  # 56 paragraphs a side
    cut = "氯胺酮阻断抑制性神经元上的NMDA"

    def document(zh_pairs):
        return aligned("\n\n".join(e for e, _ in pairs) + "\n",
                       "\n\n".join(z for _, z in zh_pairs) + "\n")

    zh = list(pairs)
    zh[17] = (pairs[17][0], cut)
    [f] = run_check(Truncation, document(zh))
    assert (f.target.line, f.target.text) == (35, cut)
    assert "in a text whose paragraphs all end with it" in f.message
    # Fewer paragraphs are no evidence of a style: the length alone is too little here.
    short = list(KETAMINE)
    short[3] = (short[3][0], cut)
    assert run_check(Truncation, aligned("\n\n".join(e for e, _ in KETAMINE) + "\n",
                                         "\n\n".join(z for _, z in short) + "\n")) == []
    # Other paragraphs cut mid-clause do not make the text one that leaves paragraphs bare
    # (a 1-in-100 allowance): each cut is still found, the bare one with them.
    many = list(zh)
    for k in (3, 30):
        many[k] = (pairs[k][0], pairs[k][1][:6] + "的")
    found = run_check(Truncation, document(many))
    assert [f.target.line for f in found] == [7, 35, 61]
    # A paragraph the next one goes on with ("——…") is not cut.
    zh[18] = (pairs[18][0], "——" + pairs[18][1])
    assert run_check(Truncation, document(zh)) == []


def test_a_translation_repeated_for_another_source_sentence_is_drift(in_tmp, monkeypatch):
    # Pasted at the wrong place: sentence 9's translation repeats sentence 4's word for word,
    # and matches sentence 4's source far better than its own.
    monkeypatch.setattr(alignment, "drift_reason", lambda *args: None)  # the repeat alone
    pairs = list(KETAMINE)
    pairs[9] = (pairs[9][0], pairs[4][1])
    doc = aligned("\n\n".join(e for e, _ in pairs) + "\n", "\n\n".join(z for _, z in pairs) + "\n")
    [f] = run_check(Drift, doc)
    assert (f.source.line, f.target.line) == (19, 19)
    assert f.message.startswith("the translation repeats word for word that of source line 9 "
                                "(\"Excitatory neurons then begin burst firing.\"), another "
                                "sentence, which it matches far better")
    # Two sources that say the same thing may share one translation: both match it.
    pairs = list(KETAMINE)
    pairs[9] = ("Ketamine blocks the NMDA receptors of inhibitory neurons.", pairs[3][1])
    doc = aligned("\n\n".join(e for e, _ in pairs) + "\n", "\n\n".join(z for _, z in pairs) + "\n")
    assert run_check(Drift, doc) == []


def test_a_sentence_copied_into_another_translation_is_an_addition(in_tmp):
    # Sentence 4's translation pasted after sentence 9's: one English sentence against two
    # Chinese ones, the second the word-for-word translation of a source it does not say.
    en = "\n\n".join(e for e, _ in KETAMINE) + "\n"
    zh = "\n\n".join(z + (KETAMINE[4][1] if k == 9 else "") for k, (_, z) in
                      enumerate(KETAMINE)) + "\n"
    beads = ([((k,), (k,)) for k in range(9)] + [((9,), (9, 10))]
             + [((k,), (k + 1,)) for k in range(10, 14)])
    [f] = run_check(Addition, aligned(en, zh, beads=beads))
    assert (f.target.line, f.target.column, f.target.text) == (19, 13, KETAMINE[4][1])
    assert f.message.startswith("target sentence seems added: it repeats word for word the "
                                "translation of source line 9 (\"Excitatory neurons then "
                                "begin burst firing.\")")
    # Where the source says it too, the repeated sentence is rendered, not added.
    said = en.replace(KETAMINE[9][0], KETAMINE[9][0][:-1] + ", and " + KETAMINE[4][0])
    assert run_check(Addition, aligned(said, zh, beads=beads)) == []


ORPHAN = "The old museum on the hill reopened last spring after a long renovation."


def test_source_sentence_absorbed_into_a_two_to_one_pair_is_unmatched(in_tmp):
    # The translation of ORPHAN was dropped and the aligner made a 2-1 bead of it and the
    # sentence before: "Ketamine can be addictive. <ORPHAN>" ↔ "氯胺酮可能成瘾。"
    doc = _absorbed_orphan()
    found = run_check(Omission, doc)
    assert where(found) == [("A001", 21, 1)]  # the translation it is aligned with …
    [f] = found
    assert (f.source.line, f.source.column) == (21, 28)  # … and the sentence it lacks
    assert f.severity.value == "warning"
    assert (f.source.text, f.target.text) == (ORPHAN, "氯胺酮可能成瘾。")
    assert f.message.startswith("source sentence seems untranslated: it matches nothing in the "
                                'translation it is aligned with ("The old museum on the hill')
    # The branch needs the semantic evidence …
    assert run_check(Omission, doc, semantic_evidence=False) == []
    # … and a faithful document gives nothing to report.
    assert run_check(Omission, ketamine_document()) == []


ABSORBED = "The village bus came late again today."


def _absorbed_orphan(rendering: str | None = None):
    """KETAMINE with ORPHAN after sentence 10 in English and a 2-1 bead of the two against
    the Chinese of sentence 10 (or ``rendering`` in its place)."""
    en = "\n\n".join(s + (" " + ORPHAN if k == 10 else "") for k, (s, _) in enumerate(KETAMINE))
    zh = "\n\n".join(rendering if k == 10 and rendering else t
                      for k, (_, t) in enumerate(KETAMINE))
    beads = ([((k,), (k,)) for k in range(10)] + [((10, 11), (10,))]
             + [((k + 1,), (k,)) for k in range(11, 14)])
    return aligned(en + "\n", zh + "\n", beads=beads)


def test_an_absorbed_sentence_is_found_by_the_lengths_alone(in_tmp, monkeypatch):
    # Where the neighbouring pair says nothing (made to here), the lengths stand in: 氯胺酮可能
    # 成瘾。 is 3.9 deviations short for both English sentences, of the length the first
    # predicts, and has none of ORPHAN's words.
    monkeypatch.setattr(alignment, "_lowers_neighbour", lambda *args: False)
    doc = _absorbed_orphan()
    pair, model = doc.pairs[10], alignment._model(doc)
    units = length_units(ORPHAN)
    rest = length_units(pair.source[0].text)
    target = length_units(pair.target_text)
    assert (round(model.z(rest + units, target), 1), round(model.z(rest, target), 1)) == (-3.9, 0.2)
    assert alignment._renders_the_rest(pair, pair.source[1], units, model)
    [f] = run_check(Omission, doc)
    assert (f.source.line, f.source.column, f.source.text) == (21, 28, ORPHAN)
    # Rendered in the same Chinese sentence, the two English sentences are no omission.
    both = _absorbed_orphan("氯胺酮可能成瘾，山上的老博物馆经过长期翻修，去年春天重新开放。")
    pair = both.pairs[10]
    assert not alignment._renders_the_rest(pair, pair.source[1], units, alignment._model(both))
    assert run_check(Omission, both) == []

def test_sentence_absorbed_into_a_merge_gets_no_clause_of_its_target(in_tmp):
    # Too short (32 units) for unmatched_source, but it lowers the similarity of its bead and
    # of the pair after it, has none of its words in "氯胺酮可能成瘾。", and the target's one
    # clause goes to "Ketamine can be addictive."
    en = "\n\n".join(s + (" " + ABSORBED if k == 10 else "") for k, (s, _) in enumerate(KETAMINE))
    zh = "\n\n".join(t for _, t in KETAMINE)
    beads = ([((k,), (k,)) for k in range(10)] + [((10, 11), (10,))]
             + [((k + 1,), (k,)) for k in range(11, 14)])
    doc = aligned(en + "\n", zh + "\n", beads=beads)
    semantic = alignment.semantic_evidence(doc, CheckContext(settings=Settings(), corpus=[doc]))
    assert alignment.unmatched_source(doc.pairs[10], alignment._model(doc), semantic) is None
    assert alignment.absorbed_source(doc, 10, semantic).text == ABSORBED
    [f] = run_check(Omission, doc)
    assert (f.source.line, f.source.column, f.source.text) == (21, 28, ABSORBED)
    assert f.target.text == "氯胺酮可能成瘾。" and f.severity.value == "warning"
    assert run_check(Omission, doc, semantic_evidence=False) == []


def test_a_merge_the_aligner_was_unsure_of_needs_neither_the_neighbour_nor_the_lengths(
        in_tmp, monkeypatch):
    # The neighbour's and the lengths' tests made to say nothing: a 2-1 bead the aligner held
    # at confidence 0.3 (it nearly left ABSORBED alone) is enough, with ABSORBED losing its
    # bead's similarity, none of its words in "氯胺酮可能成瘾。" and no clause of it.
    monkeypatch.setattr(alignment, "_lowers_neighbour", lambda *args: False)
    monkeypatch.setattr(alignment, "_renders_the_rest", lambda *args: False)
    en = "\n\n".join(s + (" " + ABSORBED if k == 10 else "") for k, (s, _) in enumerate(KETAMINE))
    zh = "\n\n".join(t for _, t in KETAMINE)

    def merged(confidence):
        beads = ([((k,), (k,)) for k in range(10)] + [((10, 11), (10,), confidence)]
                 + [((k + 1,), (k,)) for k in range(11, 14)])
        return aligned(en + "\n", zh + "\n", beads=beads)

    unsure = merged(0.3)
    semantic = alignment.semantic_evidence(unsure, CheckContext(settings=Settings(),
                                                                corpus=[unsure]))
    assert alignment.absorbed_source(unsure, 10, semantic).text == ABSORBED
    [f] = run_check(Omission, unsure)
    assert (f.source.line, f.source.column, f.source.text) == (21, 28, ABSORBED)
    # Held at 0.4 or above, the merge stands.
    assert run_check(Omission, merged(alignment.ABSORBED_UNSURE)) == []
    # Two sentences rendered as one Chinese sentence are no omission, however unsure.
    zh = "\n\n".join([t for _, t in KETAMINE[:10]] + ["氯胺酮可能成瘾，有些人会形成强迫性使用模式。"]
                      + [t for _, t in KETAMINE[12:]])
    beads = ([((k,), (k,)) for k in range(10)] + [((10, 11), (10,), 0.2)]
             + [((k,), (k - 1,)) for k in range(12, 14)])
    faithful = aligned("\n\n".join(s for s, _ in KETAMINE) + "\n", zh + "\n", beads=beads)
    assert run_check(Omission, faithful) == []


def test_two_sentences_rendered_as_one_are_not_absorbed(in_tmp):
    en = "\n\n".join(s for s, _ in KETAMINE)
    zh = "\n\n".join([t for _, t in KETAMINE[:10]] + ["氯胺酮可能成瘾，有些人会形成强迫性使用模式。"]
                     + [t for _, t in KETAMINE[12:]])
    beads = ([((k,), (k,)) for k in range(10)] + [((10, 11), (10,))]
             + [((k,), (k - 1,)) for k in range(12, 14)])
    doc = aligned(en + "\n", zh + "\n", beads=beads)
    semantic = alignment.semantic_evidence(doc, CheckContext(settings=Settings(), corpus=[doc]))
    assert alignment.absorbed_source(doc, 10, semantic) is None
    assert run_check(Omission, doc) == []


def test_a_sentence_whose_words_the_target_has_is_not_unmatched_in_both_directions():
    # MAC-Dev 005: a free 2-1 merge whose short sentence the embedding places at chance, but
    # whose words ("dockyard" → 码头) the target has.
    en = aligned("The film studio was a hubbub of activity, like a busy dockyard.\n",
                 "片厂里闹哄哄的，货码头似的，唯有那女人是个不动弹的样子。\n")
    assert not _words_missing(en.pairs[0].source[0], en.pairs[0].target)
    zh = aligned("The film studio was noisy like a dockyard, only that woman lay still.\n",
                 "片厂里闹哄哄的，像个货码头。\n")
    assert not _words_missing(zh.pairs[0].target[0], zh.pairs[0].source)
    # The ORPHAN of the test above has none of its words in its bead's target.
    doc = aligned("Ketamine can be addictive. " + ORPHAN + "\n", "氯胺酮可能成瘾。\n")
    assert _words_missing(doc.alignment.source.sentences[1], doc.pairs[0].target)


def test_drift_when_the_meaning_is_unrelated(in_tmp):
    # "Naltrexone blocks opioid receptors." rendered as "bring an umbrella, it will rain":
    # no number and no Latin term on either side, and a confident alignment (0.9), so only
    # the semantic evidence can tell.
    doc = ketamine_document({7: "明天下午会下大雨，记得带伞。"})
    found = run_check(Drift, doc)
    assert where(found) == [("A004", 15, 1)]
    assert (found[0].source.text, found[0].target.text) == (
        "Naltrexone blocks opioid receptors.", "明天下午会下大雨，记得带伞。")
    assert "the translation's meaning seems far from the source's" in found[0].message
    assert "close to that of unrelated sentences" in found[0].message
    assert run_check(Drift, doc, semantic_evidence=False) == []
    assert run_check(Drift, ketamine_document()) == []


def test_drift_when_the_translation_renders_another_source_sentence(in_tmp):
    # The translation of the last sentence pasted in place of the second's: it matches its
    # own source 2.4 deviations below the typical pair (not enough on its own) and the last
    # source sentence like an aligned pair.
    doc = ketamine_document({1: KETAMINE[13][1]})
    [found] = run_check(Drift, doc)
    assert where([found]) == [("A004", 3, 1)]
    assert found.message == (
        "the translation seems to render another source sentence: source line 27 (\"Effects "
        "appear within fifteen minutes.\"), which it matches like an aligned pair (+0.8 "
        "standard deviations)")
    # Pasted next door (the neighbour's translation) it is the aligner's business, not drift.
    ctx = CheckContext(settings=Settings())
    near = ketamine_document({1: KETAMINE[2][1]})
    semantic = alignment.semantic_evidence(near, CheckContext(settings=Settings(),
                                                              corpus=[near]))
    assert alignment.misplaced_source(near, near.pairs[1], semantic) is None
    # Unrelated as well as misplaced: both are said.
    both = ketamine_document({0: KETAMINE[9][1]})
    semantic = alignment.semantic_evidence(both, CheckContext(settings=Settings(),
                                                              corpus=[both]))
    reason = alignment.drift_reason(both, both.pairs[0], ctx, semantic)
    assert reason.startswith("the translation's meaning seems far from the source's")
    assert reason.endswith("; it seems to render source line 19 (\"Patients still feel the "
                           "dissociative state.\"), which it matches like an aligned pair "
                           "(+0.9 standard deviations)")


class _Similarity:
    """Semantic evidence with given z-scores for every pair (the thresholds' test)."""

    aligned_spread = 0.1

    def __init__(self, aligned_z: float, chance_z: float) -> None:
        self.aligned_z, self.chance_z = aligned_z, chance_z
        # Every sentence alike: another source sentence scores as the pair's own does.
        self.vectors = SentenceVectors(np.ones((4, 2), dtype=np.float32),
                                       np.ones((4, 2), dtype=np.float32), "stub")

    def pair(self, pair):
        return 0.0

    def z_aligned(self, similarity):
        return self.aligned_z

    def z_chance(self, similarity):
        return self.chance_z


def test_drift_when_the_meaning_is_somewhat_far_and_almost_no_word_matches():
    # MAC-Dev 001 with one sentence swapped for another of its chapter (bench/qa_eval.py's
    # drift): the encoder finds them only 1.8-2.5 deviations apart (the same people, the same
    # scene); no word of either is found in the other.
    ctx = CheckContext(settings=Settings())
    drift = sentence_by_sentence(
        "Suddenly she woke from her trance, her face blushing with embarrassment.",
        "后来她说算了，别为这事吵架。")
    [pair] = drift.pairs
    reason = alignment.drift_reason(drift, pair, ctx, _Similarity(-2.0, 1.0))
    assert reason == ("the translation's meaning seems far from the source's (similarity "
                      "-2.0 standard deviations from this document's aligned pairs) and "
                      "almost none of their words match (0% at most)")
    # Closer to the document's pairs, or closer to chance: no judgement on words alone.
    for z, chance in ((-1.7, 1.0), (-2.0, 1.6)):
        assert alignment.drift_reason(drift, pair, ctx, _Similarity(z, chance)) is None
    # A free translation whose words are found is not drift (忽然 / suddenly, 尴尬 / …).
    free = sentence_by_sentence(
        "Suddenly she woke from her trance, her face blushing with embarrassment.",
        "她忽然醒悟过来，脸上因尴尬而发红。")
    assert alignment.drift_reason(free, free.pairs[0], ctx, _Similarity(-2.0, 1.0)) is None
    # Identifiers on the Chinese side: the dictionary's words cannot judge them.
    code = sentence_by_sentence(
        "The consumer offset is always smaller than or equal to the maximum offset.",
        "ConsumerOffset≤MaxOffset：")
    assert alignment.drift_reason(code, code.pairs[0], ctx, _Similarity(-2.0, 1.0)) is None


def test_drift_ignores_semantic_evidence_of_a_short_document(in_tmp):
    # Eleven pairs (fewer than semantic.MIN_PAIRS): the document's own distribution of
    # similarities is not trusted, so the unrelated pair is not reported.
    doc = ketamine_document({7: "明天下午会下大雨，记得带伞。"})
    short = aligned(*[
        "\n\n".join(d.sentences[k].text for k in range(11)) + "\n"
        for d in (doc.alignment.source, doc.alignment.target)])
    assert run_check(Drift, short) == []


# ---------------------------------------------------------------------------------------------
# A001/A002: what the aligner paired wrongly is judged by the sentence vectors


def _pair(source: str, target: str, source_lang: str, beads: list[tuple]):
    from align.alignment import Alignment, Bead
    from align.reader import parse_document
    from qa.core.run import AlignedDocument

    target_lang = "zh" if source_lang == "en" else "en"
    src = parse_document(source, f"{source_lang}/doc.md", source_lang)
    tgt = parse_document(target, f"{target_lang}/doc.md", target_lang)
    return AlignedDocument("doc.md", Alignment(src, tgt, [Bead(tuple(s), tuple(t), 0.5)
                                                         for s, t in beads]))


def _shifted_beads() -> list[tuple]:
    """Sentence 12 has no translation; the aligner left 11 unpaired and paired 12 with the
    translation of 11 (rocketmq 01how-to-contribute.md: the dev-list item, unpaired, its
    English paired with the subscription steps)."""
    return [((k,), (k,)) for k in range(11)] + [((11,), ()), ((12,), (11,)), ((13,), (12,))]


@pytest.mark.parametrize("source_lang", ["en", "zh"])
def test_a_pair_whose_target_translates_an_unpaired_sentence_moves_the_omission(
        in_tmp, source_lang):
    en = [s for s, _ in KETAMINE]
    zh = [t for _, t in KETAMINE]
    source, target = (en, zh) if source_lang == "en" else (zh, en)
    doc = _pair("\n\n".join(source) + "\n",
                "\n\n".join(t for k, t in enumerate(target) if k != 12) + "\n",
                source_lang, _shifted_beads())
    found = run_check(Omission, doc)
    # The sentence whose translation is missing, not the one the aligner left unpaired.
    assert [(f.source.line, f.severity.value) for f in found] == [(25, "error")]
    assert found[0].message.startswith("source sentence has no translation: ")
    assert source[12][:10] in found[0].message
    assert run_check(Addition, doc) == []


def test_a_stretch_shifted_by_one_on_both_sides_is_neither_omission_nor_addition(in_tmp):
    # Both 5 and the translation of 6 unpaired, 6 paired with the translation of 5.
    en = "\n\n".join(s for s, _ in KETAMINE) + "\n"
    zh = "\n\n".join(t for _, t in KETAMINE) + "\n"
    beads = ([((k,), (k,)) for k in range(5)] + [((5,), ()), ((6,), (5,)), ((), (6,))]
             + [((k,), (k,)) for k in range(7, 14)])
    for doc in (_pair(en, zh, "en", beads), _pair(zh, en, "zh", beads)):
        assert run_check(Omission, doc) == [] and run_check(Addition, doc) == []


# rocketmq 01-introduction/02concepts.md zh:21 / en:23: one zh sentence rendered as two en
# sentences; the aligner paired the second only, and too few of the first one's words are
# found in the zh sentence for the word evidence to place it.
SPLIT_ZH = ("消息是 Apache RocketMQ 中的最小数据传输单元。"
            "生产者将业务数据的负载和拓展属性包装成消息发送到服务端，服务端按照相关语义将消息投递到消费端进行消费。")
SPLIT_EN = ("A message is the smallest unit of data transmission in Apache RocketMQ. "
            "A producer encapsulates the load and extended attributes of business data into "
            "messages and sends the messages to a Apache RocketMQ broker. Then, the broker "
            "delivers the messages to the consumer based on the relevant semantics.")


@pytest.mark.parametrize("source_lang", ["en", "zh"])
def test_a_sentence_rendered_as_two_with_one_left_unpaired_is_the_aligners_miss(
        in_tmp, source_lang, monkeypatch):
    en = "\n\n".join([s for s, _ in KETAMINE] + [SPLIT_EN]) + "\n"
    zh = "\n\n".join([t for _, t in KETAMINE] + [SPLIT_ZH]) + "\n"
    if source_lang == "zh":  # the en side holds the middle sentence unpaired
        beads = [((k,), (k,)) for k in range(15)] + [((), (15,)), ((15,), (16,))]
        doc, check = _pair(zh, en, "zh", beads), Addition
    else:
        beads = [((k,), (k,)) for k in range(15)] + [((15,), ()), ((16,), (15,))]
        doc, check = _pair(en, zh, "en", beads), Omission
    assert run_check(check, doc) == []
    # It is the joined similarity that places it: without it the sentence is reported.
    monkeypatch.setattr(alignment, "SPLIT_GAIN", 99.0)
    doc = _pair(doc.alignment.source.text, doc.alignment.target.text, source_lang, beads)
    assert [f.code for f in run_check(check, doc)] == [check.code]


@pytest.mark.parametrize("source_lang", ["en", "zh"])
def test_an_unrelated_sentence_beside_a_pair_is_still_reported(in_tmp, source_lang):
    # An added sentence lowers its neighbour's similarity instead of raising it.
    en = "\n\n".join([s for s, _ in KETAMINE] + [ORPHAN]) + "\n"
    zh = "\n\n".join(t for _, t in KETAMINE) + "\n"
    beads = [((k,), (k,)) for k in range(14)]
    if source_lang == "en":
        doc, check = _pair(en, zh, "en", beads + [((14,), ())]), Omission
    else:
        doc, check = _pair(zh, en, "zh", beads + [((), (14,))]), Addition
    assert [f.code for f in run_check(check, doc)] == [check.code]


def test_source_ending_in_a_dangling_word_amid_punctuated_prose_is_cut_at_any_length():
    # MAC-Dev's "Who knows, He might give us the opportunity we are looking for. 'Now I can
    # think of" kind: the English stops after "of" in a document whose paragraphs all end
    # with punctuation. Its length alone (a merged pair, or a cut late in the sentence) may be
    # what the translation predicts; the dangling word says the text stops.
    pairs = KETAMINE + [("The patients who took part in the trial were followed for six "
                             "months and none of",
                             "参加试验的患者被随访了六个月。")]
    doc = aligned("\n\n".join(e for e, _ in pairs) + "\n", "\n\n".join(z for _, z in pairs) + "\n")
    [f] = run_check(Truncation, doc)
    assert f.message.startswith('source is cut off: it stops mid-clause (after "of")')
    assert (f.source.line, f.source.text[-7:]) == (29, "none of")
    # The same ending in a document whose paragraphs end bare (a list of labels) is no cut.
    bare = [(e.rstrip("."), z.rstrip("。")) for e, z in pairs]
    doc = aligned("\n\n".join(e for e, _ in bare) + "\n", "\n\n".join(z for _, z in bare) + "\n")
    assert run_check(Truncation, doc) == []


def test_cut_sentence_paired_with_the_one_before_its_own_is_reported_against_its_own():
    # The translation of "BDNF binds TrkB …" stops after 4 characters, "BDNF与"; finding
    # it short, the aligner put it with the sentence before and left its own unpaired (the
    # MAC-Dev shape "My word is my wand!'" ↔ "两人打得兴起", then "They had both been …"
    # alone).
    en = [e for e, _ in KETAMINE]
    zh = [z for _, z in KETAMINE]
    zh[6] = "BDNF与TrkB受体结"
    beads = _ketamine_beads(((5,), (5, 6)), ((6,), ()))
    doc = _paragraphs(en, zh, beads)
    [f] = run_check(Truncation, doc)
    assert f.message == (
        "translation is cut off: it ends without the punctuation that the sentences around it "
        "have, and is 39% of the length of the unpaired sentence after its counterpart, which "
        "it seems to begin")
    assert (f.target.line, f.target.text) == (13, "BDNF与TrkB受体结")
    assert f.source.text == KETAMINE[6][0]  # the sentence it renders in part, not its pair's
    # A001 leaves the unpaired sentence to A003: one finding for one cut.
    assert run_check(Omission, doc) == []
    # A label on a line of its own ends bare by convention: no cut.
    zh[6] = "**BDNF与TrkB受体结**"
    assert run_check(Truncation, _paragraphs(en, zh, beads)) == []


def _paragraphs(en: list[str], zh: list[str], beads: list[tuple]):
    """The two sides' sentences one paragraph each, aligned by ``beads``."""
    return aligned("\n\n".join(en) + "\n", "\n\n".join(zh) + "\n", beads=beads)


def _ketamine_beads(*merged: tuple) -> list[tuple]:
    """One to one, except the given beads (each side's sentences listed in one of them)."""
    taken_s = {k for b in merged for k in b[0]}
    taken_t = {k for b in merged for k in b[1]}
    ones = [((k,), (k,)) for k in range(len(KETAMINE)) if k not in taken_s and k not in taken_t]
    return sorted([*ones, *merged], key=lambda b: min([*b[0], *b[1]]))


def test_a_cut_sentence_merged_with_the_complete_one_before_it_is_cut_off():
    # MAC-Dev: "Unable to beat me at wrestling, Shan Men Er began to punch me. I kicked him
    # into a manure pit right" against "我一脚把三闷儿踢进了圈前的粪坑，让他沾了一身牛屎。":
    # the cut English sentence, short now, went with the one before it, whose length hides
    # the cut; it ends its paragraph bare amid punctuated prose.
    en = [e for e, _ in KETAMINE]
    en[9] = "Patients still feel"
    zh = [z for _, z in KETAMINE]
    beads = _ketamine_beads(((7,), (7, 8)), ((8, 9), (9,)))
    doc = _paragraphs(en, zh, beads)
    [f] = run_check(Truncation, doc)
    assert f.message.startswith("source is cut off: it ends its paragraph in a word, without "
                                "the punctuation that its counterpart")
    assert (f.source.line, f.source.text) == (19, "Patients still feel")
    # Complete, the same merge is no cut; nor is a bare end where every paragraph ends bare.
    en[9] = KETAMINE[9][0]
    doc = _paragraphs(en, zh, beads)
    assert run_check(Truncation, doc) == []
    bare_en = [e.rstrip(".") for e in en[:9]] + ["Patients still feel"] + \
        [e.rstrip(".") for e in en[10:]]
    bare_zh = [z.rstrip("。") for z in zh]
    doc = _paragraphs(bare_en, bare_zh, beads)
    assert run_check(Truncation, doc) == []


def test_a_cut_paragraph_paired_together_with_the_next_one_is_cut_off():
    # MAC-Dev: "他还说，我的行为够" + "我可以辩解说，我没搞破鞋。" against one English
    # sentence: the cut paragraph is not its side's last sentence, so the side's end and
    # length say nothing; it ends in a word, bare, amid punctuated prose.
    en = [e for e, _ in KETAMINE]
    zh = [z for _, z in KETAMINE]
    zh[5] = "爆发式放电使大脑释放"
    beads = _ketamine_beads(((5,), (5, 6)), ((6,), ()))
    doc = _paragraphs(en, zh, beads)
    [f] = run_check(Truncation, doc)
    assert f.message == (
        "translation is cut off: it ends in a word, without punctuation, at the end of its "
        "paragraph amid punctuated prose, and the paragraph after it, paired with the same "
        "counterpart, does not complete it")
    assert (f.target.line, f.target.text) == (11, "爆发式放电使大脑释放")
    # A paragraph broken at a comma goes on in the next one (rocketmq's "因此，为了保证分组
    # 内消息的正常负载和消费，" + "Apache RocketMQ 要求…"): no cut.
    zh[5] = "爆发式放电使大脑释放，"
    doc = _paragraphs(en, zh, beads)
    assert run_check(Truncation, doc) == []


def test_an_english_paragraph_followed_by_one_that_does_not_begin_a_sentence_is_no_cut():
    # "For detailed instructions, please refer to the" + "[Allow a remote computer …](…)
    # document." (rocketmq): the next paragraph goes on with the sentence.
    en = [e for e, _ in KETAMINE]
    en[5], en[6] = "Burst firing releases BDNF in", "the brain and grows new branches."
    zh = [z for _, z in KETAMINE]
    beads = _ketamine_beads(((5, 6), (5,)), ((), (6,)))
    doc = _paragraphs(en, zh, beads)
    assert run_check(Truncation, doc) == []
    en[6] = "The brain grows new branches."
    doc = _paragraphs(en, zh, beads)
    assert [(f.source.line, f.source.text) for f in run_check(Truncation, doc)] == [
        (11, "Burst firing releases BDNF in")]


def test_verbatim_in_other_bares_each_document_once():
    from types import SimpleNamespace

    from qa.checks import alignment

    en = "Set `source_table_name` to the\n table you read.\n| source_table_name | the name |"
    doc = SimpleNamespace(alignment=SimpleNamespace(source=None,
                                                    target=SimpleNamespace(text=en)))
    run = [SimpleNamespace(text="Source_Table_Name", lang="zh")]
    other = [SimpleNamespace(text="sink_table_name", lang="zh")]
    alignment._bare_document.cache_clear()
    assert alignment._verbatim_in_other(doc, run, "target") is True
    assert alignment._verbatim_in_other(doc, other, "target") is False
    assert alignment._bare_document.cache_info().misses == 1


def test_a_short_unpaired_exclamation_in_prose_is_not_an_omission(in_tmp):
    # A literary translation folds "Of course!" into its neighbour and the aligner leaves
    # it unpaired: too short to judge in running prose (alignment.FOLDED_UNITS) ...
    en = ("He asked whether she would come to the party tonight.\n\nOf course!\n\n"
          "She put on her coat and walked out into the rain.\n")
    zh = "他问她今晚会不会来参加聚会。\n\n她穿上外套，走进了雨中。\n"
    beads = [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert run_check(Omission, aligned(en, zh, beads=beads)) == []
    # ... but not on a page with a marked heading, nor once it is a sentence long.
    heading = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]
    found = run_check(Omission, aligned("# Party\n\n" + en, "# 聚会\n\n" + zh, beads=heading))
    assert where(found) == [("A001", 5, 1)]
    longer = en.replace("Of course!", "Of course she would come!")
    assert where(run_check(Omission, aligned(longer, zh, beads=beads))) == [("A001", 3, 1)]


def test_document_vocabulary_counts_latin_words_in_order_never_across_sentences():
    from align.reader import parse_document

    en = parse_document("Topics hold Tags. tags’ Topic\n\nB\n", "en/a.md", "en")
    zh = parse_document("主题（Topic）。标签 tag\n", "zh/a.md", "zh")
    words = alignment.document_vocabulary([en, zh])
    assert list(words.items()) == [("topics", 1), ("hold", 1), ("tags", 1), ("tags’", 1),
                                   ("topic", 2), ("b", 1), ("tag", 1)]


def test_untranslatable_pairs_are_the_same_text_or_code_on_both_sides():
    from align.alignment import SentencePair
    from align.reader import parse_document

    def pair(en: str, zh: str) -> SentencePair:
        return SentencePair(parse_document(en + "\n", "en/a.md", "en").sentences,
                            parse_document(zh + "\n", "zh/a.md", "zh").sentences, 1.0)

    assert alignment.untranslatable(pair("putMessageTimesTotal", "putMessageTimesTotal"))
    assert alignment.untranslatable(pair("Apache  RocketMQ", "apache rocketmq"))
    assert alignment.untranslatable(pair("sh bin/mqadmin", "bin/mqadmin -n"))
    assert not alignment.untranslatable(pair("The broker starts.", "Broker 启动。"))
    assert not alignment.untranslatable(pair("启动", "启动 Broker"))
    assert alignment.untranslatable(pair("启动 Broker", "启动Broker"))
    assert not alignment.untranslatable(pair("The broker starts.", "The broker stops."))


def test_a_side_that_stops_inside_a_quotation_it_opens_is_cut_off():
    # MAC-Dev: "小玄子道：“你不服" for "'Then get up ... and fight!'": the length may be what
    # the source predicts, the open quotation and the missing end say the text stops.
    doc = ketamine_document({9: "患者们都说：“我们仍然清楚地感受到解离状态"})
    [f] = run_check(Truncation, doc)
    assert f.message == ('translation is cut off: it stops inside the quotation it opens '
                         '("“我们仍然清楚地感受到…") without punctuation, where its counterpart '
                         'ends properly')
    assert (f.target.line, f.target.column) == (19, 1)
    # Closed, the quotation is whole: the missing full stop alone is P005's.
    doc = ketamine_document({9: "患者们都说：“我们仍然清楚地感受到解离状态”"})
    assert run_check(Truncation, doc) == []


def test_a_chinese_text_that_stops_after_a_demonstrative_ends_mid_clause():
    # MAC-Dev, a cut the length did not show: "他怎么又跑出这" for "How could he come by a
    # nephew like this one, I just do not know!'".
    assert alignment.ends_mid_clause("他怎么又跑出这", "zh") == "这"
    assert alignment.ends_mid_clause("我们明天再去那", "zh") == "那"
    assert alignment.ends_mid_clause("这件事就是这样。", "zh") is None


def test_a_sentence_the_aligner_put_a_pair_late_has_its_words_next_door():
    # Numbers 1 (KJV / Chinese Union Version, shortened): the Naphtali verse's translation
    # ends the pair before, where the aligner left it; its own pair renders the next verse.
    doc = aligned("Of the children of Asher, those that were numbered were forty and one thousand "
                  "and five hundred.\n\nThose that were numbered of them, even of the tribe of "
                  "Naphtali, were fifty and three thousand and four hundred.\n\nThese are those "
                  "that were numbered, which Moses and Aaron numbered.\n",
                  "亚设子孙被数的，共有四万一千五百名，拿弗他利子孙被数的，共有五万三千四百名。\n\n"
                  "这些就是被数点的，是摩西、亚伦所数点的。\n",
                  beads=[((0,), (0,)), ((1, 2), (1,))])
    pair = doc.pairs[1]
    naphtali = pair.source[0]
    own = word_share(naphtali.text, "en", pair.target_text, "zh")
    assert own < 0.3
    assert alignment._more_words_next_door(doc, 0, naphtali, own)
    # The verse after it has nothing in the pair after (there is none) …
    assert not alignment._more_words_next_door(doc, 2, pair.source[1], 0.0)
    # … and the Asher verse's words are not in the pair after it.
    asher = doc.pairs[0].source[0]
    assert not alignment._more_words_next_door(
        doc, 1, asher, word_share(asher.text, "en", doc.pairs[0].target_text, "zh"))


ADDED_ZH = "山上的老博物馆经过长期翻修以后，去年春天终于重新对公众开放了。"


def test_a_target_sentence_absorbed_into_a_one_to_two_pair_is_added(in_tmp):
    # A sentence added after the translation of KETAMINE 10, which the aligner pairs with it:
    # "Ketamine can be addictive." ↔ "氯胺酮可能成瘾。<ADDED_ZH>"
    en = "\n\n".join(s for s, _ in KETAMINE)
    zh = "\n\n".join(t + (ADDED_ZH if k == 10 else "") for k, (_, t) in enumerate(KETAMINE))
    beads = ([((k,), (k,)) for k in range(10)] + [((10,), (10, 11))]
             + [((k,), (k + 1,)) for k in range(11, 14)])
    doc = aligned(en + "\n", zh + "\n", beads=beads)
    assert alignment.length_units(ADDED_ZH) >= alignment.ADDED_MIN_UNITS
    [f] = run_check(Addition, doc)
    assert (f.target.line, f.target.column, f.target.text) == (21, 9, ADDED_ZH)
    assert f.source.text == "Ketamine can be addictive."
    assert f.message.startswith("target sentence seems added: nothing in the source it is "
                                "aligned with renders it")
    # Without the semantic evidence, or in a faithful document, nothing.
    assert run_check(Addition, doc, semantic_evidence=False) == []
    assert run_check(Addition, ketamine_document()) == []


def test_a_word_that_ends_in_a_function_character_is_no_open_clause():
    # higress (zh → en): 不可同时存在 ("cannot coexist"), 对应的路由 ("the route") are whole.
    # In a list item (whole_words): such a text is a fragment without its end mark.
    assert alignment.ends_mid_clause("两个插件的配置不可同时存在", "zh", whole_words=True) is None
    assert alignment.ends_mid_clause("请求会被转发到对应的路由", "zh", whole_words=True) is None
    # A conjunction or a lone preposition at the end still leaves the clause open.
    assert alignment.ends_mid_clause("这一步之所以失败是因为", "zh", whole_words=True) == "为"
    assert alignment.ends_mid_clause("氯胺酮阻断抑制性神经元上的", "zh", whole_words=True) == "的"
    # In running prose a cut may fall after any character (MAC-Dev's injected cuts).
    assert alignment.ends_mid_clause("两个插件的配置不可同时存在", "zh") == "在"
