"""Cutting a long document pair into parts at the headings both sides share."""

from __future__ import annotations

from align.parts import headings, plan_parts
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
