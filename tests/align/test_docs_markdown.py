"""Documentation-site Markdown (Docusaurus/MDX, Hugo, MkDocs, GitHub) read as its authors mean it.

The fragments are copied from the pages in /work/shared/data/docs/ (apache/seatunnel and
apache/rocketmq-site, Apache License 2.0) where those pages have the construct; the pages have
no setext heading, link reference definition, Hugo shortcode, prose front matter field or
hard-wrapped list item, so those fragments are written in the same style.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from align.document import TEXT_KINDS, BlockKind
from align.reader import parse_document
from tests.align.invariants import assert_lossless

K = BlockKind


def kinds(text: str, lang: str = "en") -> list[str]:
    """The kinds of the non-blank blocks."""
    doc = parse_document(text, "x.md", lang)
    return [b.kind.value for b in doc.blocks if b.kind is not K.BLANK]


def sentences(text: str, lang: str = "en") -> list[tuple[str, int, int]]:
    """Every sentence's text with its 1-based line and column."""
    doc = parse_document(text, "x.md", lang)
    return [(s.text, s.line, s.column) for s in doc.sentences]


# seatunnel/docs/en/start-v2/locally/quick-start-spark.md
FRONT_MATTER = """---
sidebar_position: 4
---

# Quick Start With Spark
"""

# Docusaurus front matter with prose fields (the style of the sites' other pages).
FRONT_MATTER_FIELDS = """---
id: quick-start
title: "Quick Start With Spark"
sidebar_label: 快速开始
description: >-
  Deploy SeaTunnel and run
  a first job.
tags: [spark]
---
"""

TOML_FRONT_MATTER = """+++
title = "概述"
weight = 10
+++
"""

# rocketmq-site/i18n/en/.../02-quickStart/02quickstartWithDocker.md, lines 41-50
MDX_TABS = """## 4.Start Broker and Proxy
After nameserver startup, we proceed to start the Broker and Proxy.

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

<Tabs>
<TabItem value="Linux" label="Linux" default >

```code
# Configure the broker's IP address
echo "brokerIP1=127.0.0.1" > broker.conf
```
</TabItem>
</Tabs>
"""

# A JSX tag whose attributes span lines (the "closing ] without an opening [" case).
JSX_MULTILINE = """<Tabs values={[
  {label: 'Java', value: 'java'},
  {label: 'Go', value: 'go'},
]}>
<TabItem value="java">

Send a message with the Java SDK.

</TabItem>
</Tabs>
"""

# rocketmq-site/versioned_docs/version-5.0/02-quickStart/02quickstartWithDocker.md, lines 3-12
ADMONITION = """这一节介绍如何使用Docker快速部署一个单节点单副本 RocketMQ 服务，并完成简单的消息收发。

:::tip 系统要求

1. 64位操作系统
2. 64位 JDK 1.8+

:::

## 1.拉取RocketMQ镜像
"""

# rocketmq-site/i18n/en/.../02-quickStart/02quickstartWithDocker.md, lines 113-123
LIST_FENCE = """2. Add sdk dependency to *pom.xml*, remember to replace the `rocketmq-client-java-version` \
with the <a href='https://search.maven.org/search?q=g:org.apache.rocketmq'>latest release</a>.

   ```xml
   <dependency>
       <groupId>org.apache.rocketmq</groupId>
   </dependency>
   ```

3. Enter the broker container and create a Topic using mqadmin.
"""

HARD_WRAPPED = """- Before starting, make sure you have downloaded and
  deployed SeaTunnel. Then start the
  cluster with the script.
- Config Spark
in `config/seatunnel-env.sh`.

> Schema evolution is only supported
> by the Zeta engine. It needs a CDC source.
"""

# rocketmq-site/versioned_docs/version-5.0/05-deploymentOperations/02admintool.md, lines 19-26
HTML_BLOCK = """## Topic 相关
<details><summary>Topic 相关参数</summary>

<table border={0} cellPadding={0} cellSpacing={0} width={714}>
  <colgroup>
    <col width={177} />
  </colgroup>
</table>

</details>

<p align="center">
  <img src="../picture/v5/mainarchi.png" alt="领域模型" />
</p>
"""

SETEXT = """Quick Start
===========

Deploy And Config Spark
-----------------------
Read the guide first.
"""

DEFINITIONS = """See the [deployment guide][deploy] first.

[deploy]: https://seatunnel.apache.org/docs/start-v2/locally/deployment "Deployment"
[//]: # (This comment is not rendered.)
"""

SHORTCODE = """{{< figure src="/img/arch.png" >}}
{{% notice tip %}}
Start the NameServer first.
{{% /notice %}}
"""

# rocketmq-site/versioned_docs/version-5.0/03-domainModel/04producer.md, line 23
IMAGE = """![生产者主题关联](../picture/v5/producer_topic.png)
"""

# A translation that keeps the English original in a comment above each paragraph.
COMMENTED_ORIGINAL = """<!-- The producer sends messages to a topic. -->
生产者向主题发送消息。
"""

# seatunnel/docs/en/seatunnel-engine/rest-api-v2.md, lines 127-131 (a table in a quote)
QUOTED_TABLE = """#### Parameters

> | name  |   type   | data type | description |
> |-------|----------|-----------|-------------|
> | jobId | required | long      | job id      |
"""

GITHUB_ALERT = """> [!NOTE]
> Start the NameServer before the Broker.
"""


def test_front_matter_is_one_block_without_prose():
    doc = parse_document(FRONT_MATTER, "x.md", "en")
    assert [b.kind.value for b in doc.blocks] == ["front_matter", "blank", "heading"]
    assert doc.blocks[0].raw == "---\nsidebar_position: 4\n---\n"
    assert sentences(FRONT_MATTER) == [("Quick Start With Spark", 5, 3)]


def test_front_matter_text_fields_are_prose_with_exact_positions():
    doc = parse_document(FRONT_MATTER_FIELDS, "x.md", "en")
    assert [(b.kind.value, b.marker) for b in doc.blocks] == [
        ("front_matter", "---"), ("heading", "title"), ("heading", "sidebar_label"),
        ("paragraph", "description"), ("front_matter", "---")]
    assert sentences(FRONT_MATTER_FIELDS) == [
        ("Quick Start With Spark", 3, 9), ("快速开始", 4, 16),
        ("Deploy SeaTunnel and run\n  a first job.", 6, 3)]
    # A prose field with nothing after it (a mapping below it, or a value left out) is no
    # text, and no crash (the reader raised IndexError on an empty value).
    empty = parse_document("---\ntitle:\ncard:\n  title:\n---\n\n# 组件\n", "x.md", "zh")
    assert [(s.text, s.line) for s in empty.sentences] == [("组件", 7)]
    toml = parse_document(TOML_FRONT_MATTER, "x.md", "zh")
    assert [b.kind.value for b in toml.blocks] == ["front_matter", "heading", "front_matter"]
    assert [(s.text, s.line, s.column) for s in toml.sentences] == [("概述", 2, 10)]


def test_mdx_imports_and_jsx_tags_are_markup():
    assert kinds(MDX_TABS) == ["heading", "paragraph", "mdx_esm", "html", "html", "code", "html",
                              "html"]
    assert sentences(MDX_TABS) == [
        ("4.Start Broker and Proxy", 1, 4),
        ("After nameserver startup, we proceed to start the Broker and Proxy.", 2, 1)]


def test_text_between_jsx_tags_is_markdown():
    doc = parse_document(JSX_MULTILINE, "x.md", "en")
    assert kinds(JSX_MULTILINE) == ["html", "html", "paragraph", "html", "html"]
    assert doc.blocks[0].raw.endswith("]}>\n") and doc.blocks[0].end_line == 4
    assert sentences(JSX_MULTILINE) == [("Send a message with the Java SDK.", 7, 1)]


def test_admonition_markers_and_title():
    doc = parse_document(ADMONITION, "x.md", "zh")
    assert [(b.kind.value, b.marker) for b in doc.blocks if b.kind is not K.BLANK] == [
        ("paragraph", ""), ("heading", ":::tip"), ("list_item", "1."), ("list_item", "2."),
        ("admonition", ":::"), ("heading", "##")]
    assert sentences(ADMONITION, "zh")[1:] == [
        ("系统要求", 3, 8), ("64位操作系统", 5, 4), ("64位 JDK 1.8+", 6, 4),
        ("1.拉取RocketMQ镜像", 10, 4)]
    assert kinds(":::note\n\nText.\n\n::::\n") == ["admonition", "paragraph", "admonition"]
    assert kinds(GITHUB_ALERT) == ["admonition", "paragraph"]
    assert sentences(GITHUB_ALERT) == [("Start the NameServer before the Broker.", 2, 3)]


def test_fence_indented_in_a_list_item_is_code():
    doc = parse_document(LIST_FENCE, "x.md", "en")
    assert kinds(LIST_FENCE) == ["list_item", "code", "list_item"]
    code = next(b for b in doc.blocks if b.kind is K.CODE)
    assert code.raw.startswith("   ```xml\n") and code.raw.endswith("   ```\n")
    assert sentences(LIST_FENCE) == [
        ("Add sdk dependency to pom.xml, remember to replace the rocketmq-client-java-version "
         "with the latest release.", 1, 4),
        ("Enter the broker container and create a Topic using mqadmin.", 9, 4)]
    item = doc.blocks[0]
    assert [sp.kind for sp in item.spans] == ["italic", "code", "html", "html"]


def test_hard_wrapped_list_items_and_quotes_are_one_block():
    doc = parse_document(HARD_WRAPPED, "x.md", "en")
    assert kinds(HARD_WRAPPED) == ["list_item", "list_item", "paragraph"]
    assert sentences(HARD_WRAPPED) == [
        ("Before starting, make sure you have downloaded and\n  deployed SeaTunnel.", 1, 3),
        ("Then start the\n  cluster with the script.", 2, 23),
        ("Config Spark\nin config/seatunnel-env.sh.", 4, 3),
        ("Schema evolution is only supported\nby the Zeta engine.", 7, 3),
        ("It needs a CDC source.", 8, 23)]
    quote = doc.blocks[-1]
    assert quote.text == "Schema evolution is only supported\nby the Zeta engine. It needs a CDC source."


# rocketmq-site i18n/en/…/04-featureBehavior/03fifomessage.md:93-99 (its zh counterpart has
# the two paragraphs of "Inflight" on one bullet line).
ITEM_PARAGRAPHS = """* Inflight: The message is obtained by the consumer and processed based on the local \
business logic of the consumer.

  In this process, the broker waits for the consumer to complete the consumption and submit \
the consumption result.

* Acked: The consumer completes consumption and submits the consumption result to the broker.

"""
# rocketmq-site i18n/en/…/03-domainModel/07consumergroup.md:68-70: the paragraph after the
# bullet is not indented, so it is no longer part of the item.
FALLEN_OUT = """* Definition: the set of subscription relationships that are associated with the \
current consumer group.

Consumers dynamically register subscriptions for consumer groups.
"""
# rocketmq-site versioned_docs/…/09-streams/01RocketMQ Streams Overview.md:20-21
ZH_HARD_WRAPPED = """计算实例实质上是依赖了Rocket-streams SDK的client，因此，计算实例消费的MQ依赖RocketMQ rebalance分配，
计算实例总个数也不能大于消费总MQ个数，否则将有部分计算实例处于等待状态，消费不到数据。
"""


def test_an_indented_paragraph_after_a_list_item_belongs_to_the_item():
    doc = parse_document(ITEM_PARAGRAPHS, "x.md", "en")
    assert kinds(ITEM_PARAGRAPHS) == ["list_item", "list_item"]
    item = doc.blocks[0]
    assert item.raw.endswith("the consumption result.\n") and item.level == 0
    assert [(s.text[:28], s.line, s.column) for s in item.sentences] == [
        ("Inflight: The message is obt", 1, 3), ("In this process, the broker ", 3, 3)]
    assert "".join(b.raw for b in doc.blocks) == ITEM_PARAGRAPHS


def test_an_unindented_paragraph_after_a_list_item_is_a_paragraph():
    assert kinds(FALLEN_OUT) == ["list_item", "paragraph"]
    # Indented to a nested item's column only: still not a paragraph of the outer item's
    # block, which is not the block just above it.
    nested = "* a.\n  * b.\n\n  c.\n"
    assert kinds(nested) == ["list_item", "list_item", "paragraph"]


def test_a_chinese_line_that_ends_with_a_comma_carries_on_on_the_next():
    doc = parse_document(ZH_HARD_WRAPPED, "x.md", "zh")
    assert kinds(ZH_HARD_WRAPPED, "zh") == ["paragraph"]
    assert doc.sentences[-1].text.endswith("消费不到数据。")


def test_html_blocks_are_markup_around_their_text():
    assert kinds(HTML_BLOCK, "zh") == ["heading", "html", "html", "html", "html"]
    # The text between block-level tags is prose (a <summary>, a table cell, a <p>); the
    # tags, their attributes and JSX expressions are not.
    assert sentences(HTML_BLOCK, "zh") == [("Topic 相关", 1, 4), ("Topic 相关参数", 2, 19)]
    cells = "<table>\n  <tr>\n    <td style={{ height: \"17pt\" }}>\n      名称\n    </td>\n" \
            "    <td>The <b>broker</b> address, e.g. <code>ip:port</code>.</td>\n  </tr>\n</table>\n"
    doc = parse_document(cells, "x.md", "en")
    assert [(s.text, s.line, s.column) for s in doc.sentences] == [
        ("名称", 4, 7), ("The broker address, e.g. ip:port.", 6, 9)]
    assert [sp.kind for sp in doc.sentences[1].spans] == ["html", "html", "html", "html"]
    # Nothing of a <pre>, <script> or <style> is prose.
    assert sentences("<div>\n<pre>\nkeep as is\n</pre>\n<style>a {b: c}</style>\n</div>\n") == []


def test_setext_headings():
    doc = parse_document(SETEXT, "x.md", "en")
    assert [(b.kind.value, b.level, b.marker) for b in doc.blocks if b.kind is not K.BLANK] == [
        ("heading", 1, "="), ("heading", 2, "-"), ("paragraph", 0, "")]
    assert sentences(SETEXT) == [("Quick Start", 1, 1), ("Deploy And Config Spark", 4, 1),
                                 ("Read the guide first.", 6, 1)]


def test_link_definitions_and_comments_are_markup():
    assert kinds(DEFINITIONS) == ["paragraph", "link_definition", "comment"]
    assert sentences(DEFINITIONS) == [("See the [deployment guide][deploy] first.", 1, 1)]


def test_hugo_shortcodes_are_markup():
    assert kinds(SHORTCODE) == ["shortcode", "shortcode", "paragraph", "shortcode"]
    assert sentences(SHORTCODE) == [("Start the NameServer first.", 3, 1)]


def test_image_alt_text_is_prose_and_its_url_is_not():
    doc = parse_document(IMAGE, "x.md", "zh")
    (s,) = doc.sentences
    assert (s.text, s.line, s.column) == ("生产者主题关联", 1, 1)
    assert [(sp.kind, sp.target) for sp in s.spans] == [
        ("image", "../picture/v5/producer_topic.png")]


def test_escaped_brackets_are_text_not_a_link():
    # rocketmq-site 03fifomessage.md writes a batch of messages as 1-\[2, 3\](retry).
    (s,) = parse_document("消息 1-\\[2, 3\\](retry) 是批次。\n", "x.md", "zh").sentences
    assert list(s.spans) == []
    assert s.text == "消息 1-\\[2, 3\\](retry) 是批次。"
    # An escaped character inside a real link's text keeps the link.
    (s,) = parse_document("See [a\\_b](u.md).\n", "x.md", "en").sentences
    assert [(sp.kind, sp.target) for sp in s.spans] == [("link", "u.md")]


def test_commented_original_stays_a_comment():
    assert kinds(COMMENTED_ORIGINAL, "zh") == ["comment", "paragraph"]
    assert sentences(COMMENTED_ORIGINAL, "zh") == [("生产者向主题发送消息。", 2, 1)]


def test_table_in_a_block_quote():
    doc = parse_document(QUOTED_TABLE, "x.md", "en")
    assert kinds(QUOTED_TABLE) == ["heading", "table_row", "table_delimiter", "table_row"]
    assert [c.text for c in doc.blocks[-1].cells] == ["jobId", "required", "long", "job id"]


def test_new_kinds_are_not_prose():
    for kind in (K.FRONT_MATTER, K.MDX_ESM, K.ADMONITION, K.LINK_DEFINITION, K.SHORTCODE):
        assert kind not in TEXT_KINDS
    assert K.HTML in TEXT_KINDS  # its text between the tags (see html_text_runs)


FRAGMENTS = [FRONT_MATTER, FRONT_MATTER_FIELDS, TOML_FRONT_MATTER, MDX_TABS, JSX_MULTILINE,
             ADMONITION, LIST_FENCE, HARD_WRAPPED, HTML_BLOCK, SETEXT, DEFINITIONS, SHORTCODE,
             IMAGE, COMMENTED_ORIGINAL, QUOTED_TABLE, GITHUB_ALERT, ITEM_PARAGRAPHS, FALLEN_OUT,
             ZH_HARD_WRAPPED]
# Pieces of the fragments too, so that constructs are cut off and run into each other.
_pieces = st.sampled_from(FRAGMENTS) | st.sampled_from(
    [line + "\n" for f in FRAGMENTS for line in f.splitlines()] +
    ["\n", "\r\n", "   ", "> ", ":::", "<Tabs", "]}>", "---\n", "+++\n", "```\n"])
_documents = st.lists(_pieces, max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_documents, lang=st.sampled_from(["zh", "en"]), crlf=st.booleans())
def test_docs_fragments_parse_losslessly(text, lang, crlf):
    if crlf:
        text = text.replace("\n", "\r\n")
    doc = parse_document(text, "x.md", lang)
    assert_lossless(doc, text)
