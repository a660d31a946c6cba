import doctest
import importlib

import pytest

MODULES = ["align.evaluate", "align.search", "align.structure", "align.aligner",
           "align.scores.anchors", "align.dictionary"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
