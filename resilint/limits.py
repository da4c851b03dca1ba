"""Limits that keep hostile or broken input from exhausting the machine. All are configurable."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 10 * 1024 * 1024
    """Files larger than this are refused before they are parsed."""
    max_depth: int = 64
    """Deepest nesting of mappings and lists in one document."""
    max_alias_expansion: int = 1_000_000
    """Most values one document may hold once its YAML aliases are expanded."""
    max_documents: int = 10_000
    """Most YAML documents (separated by ---) in one file."""
    max_scalar_bytes: int = 1024 * 1024
    """Longest single value."""
    max_integer_digits: int = 100
    """Longest integer, in digits."""
