"""Imported by the command line before any other module of resilint: from here on, resilint's
dataclasses are built with their methods' kept code (:mod:`resilint.codecache`). A program that
imports resilint's modules itself builds them as ``dataclasses`` does."""

from __future__ import annotations

from resilint import codecache

codecache.install()
