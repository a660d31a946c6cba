"""The bottom layer of ``qa``: findings, typed settings, the run's data and the version.

Everything else in ``qa`` imports from here; this package imports only from ``align``.
"""
