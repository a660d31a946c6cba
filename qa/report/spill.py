"""Aligned documents kept on disk while a report's run goes on, so that its memory stays flat.

The report shows each document whole, with findings that exist only once the last document
is checked (the corpus rules), so the run must keep every document until then; kept as
Python objects they take some 19 times their text. :meth:`DocumentSpill.keep` is the run's
``keep_documents`` hook (:func:`qa.pipeline.check_paths`): it pickles each document to a
file of a temporary folder as the document streams past and keeps a small handle, which the
report reads back one document at a time (:func:`qa.report.render.stream_html`).
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from qa.core.run import AlignedDocument


@dataclass(frozen=True)
class SpilledDocument:
    """A handle on one document kept on disk: its name and its file."""

    name: str
    path: Path

    def load(self) -> AlignedDocument:
        with open(self.path, "rb") as fh:
            return pickle.load(fh)


class DocumentSpill:
    """A temporary folder of pickled documents, removed on :meth:`close` (or leaving a
    ``with`` block)::

        with DocumentSpill() as spill:
            run = check_paths(paths, keep_documents=spill.keep)
            for doc in loaded(run.documents):
                ...
    """

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="bitext-report-")
        self._count = 0

    def keep(self, doc: AlignedDocument) -> SpilledDocument:
        """Write ``doc`` to a file of its own and return its handle."""
        path = Path(self._folder.name) / f"{self._count}.pickle"
        self._count += 1
        with open(path, "wb") as fh:
            pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return SpilledDocument(doc.name, path)

    def close(self) -> None:
        self._folder.cleanup()

    def __enter__(self) -> DocumentSpill:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def loaded(kept: Iterable[AlignedDocument | SpilledDocument]) -> Iterator[AlignedDocument]:
    """The documents a run kept, each read back as it is reached."""
    for doc in kept:
        yield doc.load() if isinstance(doc, SpilledDocument) else doc
