"""Pairing documents where docs sites keep them: detected layouts and configured mappings."""

import shutil
from pathlib import Path

import pytest

from align.errors import InputError
from align.layout import PathMapping, detect_mappings, find_pairs

SHARED_DOCS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "docs"


def make(root: Path, *files: str) -> Path:
    for rel in files:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x\n", encoding="utf-8")
    return root


def names(scan) -> list[tuple[str, str, str]]:
    return [(p.name, p.source_lang, p.target_lang) for p in scan.pairs]


def test_language_folders_at_any_depth_and_hugo_codes(tmp_path):
    make(tmp_path, "content/en/a.md", "content/zh-cn/a.md", "content/en/b/c.md",
         "content/zh-cn/b/c.md")
    scan = find_pairs([str(tmp_path)])
    assert names(scan) == [("a.md", "en", "zh"), ("b/c.md", "en", "zh")]
    assert scan.pairs[1].target_path == str(tmp_path / "content/zh-cn/b/c.md")


def test_docusaurus_direction_comes_from_the_i18n_locale(tmp_path):
    make(tmp_path, "docs/intro.md", "i18n/zh-Hans/docusaurus-plugin-content-docs/current/intro.md")
    assert names(find_pairs([str(tmp_path)])) == [("intro.md", "en", "zh")]
    zh_source = make(tmp_path / "site2", "versioned_docs/version-5.0/a/b.md",
                     "i18n/en/docusaurus-plugin-content-docs/version-5.0/a/b.md")
    assert names(find_pairs([str(zh_source)])) == [("5.0/a/b.md", "zh", "en")]


def test_suffix_layout(tmp_path):
    make(tmp_path, "guide/setup.en.md", "guide/setup.zh.md", "readme.en.md", "readme.cn.md")
    assert [p.name for p in find_pairs([str(tmp_path)]).pairs] == ["guide/setup", "readme"]


def test_one_sided_documents_are_reported_not_raised(tmp_path):
    make(tmp_path, "en/a.md", "zh/a.md", "en/new.md", "zh/old.md")
    scan = find_pairs([str(tmp_path)])
    assert [p.name for p in scan.pairs] == ["a.md"]
    assert [(u.side, Path(u.path).name, Path(u.expected).as_posix().split("/")[-2:])
            for u in scan.unpaired] == [("source", "new.md", ["zh", "new.md"]),
                                        ("target", "old.md", ["en", "old.md"])]


def test_a_file_finds_its_counterpart_in_the_nearest_layout(tmp_path):
    make(tmp_path, "docs/en/x/a.md", "docs/zh/x/a.md", "docs/en/x/b.md", "docs/zh/x/b.md")
    (pair,) = find_pairs([str(tmp_path / "docs/zh/x/a.md")]).pairs
    assert pair.source_path == str(tmp_path / "docs/en/x/a.md")


def test_configured_mappings_restrict_to_the_given_paths(tmp_path):
    make(tmp_path, "src/a.md", "src/b/c.md", "tr/a.md", "tr/b/c.md")
    mapping = PathMapping("src/{path}", "tr/{path}", "zh", "en")
    scan = find_pairs([str(tmp_path / "src" / "b")], [mapping], tmp_path)
    assert names(scan) == [("b/c.md", "zh", "en")]


def test_nothing_to_pair_is_one_line(tmp_path):
    make(tmp_path, "notes/a.md")
    with pytest.raises(InputError, match="not a corpus folder"):
        find_pairs([str(tmp_path)])
    with pytest.raises(InputError, match="no such file or directory"):
        find_pairs([str(tmp_path / "missing")])


def test_a_relative_path_outside_the_working_folder_is_scanned_up_its_own_folders(
        tmp_path, monkeypatch):
    # `bitext check ../shared/data/mqm` from the repository: the relative path's parents end
    # at ".", the working folder, which does not hold it; the walk stops there (it raised
    # ValueError from Path.relative_to, an internal error).
    make(tmp_path, "work/pyproject.toml", "data/mqm/README.md")
    monkeypatch.chdir(tmp_path / "work")
    with pytest.raises(InputError, match="not a corpus folder"):
        find_pairs(["../data/mqm"])
    # A file's layout is still found in a folder above it, through the relative path.
    make(tmp_path, "site/en/a.md", "site/zh/a.md")
    (pair,) = find_pairs(["../site/zh/a.md"]).pairs
    assert pair.source_path == "../site/en/a.md"


def test_a_folder_of_sites_finds_a_site_four_levels_down(tmp_path):
    # ../shared: rocketmq's Docusaurus i18n/ lies three levels down, seatunnel's en/ + zh/
    # four (data/docs/seatunnel/docs/en); at a depth of three the second was left out. Here
    # the second site's language folders sit in the fifth level.
    make(tmp_path, "data/docs/a/docs/en/x.md", "data/docs/a/docs/zh/x.md",
         "data/docs/b/web/docs/en/y.md", "data/docs/b/web/docs/zh/y.md")
    assert sorted(p.name for p in find_pairs([str(tmp_path)]).pairs) == ["x.md", "y.md"]


def test_a_site_deeper_than_the_layout_search_is_named_not_dropped(tmp_path):
    # en/ + zh/ six levels down: not paired (the layouts are looked for five levels down),
    # but the scan says which folder holds them instead of leaving them out without a word.
    deep = "a/b/c/d/e/web"
    make(tmp_path, "top/en/x.md", "top/zh/x.md", f"{deep}/en/y.md", f"{deep}/zh/y.md",
         "a/b/c/d/e/notes/en/z.md")  # one language only: no site
    scan = find_pairs([str(tmp_path)])
    assert [p.name for p in scan.pairs] == ["x.md"]
    assert scan.notes == [f"{tmp_path / deep}: its language folders are more than 5 folder "
                          "levels down and were not checked; give that folder to check them"]
    assert [p.name for p in find_pairs([str(tmp_path / deep)]).pairs] == ["y.md"]
    # A site five levels down is found, and no note is made for it.
    assert find_pairs([str(tmp_path / "a")]).notes == []
    # With nothing else to pair, the one-line error names the deep folder.
    shutil.rmtree(tmp_path / "top")
    with pytest.raises(InputError, match=f"; {tmp_path / deep} has en/ and zh/ more than 5 "
                                         "folder levels down: give that folder"):
        find_pairs([str(tmp_path)])


def test_text_files_pair_in_a_text_corpus_and_not_beside_pages(tmp_path):
    # A corpus of text files pairs them, at the top or deeper.
    make(tmp_path / "texts", "en/a.txt", "zh/a.txt", "deep/en/b.txt", "deep/zh/b.txt")
    assert sorted(p.name for p in find_pairs([str(tmp_path / "texts")]).pairs) == ["a.txt", "b.txt"]
    # A site pairs its pages only, whichever folder is given: the site, its docs/ folder
    # or its en/ folder (which once paired the .txt beside the pages: 402 findings on
    # seatunnel's docs/en, 344 from the site).
    make(tmp_path / "site", "docs/en/a.md", "docs/zh/a.md", "docs/en/out/metrics.txt",
         "docs/zh/out/metrics.txt")
    for given in ("site", "site/docs", "site/docs/en"):
        assert [p.name for p in find_pairs([str(tmp_path / given)]).pairs] == ["a.md"], given


@pytest.mark.skipif(not SHARED_DOCS.is_dir(), reason="../shared/data/docs not present")
def test_the_two_real_sites_pair_in_their_own_layouts():
    seatunnel = find_pairs([str(SHARED_DOCS / "seatunnel")])
    rocketmq = find_pairs([str(SHARED_DOCS / "rocketmq-site")])
    # 39 pages: seatunnel's 40th pair is metrics.txt, sample output rather than a page.
    assert (len(seatunnel.pairs), len(rocketmq.pairs)) == (39, 63)
    assert {(p.source_lang, p.target_lang) for p in seatunnel.pairs} == {("en", "zh")}
    assert {(p.source_lang, p.target_lang) for p in rocketmq.pairs} == {("zh", "en")}
    assert detect_mappings(SHARED_DOCS / "seatunnel")[0].source == "docs/{lang}/{path}"


def test_root_pages_and_one_locale_folder_vitepress_style(tmp_path):
    make(tmp_path, "docs/index.md", "docs/guide/a.md", "docs/guide/b.md", "docs/zh/index.md",
         "docs/zh/guide/a.md", "docs/ja/index.md", "docs/zh-TW/index.md")
    scan = find_pairs([str(tmp_path)])
    assert names(scan) == [("guide/a.md", "en", "zh"), ("index.md", "en", "zh")]
    assert scan.pairs[0].target_path == str(tmp_path / "docs/zh/guide/a.md")
    # b.md waits for its translation; the Japanese and Traditional pages are no sources.
    assert [(u.side, u.name) for u in scan.unpaired] == [("source", "guide/b.md")]


def test_a_chinese_root_with_an_english_folder_runs_zh_to_en(tmp_path):
    make(tmp_path, "website/intro.md", "website/en/intro.md")
    assert names(find_pairs([str(tmp_path)])) == [("intro.md", "zh", "en")]


def test_a_locale_folder_that_mirrors_nothing_is_no_layout(tmp_path):
    make(tmp_path, "notes/a.md", "notes/b.md", "notes/cn/pricing.md")
    with pytest.raises(InputError, match="not a corpus folder"):
        find_pairs([str(tmp_path)])


def test_default_language_without_a_suffix_mkdocs_and_readme_style(tmp_path):
    make(tmp_path, "docs/index.md", "docs/index.zh.md", "docs/about.md", "docs/about.zh.md",
         "docs/index.fr.md", "README.md", "README_zh-CN.md")
    scan = find_pairs([str(tmp_path)])
    assert sorted(names(scan)) == [("README", "en", "zh"), ("docs/about", "en", "zh"),
                                   ("docs/index", "en", "zh")]
    assert scan.unpaired == []  # index.fr.md is no source waiting for a translation
    zh_site = make(tmp_path / "zh-site", "index.md", "index.en.md")
    assert names(find_pairs([str(zh_site)])) == [("index", "zh", "en")]



def test_upper_case_codes_readme_cn_style(tmp_path):
    # GitHub projects often name the Chinese README README_CN.md (or a_ZH.md).
    make(tmp_path, "README.md", "README_CN.md", "docs/guide.md", "docs/guide-ZH.md")
    assert sorted(names(find_pairs([str(tmp_path)]))) == [("README", "en", "zh"),
                                                         ("docs/guide", "en", "zh")]

def test_docusaurus_blog_pages_and_a_second_docs_instance(tmp_path):
    make(tmp_path, "docs/intro.md", "i18n/zh-CN/docusaurus-plugin-content-docs/current/intro.md",
         "blog/2024-01-01-hello.md", "i18n/zh-CN/docusaurus-plugin-content-blog/2024-01-01-hello.md",
         "src/pages/about.md", "i18n/zh-CN/docusaurus-plugin-content-pages/about.md",
         "api/client.md", "i18n/zh-CN/docusaurus-plugin-content-docs-api/current/client.md")
    assert sorted(p.target_path.removeprefix(str(tmp_path) + "/")
                  for p in find_pairs([str(tmp_path)]).pairs) == [
        "i18n/zh-CN/docusaurus-plugin-content-blog/2024-01-01-hello.md",
        "i18n/zh-CN/docusaurus-plugin-content-docs-api/current/client.md",
        "i18n/zh-CN/docusaurus-plugin-content-docs/current/intro.md",
        "i18n/zh-CN/docusaurus-plugin-content-pages/about.md"]


def test_a_docusaurus_site_in_website_with_its_docs_beside_it(tmp_path):
    make(tmp_path, "docs/intro.md", "docs/guide/a.md",
         "website/i18n/zh-CN/docusaurus-plugin-content-docs/current/intro.md",
         "website/i18n/zh-CN/docusaurus-plugin-content-docs/current/guide/a.md")
    scan = find_pairs([str(tmp_path)])
    assert names(scan) == [("guide/a.md", "en", "zh"), ("intro.md", "en", "zh")]
    assert scan.pairs[1].source_path == str(tmp_path / "docs/intro.md")


def test_a_configured_direction_turns_a_guessed_layout_and_an_english_default_locale(tmp_path):
    # apache/iotdb-docs: English pages at the root, Chinese in zh/, written Chinese first;
    # [tool.bitext] source-language = "zh" makes the Chinese pages the sources.
    make(tmp_path, "site/src/guide/a.md", "site/src/zh/guide/a.md", "site/src/guide/b.md",
         "site/src/zh/guide/c.md", "site/NOTES.md", "site/NOTES.zh.md",
         "docu/docs/a.md", "docu/i18n/zh-Hans/docusaurus-plugin-content-docs/current/a.md")
    default = find_pairs([str(tmp_path / "site")], source_lang="zh", target_lang="en")
    assert [(p.name, p.source_lang) for p in default.pairs] == [("NOTES", "en"),
                                                                 ("guide/a.md", "en")]
    scan = find_pairs([str(tmp_path / "site")], source_lang="zh", target_lang="en", turn=True)
    assert [(p.name, Path(p.source_path).relative_to(tmp_path).as_posix(), p.source_lang,
             p.target_lang) for p in scan.pairs] == [
        ("NOTES", "site/NOTES.zh.md", "zh", "en"),
        ("guide/a.md", "site/src/zh/guide/a.md", "zh", "en")]
    # The page without its counterpart: b.md, English, is now a translation without source.
    assert sorted((Path(u.path).name, u.side, u.source_lang) for u in scan.unpaired) == [
        ("b.md", "target", "zh"), ("c.md", "source", "zh")]
    # An English default locale is a guess too (apache/linkis-website, written Chinese
    # first, keeps its Chinese in i18n/zh-CN/): the configured direction turns it.
    docu = find_pairs([str(tmp_path / "docu")], source_lang="zh", target_lang="en")
    assert [(p.name, p.source_lang) for p in docu.pairs] == [("a.md", "en")]
    docu = find_pairs([str(tmp_path / "docu")], source_lang="zh", target_lang="en", turn=True)
    assert [(p.name, Path(p.source_path).relative_to(tmp_path).as_posix(), p.source_lang)
            for p in docu.pairs] == [
        ("a.md", "docu/i18n/zh-Hans/docusaurus-plugin-content-docs/current/a.md", "zh")]
    # A Chinese default locale with i18n/en says the Chinese came first (rocketmq-site): a
    # configured en → zh (a repository's general setting) does not turn it.
    make(tmp_path, "zhsite/docs/b.md", "zhsite/i18n/en/docusaurus-plugin-content-docs/current/b.md")
    zhsite = find_pairs([str(tmp_path / "zhsite")], source_lang="en", target_lang="zh", turn=True)
    assert [(p.name, p.source_lang) for p in zhsite.pairs] == [("b.md", "zh")]


def test_a_page_another_layout_pairs_is_no_page_without_translation(tmp_path):
    # youzan/vant, zh → en: README.zh-CN.md is the source of README.md; the suffix layout
    # (faq.zh-CN.md ↔ faq.en-US.md) also took it for a source and expected README.en.md.
    make(tmp_path, "src/icon/README.md", "src/icon/README.zh-CN.md", "docs/faq.en-US.md",
         "docs/faq.zh-CN.md")
    scan = find_pairs([str(tmp_path)], source_lang="zh", target_lang="en", turn=True)
    assert sorted((Path(p.source_path).name, Path(p.target_path).name) for p in scan.pairs) \
        == [("README.zh-CN.md", "README.md"), ("faq.zh-CN.md", "faq.en-US.md")]
    assert scan.unpaired == []


def test_a_translation_another_mapping_pairs_is_no_orphan(tmp_path):
    # TDengine spells a folder differently per language (docs/zh/06-advanced/06-TDgpt ↔
    # docs/en/06-advanced/06-tdgpt): a second mapping pairs it. The first mapping whose target
    # pattern matched judged the English page alone, and reported it as having no source.
    make(tmp_path, "docs/zh/a-TDgpt/faq.md", "docs/en/a-tdgpt/faq.md", "docs/zh/b/backup.md",
         "docs/en/b/backup.md", "docs/en/c/old.md")
    general = PathMapping("docs/zh/{path}", "docs/en/{path}", "zh", "en")
    tdgpt = PathMapping("docs/zh/a-TDgpt/{path}", "docs/en/a-tdgpt/{path}", "zh", "en")
    mdx = PathMapping("docs/zh/{path}.mdx", "docs/en/{path}.md", "zh", "en")
    for mappings in ([general, tdgpt], [tdgpt, mdx, general]):
        scan = find_pairs([str(tmp_path)], mappings, tmp_path)
        assert sorted((Path(p.source_path).relative_to(tmp_path).as_posix(),
                       Path(p.target_path).relative_to(tmp_path).as_posix())
                      for p in scan.pairs) == [("docs/zh/a-TDgpt/faq.md", "docs/en/a-tdgpt/faq.md"),
                                               ("docs/zh/b/backup.md", "docs/en/b/backup.md")]
        # Only the page that no mapping pairs is an orphan.
        assert [(u.side, Path(u.path).relative_to(tmp_path).as_posix())
                for u in scan.unpaired] == [("target", "docs/en/c/old.md")], mappings


def test_a_page_pairs_with_its_translation_of_the_other_page_ending(tmp_path):
    # Docusaurus takes x.md and x.mdx for one page: TDengine's Chinese pages are .mdx where
    # the English are .md (docs/zh/14-reference/05-connector/43-r-lang.mdx ↔
    # docs/en/…/43-r-lang.md), which were one F001 and one F002, never checked.
    def rel(path: str) -> str:
        return Path(path).relative_to(tmp_path).as_posix()

    make(tmp_path / "folders", "docs/en/connector/43-r-lang.md",
         "docs/zh/connector/43-r-lang.mdx", "docs/en/b.markdown", "docs/zh/b.md")
    scan = find_pairs([str(tmp_path / "folders")])
    assert [(rel(p.source_path), rel(p.target_path)) for p in scan.pairs] == [
        ("folders/docs/en/b.markdown", "folders/docs/zh/b.md"),
        ("folders/docs/en/connector/43-r-lang.md", "folders/docs/zh/connector/43-r-lang.mdx")]
    assert scan.unpaired == []
    make(tmp_path / "docu", "docs/intro.md",
         "i18n/zh-Hans/docusaurus-plugin-content-docs/current/intro.mdx")
    assert [rel(p.target_path) for p in find_pairs([str(tmp_path / "docu")]).pairs] == [
        "docu/i18n/zh-Hans/docusaurus-plugin-content-docs/current/intro.mdx"]
    make(tmp_path / "root", "docs/index.md", "docs/guide.mdx", "docs/zh/index.md",
         "docs/zh/guide.md")
    assert sorted(rel(p.target_path) for p in find_pairs([str(tmp_path / "root")]).pairs) == [
        "root/docs/zh/guide.md", "root/docs/zh/index.md"]
    # Two pages of one name on a side would both claim the other side's one page: the
    # same ending pairs, and a page with no counterpart of its own ending stays unpaired.
    make(tmp_path / "two", "en/x.md", "en/x.mdx", "zh/x.mdx", "en/y.md", "en/y.markdown",
         "zh/y.mdx", "en/z.md", "zh/z.mdx", "zh/z.markdown")
    scan = find_pairs([str(tmp_path / "two")])
    assert [(rel(p.source_path), rel(p.target_path)) for p in scan.pairs] == [
        ("two/en/x.mdx", "two/zh/x.mdx")]
    assert [(u.side, rel(u.path)) for u in scan.unpaired] == [
        ("source", "two/en/x.md"), ("source", "two/en/y.markdown"), ("source", "two/en/y.md"),
        ("source", "two/en/z.md"), ("target", "two/zh/y.mdx"), ("target", "two/zh/z.markdown"),
        ("target", "two/zh/z.mdx")]
    # A configured mapping says which endings it pairs.
    make(tmp_path / "conf", "src/a.md", "tr/a.mdx")
    scan = find_pairs([str(tmp_path / "conf")], [PathMapping("src/{path}.md", "tr/{path}.md")],
                      tmp_path / "conf")
    assert (scan.pairs, [u.side for u in scan.unpaired]) == ([], ["source"])


def test_a_site_folder_holds_pages(tmp_path):
    # alibaba/arthas keeps its VuePress pages in site/docs/ (Chinese root, English in en/).
    make(tmp_path, "site/docs/doc/faq.md", "site/docs/en/doc/faq.md", "node_modules/x/en/a.md",
         "node_modules/x/zh/a.md")
    scan = find_pairs([str(tmp_path)])
    assert names(scan) == [("doc/faq.md", "zh", "en")]


def test_configured_pairs_that_match_nothing_are_an_error_not_a_pass(tmp_path):
    make(tmp_path, "docs/public/en/a.md", "docs/public/zh/a.md")
    # A folder a mapping names is searched, build folder or not ...
    mapping = PathMapping("docs/public/en/{path}", "docs/public/zh/{path}")
    assert names(find_pairs([str(tmp_path)], [mapping], tmp_path)) == [("a.md", "en", "zh")]
    # ... and patterns that match no file stop the run instead of passing it.
    with pytest.raises(InputError, match=r"no document here matches \[\[tool.bitext.pairs\]\] "
                                         r"\(site/en/\{path\} -> site/zh/\{path\}"):
        find_pairs([str(tmp_path)], [PathMapping("site/en/{path}", "site/zh/{path}")], tmp_path)


def test_name_cn_and_name_en_pair_beside_a_folder_of_plain_names(tmp_path):
    # PaddlePaddle/docs: guides as NAME_cn.md ↔ NAME_en.md, the install folder as NAME.md ↔
    # NAME_en.md. The first was not found; each English guide was a translation without source.
    make(tmp_path, "docs/guides/jit/debugging_cn.md", "docs/guides/jit/debugging_en.md",
         "docs/install/docker.md", "docs/install/docker_en.md")
    scan = find_pairs([str(tmp_path)], source_lang="zh", target_lang="en", turn=True)
    assert sorted((Path(p.source_path).name, Path(p.target_path).name, p.source_lang)
                  for p in scan.pairs) == [("debugging_cn.md", "debugging_en.md", "zh"),
                                           ("docker.md", "docker_en.md", "zh")]
    assert scan.unpaired == []
