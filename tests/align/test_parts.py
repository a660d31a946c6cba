"""Cutting a long document pair into parts at the headings both sides share."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align.parts import heading_words, headings, plan_parts
from align.reader import parse_document

# Sections of a real docs page pair (apache/seatunnel docs, en and zh), their headings
# carrying the names a translation keeps.
EN_SECTION = """## {n}. Connector {name} options

The {name} connector reads rows from the source table. It supports `batch` mode.

### Options of {name}

| name | type | required |
|------|------|----------|
| url  | string | yes |

### Example {n}

```hocon
source {{
  # {name} is not a heading here
  {name} {{ url = "jdbc:x" }}
}}
```

"""
ZH_SECTION = """## {n}. {name} 连接器选项

{name} 连接器从源表读取数据。它支持 `batch` 模式。

### {name} 的选项

| 名称 | 类型 | 是否必须 |
|------|------|----------|
| url  | string | 是 |

### 示例 {n}

```hocon
source {{
  # {name} is not a heading here
  {name} {{ url = "jdbc:x" }}
}}
```

"""
NAMES = ["MySQL", "Kafka", "Doris", "Hive", "Redis", "Pulsar", "Iceberg", "Paimon", "Hudi",
         "Kudu", "MongoDB", "Milvus"]


def long_pair(sections: int) -> tuple[str, str]:
    """A page pair of ``sections`` connector sections (about 600 characters a side each)."""
    en = ["---\ntitle: Connectors\n---\n\n# Connectors\n\n"]
    zh = ["---\ntitle: 连接器\n---\n\n# 连接器\n\n"]
    for k in range(sections):
        name = NAMES[k % len(NAMES)] + str(k // len(NAMES))
        en.append(EN_SECTION.format(n=k + 1, name=name))
        zh.append(ZH_SECTION.format(n=k + 1, name=name))
    return "".join(en), "".join(zh)


def test_headings_skip_front_matter_code_comments_and_boxes():
    text = ("---\n# not: a heading\n---\n# Title\n\n```sh\n# a shell comment\n```\n\n"
            ":::note Heads up\n## inside a box\n:::\n\n<!--\n# commented out\n-->\nText.\n\n"
            "<!-- bitext: ignore A001 -->\n\n## Step 2: Install `bitext`\n")
    found = headings(text)
    assert [(h.line, h.level) for h in found] == [(3, 1), (18, 2)]
    # The cut before the last heading keeps the suppression comment above it with it.
    assert text[found[1].offset:].startswith("<!-- bitext: ignore A001 -->")
    assert found[1].words == frozenset({"step", "2", "install", "bitext"})


def test_a_short_pair_is_not_cut():
    en, zh = long_pair(40)
    assert plan_parts(en, zh, "en", "zh", "doc.md") == []


def test_a_long_pair_is_cut_at_the_same_section_on_both_sides():
    en, zh = long_pair(60)
    parts = plan_parts(en, zh, "en", "zh", "doc.md", split_chars=10_000, part_chars=6_000)
    assert len(parts) >= 4
    assert (parts[0].source_start, parts[0].target_start) == (0, 0)
    assert (parts[-1].source_end, parts[-1].target_end) == (len(en), len(zh))
    for before, after in zip(parts, parts[1:], strict=False):
        assert before.source_end == after.source_start
        assert before.target_end == after.target_start
        assert en.count("\n", 0, after.source_start) == after.source_line_base
        assert zh.count("\n", 0, after.target_start) == after.target_line_base
        # The same section on both sides: "## 7. Connector Paimon0 options" ↔ "## 7. Paimon0 …"
        en_head = en[after.source_start:].split("\n", 1)[0]
        zh_head = zh[after.target_start:].split("\n", 1)[0]
        assert en_head.startswith("## ") and zh_head.startswith("## ")
        assert en_head.split()[1:2] == zh_head.split()[1:2]
        assert en_head.split()[3] == zh_head.split()[2]
    # The same cuts read from the Chinese side as source (zh → en).
    back = plan_parts(zh, en, "zh", "en", "doc.md", split_chars=10_000, part_chars=6_000)
    assert [(p.source_start, p.target_start) for p in back] == \
        [(p.target_start, p.source_start) for p in parts]


def test_no_cut_where_the_sections_do_not_agree():
    en, zh = long_pair(60)
    # The translation's headings carry other names: nothing to be sure of.
    zh = zh.replace("MySQL", "X").replace("Kafka", "Y")
    for name in NAMES:
        zh = zh.replace(name, "某")
    assert plan_parts(en, zh, "en", "zh", "doc.md", split_chars=10_000, part_chars=6_000) == []
    # Not Markdown, or one language on both sides: never cut.
    en, zh = long_pair(60)
    assert plan_parts(en, zh, "en", "zh", "doc.txt", split_chars=10_000, part_chars=6_000) == []
    assert plan_parts(en, en, "en", "en", "doc.md", split_chars=10_000, part_chars=6_000) == []


def test_a_part_parses_with_the_files_lines():
    en, _ = long_pair(60)
    part = parse_document(en[1000:], "en/doc.md", "en", line_base=en.count("\n", 0, 1000))
    whole = parse_document(en, "en/doc.md", "en")
    by_start = {s.start: (s.raw, s.line, s.column, s.end_line) for s in whole.sentences}
    for s in part.sentences[5:40]:
        assert (s.raw, s.line, s.column, s.end_line) == by_start[s.start + 1000]
    assert part.position(0)[0] == en.count("\n", 0, 1000) + 1


_LEVELS = st.integers(min_value=1, max_value=4)
_NAMES = st.sampled_from(["Kafka", "Doris", "v2", "3", "API", "Redis", "", "Zeta 1.2"])
_OFTEN = st.integers(0, 9).map(lambda k: k > 0)
_SOMETIMES = st.integers(0, 9).map(lambda k: k < 2)


@settings(max_examples=60, deadline=None)
@given(sections=st.lists(st.tuples(_LEVELS, _NAMES, _OFTEN, _SOMETIMES),
                         min_size=0, max_size=60),
       crlf=st.booleans(), zh_first=st.booleans())
def test_parts_tile_both_files_at_line_starts(sections, crlf, zh_first):
    # Sections whose translation drops a heading now and then (False) or adds a comment,
    # a box or code around one (True): wherever the cuts fall, the parts cover both files
    # exactly, in order, each starting at a line start with the file's line count before it.
    en, zh = [], []
    for k, (level, name, keep, extra) in enumerate(sections):
        head = "#" * level
        en.append(f"{head} Section {k} {name}\n\nText of section {k}, with `{name}` in it.\n\n")
        if extra:
            zh.append("<!-- bitext: ignore N001 -->\n```sh\n# not a heading\n```\n")
        if keep:
            zh.append(f"{head} 第{k}节 {name}\n\n")
        zh.append(f"第{k}节的正文，其中有 `{name}`。\n\n")
    source, target = "".join(en), "".join(zh)
    if crlf:
        source, target = source.replace("\n", "\r\n"), target.replace("\n", "\r\n")
    if zh_first:
        source, target = target, source
    langs = ("zh", "en") if zh_first else ("en", "zh")
    parts = plan_parts(source, target, *langs, "doc.md", split_chars=500, part_chars=400)
    if not parts:
        return
    assert [p.index for p in parts] == list(range(len(parts)))
    assert {p.count for p in parts} == {len(parts)}
    for text, start, end, base in ((source, "source_start", "source_end", "source_line_base"),
                                   (target, "target_start", "target_end", "target_line_base")):
        assert getattr(parts[0], start) == 0 and getattr(parts[-1], end) == len(text)
        for before, after in zip(parts, parts[1:], strict=False):
            cut = getattr(after, start)
            assert getattr(before, end) == cut and 0 < cut < len(text)
            assert text[cut - 1] == "\n"
            assert text[cut:].startswith(("#", "<!--"))
            assert getattr(after, base) == text.count("\n", 0, cut)


def test_a_book_is_cut_at_its_chapters():
    # Chapter headings carry no Latin word on the Chinese side: their numbers agree.
    en = "".join(f"## Chapter {n}\n\nShe walked home in the rain, thinking of nothing.\n\n"
                 for n in ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
                           "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen",
                           "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
                           "Twenty", "Twenty-One", "Twenty-Two", "Twenty-Three"))
    zh = "".join(f"## 第{n}章\n\n她冒雨走回家，什么也没想。\n\n"
                 for n in ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
                           "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
                           "二十一", "二十二", "二十三"))
    parts = plan_parts(en, zh, "en", "zh", "book.md", split_chars=1_000, part_chars=600)
    assert len(parts) >= 3
    for part in parts[1:]:
        number = en[part.source_start:].split("\n", 1)[0]
        chapter = zh[part.target_start:].split("\n", 1)[0]
        assert heading_words(number) & heading_words(chapter)
    # A translation missing its first chapter is still cut where the chapters agree.
    shifted = zh.replace("## 第一章\n\n她冒雨走回家，什么也没想。\n\n", "", 1)
    parts = plan_parts(en, shifted, "en", "zh", "book.md", split_chars=1_000, part_chars=600)
    assert parts and all(heading_words(en[p.source_start:].split("\n", 1)[0]) &
                         heading_words(shifted[p.target_start:].split("\n", 1)[0])
                         for p in parts[1:])
    # Chapters in the other order: none agrees with its neighbours, no cut.
    backwards = "".join(reversed(["## " + c for c in zh.split("## ")[1:]]))
    assert plan_parts(en, backwards, "en", "zh", "book.md", split_chars=1_000,
                      part_chars=600) == []


def test_sections_that_keep_the_same_names_agree_where_headings_have_none():
    # A Chinese source (zh → en) whose headings hold no Latin word: each section's names and
    # code, which the translation keeps, tell the sections apart.
    zh, en = [], []
    for k in range(40):
        names = f"`broker{k}` `maxMessageSize{k}` `topic_{k}` `rocketmq-{k}.conf`"
        code = f"```properties\nbrokerName=broker{k}\nlistenPort={9000 + k}\n```\n\n"
        zh.append(f"## 配置说明\n\n参数 {names} 决定消息的大小。\n\n{code}")
        en.append(f"## Configuration\n\nThe parameters {names} set the message size.\n\n{code}")
    zh_text, en_text = "".join(zh), "".join(en)
    parts = plan_parts(zh_text, en_text, "zh", "en", "doc.md", split_chars=1_000,
                       part_chars=3_000)
    assert len(parts) >= 3
    for part in parts[1:]:  # the same section on both sides
        assert zh_text[part.source_start:].split("`")[1] == \
            en_text[part.target_start:].split("`")[1]
    # Sections whose names differ from the translation's: nothing to be sure of.
    other = en_text.replace("broker", "node").replace("topic_", "queue_")
    assert plan_parts(zh_text, other, "zh", "en", "doc.md", split_chars=1_000,
                      part_chars=3_000) == []
