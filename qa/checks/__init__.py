"""The check catalogue: one class per check, grouped by theme, found through one registry."""

from qa.checks.base import REGISTRY, AlignedDocument, Check, CheckContext, register

__all__ = ["REGISTRY", "AlignedDocument", "Check", "CheckContext", "register"]
