from align.markdown import parse_blocks, parse_inline, visible_text
from align.reader import parse_document
from align.segment import split_sentences


def kinds(text: str) -> list[tuple[str, int, int, int, int]]:
    spans, _ = parse_inline(text, 0, len(text))
    return [(sp.kind, sp.start, sp.end, sp.inner_start, sp.inner_end) for sp in spans]


def test_inline_markup_of_each_kind_is_found():
    # Each pattern runs only when its delimiter occurs; with it, it is found as before.
    assert parse_inline("plain 文本 with no markup", 0, 21) == ([], [])
    assert kinds("a `b*c*` d") == [("code", 2, 8, 3, 7)]
    assert kinds("see [x](y) or <https://a.b>") == [("link", 4, 10, 5, 6),
                                                    ("link", 14, 27, 15, 26)]
    # Link text may hold balanced brackets (apache/dubbo-website: [HTTP/REST [Alpha]](…)).
    assert kinds("[HTTP/REST [Alpha]](../http)") == [("link", 0, 28, 1, 18)]
    assert kinds("\\[2, 3\\](retry)") == []
    assert kinds("**a** and __b__") == [("bold", 0, 5, 2, 3), ("bold", 10, 15, 12, 13)]
    assert kinds("*a* _b_ <b>c</b>") == [("italic", 0, 3, 1, 2), ("italic", 4, 7, 5, 6),
                                         ("html", 8, 11, 11, 11), ("html", 12, 16, 16, 16)]


def test_template_tags_are_hidden_markup():
    # Hugo shortcodes, Liquid/Jinja tags and template variables render as markup, not prose.
    text = '运行{{< glossary_tooltip text="控制器" term_id="controller" >}}来实现。'
    # A shortcode's text="…" is what the page shows: prose, the rest hidden.
    spans, hidden = parse_inline(text, 0, len(text))
    assert kinds(text) == [("html", 2, 58, 29, 32)]
    assert visible_text(text, 0, len(text), hidden) == "运行控制器来实现。"
    assert kinds('{{% heading "whatsnext" %}} and {% include a.html %} v{{ site.version }}') \
        == [("html", 0, 27, 27, 27), ("html", 32, 52, 52, 52), ("html", 54, 72, 72, 72)]
    # A template tag in a code span is code; a lone brace is text.
    assert kinds("`{{ x }}` {a}") == [("code", 0, 9, 1, 8)]
    # A link whose URL holds a shortcode is still a link.
    [(kind, target)] = [(sp.kind, sp.target) for sp in parse_inline(
        '[a](https://g.com/tree/{{< param "b" >}}/c)', 0, 43)[0] if sp.kind != "html"]
    assert (kind, target) == ("link", 'https://g.com/tree/{{< param "b" >}}/c')


def test_visible_text_without_hidden_ranges_is_the_slice():
    assert visible_text("abcdef", 1, 4, []) == "bcd"
    assert visible_text("a**b**c", 0, 7, [(1, 3), (4, 6)]) == "abc"


def test_table_row_cells_split_at_unescaped_pipes():
    blocks = parse_blocks("| a \\| b | c |\n")
    text = "| a \\| b | c |\n"
    assert [text[a:b] for a, b in blocks[0].cells] == ["a \\| b", "c"]


def test_protected_ranges_hold_no_boundary_even_when_clipped():
    text = "Run it. Then stop. Done."
    # (5, 12) covers "it. Th": no cut there; (-3, 2) and (30, 40) reach outside the text.
    assert split_sentences(text, "en", 0, len(text), [(5, 12), (-3, 2), (30, 40)]) == \
        [(0, 18), (19, 24)]


def test_each_line_start_reaches_the_step_that_claims_it():
    text = ("import x from 'y'\n\n1. one\n１. two\n- three\n+ four\n\n> quote\n>\n"
            "| a | b |\n\n## Head\n:::note\n\n```\ncode\n```\n\n***\n\n<div>\n\n"
            "[id]: https://a.b\n\n{{< figure >}}\n\nPlain 文本 line, with an end.\n")
    got = [(b.kind.value, b.marker) for b in parse_blocks(text) if b.kind.value != "blank"]
    assert got == [("mdx_esm", "import"), ("list_item", "1."), ("list_item", "１."),
                   ("list_item", "-"), ("list_item", "+"), ("paragraph", ">"),
                   ("table_row", "|"), ("heading", "##"), ("admonition", ":::note"),
                   ("code", "```"), ("html", "<"), ("link_definition", "[]:"),
                   ("shortcode", "{{"), ("paragraph", "")]


def test_a_quoted_sentence_on_its_own_line_is_a_paragraph_not_a_title():
    # A novel's line of dialogue ends inside its quotes; it is a sentence, not a plain-text
    # title (which the checks would treat as a label and skip).
    text = ('"That is ... a fantastical legend."\n\n“好，咱们打个彩头。”\n\n\'Go to!\'\n\n'
            "Key Takeaways\n\n“核心要点”\n")
    kinds = [b.kind.value for b in parse_blocks(text) if text[b.start:b.end].strip()]
    assert kinds == ["paragraph", "paragraph", "paragraph", "heading", "heading"]


def test_mdx_comments_on_lines_of_their_own_are_comments_not_prose():
    text = ("Intro.\n\n{/* Not rendered: keep it as it is. */}\n\n{/*\n  two lines\n*/}\n\n"
            "{/* never closed\n\nProse.\n")
    got = [(b.kind.value, text[b.start:b.end]) for b in parse_blocks(text)
           if b.kind.value != "blank"]
    assert got[:3] == [("paragraph", "Intro.\n"),
                       ("comment", "{/* Not rendered: keep it as it is. */}\n"),
                       ("comment", "{/*\n  two lines\n*/}\n")]
    # One that never closes is text (not a comment that swallows the rest of the page).
    assert [kind for kind, _ in got[3:]] != ["comment"] and got[-1][1] == "Prose.\n"


def test_a_definition_list_description_is_a_paragraph_without_its_colon():
    # Hugo (goldmark) and MkDocs render "Term" + ": text" as a definition list: the colon
    # is markup, not a half-width colon in Chinese text.
    text = "术语\n: 术语的定义，\n  接着写。\n: 第二条。\n\n: not under a term\n"
    got = [(b.kind.value, text[b.content_start:b.content_end]) for b in parse_blocks(text)
           if b.kind.value in ("paragraph", "heading")]
    assert got == [("heading", "术语"), ("paragraph", "术语的定义，\n  接着写。"),
                   ("paragraph", "第二条。"), ("heading", ": not under a term")]


def test_an_mdn_definition_list_item_starts_after_its_colon():
    # MDN: "- term" with "  - : description" under it (the <dd>); a full-width colon there
    # would break the page.
    text = "- `If-Match`\n  - : 如果远端资源的 ETag 与列出的值相同，表示条件匹配成功。\n- 不是: 这里\n"
    got = [(b.kind.value, b.level, text[b.content_start:b.content_end])
           for b in parse_blocks(text)]
    assert got == [("list_item", 0, "`If-Match`"),
                   ("list_item", 1, "如果远端资源的 ETag 与列出的值相同，表示条件匹配成功。"),
                   ("list_item", 0, "不是: 这里")]


def test_a_wrapped_line_that_stops_mid_sentence_is_no_title():
    # kubernetes/website volume-health-monitoring.md: the first line of a hard-wrapped
    # paragraph, short and without a full stop, ends in "the".
    text = ("## Volume health monitoring\n\n"
            "Kubernetes _volume health monitoring_ is part of how Kubernetes implements the\n"
            "Container Storage Interface (CSI). It has two components.\n")
    kinds_ = [b.kind.value for b in parse_blocks(text) if b.kind.value != "blank"]
    assert kinds_ == ["heading", "paragraph"]
    # Nor is a short Chinese line that stops after 的 (a paragraph cut off).
    text = "第一段。\n\n氯胺酮阻断抑制性神经元上的\n\n第三段。\n"
    assert [b.kind.value for b in parse_blocks(text) if b.kind.value != "blank"] == \
        ["paragraph"] * 3
    # A short line that ends in a content word is still a plain title (the seed's style).
    text = "Key Takeaways\nKetamine provides same-day relief.\n"
    assert [b.kind.value for b in parse_blocks(text)] == ["heading", "paragraph"]


def test_json_front_matter_is_metadata_and_its_title_a_heading():
    # apache/doris-website: Docusaurus reads JSON between the --- lines (YAML's superset).
    text = ('---\n{\n    "title": "ASCII",\n    "language": "en",\n'
            '    "description": "Returns the code."\n}\n---\n\nReturns the code of the first '
            "character.\n")
    blocks = parse_blocks(text)
    kinds = [(b.kind.value, text[b.content_start:b.content_end]) for b in blocks
             if b.kind.value in ("heading", "paragraph")]
    assert kinds == [("heading", "ASCII"), ("paragraph", "Returns the code."),
                     ("paragraph", "Returns the code of the first character.")]
    # A thematic break followed by a paragraph is still no front matter.
    assert [b.kind.value for b in parse_blocks("---\nSome text.\n---\n")][0] != "front_matter"


def test_a_line_of_one_tag_is_a_title_by_the_length_of_its_text():
    # ant-design (dumi): demo lines are titles in both languages, however long their path.
    en = ('<code src="./demo/basic.tsx">Basic</code>\n'
          '<code src="./demo/closable.tsx">Closable</code>\n')
    zh = ('<code src="./demo/basic.tsx">基本</code>\n'
          '<code src="./demo/closable.tsx">可关闭的警告提示</code>\n'
          '<code src="./demo/description.tsx">含有辅助性文字介绍</code>\n')
    assert [(b.kind.value, b.level) for b in parse_blocks(en)] == [("heading", 0)] * 2
    assert [(b.kind.value, b.level) for b in parse_blocks(zh)] == [("heading", 0)] * 3


def test_an_escaped_placeholder_is_no_tag_for_a_title_s_length():
    # rocketmq-site's release manual: \<release-version\> is shown as it is, not a tag.
    from align.markdown import is_title_line

    line = ("Email topic：**[VOTE]: Release Apache RocketMQ \\<release-version\\> "
            "RC\\<RC-number\\>**")
    assert not is_title_line(line)
    assert is_title_line('<code src="./demo/closable.tsx">可关闭的警告提示</code>')
def test_a_list_opened_inside_an_item_on_its_line_is_one_level_deeper():
    # apache/incubator-seata-website: "- - 分支提交" under "- 完成阶段：", where the English
    # indents its sub-items; both are sub-items at depth 1.
    text = "- 完成阶段：\n\n- - 分支提交：调用 Confirm 方法\n  - 分支回滚：调用 Cancel 方法\n- 下一项\n"
    items = [(b.level, text[b.content_start:b.content_end]) for b in parse_blocks(text)
             if b.kind.value == "list_item"]
    assert items == [(0, "完成阶段："), (1, "分支提交：调用 Confirm 方法"),
                     (1, "分支回滚：调用 Cancel 方法"), (0, "下一项")]


def test_a_code_shortcode_and_its_body_are_one_code_block():
    # istio.io writes every code block as {{< text bash >}} … {{< /text >}}; Hugo's own
    # {{< highlight >}} is the same. Their body is code, not a paragraph of prose.
    text = ("创建命名空间：\n\n{{< text bash >}}\n$ kubectl create ns foo\n{{< /text >}}\n\n"
            '1. 安装：\n\n    {{< text syntax="bash" expandlinks="false" >}}\n'
            "    $ istioctl install --set profile=demo -y\n    {{< /text >}}\n\n"
            '{{< highlight go "linenos=table" >}}\nfmt.Println("v1.2.3")\n{{< /highlight >}}\n')
    got = [(b.kind.value, b.marker, text[b.start:b.end].count("\n")) for b in parse_blocks(text)
           if b.kind.value != "blank"]
    assert got == [("heading", "", 1), ("code", "{{", 3), ("list_item", "1.", 1),
                   ("code", "{{", 3), ("code", "{{", 3)]
    # A shortcode whose argument is no language, and one never closed, stay shortcodes.
    text = '{{< tab name="yaml" >}}\n文本。\n{{< /tab >}}\n\n{{< text bash >}}\n\n文本二。\n'
    assert [b.kind.value for b in parse_blocks(text) if b.kind.value != "blank"] == \
        ["shortcode", "paragraph", "shortcode", "shortcode", "paragraph"]


def test_a_line_that_starts_with_an_inline_shortcode_carries_on_its_paragraph():
    # istio.io (setup/platform-setup/azure): only lines of nothing but shortcode tags are
    # shortcode blocks; this one is the paragraph's second line.
    text = ("{{< tip >}}\nAzure 为 Azure Kubernetes Service (AKS) 提供了\n"
            "{{< gloss >}}managed control plane{{< /gloss >}}（托管控制面）加载项，\n"
            "您可以用其代替 Istio 的手动安装。\n{{< /tip >}}\n\n{{< figure src=\"/a.svg\"\n"
            '    caption="架构" >}}\n')
    got = [(b.kind.value, text[b.content_start:b.content_end].count("\n"))
           for b in parse_blocks(text) if b.kind.value != "blank"]
    assert got == [("shortcode", 0), ("paragraph", 2), ("shortcode", 0), ("shortcode", 0)]
    doc = parse_document(text, "zh/a.md", "zh")
    assert [s.text for s in doc.sentences] == [
        "Azure 为 Azure Kubernetes Service (AKS) 提供了\nmanaged control plane（托管控制面）加载项，\n"
        "您可以用其代替 Istio 的手动安装。"]


def test_a_heading_id_is_markup_whatever_its_hyphens():
    # istio.io (ops/deployment/security-model): the zh page keeps the id Hugo makes of
    # "Proxy compromise - Waypoint", with three hyphens; a class may follow the id.
    text = ("### 代理受损 - Waypoint {#proxy-compromise---waypoint}\n\n"
            "### Istiod 受损 {#istiod-compromise}\n\n## 安装 ## {#install .tabs}\n")
    doc = parse_document(text, "zh/a.md", "zh")
    assert [(s.text, s.line, s.column, s.end_column) for s in doc.sentences] == [
        ("代理受损 - Waypoint", 1, 5, 20), ("Istiod 受损", 3, 5, 14), ("安装", 5, 4, 6)]


def test_double_underscores_follow_the_flanking_rules():
    # apache/iotdb-docs (Grafana-Plugin.md): Grafana's $__from and $__to are no bold: each
    # "__" follows "$" and precedes a letter, so it may open but never close.
    text = "grafana global variables for the current time range: $__from (start time), $__to."
    assert kinds(text) == []
    # Between white space or punctuation they are bold as before, and intraword not.
    assert kinds("a __b c__, (__d__) e__f__g") == [("bold", 2, 9, 4, 7), ("bold", 12, 17, 14, 15)]
    assert kinds("中文__粗体__中文") == []


def test_tex_math_is_a_span_of_its_own():
    # TDengine's TDgpt pages (06-anomaly-detection/02-statistics-approach.md): KaTeX math.
    text = "对于 $v$，$Q1-(1.5 \\times IQR) \\le v \\le Q3+(1.5 \\times IQR)$ 是正常值"
    spans, hidden = parse_inline(text, 0, len(text))
    assert [(sp.kind, text[sp.inner_start:sp.inner_end]) for sp in spans] == [
        ("math", "v"), ("math", "Q1-(1.5 \\times IQR) \\le v \\le Q3+(1.5 \\times IQR)")]
    assert visible_text(text, 0, len(text), hidden) == \
        "对于 v，Q1-(1.5 \\times IQR) \\le v \\le Q3+(1.5 \\times IQR) 是正常值"
    # Display math; its "_" and "*" are TeX, not emphasis.
    assert kinds("$$E = mc^2$$ and $a_1 * b_2$") == [("math", 0, 12, 2, 10),
                                                    ("math", 17, 28, 18, 27)]
    # Prices, an escaped dollar, a dollar in code or after a space are no math.
    for text in ("costs $5 and $10.", "$5-$10", "a \\$x$ b", "$ y $"):
        assert kinds(text) == []
    assert kinds("`$a$` b") == [("code", 0, 5, 1, 4)]


def test_a_quote_that_opens_with_a_bold_note_label_is_a_note_box():
    # StarRocks data_compression.md: the zh "> **说明**" box is the en ":::note".
    text = "前文。\n\n> **说明**\n>\n> 如不指定数据压缩算法，StarRocks 默认使用 LZ4。\n"
    got = [(b.kind.value, text[b.content_start:b.content_end]) for b in parse_blocks(text)
           if b.kind.value != "blank"]
    assert got[1][0] == "admonition"
    assert got[2] == ("paragraph", "如不指定数据压缩算法，StarRocks 默认使用 LZ4。")
    # A bold word that starts a quote's sentence is prose.
    text = "> **注意**：不要删除该文件。\n"
    assert [b.kind.value for b in parse_blocks(text)] == ["paragraph"]


#: tauri-docs (start/frontend/vite.mdx): a Starlight step whose text is indented 2 spaces
#: and its <Tabs>, <TabItem> and fences 6 and 8.
TAURI_STEP = """import { Tabs, TabItem, Steps } from '@astrojs/starlight/components';

<Steps>

1.  ##### Update Tauri configuration

  You can configure the Tauri CLI to run the Vite scripts:

      <Tabs>

        <TabItem label="npm">

        ```json
        { "beforeDevCommand": "npm run dev" }
        ```

        </TabItem>

      </Tabs>

</Steps>
"""


def test_jsx_tags_and_fences_of_an_mdx_page_are_markup_at_any_indentation():
    # MDX has no indented code: a tag or a fence is one however deep it is indented.
    doc = parse_document(TAURI_STEP, "en/page.mdx", "en")
    assert [(b.kind.value, b.line) for b in doc.blocks if b.kind.value != "blank"] == [
        ("mdx_esm", 1), ("html", 3), ("list_item", 5), ("paragraph", 7), ("html", 9),
        ("html", 11), ("code", 13), ("html", 17), ("html", 19), ("html", 21)]
    assert [s.text for s in doc.sentences] == [
        "##### Update Tauri configuration",
        "You can configure the Tauri CLI to run the Vite scripts:"]
    # A Markdown page keeps CommonMark's indented code (4 columns after a blank line).
    text = "Run it as follows:\n\n    <Tabs>\n"
    assert [b.kind.value for b in parse_blocks(text)][2:] == ["code"]
    assert [b.kind.value for b in parse_blocks(text, mdx=True)][2:] == ["html"]


def test_a_footnote_reference_is_markup_and_its_definition_a_paragraph_after_the_label():
    # tauri-docs concept/process-model.md: the en definition starts its text on the next
    # line, indented 4; the zh writes it on one line. The labels are never shown.
    en = ("The WebView libraries are dynamically linked at runtime[^1]. This keeps your "
          "application small.\n\n[^1]:\n    Currently, Tauri uses WebView2 on Windows and "
          "WKWebView on\n    macOS.\n")
    doc = parse_document(en, "en/page.md", "en")
    assert [(b.kind.value, b.line, b.end_line) for b in doc.blocks] == [
        ("paragraph", 1, 1), ("blank", 2, 2), ("paragraph", 3, 5)]
    assert [(s.text, s.line) for s in doc.sentences] == [
        ("The WebView libraries are dynamically linked at runtime.", 1),
        ("This keeps your application small.", 1),
        ("Currently, Tauri uses WebView2 on Windows and WKWebView on\n    macOS.", 4)]
    assert [(sp.kind, en[sp.start:sp.end]) for sp in doc.sentences[0].spans] == [
        ("footnote", "[^1]")]
    zh = "WebView 库在运行时动态链接[^1]。这使你的应用程序很小。\n\n[^1]: 目前，Tauri 在 Windows 上使用 WebView2。\n"
    assert [s.text for s in parse_document(zh, "zh/page.md", "zh").sentences] == [
        "WebView 库在运行时动态链接。", "这使你的应用程序很小。", "目前，Tauri 在 Windows 上使用 WebView2。"]
    # A named label; a one-word definition (no link definition); a later paragraph
    # indented 4 after a blank line; an escaped bracket is text.
    text = "[^note]: Done.\n\n[^2]: First.\n\n    Second.\n\nSee \\[^3] here.\n"
    assert [(b.kind.value, text[b.content_start:b.content_end]) for b in parse_blocks(text)
            if b.kind.value != "blank"] == [
        ("paragraph", "Done."), ("paragraph", "First.\n\n    Second."),
        ("paragraph", "See \\[^3] here.")]
    assert [s.text for s in parse_document(text, "a.md", "en").sentences] == [
        "Done.", "First.", "Second.", "See \\[^3] here."]


def test_a_merge_conflict_is_read_as_the_page_s_own_version():
    # reactjs/zh-hans.react.dev learn/editor-setup.md: HEAD holds the translation, the other
    # half the English page merged in; the markers and that half are comments.
    text = ("# 编辑器\n\n<<<<<<< HEAD\n大多数时候，React 的错误信息能帮你找到问题。\n=======\n"
            "Most of the time, React's error messages help you find the problem.\n"
            ">>>>>>> 5d2a9c1f (Sync with react.dev)\n\n使用快速打开。\n")
    got = [(b.kind.value, text[b.content_start:b.content_end]) for b in parse_blocks(text)
           if b.kind.value not in ("blank", "comment")]
    assert got == [("heading", "编辑器"), ("paragraph", "大多数时候，React 的错误信息能帮你找到问题。"),
                   ("paragraph", "使用快速打开。")]
    # diff3's common ancestor is neither version.
    diff3 = text.replace("=======\n", "||||||| 1a2b3c4\n旧的译文。\n=======\n")
    assert [(b.kind.value, diff3[b.content_start:b.content_end]) for b in parse_blocks(diff3)
            if b.kind.value not in ("blank", "comment")] == got
    # A setext underline is no conflict marker.
    assert [b.kind.value for b in parse_blocks("Title\n=======\n\nText.\n")][0] == "heading"


def _prose_blocks(text: str) -> list[tuple[str, str]]:
    return [(b.kind.value, text[b.content_start:b.content_end]) for b in parse_blocks(text)
            if b.kind.value not in ("blank", "comment")]


def test_one_sentence_a_line_is_one_paragraph_where_paragraphs_are_set_apart_by_blanks():
    # kubernetes/website's Chinese pages (finalizers.md) write a sentence a line; Markdown
    # renders the lines as one paragraph, and one list item with its lazy lines.
    text = ("管理 finalizer 的控制器注意到对象上发生的更新操作。\n"
            "然后，控制器会试图满足资源的 Finalizers 的条件。\n"
            "每当一个 Finalizer 的条件被满足时，控制器就会从资源中删除该键。\n\n"
            "- 第一项说明。\n后面的一句。\n\n下一段。\n")
    assert _prose_blocks(text) == [
        ("paragraph", "管理 finalizer 的控制器注意到对象上发生的更新操作。\n"
                      "然后，控制器会试图满足资源的 Finalizers 的条件。\n"
                      "每当一个 Finalizer 的条件被满足时，控制器就会从资源中删除该键。"),
        ("list_item", "第一项说明。\n后面的一句。"), ("paragraph", "下一段。")]
    # A text without blank lines writes a paragraph a line (the seed document): unchanged.
    seed = "Summary\nKetamine works fast. It is safe.\nIt has risks.\nKey Takeaways\n- One\n"
    assert _prose_blocks(seed) == [("heading", "Summary"),
                                   ("paragraph", "Ketamine works fast. It is safe."),
                                   ("paragraph", "It has risks."), ("heading", "Key Takeaways"),
                                   ("list_item", "One")]


def test_a_figure_a_chinese_step_number_or_a_bold_label_still_opens_a_block():
    # rocketmq-site: a picture under its paragraph, steps numbered （1）, a "**注意**" note.
    text = ("普通消息支持异步解耦。\n![生命周期](../picture/lifecycle.png)\n\n"
            "主要步骤：\n（1）检查白名单；\n（2）校验签名；\n2、继续。\n3.下载包。\n\n"
            "如上图所示，消费者共同消费。\n**注意** 消息是随机分配的。\n\n"
            "**第3. 定义事件格式：**\n事件格式用来描述事件的具体内容。\n")
    assert _prose_blocks(text) == [
        ("paragraph", "普通消息支持异步解耦。"),
        ("heading", "![生命周期](../picture/lifecycle.png)"),
        ("paragraph", "主要步骤："), ("paragraph", "（1）检查白名单；"),
        ("paragraph", "（2）校验签名；"), ("paragraph", "2、继续。"), ("paragraph", "3.下载包。"),
        ("paragraph", "如上图所示，消费者共同消费。"), ("paragraph", "**注意** 消息是随机分配的。"),
        ("heading", "**第3. 定义事件格式：**"), ("paragraph", "事件格式用来描述事件的具体内容。")]


def test_where_line_breaks_are_soft_a_short_line_with_text_under_it_is_no_title():
    # kubernetes/website user-namespaces.md: the first line of a wrapped sentence.
    text = ("你所使用的集群**必须**包括至少一个符合\n[要求](/docs/x/#before)\n"
            "的节点，以便为 Pod 配置 user 名字空间。\n\n注意：\n- 一项。\n")
    assert _prose_blocks(text) == [
        ("paragraph", "你所使用的集群**必须**包括至少一个符合\n[要求](/docs/x/#before)\n"
                      "的节点，以便为 Pod 配置 user 名字空间。"),
        ("heading", "注意："), ("list_item", "一项。")]


def test_a_picture_under_a_list_item_belongs_to_the_item():
    # apache/inlong-website: the Chinese writes each step's screenshot unindented under it
    # (a lazy line), the English indents it.
    text = ("## 创建租户\n\n- 选择租户管理，点击新建\n![img.png](img/create_tenant_1.png)\n"
            "- 选择新建租户\n![img_1.png](img/create_tenant_2.png)\n")
    assert [k for k, _ in _prose_blocks(text)] == ["heading", "list_item", "list_item"]
