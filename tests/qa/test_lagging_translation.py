"""A translation that lags behind its source lacks whole sections: each is one finding at
its heading, not a cascade of findings on the paragraph the aligner merged it into."""

from __future__ import annotations

from qa.cli import main

EN = """# Producer

A producer sends messages to a topic.

## Send modes

The client supports three send modes. Synchronous sending waits for the broker's response.

## Retries

When sending fails, the client retries up to 2 times. You can change this with `retryTimes`.

Retries use exponential backoff. The first retry waits 100 ms.

Each later retry doubles the wait, up to 5 seconds.

## Batching

Messages can be sent in batches of up to 4 MB.
"""
ZH = """# 生产者

生产者向主题发送消息。

## 发送方式

客户端支持三种发送方式。同步发送会等待 Broker 的响应。

## 批量发送

消息可以批量发送，每批最大 4 MB。
"""


def test_a_section_the_translation_lacks_is_one_finding_at_its_heading(tmp_path, monkeypatch,
                                                                        capsys):
    for lang, text in (("en", EN), ("zh", ZH)):
        (tmp_path / "corpus" / lang).mkdir(parents=True)
        (tmp_path / "corpus" / lang / "producer.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "corpus"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [line for line in out if line.startswith("corpus/")] == [
        'corpus/en/producer.md:9:4: A001 source 6 sentences have no translation: "Retries '
        'When sending fails, the client retries up to 2 time…"']
