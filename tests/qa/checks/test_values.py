"""N003 code-value-mismatch and N004 table-value-mismatch on small docs-page snippets."""

from align.alignment import Alignment, Bead
from align.reader import parse_document
from qa.checks.values import CodeValueMismatch, TableValueMismatch
from qa.core.run import AlignedDocument
from tests.qa.helpers import aligned, run_check, zh_en

EN_CODE = """# Config

Set the port:

```yaml
# the registry port
dubbo.protocol.port: 20880
registry: "zookeeper://127.0.0.1:2181"
```
"""


def test_a_changed_port_in_a_code_block_is_reported_at_the_value():
    zh = EN_CODE.replace("# Config", "# 配置").replace("Set the port:", "设置端口：") \
        .replace("# the registry port", "# 注册中心端口").replace("20880", "1980")
    [f] = run_check(CodeValueMismatch, aligned(EN_CODE, zh))
    assert f.message == "code value changed: '20880' in the source is '1980' here"
    assert (f.target.line, f.target.column, f.target.text) == (7, 22, "1980")
    assert (f.source.line, f.source.text) == (7, "20880")


def test_translated_comments_and_chinese_strings_are_not_values():
    en = "```shell\n# start the broker\nsh bin/mqbroker -n localhost:9876  # name server\n" \
         "echo \"started\"\n```\n"
    zh = "```shell\n# 启动 broker\nsh bin/mqbroker -n localhost:9876  # 名字服务\n" \
         "echo \"已启动\"\n```\n"
    assert run_check(CodeValueMismatch, aligned(en, zh)) == []


def test_code_blocks_pair_by_content_when_one_is_missing():
    en = "```\nport: 1\n```\n\nText.\n\n```\nhost: example.org\n```\n"
    zh = "文本。\n\n```\nhost: example.org\n```\n"
    assert run_check(CodeValueMismatch, aligned(en, zh)) == []


def test_zh_to_en_code_values_are_compared_too():
    src = parse_document("```java\nint retries = 3;\n```\n", "zh/a.md", "zh")
    tgt = parse_document("```java\nint retries = 5;\n```\n", "en/a.md", "en")
    doc = AlignedDocument("a.md", Alignment(src, tgt, []))
    [f] = run_check(CodeValueMismatch, doc)
    assert f.message == "code value changed: '3' in the source is '5' here"


TABLE_EN = """| name | type | required | default |
|------|------|----------|---------|
| host | String | true | - |
| port | int | no | 8080 |
"""


def test_a_required_cell_rendered_as_no_and_a_changed_type_are_one_finding():
    zh = TABLE_EN.replace("| true |", "| 否 |").replace("| int |", "| long |") \
        .replace("| no |", "| 否 |")
    [f] = run_check(TableValueMismatch, aligned(TABLE_EN, zh))
    assert f.message == ("2 cells say something else than the source's: 'true' → '否'; "
                         "'int' → 'long'")
    assert f.target.line == 3


def test_cells_that_agree_in_either_language_give_nothing():
    zh = TABLE_EN.replace("| true |", "| 是 |").replace("| no |", "| 否 |") \
        .replace("| - |", "| 无 |")
    assert run_check(TableValueMismatch, aligned(TABLE_EN, zh)) == []


def test_prose_cells_are_left_to_other_rules():
    en = "| option | description |\n|---|---|\n| mode | the write mode |\n"
    zh = "| option | description |\n|---|---|\n| mode | 写入模式 |\n"
    assert run_check(TableValueMismatch, aligned(en, zh)) == []


def test_a_table_value_check_needs_cells_in_the_same_column():
    src = parse_document("| a | true |\n", "en/a.md", "en")
    tgt = parse_document("| a | 否 |\n", "zh/a.md", "zh")
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((1,), (0,))]))
    assert run_check(TableValueMismatch, doc) == []


JAVA_ZH = """```java
public class ProducerExample {
    public static void main(String[] args) throws ClientException {
        producer.send(message);
    }
}
```
"""
# rocketmq-site 02-quickStart/01quickstart.md: the English sample adds an import and a throws.
JAVA_EN = JAVA_ZH.replace("public class", "import java.io.IOException;\n\npublic class") \
    .replace("throws ClientException", "throws ClientException, IOException")


def test_code_the_translation_only_adds_to_is_not_reported():
    src = parse_document(JAVA_ZH, "zh/a.md", "zh")
    tgt = parse_document(JAVA_EN, "en/a.md", "en")
    assert run_check(CodeValueMismatch, AlignedDocument("a.md", Alignment(src, tgt, []))) == []
    # en → zh: the Chinese sample adds a value the English lacks; not reported either.
    assert run_check(CodeValueMismatch, aligned(JAVA_ZH, JAVA_EN)) == []
    # A value of the source that the translation lacks is reported, with the additions.
    src = parse_document(JAVA_EN, "zh/a.md", "zh")
    tgt = parse_document(JAVA_ZH, "en/a.md", "en")
    [f] = run_check(CodeValueMismatch, AlignedDocument("a.md", Alignment(src, tgt, [])))
    assert f.message == ("code differs from the source's: the source's 'java.io.IOException', "
                         "'IOException' missing")


def _steps(lang: str, ports: dict[int, int], n: int = 60) -> str:
    """A long page: ``n`` steps, each a sentence and a code block with its port."""
    step = "Step {}.\n\n" if lang == "en" else "步骤 {}。\n\n"
    return "".join(step.format(k) + (f"```\nport{k}: {ports[k]}\n```\n\n" if k in ports else "")
                   for k in range(n))


def test_code_blocks_of_a_long_page_pair_near_where_the_alignment_puts_them():
    # More code blocks than CODE_REACH: pairing is banded around the aligned prose. The
    # translation drops the first 45 blocks and changes the 50th's port.
    en = _steps("en", {k: 1000 + k for k in range(60)})
    zh = _steps("zh", {k: 1000 + k + (1 if k == 50 else 0) for k in range(45, 60)})
    [f] = run_check(CodeValueMismatch, aligned(en, zh))
    assert f.message == "code value changed: '1050' in the source is '1051' here"
    assert f.target.text == "1051"


def test_code_blocks_of_a_long_page_without_prose_pair_in_order():
    blocks = [f"```\nport{k}: {1000 + k}\n```\n\n" for k in range(100)]
    src = parse_document("".join(blocks), "en/a.md", "en")
    tgt = parse_document("".join(blocks).replace("1090", "1091"), "zh/a.md", "zh")
    [f] = run_check(CodeValueMismatch, AlignedDocument("a.md", Alignment(src, tgt, [])))
    assert f.message == "code value changed: '1090' in the source is '1091' here"


def test_cells_of_a_later_table_are_reported_once_for_that_table():
    en = TABLE_EN + "\nMore options:\n\n" + TABLE_EN.replace("host", "user")
    zh = TABLE_EN + "\n更多选项：\n\n" + TABLE_EN.replace("host", "user").replace("| true |", "| 否 |")
    [f] = run_check(TableValueMismatch, aligned(en, zh))
    assert f.message == "a cell says something else than the source's: 'true' → '否'"
    assert f.target.line == 10


def test_code_tokens_with_and_without_strings_and_trailing_comments():
    from qa.checks.values import code_tokens

    text = ("```sh\nexport PORT=8080\nname: 'a b'  # 名字\nurl: http://x/y # note\n"
            "key = \"中文\" // c\n```\n")
    doc = parse_document(text, "en/a.md", "en")
    tokens = code_tokens(doc.blocks[0])
    assert [t.text for t in tokens] == ["sh", "export", "PORT", "8080", "a b", "name", "url",
                                        "http://x/y", "key"]
    assert [text[t.start:t.start + len(t.text)] for t in tokens] == [t.text for t in tokens]


def test_a_fence_language_in_another_case_is_the_same_language():
    # apache/doris-website: ```SQL in the English page, ```sql in the Chinese one.
    en = "Create a table.\n\n```SQL\nSELECT 1;\n```\n"
    zh = "创建一张表。\n\n```sql\nSELECT 1;\n```\n"
    assert run_check(CodeValueMismatch, aligned(en, zh)) == []
    assert [f.code for f in run_check(CodeValueMismatch, aligned(
        en, zh.replace("SELECT 1", "SELECT 2")))] == ["N003"]


def test_a_yaml_comment_without_a_space_is_a_comment():
    # apache/shenyu-website: "#k8s mode applies" translated as "#k8s模式适用".
    en = "Set the mode.\n\n```yaml\nmod: k8s #k8s mode applies\n```\n"
    zh = "设置模式。\n\n```yaml\nmod: k8s #k8s模式适用\n```\n"
    assert run_check(CodeValueMismatch, aligned(en, zh)) == []


def test_a_code_shortcode_is_compared_as_code_without_its_tags():
    # istio.io: {{< text bash >}} … {{< /text >}} is a code block; its tag lines are markup.
    from qa.checks.values import code_tokens

    en = "Create the namespace:\n\n{{< text bash >}}\n$ kubectl create ns foo\n{{< /text >}}\n"
    zh = "创建命名空间：\n\n{{< text bash >}}\n$ kubectl create ns foo\n{{< /text >}}\n"
    doc = parse_document(zh, "zh/a.md", "zh")
    assert [t.text for t in code_tokens(doc.blocks[2])] == ["$", "kubectl", "create", "ns",
                                                            "foo"]
    assert run_check(CodeValueMismatch, aligned(en, zh)) == []
    en, zh = (x.replace("ns foo", "ns istio-system") for x in (en, zh))
    [f] = run_check(CodeValueMismatch, aligned(en, zh.replace("istio-system", "istio-test")))
    assert f.message == "code value changed: 'istio-system' in the source is 'istio-test' here"


def test_fence_display_settings_and_strings_over_several_lines_are_not_values():
    # tauri-docs start/frontend/vite.mdx: Expressive Code's {1} and ins={2} after the
    # language; security/permissions.mdx: a TOML """…""" description, translated.
    en = ('Configure Vite:\n\n```js title="vite.config.js" {1} ins={2}\nconst host = 1420;\n```\n\n'
          'The permission:\n\n```toml\n[[permission]]\nidentifier = "allow-home"\n'
          'description = """This enables the pre-configured\nnon-recursive read access."""\n```\n')
    zh = ('配置 Vite：\n\n```js title="vite.config.js" ins={3}\nconst host = 1420;\n```\n\n'
          '该权限：\n\n```toml\n[[permission]]\nidentifier = "allow-home"\n'
          'description = """启用预先配置的\n非递归读取权限。"""\n```\n')
    assert run_check(CodeValueMismatch, aligned(en, zh)) == []
    # The code itself is still compared.
    changed = zh.replace("1420", "1421")
    assert [f.message for f in run_check(CodeValueMismatch, aligned(en, changed))] == [
        "code value changed: '1420' in the source is '1421' here"]


def test_a_block_the_translation_splits_in_two_loses_nothing():
    # apache/apisix: the command, then its output in a block of its own.
    en = ("They will get a 403 error:\n\n```shell\ncurl -i http://127.0.0.1:9080/res -X GET\n"
          "HTTP/1.1 403 Forbidden\n```\n")
    zh = ("将得到一个 403 错误：\n\n```shell\ncurl -i http://127.0.0.1:9080/res -X GET\n```\n\n"
          "```\nHTTP/1.1 403 Forbidden\n```\n")
    assert run_check(CodeValueMismatch, aligned(en, zh)) == []
    # Output the translation changed is still changed.
    found = run_check(CodeValueMismatch, aligned(en, zh.replace("403 Forbidden", "404 Not Found")))
    assert [f.code for f in found] == ["N003"]


def test_a_value_lost_from_a_line_points_at_that_line_of_the_translation():
    # youzan/vant (zh → en): the English import line lost IndexAnchor; the finding pointed
    # at the block's first line (createApp).
    zh = ("通过以下方式来全局注册组件。\n\n```js\nimport { createApp } from 'vue';\n"
          "import { IndexBar, IndexAnchor } from 'vant';\n\napp.use(IndexAnchor);\n```\n")
    en = ("Register the component globally.\n\n```js\nimport { createApp } from 'vue';\n"
          "import { IndexBar } from 'vant';\n\napp.use(IndexAnchor);\n```\n")
    [found] = run_check(CodeValueMismatch, zh_en(zh, en))
    assert (found.source.line, found.target.line) == (5, 5)
