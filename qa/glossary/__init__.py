"""The terminology glossary: entries, file formats (TSV, TBX, CSV), matching and maintenance."""

from qa.glossary.model import COLUMNS, Entry, Glossary, Status
from qa.glossary.tsv import load_glossary, parse_tsv

__all__ = ["COLUMNS", "Entry", "Glossary", "Status", "load_glossary", "parse_tsv"]
