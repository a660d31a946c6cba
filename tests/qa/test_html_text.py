"""The text of HTML blocks (tables, <summary>, <p>) is checked like any prose: findings land
on its line and column, through the real aligner, in both directions."""

from __future__ import annotations

from qa.cli import main

EN = """# Admin tool

<details><summary>Topic parameters</summary>

<table>
  <tr>
    <td style={{ height: "17pt" }}>
      updateTopic
    </td>
    <td>Number of readable queues（default is 8）</td>
  </tr>
</table>

</details>

<p align="center">The broker keeps 3 replicas of each message.</p>
"""
ZH = """# 运维工具

<details><summary>Topic 相关参数</summary>

<table>
  <tr>
    <td style={{ height: "17pt" }}>
      updateTopic
    </td>
    <td>可读队列数（默认为 8）</td>
  </tr>
</table>

</details>

<p align="center">Broker 为每条消息保存 2 个副本。</p>
"""


def test_html_table_cells_and_paragraphs_are_checked(tmp_path, monkeypatch, capsys):
    for lang, text in (("en", EN), ("zh", ZH)):
        (tmp_path / "corpus" / lang).mkdir(parents=True)
        (tmp_path / "corpus" / lang / "tool.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "corpus", "--select", "N001,P003"])
    out = capsys.readouterr().out
    assert code == 1
    lines = [line for line in out.splitlines() if ": N001 " in line or ": P003 " in line]
    assert lines == [
        "corpus/en/tool.md:10:34: P003 full-width punctuation in English text: （ ）",
        "corpus/zh/tool.md:16:34: N001 3 in the source is missing from the translation; the "
        "translation has 2 not in the source"]
