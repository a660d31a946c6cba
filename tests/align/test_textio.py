import re

import pytest

from align.errors import InputError
from align.textio import decode_bytes, read_text, write_atomic

ZH = "氯胺酮是一种解离性麻醉剂,在治疗抑郁症、自杀倾向、PTSD及其他精神疾病方面具有强大的临床应用价值。"


def test_plain_utf8_has_no_notice():
    d = decode_bytes(ZH.encode("utf-8"), "a.md")
    assert (d.text, d.encoding, d.notice) == (ZH, "utf-8", None)


def test_utf8_bom_is_removed_from_text():
    d = decode_bytes(b"\xef\xbb\xbf" + ZH.encode(), "a.md")
    assert d.text == ZH and d.encoding == "utf-8-sig"


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(enc):
    d = decode_bytes((ZH + "\nKetamine works.\n").encode(enc), "a.md")
    assert d.text == ZH + "\nKetamine works.\n"
    assert d.notice == ("a.md: decoded as UTF-16 (byte-order mark)" if enc == "utf-16"
                        else f"a.md: decoded as {enc.upper()} (no BOM)")


def test_gb18030_is_detected_with_notice():
    d = decode_bytes(ZH.encode("gb18030"), "zh/a.md")
    assert d.text == ZH and d.encoding == "gb18030"
    assert d.notice == "zh/a.md: not UTF-8; decoded as GB18030 (detected)"


def test_short_gb18030_is_refused_not_guessed():
    with pytest.raises(InputError, match=r"a.md: not valid UTF-8: invalid byte 0x\w\w at offset 0"):
        decode_bytes("短文本".encode("gb18030"), "a.md")


def test_explicit_encoding_decodes_short_text():
    assert decode_bytes("短文本".encode("gb18030"), "a.md", "gb18030").text == "短文本"


def test_invalid_bytes_name_offset():
    with pytest.raises(InputError) as exc:
        decode_bytes(b"Ketamine \xff works", "en/a.md")
    assert str(exc.value) == ("en/a.md: not valid UTF-8: invalid byte 0xff at offset 9 "
                              "(save it as UTF-8; bitext split and segment also take "
                              "--encoding)")


def test_invalid_bytes_with_explicit_encoding():
    with pytest.raises(InputError, match="not valid utf-8: invalid byte 0xff at offset 1"):
        decode_bytes(b"a\xffb", "x", "utf-8")


@pytest.mark.parametrize("data,problem", [
    (b"", "empty file"),
    (b" \n\t\n", "empty file (only whitespace)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file"),
])
def test_empty_and_binary(data, problem):
    with pytest.raises(InputError, match=re.escape(problem)):
        decode_bytes(data, "f")


def test_unknown_encoding():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", "f", "klingon")


def test_read_text_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.md")


def test_read_text_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_crlf_is_kept(tmp_path):
    p = tmp_path / "a.md"
    p.write_bytes(b"one\r\ntwo\r\n")
    assert read_text(p).text == "one\r\ntwo\r\n"


def test_load_document_announces_a_detected_encoding(tmp_path, capsys):
    from align.reader import load_document

    p = tmp_path / "a.md"
    p.write_bytes(ZH.encode("gb18030"))
    doc = load_document(p, "zh")
    assert doc.encoding == "gb18030" and doc.sentences[0].text == ZH
    assert capsys.readouterr().err == f"bitext: note: {p}: not UTF-8; decoded as GB18030 (detected)\n"
    load_document(p, "zh", notify=None)
    assert capsys.readouterr().err == ""


def test_glossary_loaders_share_the_read_errors(tmp_path):
    from qa.glossary.csvfile import load_csv
    from qa.glossary.tbx import load_tbx
    from qa.glossary.tsv import load_glossary

    for load in (load_glossary, load_csv, load_tbx):
        with pytest.raises(InputError, match=r"nope\.x: no such file$"):
            load(tmp_path / "nope.x")
        with pytest.raises(InputError, match="is a directory, expected a file"):
            load(tmp_path)


# --- write_atomic --------------------------------------------------------------------------


def test_write_atomic_replaces_whole_file(tmp_path):
    p = tmp_path / "d" / "f.txt"
    write_atomic(p, b"one")
    write_atomic(p, b"two")
    assert p.read_bytes() == b"two"
    assert [x.name for x in p.parent.iterdir()] == ["f.txt"]


def test_write_atomic_keeps_permission_bits_but_not_setid_bits(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_bytes(b"old")
    p.chmod(0o640)
    write_atomic(p, b"new")
    assert p.stat().st_mode & 0o7777 == 0o640
    p.chmod(0o4755)
    write_atomic(p, b"newer")
    assert p.stat().st_mode & 0o7777 == 0o755


def test_write_atomic_new_file_follows_the_umask(tmp_path):
    import os

    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_write_atomic_leaves_nothing_behind_on_error(tmp_path, monkeypatch):
    import os

    p = tmp_path / "f.txt"
    p.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(p, b"new")
    assert p.read_bytes() == b"old"
    assert [x.name for x in tmp_path.iterdir()] == ["f.txt"]


def test_write_atomic_writes_through_a_symbolic_link(tmp_path):
    real = tmp_path / "real.tsv"
    real.write_bytes(b"old")
    link = tmp_path / "link.tsv"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_write_atomic_without_overwrite_refuses_an_existing_file(tmp_path):
    p = tmp_path / "report.html"
    write_atomic(p, b"one", overwrite=False)
    with pytest.raises(FileExistsError):
        write_atomic(p, b"two", overwrite=False)
    assert p.read_bytes() == b"one"
    assert [x.name for x in tmp_path.iterdir()] == ["report.html"]


def test_write_new_takes_the_first_free_name_and_leaves_nothing_on_error(tmp_path):
    from align.textio import write_new

    names = [tmp_path / "r.html", tmp_path / "r-2.html"]
    assert write_new(names, [b"a", b"b"]) == names[0].resolve()
    assert write_new(names, iter([b"c"])) == names[1].resolve()
    assert [p.read_bytes() for p in names] == [b"ab", b"c"]
    with pytest.raises(FileExistsError):
        write_new(names, [b"d"])

    def failing():
        yield b"half"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_new([tmp_path / "s.html"], failing())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-2.html", "r.html"]
