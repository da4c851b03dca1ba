"""Imported by the command line before any other module of resilint: from here on, resilint's
dataclasses are built with their methods' kept code (:mod:`resilint.codecache`), and the
standard modules other modules import but a run rarely uses are imported when first used
(:mod:`resilint.deferred`). A program that imports resilint's modules itself builds them as
``dataclasses`` does."""

from __future__ import annotations

from resilint import deferred

deferred.defer("inspect", get_annotations=deferred.own_annotations)
for name in ("ipaddress", "locale", "socket", "random", "calendar", "unicodedata"):
    deferred.defer(name)

from resilint import codecache  # noqa: E402 - after the stand-in, as dataclasses imports inspect

codecache.install()
