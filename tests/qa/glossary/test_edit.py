"""Writers of the glossary: the lock (no lost update, a one-line timeout), bytes kept,
columns added to a header that lacks them, statuses changed in place."""

import multiprocessing

from filelock import FileLock

from qa.cli import main
from qa.glossary import Entry, Status, load_glossary
from qa.glossary.edit import append_entries, lock_path, set_statuses
from tests.qa.glossary.writers import add_many


def test_parallel_writers_lose_no_entry(tmp_path):
    # 4 processes x 20 adds: without the lock about half the rows were lost (measured:
    # 29-39 of 80 kept); under it every one is there.
    g = tmp_path / "glossary.tsv"
    g.write_text("en\tzh\n", encoding="utf-8")
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        ok = pool.map(add_many, [(str(g), w, 20) for w in range(4)])
    assert ok == [20] * 4
    entries = load_glossary(g).entries
    assert len(entries) == 80
    assert {e.en for e in entries} == {f"term w{w} n{i}" for w in range(4) for i in range(20)}


def test_lock_held_too_long_is_a_one_line_error(tmp_path, capsys):
    g = tmp_path / "glossary.tsv"
    g.write_text("en\tzh\n", encoding="utf-8")
    with FileLock(str(lock_path(g))):
        assert main(["glossary", "add", "ketamine", "氯胺酮", "--glossary", str(g),
                     "--lock-timeout", "0.2"]) == 2
    err = capsys.readouterr().err
    assert err == (f"bitext: error: {g}: another writer has held the lock {g}.lock for more "
                   "than 0.2 s; nothing was changed (try again, or give --lock-timeout "
                   "SECONDS)\n")
    assert g.read_text(encoding="utf-8") == "en\tzh\n"
    assert main(["glossary", "add", "ketamine", "氯胺酮", "--glossary", str(g)]) == 0


def test_two_column_glossary_gains_only_the_columns_a_row_needs(tmp_path, capsys):
    g = tmp_path / "glossary.tsv"
    original = "\ufeff# two columns\r\nen\tzh\r\nketamine\t氯胺酮\r\n".encode()
    g.write_bytes(original)
    assert main(["glossary", "add", "glutamate", "谷氨酸", "--glossary", str(g)]) == 0
    assert g.read_bytes() == original + "glutamate\t谷氨酸\r\n".encode()
    assert main(["glossary", "add", "depression", "忧郁症", "--status", "forbidden",
                 "--glossary", str(g)]) == 0
    assert "added column(s) status to the header" in capsys.readouterr().err
    assert g.read_bytes() == ("\ufeff# two columns\r\nen\tzh\tstatus\r\nketamine\t氯胺酮\r\n"
                              "glutamate\t谷氨酸\r\ndepression\t忧郁症\tforbidden\r\n").encode()
    assert [e.status for e in load_glossary(g).entries] == [Status.APPROVED, Status.APPROVED,
                                                           Status.FORBIDDEN]


def test_append_skips_duplicates_and_adds_a_final_newline(tmp_path):
    g = tmp_path / "glossary.tsv"
    g.write_text("zh\ten\tsource\n氯胺酮\tketamine\tWHO", encoding="utf-8")
    done = append_entries(g, [Entry("Ketamine", "氯胺酮"), Entry("PCP", "", Status.KEEP),
                              Entry("pcp", "", Status.KEEP)], skip_duplicates=True)
    assert (done.lines, len(done.skipped), done.new_columns) == ([3], 2, ("status",))
    assert g.read_text(encoding="utf-8") == ("zh\ten\tsource\tstatus\n氯胺酮\tketamine\tWHO\n"
                                             "\tPCP\t\tkeep\n")


def test_set_statuses_changes_only_the_status_field(tmp_path):
    g = tmp_path / "glossary.tsv"
    text = ("en\tzh\tstatus\tnote\n# guesses\n"
            "dopamine\t多巴胺\tproposed\textracted: explicit n=2 \n"
            "side effect\t副作用\tproposed\n")
    g.write_text(text, encoding="utf-8")
    changed = set_statuses(g, {("dopamine", "多巴胺"): Status.APPROVED,
                               ("side effect", "副作用"): Status.REJECTED,
                               ("absent", "无"): Status.APPROVED})
    assert [e.en for e in changed] == ["dopamine", "side effect"]
    assert g.read_text(encoding="utf-8") == text.replace(
        "多巴胺\tproposed", "多巴胺\tapproved").replace("副作用\tproposed", "副作用\trejected")
