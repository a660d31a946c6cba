"""The disk cache of document alignments: keys, round trips, and a cache that fails."""

import sqlite3

from align import alignment_cache
from align.aligner import AlignerConfig
from align.alignment_cache import (
    AlignmentCache,
    alignment_key,
    code_fingerprint,
    open_alignment_cache,
)
from align.reader import parse_document
from align.structure import align_documents

EN = "# Cats\n\nCats sleep all day. Dogs run in the park.\n\nBirds sing.\n"
ZH = "# 猫\n\n猫整天睡觉。狗在公园里跑。\n\n鸟儿唱歌。\n"
CONFIG = AlignerConfig(scores=("length",), cache_dir=None)


def docs(en: str = EN, zh: str = ZH, suffix: str = ".md"):
    return parse_document(en, f"en/a{suffix}", "en"), parse_document(zh, f"zh/a{suffix}", "zh")


class _Glossary:
    def __init__(self, checksum: str) -> None:
        self.checksum = checksum


def test_the_key_changes_with_everything_the_alignment_depends_on():
    source, target = docs()
    key = alignment_key(source, target, repr(CONFIG), None)
    assert key == alignment_key(*docs(), repr(CONFIG), None)  # the same inputs: the same key
    others = {
        alignment_key(*docs(en=EN.replace("park", "yard")), repr(CONFIG), None),
        alignment_key(*docs(zh=ZH.replace("公园", "院子")), repr(CONFIG), None),
        alignment_key(*docs(suffix=".txt"), repr(CONFIG), None),  # parsed as another kind
        alignment_key(target, source, repr(CONFIG), None),  # the other direction
        alignment_key(source, target, repr(AlignerConfig(scores=("length",), skip=2.0,
                                                          cache_dir=None)), None),
        alignment_key(source, target, repr(CONFIG), _Glossary("ab12")),
        alignment_key(source, target, repr(CONFIG), _Glossary("cd34")),
    }
    assert key not in others and len(others) == 7
    assert len(code_fingerprint()) == 64


def test_an_alignment_comes_back_as_it_was_stored(tmp_path):
    source, target = docs()
    made = align_documents(source, target, CONFIG)
    cache = AlignmentCache(tmp_path)
    key = alignment_key(source, target, repr(CONFIG), None)
    assert cache.get(key, source, target) is None
    cache.put(key, made)
    again = AlignmentCache(tmp_path).get(key, *docs())  # another connection, the files anew
    assert again is not None
    assert (again.beads, again.block_beads, again.signature) == \
        (made.beads, made.block_beads, made.signature)
    assert [b.kind for b in again.beads] == ["1-1", "1-1", "1-1", "1-1"]
    assert again.source.text == EN and again.target.text == ZH


def test_damaged_rows_other_code_and_another_format_are_misses(tmp_path):
    source, target = docs()
    cache = AlignmentCache(tmp_path)
    cache.put("damaged", align_documents(source, target, CONFIG))
    with sqlite3.connect(tmp_path / "alignments.sqlite") as db:
        db.execute("UPDATE alignments SET data = ? WHERE key = 'damaged'", (b"{not json",))
        db.execute("INSERT INTO alignments VALUES ('old', 'other code', '{}')")
    assert cache.get("damaged", source, target) is None
    # A bead that points past the documents' sentences (another pair's alignment).
    cache.put("long", align_documents(*docs(en=EN + "\nFish swim. Frogs jump.\n",
                                            zh=ZH + "\n鱼游。蛙跳。\n"), CONFIG))
    assert cache.get("long", source, target) is None
    AlignmentCache(tmp_path)  # opening deletes the rows another version of the code made
    with sqlite3.connect(tmp_path / "alignments.sqlite") as db:
        assert sorted(k for (k,) in db.execute("SELECT key FROM alignments")) == \
            ["damaged", "long"]
        db.execute("DROP TABLE alignments")
        db.execute("CREATE TABLE alignments (key TEXT PRIMARY KEY, data BLOB)")
    AlignmentCache(tmp_path).put("new", align_documents(source, target, CONFIG))
    with sqlite3.connect(tmp_path / "alignments.sqlite") as db:
        assert [r[1] for r in db.execute("PRAGMA table_info(alignments)")] == \
            ["key", "code", "data"]


def test_a_folder_that_cannot_hold_a_cache_is_no_cache(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert open_alignment_cache(tmp_path / "file" / "cache") is None
    assert open_alignment_cache(tmp_path / "cache") is open_alignment_cache(tmp_path / "cache")


def test_opening_keeps_the_newest_rows_only(tmp_path, monkeypatch):
    source, target = docs()
    made = align_documents(source, target, CONFIG)
    cache = AlignmentCache(tmp_path)
    for k in range(5):
        cache.put(f"page-{k}", made)
    cache.put("page-0", made)  # stored again: the newest now
    monkeypatch.setattr(alignment_cache, "MAX_ROWS", 3)
    AlignmentCache(tmp_path)
    with sqlite3.connect(tmp_path / "alignments.sqlite") as db:
        assert sorted(k for (k,) in db.execute("SELECT key FROM alignments")) == \
            ["page-0", "page-3", "page-4"]
