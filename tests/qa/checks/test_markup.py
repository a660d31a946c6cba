from qa.checks.markup import MarkupMismatch, StructureMismatch, TableShape
from tests.qa.helpers import aligned, run_check, where

EN = """## Background

- Ketamine shares its core mechanism of action with PCP (phencyclidine)
- Both are **dissociative** anesthetics, see `ketamine.md`

| Route | Notes |
|---|---|
| Intravenous (IV) | Fastest onset |
| Oral (pill) | Slowest onset |
"""
ZH = """## 背景

- 氯胺酮与PCP（苯环利定）共享核心作用机制
- 两者均为**解离性**麻醉剂，见`ketamine.md`

| 途径 | 备注 |
|---|---|
| 静脉注射（IV） | 起效最快 |
| 口服（片剂） | 起效最慢 |
"""


def test_same_markup_gives_nothing():
    doc = aligned(EN, ZH)
    for check in (MarkupMismatch, StructureMismatch, TableShape):
        assert run_check(check, doc) == [], check.code


def test_bold_on_the_translation_only():
    zh = ZH.replace("氯胺酮与PCP（苯环利定）", "氯胺酮与**PCP（苯环利定）**")
    found = run_check(MarkupMismatch, aligned(EN, zh))
    assert where(found) == [("M001", 3, 7)]
    assert found[0].message == "bold on the translation only: **PCP（苯环利定）**"
    assert found[0].source.line == 3


def test_code_span_lost_in_translation():
    found = run_check(MarkupMismatch, aligned(EN, ZH.replace("`ketamine.md`", "ketamine.md")))
    assert [f.code for f in found] == ["M001"]
    assert (found[0].source.line, found[0].source.column) == (4, 46)
    assert "code span of the source is missing" in found[0].message


def test_heading_rendered_as_list_item():
    found = run_check(StructureMismatch, aligned(EN, ZH.replace("## 背景", "- 背景")))
    assert where(found) == [("M002", 1, 1)]
    assert "level-2 heading in the source is a list item" in found[0].message


def test_heading_level_changed():
    found = run_check(StructureMismatch, aligned(EN, ZH.replace("## 背景", "### 背景")))
    assert where(found) == [("M002", 1, 1)]


def test_table_with_an_extra_cell_and_a_missing_row():
    zh = ZH.replace("| 静脉注射（IV） | 起效最快 |", "| 静脉注射（IV） | 起效最快 | 最常用 |")
    found = run_check(TableShape, aligned(EN, zh))
    assert where(found) == [("M003", 8, 1)]
    assert found[0].message == "row has 2 cells in the source and 3 in the translation"
    found = run_check(TableShape, aligned(EN, ZH.replace("| 口服（片剂） | 起效最慢 |\n", "")))
    assert where(found) == [("M003", 6, 1)]
    assert "3 rows in the source and 2" in found[0].message
