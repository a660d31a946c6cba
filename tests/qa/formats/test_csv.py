import io

import pandas as pd

from qa.formats import csv as csv_format
from tests.qa.runs import sample_run


def test_rows_and_columns_round_trip_through_pandas():
    out = io.StringIO()
    csv_format.write(sample_run(), out)
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype={"source_line": "Int64"})
    assert list(frame.columns) == csv_format.COLUMNS
    assert list(frame["code"]) == ["N001", "A001", "P004"]
    assert frame.loc[0, "target_text"] == "10–15"
    assert frame.loc[0, "message"] == "number 15 is missing in the target; \"10-15\" became '10–15'"
    assert frame.loc[1, "source_text"] == "It is used for <script>alert(1)</script> depression."
    assert frame.loc[2, "suggestion"] == "0.5 mg/kg, 100%: done"
    assert pd.isna(frame.loc[2, "source_line"])
    assert frame.loc[0, "source_line"] == 3


def test_integers_print_without_decimals_and_missing_sides_stay_empty():
    out = io.StringIO()
    csv_format.write(sample_run(), out)
    p004 = out.getvalue().splitlines()[3]
    assert p004.startswith("P004,cjk-latin-spacing,info,dosing.md,")
    assert ",,,,,,,corpus/zh/dosing.md,3,1,3,16," in p004


def test_empty_run_writes_the_header():
    out = io.StringIO()
    csv_format.write(sample_run(findings=[]), out)
    assert out.getvalue() == ",".join(csv_format.COLUMNS) + "\n"
