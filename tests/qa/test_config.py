import pytest

from align.errors import InputError
from qa.core.finding import Severity
from qa.core.settings import RuleOptions, load_settings, parse_settings


def test_defaults_without_pyproject(tmp_path):
    cfg = load_settings(start=tmp_path)  # no pyproject.toml in tmp_path or above it
    assert (cfg.source_lang, cfg.target_lang, cfg.fail_on, cfg.select) == ("en", "zh", "error",
                                                                           None)


def test_full_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.bitext]\nselect = ["A", "N001"]\nignore = ["P004"]\nfail-on = "warning"\n'
        'cjk-latin-spacing = "add"\n[tool.bitext.severity]\nN001 = "error"\n'
        '[tool.bitext.per-file-ignores]\n"corpus/zh/old/*" = ["P002"]\n', encoding="utf-8")
    cfg = load_settings(start=tmp_path)
    assert cfg.select == ("A", "N001") and cfg.ignore == ("P004",)
    assert cfg.fail_on is Severity.WARNING and cfg.cjk_latin_spacing == "add"
    assert cfg.severity == {"N001": Severity.ERROR}
    assert cfg.per_file_ignores == {"corpus/zh/old/*": ("P002",)}
    assert cfg.root == tmp_path and cfg.options == RuleOptions()


@pytest.mark.parametrize("table,problem", [
    ({"fail-on": "fatal"}, "fail-on: expected one of info, warning, error"),
    ({"selct": ["A"]}, "selct: unknown setting"),
    ({"source-language": "fr"}, "source-language: expected 'zh' or 'en'"),
    ({"select": "A"}, "select: expected a list"),
    ({"severity": {"N001": "fatal"}}, "severity: expected a table"),
    ({"options": []}, "options: expected a table"),
])
def test_bad_values_are_one_line_errors(table, problem):
    with pytest.raises(InputError) as exc:
        parse_settings(table, "pyproject.toml")
    assert str(exc.value).startswith(f"pyproject.toml: [tool.bitext] {problem}")


@pytest.mark.parametrize("options,problem", [
    ({"drift": 1}, "drift: unknown option (known: semantic-evidence, drift-confidence, "
                   "drift-typo-chrf)"),
    ({"semantic-evidence": "no"}, "semantic-evidence: expected true or false"),
    ({"drift-confidence": "high"}, "drift-confidence: expected a number"),
    ({"drift-typo-chrf": True}, "drift-typo-chrf: expected a number"),
])
def test_rule_options_are_typed(options, problem):
    with pytest.raises(InputError) as exc:
        parse_settings({"options": options}, "pyproject.toml")
    assert str(exc.value) == f"pyproject.toml: [tool.bitext.options] {problem}"
    good = parse_settings({"options": {"semantic-evidence": False, "drift-confidence": 1}})
    assert good.options == RuleOptions(semantic_evidence=False, drift_confidence=1.0)


def test_glossary_path_is_relative_to_the_configuration(tmp_path):
    assert parse_settings({"glossary": "terms.tsv"}, root=tmp_path).glossary == \
        str(tmp_path / "terms.tsv")


def test_invalid_toml(tmp_path):
    p = tmp_path / "pyproject.toml"
    p.write_text("[tool.bitext\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid TOML"):
        load_settings(p)


def test_a_configured_direction_is_marked_as_such(tmp_path):
    # It turns the pairs of a layout whose direction is a guess (align.layout.find_pairs).
    assert not load_settings(start=tmp_path).direction_configured
    (tmp_path / "pyproject.toml").write_text(
        '[tool.bitext]\nsource-language = "zh"\ntarget-language = "en"\n', encoding="utf-8")
    settings = load_settings(start=tmp_path)
    assert (settings.source_lang, settings.target_lang, settings.direction_configured) == (
        "zh", "en", True)
