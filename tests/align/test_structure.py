import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align import AlignerConfig, align_documents
from align.reader import load_document, parse_document
from align.structure import BLOCK_BEAD_TYPES
from tests.align.fakes import FakeEmbedder

EN = """# Animals

The cat sleeps. The dog runs around the yard.

- The fish swims.
- The bird flies.

```
code is not aligned
```

The horse eats grass.
"""

ZH = """# 动物

猫在睡觉。狗在院子里跑。

- 鱼在游。
- 鸟在飞。

```
code is not aligned
```

马吃草。
"""


@pytest.fixture(autouse=True)
def fake_model():
    from align.embedding import register_model

    register_model("fake", FakeEmbedder)


def cfg(**kw):
    kw.setdefault("cache_dir", None)
    kw.setdefault("model", "fake")
    return AlignerConfig(**kw)


def covers_everything(alignment):
    src = sorted(k for b in alignment.beads for k in b.source)
    tgt = sorted(k for b in alignment.beads for k in b.target)
    return (src == list(range(len(alignment.source.sentences)))
            and tgt == list(range(len(alignment.target.sentences))))


def in_order(alignment):
    last_s = last_t = -1
    for b in alignment.beads:
        if b.source:
            if min(b.source) <= last_s:
                return False
            last_s = max(b.source)
        if b.target:
            if min(b.target) <= last_t:
                return False
            last_t = max(b.target)
    return True


def test_blocks_then_sentences():
    en = parse_document(EN, "en/a.md", "en")
    zh = parse_document(ZH, "zh/a.md", "zh")
    al = align_documents(en, zh, cfg())
    texts = [(p.source_text, p.target_text) for p in al.pairs()]
    assert ("The dog runs around the yard.", "狗在院子里跑。") in texts
    assert ("The horse eats grass.", "马吃草。") in texts
    assert all(len(b.source) == 1 and len(b.target) == 1 for b in al.block_beads)
    # Heading with heading, list item with list item.
    kinds = [(en.blocks[b.source[0]].kind, zh.blocks[b.target[0]].kind) for b in al.block_beads]
    assert all(a == b for a, b in kinds)
    assert covers_everything(al) and in_order(al)
    assert al.signature["mode"] == "blocks"


def test_a_paragraph_split_in_two_is_a_two_to_one_block_bead():
    en = parse_document("The cat sleeps. The dog runs.\n\nThe horse eats.\n", "en/a.md", "en")
    zh = parse_document("猫在睡觉。\n\n狗在跑。\n\n马在吃。\n", "zh/a.md", "zh")
    al = align_documents(en, zh, cfg())
    assert [(b.source, b.target) for b in al.block_beads][0] == ((0,), (0, 2))
    assert covers_everything(al) and in_order(al)


#: (line, English heading, Chinese heading): every heading of corpus/en/ketamine.md and the
#: heading of corpus/zh/ketamine.md that translates it (both files put them on the same line).
KETAMINE_HEADINGS = [
    (1, "Ketamine: Benefits, Risks, and Mechanisms for Depression & PTSD",
     "氯胺酮:治疗抑郁症与PTSD的益处、风险与机制"),
    (2, "Summary", "摘要"),
    (4, "Key Takeaways", "核心要点"),
    (15, "Detailed Notes", "详细笔记"),
    (16, "Background: Why Ketamine Entered Psychiatry", "背景:氯胺酮为何进入精神病学领域"),
    (21, "Clinical Evidence", "临床证据"),
    (33, "Dosage and Delivery Routes", "剂量与给药途径"),
    (44, "Typical Clinical Protocol", "典型临床方案"),
    (50, "Mechanism 1: NMDA Receptor Blockade and Neuroplasticity", "机制一:NMDA受体阻断与神经可塑性"),
    (55, "The Resolution:", "解释:"),
    (61, "Mechanism 2: BDNF Release and TrkB Receptor Binding", "机制二:BDNF释放与TrkB受体结合"),
    (68, "Mechanism 3: Endogenous Opioid System Activation", "机制三:内源性阿片系统激活"),
    (75, "Key Insight: Experience ≠ Therapeutic Mechanism", "关键洞见:体验 ≠ 治疗机制"),
]


def test_the_ketamine_corpus_aligns_one_to_one_headings(corpus_dir):
    en = load_document(str(corpus_dir / "en" / "ketamine.md"), "en")
    zh = load_document(str(corpus_dir / "zh" / "ketamine.md"), "zh")
    al = align_documents(en, zh, cfg(scores=("length", "anchors")))
    assert covers_everything(al) and in_order(al)
    # Every block bead that holds a heading on either side pairs one heading with one heading,
    # and they are the translations listed above, in order.
    heading_beads = [b for b in al.block_beads
                     if any(en.blocks[i].kind.value == "heading" for i in b.source)
                     or any(zh.blocks[j].kind.value == "heading" for j in b.target)]
    paired = []
    for b in heading_beads:
        assert len(b.source) == 1 and len(b.target) == 1, (b.source, b.target)
        s, t = en.blocks[b.source[0]], zh.blocks[b.target[0]]
        assert (s.kind.value, t.kind.value) == ("heading", "heading"), (s.text, t.text)
        paired.append((s.line, s.text, t.line, t.text))
    assert paired == [(line, en_text, line, zh_text)
                      for line, en_text, zh_text in KETAMINE_HEADINGS]
    # A heading is one sentence, and the sentence pairs carry the same pairing.
    pairs = {(p.source_text, p.target_text) for p in al.pairs()}
    assert all((en_text, zh_text) in pairs for _, en_text, zh_text in KETAMINE_HEADINGS)


SENTENCES_EN = ["The cat sleeps.", "The dog runs.", "The fish swims.", "The bird flies."]
SENTENCES_ZH = ["猫睡觉。", "狗跑。", "鱼游。", "鸟飞。", "马吃。"]



def test_a_window_lets_go_of_the_previous_windows_evidence(corpus_dir, monkeypatch):
    # Memory stays that of one window: when a window builds its evidence (cost tables over
    # its sentences), no earlier window's is still held, the first's included.
    import gc
    import weakref

    import align.structure as structure

    built: list[weakref.ref] = []
    alive_at_build: list[int] = []
    real = structure.build_evidence

    def spy(*args, **kwargs):
        gc.collect()
        alive_at_build.append(sum(ref() is not None for ref in built))
        evidence = real(*args, **kwargs)
        built.append(weakref.ref(evidence))
        return evidence

    monkeypatch.setattr(structure, "build_evidence", spy)
    en = load_document(str(corpus_dir / "en" / "ketamine.md"), "en")
    zh = load_document(str(corpus_dir / "zh" / "ketamine.md"), "zh")
    windowed = align_documents(en, zh, cfg(scores=("length", "anchors")), window=30)
    assert len(alive_at_build) == 4
    assert alive_at_build == [0, 0, 0, 0]
    assert windowed.signature == align_documents(en, zh, cfg(scores=("length", "anchors"))).signature

@settings(max_examples=25, deadline=None)
@given(en_blocks=st.lists(st.tuples(st.sampled_from(["#", "-", ""]),
                                    st.lists(st.sampled_from(SENTENCES_EN), min_size=1,
                                             max_size=3)), max_size=6),
       zh_blocks=st.lists(st.tuples(st.sampled_from(["#", "-", ""]),
                                    st.lists(st.sampled_from(SENTENCES_ZH), min_size=1,
                                             max_size=3)), max_size=6))
def test_every_sentence_is_in_exactly_one_bead(en_blocks, zh_blocks):
    def render(blocks, sep):
        out = []
        for marker, sentences in blocks:
            prefix = f"{marker} " if marker else ""
            out.append(prefix + sep.join(sentences))
        return "\n\n".join(out) + "\n"

    en = parse_document(render(en_blocks, " "), "en/x.md", "en")
    zh = parse_document(render(zh_blocks, ""), "zh/x.md", "zh")
    al = align_documents(en, zh, cfg(scores=("length", "anchors", "embeddings")))
    assert covers_everything(al) and in_order(al)
    for b in al.block_beads:
        assert (len(b.source), len(b.target)) in BLOCK_BEAD_TYPES


def test_glossary_reaches_the_signature(corpus_dir):
    from qa.glossary import Entry, Glossary

    glossary = Glossary.from_entries([Entry("ketamine", "氯胺酮")])
    glossary.checksum = "0123456789abcdef"
    en = parse_document("Ketamine works.\n", "en/a.md", "en")
    zh = parse_document("氯胺酮有效。\n", "zh/a.md", "zh")
    al = align_documents(en, zh, cfg(scores=("length", "anchors")), glossary=glossary)
    assert al.signature["glossary"] == "01234567"


def bead_links(alignment):
    return [(b.source, b.target) for b in alignment.beads]


# 84 English sentences in windows of 30 (four windows, each kept to three quarters) or 50.
# The vectors of the test model are crude: their centring over 30 sentences moves a few
# beads, over 50 none (a real window has thousands of sentences).
@pytest.mark.parametrize(("scores", "window"), [(("length", "anchors"), 30),
                                                (("length", "anchors", "embeddings"), 50)])
def test_a_document_aligned_in_windows_gets_the_beads_of_one_search(corpus_dir, scores,
                                                                    window):
    en = load_document(str(corpus_dir / "en" / "ketamine.md"), "en")
    zh = load_document(str(corpus_dir / "zh" / "ketamine.md"), "zh")
    whole = align_documents(en, zh, cfg(scores=scores))
    windowed = align_documents(en, zh, cfg(scores=scores), window=window)
    assert covers_everything(windowed) and in_order(windowed)
    assert bead_links(windowed) == bead_links(whole)
    assert [(b.source, b.target) for b in windowed.block_beads] == \
        [(b.source, b.target) for b in whole.block_beads]
    assert windowed.signature == whole.signature


def test_windows_align_each_kept_sentence_once(corpus_dir, monkeypatch):
    # The sentences of regions a window drops (past three quarters of it) are aligned by
    # the next window only: the sentence searches cover each source sentence once.
    import align.structure as structure

    searched: list[int] = []
    real = structure.search

    def spy(cost, n, m, config, *args):
        if config.bead_types is not BLOCK_BEAD_TYPES:  # a sentence search
            searched.append(n)
        return real(cost, n, m, config, *args)

    monkeypatch.setattr(structure, "search", spy)
    en = load_document(str(corpus_dir / "en" / "ketamine.md"), "en")
    zh = load_document(str(corpus_dir / "zh" / "ketamine.md"), "zh")
    windowed = align_documents(en, zh, cfg(scores=("length", "anchors")), window=30)
    aligned = {k for b in windowed.beads for k in b.source}
    assert len(en.sentences) == 84 and len(aligned) == 84
    assert sum(searched) == 84


def test_windows_embed_each_sentence_once(corpus_dir):
    from align.embedding import load_embedder

    en = load_document(str(corpus_dir / "en" / "ketamine.md"), "en")
    zh = load_document(str(corpus_dir / "zh" / "ketamine.md"), "zh")
    embedder = load_embedder("fake")
    embedder.calls.clear()
    align_documents(en, zh, cfg(scores=("embeddings",)), window=30)
    assert len(embedder.calls) > 1
    assert sum(embedder.calls) == len(en.sentences) + len(zh.sentences)


@settings(max_examples=25, deadline=None)
@given(en_blocks=st.lists(st.lists(st.sampled_from(SENTENCES_EN), min_size=1, max_size=3),
                          max_size=8),
       zh_blocks=st.lists(st.lists(st.sampled_from(SENTENCES_ZH), min_size=1, max_size=3),
                          max_size=8),
       window=st.integers(1, 6))
def test_windows_of_any_size_cover_every_sentence_in_order(en_blocks, zh_blocks, window):
    en = parse_document("\n\n".join(" ".join(b) for b in en_blocks) + "\n", "en/x.md", "en")
    zh = parse_document("\n\n".join("".join(b) for b in zh_blocks) + "\n", "zh/x.md", "zh")
    al = align_documents(en, zh, cfg(scores=("length", "anchors", "embeddings")), window=window)
    assert covers_everything(al) and in_order(al)


def test_sentences_outside_text_blocks_keep_document_order():
    from align.alignment import Bead
    from align.structure import _insert_leftovers

    beads = [Bead((0,), (0,)), Bead((), (1,)), Bead((2,), (3,)), Bead((5,), ())]
    out = _insert_leftovers(beads, [1, 3, 4, 6], [2, 4])
    assert [(b.source, b.target) for b in out] == [
        ((0,), (0,)), ((), (1,)), ((1,), ()), ((), (2,)), ((2,), (3,)), ((3,), ()), ((4,), ()),
        ((5,), ()), ((6,), ()), ((), (4,))]


def test_a_bead_is_cut_before_a_heading_inside_it():
    from align.search import PathStep
    from align.structure import _split_at_headings

    def shapes(steps):
        return [(s.a, s.b, s.i, s.j) for s in steps]

    # [para, ## Retries, para, para] ↔ [para]: the paragraph keeps its partner, the section
    # from the heading on is left unpaired.
    heads = [False, True, False, False]
    assert shapes(_split_at_headings([PathStep(4, 1, 4, 1, 1.0)], heads, [False])) == [
        (1, 1, 1, 1), (1, 0, 2, 1), (1, 0, 3, 1), (1, 0, 4, 1)]
    # [caption line, #### heading] ↔ [#### heading]: the headings pair, the caption is left.
    assert shapes(_split_at_headings([PathStep(2, 1, 2, 1, 1.0)], [False, True], [True])) == [
        (1, 0, 1, 0), (1, 1, 2, 1)]
    # A heading inside on both sides: two pairs. No heading inside: the bead as it is.
    assert shapes(_split_at_headings([PathStep(2, 2, 2, 2, 1.0)], [False, True],
                                     [False, True])) == [(1, 1, 1, 1), (1, 1, 2, 2)]
    assert shapes(_split_at_headings([PathStep(2, 1, 2, 1, 1.0)], [True, False], [True])) == [
        (2, 1, 2, 1)]
