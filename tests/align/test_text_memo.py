from align.text_memo import TextMemo


def test_each_text_is_worked_out_once_while_held():
    seen: list[str] = []
    memo = TextMemo(lambda text: seen.append(text) or text.upper(), limit=4)
    assert [memo("a"), memo("b"), memo("a"), memo("c"), memo("d")] == ["A", "B", "A", "C", "D"]
    assert seen == ["a", "b", "c", "d"] and len(memo) == 4
    # Full: the memo forgets the older half ("a", "b") and keeps "c" and "d".
    assert memo("e") == "E" and len(memo) == 3
    assert [memo("c"), memo("d"), memo("a")] == ["C", "D", "A"]
    assert seen == ["a", "b", "c", "d", "e", "a"]


def test_a_falsy_result_is_kept_too():
    calls: list[str] = []
    memo = TextMemo(lambda text: calls.append(text) or 0)
    assert memo("x") == 0 and memo("x") == 0 and calls == ["x"]
