import json
import subprocess
import sys

import pytest

from qa.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("bitext ")


def test_split_is_lossless_and_refuses_to_clobber(tmp_path, seed_text, capsys):
    src = tmp_path / "seed.txt"
    src.write_bytes(seed_text.encode())
    out = tmp_path / "corpus"
    assert main(["split", str(src), "--out", str(out), "--name", "ketamine"]) == 0
    zh = (out / "zh" / "ketamine.md").read_bytes()
    en = (out / "en" / "ketamine.md").read_bytes()
    assert zh + "English Original 英文原文\n".encode() + en == src.read_bytes()
    # Same content again: fine; different content: refused, nothing written.
    assert main(["split", str(src), "--out", str(out), "--name", "ketamine"]) == 0
    (out / "en" / "ketamine.md").write_bytes(b"edited by a person\n")
    assert main(["split", str(src), "--out", str(out), "--name", "ketamine"]) == 2
    assert "exists with other content" in capsys.readouterr().err
    assert (out / "en" / "ketamine.md").read_bytes() == b"edited by a person\n"


def test_split_crlf_without_final_newline(tmp_path):
    text = "中文第一句。\r\n中文第二句。\r\nEnglish Original 英文原文\r\nFirst. Second"
    src = tmp_path / "b.txt"
    src.write_bytes(text.encode())
    assert main(["split", str(src), "--out", str(tmp_path / "c")]) == 0
    assert (tmp_path / "c" / "zh" / "b.md").read_bytes() == "中文第一句。\r\n中文第二句。\r\n".encode()
    assert (tmp_path / "c" / "en" / "b.md").read_bytes() == b"First. Second"


def test_segment_json(corpus_dir, capsys):
    assert main(["segment", str(corpus_dir / "en" / "ketamine.md"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lang"] == "en"
    first = data["blocks"][0]
    assert (first["kind"], first["line"], first["sentences"][0]["end_column"]) == \
        ("heading", 1, 64)


@pytest.mark.parametrize("content,problem", [
    (b"", "empty file"),
    (b"abc \xff\xfe def", "not valid UTF-8: invalid byte 0xff at offset 4"),
])
def test_bad_input_is_one_line_exit_2(tmp_path, content, problem):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    r = subprocess.run([sys.executable, "-m", "qa", "segment", str(f)], capture_output=True,
                       text=True)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"bitext: error: {f}: {problem}")


def test_usage_error_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["segment"])
    assert exc.value.code == 2


@pytest.mark.parametrize("argv", [["--help"], ["rules"]])
def test_help_and_rules_load_no_heavy_modules(argv):
    """Start-up cost: the parser and the rule catalogue need neither the package metadata
    (read only for --version), nor the pipeline, numpy, pandas, jinja2 or the glossary's
    file lock (loaded by the first write)."""
    code = ("import sys, contextlib, io\n"
            "from qa.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    try: main({argv!r})\n"
            "    except SystemExit: pass\n"
            "heavy = [m for m in ('importlib.metadata', 'qa.pipeline', 'numpy', 'pandas',"
            " 'jinja2', 'filelock') if m in sys.modules]\n"
            "assert not heavy, heavy\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_path_that_cannot_be_written_is_one_line_exit_2(tmp_path, corpus_dir, capsys):
    # Not an internal error: the user named a file where a folder must be, or a folder that
    # does not exist; the line names the path, and the file is left as it was.
    blocker = tmp_path / "a-file"
    blocker.write_text("keep\n", encoding="utf-8")
    code = main(["check", str(corpus_dir), "--write-baseline", str(blocker / "b.json")])
    assert code == 2
    assert capsys.readouterr().err == f"bitext: error: {blocker}: a file where a folder is needed\n"
    assert blocker.read_text(encoding="utf-8") == "keep\n"
    missing = tmp_path / "no" / "such"
    assert main(["align", str(corpus_dir), "--scores", "length", "-o", str(missing / "x.tsv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bitext: error: ") and "no such file or directory" in err
    assert err.count("\n") == 1 and "internal error" not in err


def test_a_run_with_unreadable_files_never_says_all_checks_passed(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    for lang, data in (("en", b"# T\n\nHello.\n"), ("zh", "# 标题\n\n你好。\n".encode("gbk"))):
        (corpus / lang).mkdir(parents=True)
        (corpus / lang / "a.md").write_bytes(data)
    assert main(["check", str(corpus)]) == 2
    out, err = capsys.readouterr()
    assert out == ("No findings in what was checked, but 1 problem kept part of it unchecked "
                   "(on stderr).\n")
    assert err.startswith(f"bitext: error: {corpus / 'zh' / 'a.md'}: not valid UTF-8")
