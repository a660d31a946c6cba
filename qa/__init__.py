"""Aligned pairs in, findings out: the checks, glossary, reports and the ``bitext`` CLI."""
