"""Output formats for alignments: one module per format, each with ``write(rows, out)``.

Every format writes the same :class:`~align.formats.rows.AlignedRow` records, built from
structured alignments (:func:`rows_from_alignment`) or from flat line lists
(:func:`rows_from_beads`).
"""

from align.formats.rows import AlignedRow, rows_from_alignment, rows_from_beads

FORMATS = ("tmx", "tsv", "jsonl", "beads")

__all__ = ["FORMATS", "AlignedRow", "rows_from_alignment", "rows_from_beads"]
