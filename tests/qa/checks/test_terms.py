"""The T-rules on short real text from the ketamine seed, with hand-aligned sentences."""

from pathlib import Path

import pytest

import qa.checks.terms  # noqa: F401 - registers the T-rules
from align.alignment import Alignment, Bead
from align.reader import parse_document
from qa.checks.base import REGISTRY
from qa.core.finding import Severity
from qa.core.run import AlignedDocument, CheckContext
from qa.glossary import Entry, Glossary, Status, load_glossary
from tests.qa.glossary.lines import aligned_lines, aligned_pair
from tests.qa.helpers import aligned

ROOT = Path(__file__).parents[3]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "corpus" / "glossary.tsv")


def run(code, docs, glossary):
    if not isinstance(docs, list):
        docs = [docs]
    ctx = CheckContext(glossary=glossary, corpus=docs)
    return list(REGISTRY[code]().check_corpus(docs, ctx))


def test_registered_with_docs():
    for code, name in [("T001", "term-missing"), ("T002", "term-forbidden"),
                       ("T003", "term-inconsistent"), ("T004", "untranslated"),
                       ("T005", "source-leak")]:
        check = REGISTRY[code]
        assert check.name == name and check.description
        for section in ("## What it does", "## Why it matters", "## Example",
                        "## Use instead"):
            assert section in check.doc


def test_t001_term_missing(glossary):
    doc = aligned_lines(
        ["Title", "- Ketamine is an NMDA receptor antagonist (blocker)"],
        ["标题", "- 氯胺酮是NMDA receptor拮抗剂(阻断剂)"], "ketamine.md", confidence=0.9)
    [f] = run("T001", doc, glossary)
    assert f.message == ("'NMDA receptor' has no approved rendering in the target "
                         "(expected 'NMDA受体')")
    assert (f.source.path, f.source.line, f.source.column) == ("en/ketamine.md", 2, 1)
    assert (f.target.path, f.target.line) == ("zh/ketamine.md", 2)
    assert f.suggestion == "NMDA受体" and f.confidence == 0.9 and f.document == "ketamine.md"


def test_t001_keep_and_plural_renderings_pass(glossary):
    doc = aligned_pair("Ketamine preferentially blocks NMDA receptors on inhibitory neurons; "
                       "PTSD too",
                       "氯胺酮优先阻断抑制性神经元上的NMDA受体，PTSD亦然")
    assert run("T001", doc, glossary) == []
    assert run("T001", aligned_pair("Treating PTSD", "治疗创伤后应激障碍"), glossary)[0] \
        .suggestion == "PTSD"


def test_t002_forbidden_and_deprecated():
    g = Glossary.from_entries([
        Entry("depression", "抑郁症"),
        Entry("depression", "忧郁症", Status.FORBIDDEN),
        Entry("dissociative anesthetic", "解离性麻醉剂"),
        Entry("dissociative anesthetic", "分离性麻醉药", Status.DEPRECATED),
    ])
    doc = aligned_pair("Ketamine is a dissociative anesthetic used for depression",
                       "氯胺酮是一种分离性麻醉药，用于忧郁症")
    found = run("T002", doc, g)
    assert [(f.severity, f.suggestion) for f in found] == [
        (Severity.WARNING, "解离性麻醉剂"), (Severity.ERROR, "抑郁症")]
    assert found[1].message == "'忧郁症' is a forbidden rendering of 'depression'; use '抑郁症'"


def test_t002_shared_form_only_when_source_says_so():
    g = Glossary.from_entries([Entry("receptor", "受体"),
                               Entry("acceptor", "受体", Status.FORBIDDEN)])
    assert run("T002", aligned_pair("the receptor", "受体"), g) == []
    assert len(run("T002", aligned_pair("the acceptor", "受体"), g)) == 1


def test_t003_inconsistent_across_corpus(glossary):
    doc = aligned_lines(
        ["Ketamine acts through glutamate signaling",
         "The brain has excitatory (glutamate-releasing) neurons",
         "BDNF inserts new glutamate receptors"],
        ["氯胺酮通过涉及glutamate信号传导",
         "大脑有兴奋性(释放谷氨酸)神经元",
         "BDNF插入新的谷氨酸受体"], "ketamine.md")
    [f] = run("T003", doc, glossary)
    assert f.message == ("'glutamate' rendered as 'glutamate' (1× in the corpus); the majority "
                         "rendering is '谷氨酸' (2×, e.g. ketamine.md:2)")
    assert (f.source.line, f.target.line, f.suggestion) == (1, 1, "谷氨酸")


def test_t003_consistent_is_quiet(glossary):
    docs = [aligned_pair("BDNF binds TrkB receptors", "BDNF与TrkB受体结合", "a.md"),
            aligned_pair("ketamine may bind TrkB receptors", "氯胺酮可能与TrkB受体结合", "b.md")]
    assert run("T003", docs, glossary) == []


def test_t004_untranslated_flags_glosses_and_words(glossary):
    doc = aligned_pair(
        "ketamine produces relief through glutamate signaling, Neuroplasticity 神经可塑性, "
        "and long-term potentiation",
        "氯胺酮通过涉及glutamate信号传导、Neuroplasticity 神经可塑性"
        "及long-term potentiation产生缓解")
    [f] = run("T004", doc, glossary)
    # 'long-term potentiation' is in the source as it is: a gloss kept by design.
    assert f.message == ("English left in the translation: 'glutamate' (use '谷氨酸'), "
                         "'Neuroplasticity' (use '神经可塑性')")
    assert f.target.line == 1


def test_t004_skips_keep_names_units_urls_and_glossed_forms(glossary):
    doc = aligned_pair(
        "SSRIs like Prozac (Williams, Schatzberg) at 0.5 mg/kg IV; BDNF binds TrkB; PTSD; "
        "see https://example.org/ketamine",
        "SSRIs如Prozac(Williams、Schatzberg)，0.5 mg/kg静脉注射(IV)；BDNF结合TrkB；PTSD；"
        "见 https://example.org/ketamine")
    assert run("T004", doc, glossary) == []
    # A name the translator added is not source text left untranslated.
    assert run("T004", aligned_pair("SSRIs", "Zoloft等SSRIs"), glossary) == []


def test_t004_tokens_identical_on_both_sides_are_not_prose(glossary):
    doc = aligned_lines(
        ["| type | string | Yes | the table name |", "Set rules.header_prefix to true."],
        ["| type | string | 是 | 表名 |", "将 rules.header_prefix 设为 true。"])
    assert run("T004", doc, glossary) == []


def test_t004_an_untranslated_clause_is_reported(glossary):
    doc = aligned_pair("The sink writes rows, and the source reads them back.",
                       "Sink 写入行，and the source reads them back。")
    [f] = run("T004", doc, glossary)
    assert f.message == "English left in the translation: 'and the source reads them back'"


def test_t004_an_english_term_given_with_its_chinese_rendering_is_kept(glossary):
    # istio.io setup/platform-setup/azure: the term in a gloss shortcode, then its rendering.
    from tests.qa.helpers import aligned

    en = "Azure offers a managed control plane add-on for the service mesh.\n"
    doc = aligned(en, "Azure 提供了 {{< gloss >}}managed control plane{{< /gloss >}}（托管控制面）"
                      "加载项。\n")
    assert run("T004", doc, glossary) == []
    # Without the rendering it is English left in the translation.
    doc = aligned(en, "Azure 提供了 {{< gloss >}}managed control plane{{< /gloss >}}加载项。\n")
    assert [f.code for f in run("T004", doc, glossary)] == ["T004"]


def test_t004_a_command_of_the_source_s_code_in_other_spacing_is_kept(glossary):
    # volcano jobtemplate: the command lost its code span and gained a space.
    from tests.qa.helpers import aligned

    doc = aligned("It executes the command `sh -c sleep 10s`.\n",
                  "执行sh -c  sleep 10s这个命令。\n")
    assert run("T004", doc, glossary) == []


def test_t004_into_english_reports_chinese_left_in_the_translation():
    src = parse_document("消费者组是一组消费者。\n\n使用 `消费者` 接口。\n", "zh/a.md", "zh")
    tgt = parse_document("A consumer group 是一组 consumers.\n\nUse the `消费者` API.\n",
                         "en/a.md", "en")
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), (1,))]))
    [f] = run("T004", doc, None)
    assert f.message == "Chinese left in the translation: '是一组'"
    assert run("T005", doc, None) == []  # Latin words in a Chinese source are ordinary


def test_t005_source_leak_both_locations():
    doc = aligned_lines(["Summary", "the monoamine hypothesis: low serotonin, Dopamine 多巴胺, "
                                    "or norepinephrine"],
                        ["摘要", "单胺假说：5-羟色胺、Dopamine 多巴胺或去甲肾上腺素水平低下"])
    [f] = run("T005", doc, None)
    assert f.message == "Chinese text in the English source: '多巴胺'"
    assert (f.source.line, f.target.line) == (2, 2)



def test_t005_a_language_switcher_names_chinese_in_chinese():
    doc = aligned_lines(["English | [简体中文](README_CN.md) | [繁體中文](README_TW.md)"],
                        ["[English](README.md) | 简体中文 | [繁體中文](README_TW.md)"])
    assert run("T005", doc, None) == []

def test_glossary_checks_quiet_without_glossary():
    doc = aligned_pair("glutamate", "谷氨酸")
    for code in ("T001", "T002", "T003"):
        assert run(code, doc, None) == []


def test_seed_findings(glossary):
    """The whole ketamine seed, line-aligned: each finding is a real defect of the text."""
    en_md, zh_md = ROOT / "corpus" / "en" / "ketamine.md", ROOT / "corpus" / "zh" / "ketamine.md"
    seed = Path("/work/shared/seeds/000_21b134badab9422e.txt")
    if en_md.exists() and zh_md.exists():
        en, zh = en_md.read_text(encoding="utf-8"), zh_md.read_text(encoding="utf-8")
    elif seed.exists():
        zh, en = seed.read_text(encoding="utf-8").split("English Original 英文原文\n")
    else:
        pytest.skip("seed document not available")
    doc = aligned_lines(en.rstrip("\n").split("\n"), zh.rstrip("\n").split("\n"), "ketamine.md")
    lines = {code: [f.primary.line for f in run(code, doc, glossary)]
             for code in ("T001", "T002", "T003", "T004", "T005")}
    assert lines == {"T001": [3, 51], "T002": [], "T003": [3, 51],
                     "T004": [3, 18, 26, 51, 54], "T005": [3, 18, 54]}


def test_t001_into_english_asks_for_the_english_term(glossary):
    src = parse_document("氯胺酮增强神经可塑性。\n\n它也影响谷氨酸。\n", "zh/a.md", "zh")
    tgt = parse_document("Ketamine enhances neuroplasticity.\n\nIt also affects glutamic acid.\n",
                         "en/a.md", "en")
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), (1,))]))
    [f] = run("T001", doc, glossary)
    assert f.message == "'谷氨酸' has no approved rendering in the target (expected 'glutamate')"
    assert (f.source.line, f.target.line) == (3, 3)
    for code in ("T002", "T003", "T005"):  # Chinese-target and English-source rules
        assert run(code, doc, glossary) == []


def test_t004_a_list_of_option_values_is_not_a_phrase(glossary):
    # seatunnel sink/Hbase.md: the allowed values stay in English.
    doc = aligned_pair("Valid values are skip, empty.", "可选值为 skip, empty。")
    assert run("T004", doc, glossary) == []


def test_t004_a_bracketed_gloss_or_list_of_kept_words_is_not_left_untranslated(glossary):
    # seatunnel contribution/coding-guide.md and concept/connector-v2-features.md
    doc = aligned_pair("Prefer the base type(int boolean double float...) to wrappers.",
                       "倾向于使用基本数据类型(int boolean double float...)，而不是包装类型。")
    assert run("T004", doc, glossary) == []
    doc = aligned_pair("cdc (change data capture) is supported.",
                       "支持cdc（更改数据捕获，change data capture）。")
    assert run("T004", doc, glossary) == []
    # A clause in brackets that goes on in Chinese is still English left behind.
    doc = aligned_pair("Sinks (and the source reads them) are fast.",
                       "Sink（and the source reads them 回来）很快。")
    [f] = run("T004", doc, glossary)
    assert f.message == "English left in the translation: 'and the source reads them'"


def test_t004_a_two_word_term_spelled_differently_from_the_source_is_kept(glossary):
    # seatunnel seatunnel-engine/separated-cluster-deployment.md: RESTful API ↔ rest api
    doc = aligned_pair("The Master provides RESTful API services.",
                       "Master 提供 rest api 服务。")
    assert run("T004", doc, glossary) == []
    doc = aligned_pair("The Master provides services.", "Master 提供 rest api 服务。")
    [f] = run("T004", doc, glossary)
    assert f.message == "English left in the translation: 'rest api'"


def test_chinese_in_an_english_source_is_found_outside_urls_only():
    # The URLs of a sentence are looked for only once it has a Han run.
    [f] = run("T005", aligned_pair("See 配置 at https://a.cn/配置 now.", "见配置。"), None)
    assert f.message == "Chinese text in the English source: '配置'"
    assert run("T005", aligned_pair("Plain English, no Han text.", "纯中文。"), None) == []
    assert run("T005", aligned_pair("Only in a link: https://a.cn/配置", "链接。"), None) == []


def test_t004_a_command_the_source_has_too_is_carried_over(glossary):
    # A Hugo {{< tab lang="bash" >}} body is text, not a fenced block: the command stays.
    doc = aligned_lines(["helm install operator ./chart", "kubectl apply -f operator.yaml"],
                        ["helm install operator ./chart", "kubectl apply -f operator.yaml"])
    assert run("T004", doc, glossary) == []
    # A sentence left in English is still reported, and so is a command the source lacks.
    doc = aligned_lines(["do not run the server as root"], ["do not run the server as root"])
    [f] = run("T004", doc, glossary)
    assert f.message == "English left in the translation: 'do not run the server as root'"
    doc = aligned_lines(["Install the chart."], ["helm install operator ./chart"])
    [f] = run("T004", doc, glossary)
    assert f.message == "English left in the translation: 'helm install operator'"


def test_t004_the_letters_of_a_name_with_digits_are_no_prose_word(glossary):
    # kubernetes/website pod-qos.md: "cgroup v2" is a name, not two English words.
    doc = aligned_pair("Memory QoS uses the memory controller.",
                       "内存 QoS 使用 cgroup v2 的内存控制器。")
    assert run("T004", doc, glossary) == []
    doc = aligned_pair("Memory QoS uses the memory controller.",
                       "内存 QoS 使用 cgroup manager 的功能。")
    [f] = run("T004", doc, glossary)
    assert f.message == "English left in the translation: 'cgroup manager'"


def test_t004_a_literal_of_the_source_code_is_no_untranslated_prose(glossary):
    # vuejs docs-zh-cn teleport.md: a live demo shows the example's text, which the English
    # page has only in its code block.
    en = "The modal says hello.\n\n```vue\n<p>Hello from the modal!</p>\n```\n"
    zh = "模态框会显示 Hello from the modal!\n\n```vue\n<p>Hello from the modal!</p>\n```\n"
    assert run("T004", aligned(en, zh), glossary) == []
    [f] = run("T004", aligned(en, zh.replace("Hello from", "Greetings from")), glossary)
    assert f.message == "English left in the translation: 'Greetings from the modal'"


def test_an_error_message_quoted_as_the_source_has_it_is_not_untranslated():
    # apache/doris-website's SQL FAQ quotes the error as the user sees it, in both languages.
    en = ("### Q1. Query error: Failed to get scan range, no queryable replica found in "
          "tablet: xxxx\n")
    zh = "### Q1. 查询报错：Failed to get scan range, no queryable replica found in tablet: xxxx\n"
    ctx = CheckContext(corpus=[])
    doc = aligned(en, zh)
    assert list(REGISTRY["T004"]().check_corpus([doc], ctx)) == []
    # English the source does not have, or not introduced as a message, is still reported.
    other = aligned(en, "### Q1. 查询报错：the scan range could not be found\n")
    assert [f.code for f in REGISTRY["T004"]().check_corpus([other], ctx)] == ["T004"]
    plain = aligned("Failed to get the scan range.\n", "查询：Failed to get the scan range。\n")
    assert [f.code for f in REGISTRY["T004"]().check_corpus([plain], ctx)] == ["T004"]


def test_english_quoted_as_the_source_quotes_it_is_a_literal():
    # apache/dolphinscheduler's shell task: the line the demo prints, quoted on both sides.
    en = 'The example is to print one line in the log file: "This is a demo of shell task".\n'
    zh = '该任务仅会在日志文件中打印一行 "This is a demo of shell task"。\n'
    ctx = CheckContext(corpus=[])
    assert list(REGISTRY["T004"]().check_corpus([aligned(en, zh)], ctx)) == []
    unquoted = aligned(en, "该任务仅会在日志文件中打印一行 This is a demo of shell task。\n")
    assert [f.code for f in REGISTRY["T004"]().check_corpus([unquoted], ctx)] == ["T004"]


def test_a_name_given_with_its_chinese_original_is_no_leak():
    # apache/shenyu-website: "ShenYu (神禹)", the project's name and the king's, by pinyin.
    ctx = CheckContext(corpus=[])
    doc = aligned("ShenYu (神禹) is the honorific name of an ancient king.\n",
                  "神禹是一位古代君王的尊称。\n")
    assert list(REGISTRY["T005"]().check_corpus([doc], ctx)) == []
    pasted = aligned("Neuroplasticity (神经可塑性) matters.\n", "神经可塑性很重要。\n")
    assert [f.code for f in REGISTRY["T005"]().check_corpus([pasted], ctx)] == ["T005"]


def test_tex_math_is_no_english_left_in_the_translation():
    # TeX math (TDengine's TDgpt pages write KaTeX): \forall, \mid are operators, not words.
    en = "# Bound\n\nThe bound holds for every x in the set.\n"
    zh = "# 界\n\n对集合中每个 $x$，界 $\\forall x \\in S \\mid x \\le \\max S$ 成立。\n"
    ctx = CheckContext(corpus=[])
    assert list(REGISTRY["T004"]().check_corpus([aligned(en, zh)], ctx)) == []
