from align.text_memo import TextMemo


def test_each_text_is_worked_out_once_while_held():
    seen: list[str] = []
    memo = TextMemo(lambda text: seen.append(text) or text.upper(), limit=3)
    assert [memo("a"), memo("b"), memo("a"), memo("c")] == ["A", "B", "A", "C"]
    assert seen == ["a", "b", "c"] and len(memo) == 3
    # Full: the memo starts afresh, so "a" is worked out again.
    assert memo("d") == "D" and len(memo) == 1
    assert memo("a") == "A" and seen == ["a", "b", "c", "d", "a"]


def test_a_falsy_result_is_kept_too():
    calls: list[str] = []
    memo = TextMemo(lambda text: calls.append(text) or 0)
    assert memo("x") == 0 and memo("x") == 0 and calls == ["x"]
