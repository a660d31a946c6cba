"""Test helpers: aligned document pairs built by hand, without the aligner.

``aligned(en, zh)`` pairs the text blocks of the two texts in order and, inside a block
pair, the sentences one to one; a small length-based dynamic program handles block pairs
whose sentence counts differ (so a dropped sentence becomes a 1-0 bead). ``beads=`` gives
the sentence beads explicitly instead.
"""

from __future__ import annotations

from align.alignment import Alignment, Bead, BlockBead
from align.document import Document
from align.reader import parse_document
from align.signature import Signature
from qa.checks.base import Check
from qa.checks.lengths import length_units
from qa.core.finding import Finding
from qa.core.run import AlignedDocument, CheckContext
from qa.core.settings import RuleOptions, Settings


def documents(en: str, zh: str, name: str = "doc.md") -> tuple[Document, Document]:
    return (parse_document(en, f"en/{name}", "en"), parse_document(zh, f"zh/{name}", "zh"))


def block_alignment(source: Document, target: Document, confidence: float = 0.9) -> Alignment:
    """Blocks in order, sentences 1-1 inside them (or by a length DP when counts differ)."""
    beads: list[Bead] = []
    block_beads: list[BlockBead] = []
    for sb, tb in zip(source.text_blocks, target.text_blocks, strict=False):
        block_beads.append(BlockBead((sb.index,), (tb.index,), confidence))
        ss, ts = [s.index for s in sb.sentences], [t.index for t in tb.sentences]
        if len(ss) == len(ts):
            beads += [Bead((i,), (j,), confidence) for i, j in zip(ss, ts, strict=True)]
        else:
            beads += _length_dp(source, target, ss, ts, confidence)
    n_s, n_t = len(source.text_blocks), len(target.text_blocks)
    for sb in source.text_blocks[n_t:]:
        beads += [Bead((s.index,), (), confidence) for s in sb.sentences]
    for tb in target.text_blocks[n_s:]:
        beads += [Bead((), (t.index,), confidence) for t in tb.sentences]
    return Alignment(source, target, beads, block_beads, signature=Signature.of(aligner="test-blocks"))


def _length_dp(source: Document, target: Document, ss: list[int], ts: list[int],
               confidence: float) -> list[Bead]:
    """Sentences of one block pair by length only: 1-1, 1-0, 0-1, 2-1, 1-2 moves."""
    sl = [length_units(source.sentences[i].text) for i in ss]
    tl = [length_units(target.sentences[j].text) for j in ts]
    inf = float("inf")
    n, m = len(ss), len(ts)
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    cost[0][0] = 0.0
    moves = ((1, 1, 0.0), (1, 0, 3.0), (0, 1, 3.0), (2, 1, 1.0), (1, 2, 1.0))
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj, pen in moves:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                s, t = sum(sl[i:a]), sum(tl[j:b])
                c = cost[i][j] + pen + (abs(t - 0.91 * s) / max(s + t, 1) * 10 if di and dj
                                        else 0.0)
                if c < cost[a][b]:
                    cost[a][b] = c
                    back[(a, b)] = (i, j)
    out = []
    a, b = n, m
    while (a, b) != (0, 0):
        i, j = back[(a, b)]
        out.append(Bead(tuple(ss[i:a]), tuple(ts[j:b]), confidence))
        a, b = i, j
    return out[::-1]


def aligned(en: str, zh: str, name: str = "doc.md", beads: list[tuple] | None = None,
            confidence: float = 0.9) -> AlignedDocument:
    """An aligned document pair from two Markdown texts (English source, Chinese target)."""
    source, target = documents(en, zh, name)
    if beads is None:
        alignment = block_alignment(source, target, confidence)
    else:
        alignment = Alignment(source, target, [
            Bead(tuple(b[0]), tuple(b[1]), b[2] if len(b) > 2 else confidence) for b in beads])
    return AlignedDocument(name, alignment)


def run_check(check: type[Check], *docs: AlignedDocument, **settings) -> list[Finding]:
    """Findings of one check over the given documents (``settings``: fields of Settings, e.g.
    ``cjk_latin_spacing="add"``, or of RuleOptions, e.g. ``semantic_evidence=False``)."""
    options = {k: settings.pop(k) for k in list(settings) if hasattr(RuleOptions(), k)}
    ctx = CheckContext(settings=Settings(options=RuleOptions(**options), **settings),
                       corpus=list(docs))
    return list(check().check_corpus(list(docs), ctx))


def where(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """(code, line, column) of each finding at its primary location."""
    return [(f.code, f.primary.line, f.primary.column) for f in findings if f.primary]


#: Fourteen short sentence pairs about ketamine (faithful translations, one paragraph each):
#: enough pairs for a document's own similarity distribution to count (semantic.MIN_PAIRS).
KETAMINE = [
    ("Ketamine is a dissociative anesthetic.", "氯胺酮是一种解离性麻醉剂。"),
    ("It relieves depression within hours.", "它能在数小时内缓解抑郁。"),
    ("Traditional antidepressants may take weeks to work.", "传统抗抑郁药可能需要数周才能起效。"),
    ("Ketamine blocks NMDA receptors on inhibitory neurons.", "氯胺酮阻断抑制性神经元上的NMDA受体。"),
    ("Excitatory neurons then begin burst firing.", "兴奋性神经元随后开始爆发式放电。"),
    ("Burst firing releases BDNF in the brain.", "爆发式放电使大脑释放BDNF。"),
    ("BDNF binds TrkB receptors and grows new dendritic branches.",
     "BDNF与TrkB受体结合并长出新的树突分支。"),
    ("Naltrexone blocks opioid receptors.", "纳曲酮阻断阿片受体。"),
    ("Blocking opioid receptors removes the antidepressant benefit.", "阻断阿片受体会消除抗抑郁获益。"),
    ("Patients still feel the dissociative state.", "患者仍能感受到解离状态。"),
    ("Ketamine can be addictive.", "氯胺酮可能成瘾。"),
    ("Some people develop compulsive use patterns.", "有些人会形成强迫性使用模式。"),
    ("The reference dose is 0.5 mg/kg.", "参考剂量为0.5 mg/kg。"),
    ("Effects appear within fifteen minutes.", "效果在十五分钟内出现。"),
]


def ketamine_document(replace: dict[int, str] | None = None):
    """The 14 pairs above, one paragraph each (``replace``: other target sentences)."""
    zh = [(replace or {}).get(k, t) for k, (_, t) in enumerate(KETAMINE)]
    return aligned("\n\n".join(s for s, _ in KETAMINE) + "\n", "\n\n".join(zh) + "\n")


def zh_en(zh: str, en: str, name: str = "a.md") -> AlignedDocument:
    """A zh → en pair (a site written in Chinese first): Chinese source, English target,
    aligned like :func:`aligned` (blocks in order, sentences one to one inside them)."""
    source = parse_document(zh, f"zh/{name}", "zh")
    target = parse_document(en, f"en/{name}", "en")
    return AlignedDocument(name, block_alignment(source, target))


def both(en: str, zh: str) -> dict[str, AlignedDocument]:
    """The same texts as an en → zh pair and as a zh → en pair."""
    return {"en-zh": aligned(en, zh), "zh-en": zh_en(zh, en)}


def sentence_by_sentence(en: str, zh: str, name: str = "a.md",
                         confidence: float = 0.9) -> AlignedDocument:
    """English sentence i aligned 1-1 with Chinese sentence i (the English count decides)."""
    source, target = documents(en, zh, name)
    beads = [Bead((i,), (i,), confidence) for i in range(len(source.sentences))]
    return AlignedDocument(name, Alignment(source, target, beads))
