"""jieba's words through the token cache: the same words, and no jieba on a warm cache."""

from __future__ import annotations

import os
import sqlite3

import pytest

from qa.checks import tokens
from qa.checks.tokens import jieba_dictionary_path, zh_tokens

TEXT = "集群的每个节点都要配置同一个NameServer地址，否则消息会发送失败。"


@pytest.fixture(autouse=True)
def _fresh_memo(monkeypatch):
    monkeypatch.setattr(tokens, "_MEMO", {})
    monkeypatch.setattr(tokens, "_CACHES", {})


def _no_jieba(monkeypatch):
    def fail(text):
        raise AssertionError(f"jieba was asked for {text!r}")
    monkeypatch.setattr(tokens, "_jieba_words", fail)


def test_the_words_are_jiebas():
    from qa.glossary.matching import base_tokenizer

    assert zh_tokens(TEXT, cache_dir=None) == base_tokenizer().lcut(TEXT)
    assert zh_tokens("", cache_dir=None) == []


def test_a_warm_cache_answers_without_jieba(tmp_path, monkeypatch):
    words = zh_tokens(TEXT, cache_dir=tmp_path)
    assert words[:4] == ["集群", "的", "每个", "节点"]
    monkeypatch.setattr(tokens, "_MEMO", {})  # a new process: only the disk remembers
    monkeypatch.setattr(tokens, "_CACHES", {})
    _no_jieba(monkeypatch)
    assert zh_tokens(TEXT, cache_dir=tmp_path) == words
    rows = sqlite3.connect(tmp_path / "tokens.sqlite").execute(
        "SELECT count(*) FROM words").fetchone()
    assert rows == (1,)


def test_the_memo_answers_a_repeated_text_and_stays_bounded(monkeypatch):
    monkeypatch.setattr(tokens, "_MEMO_SIZE", 2)
    first = zh_tokens("消息队列", cache_dir=None)
    _no_jieba(monkeypatch)
    assert zh_tokens("消息队列", cache_dir=None) == first
    first.append("changed")  # callers get a copy: the memo is never changed from outside
    assert zh_tokens("消息队列", cache_dir=None) == ["消息", "队列"]
    monkeypatch.setattr(tokens, "_jieba_words", lambda text: list(text))
    zh_tokens("甲", cache_dir=None)
    zh_tokens("乙", cache_dir=None)
    assert list(tokens._MEMO) == ["甲", "乙"]


def test_an_unusable_cache_folder_falls_back_to_jieba(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert zh_tokens(TEXT, cache_dir=blocked) == zh_tokens(TEXT, cache_dir=None)


def test_a_damaged_cache_file_falls_back_to_jieba(tmp_path):
    (tmp_path / "tokens.sqlite").write_bytes(b"this is not a database" * 100)
    assert zh_tokens(TEXT, cache_dir=tmp_path)[:2] == ["集群", "的"]


def test_the_dictionary_file_is_the_one_jieba_loads():
    import jieba

    path = jieba_dictionary_path()
    assert path is not None and path.name == "dict.txt"
    with jieba.Tokenizer().get_dict_file() as handle:
        assert handle.read(200) == path.read_bytes()[:200]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_a_forked_child_opens_its_own_connection(tmp_path, monkeypatch):
    monkeypatch.setattr(tokens, "_INHERITED", [])
    words = zh_tokens(TEXT, cache_dir=tmp_path)
    parents = tokens._CACHES[tmp_path]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the parent's connection is kept aside, unused and open
        try:
            fresh = not tokens._CACHES and tokens._INHERITED == [parents]
            tokens._MEMO.clear()
            same = zh_tokens(TEXT, cache_dir=tmp_path) == words
            mine = tokens._CACHES[tmp_path] is not parents
            os.write(write, f"{fresh} {same} {mine}".encode())
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 100).decode()
    os.waitpid(pid, 0)
    assert answer == "True True True"
    assert tokens._CACHES[tmp_path] is parents  # the parent keeps its own
