"""Documents with an id but neither a kind nor an apiVersion, judged by what lies beside them.

Loading a file cannot tell such a document from another tool's YAML by itself (a Hugo data
file may hold an ``id`` and a ``name``), so it reports it provisionally
(:func:`resilint.load.nearmiss.unclaimed`). Once every file is read, the finding stands where
resilint documents lie beside the file: in its folder, the folder above it, one below it or one
next to it (``exercises/`` beside ``suppliers/``). There it is a programme's document whose first
two lines were lost, which would otherwise go unchecked without a word; elsewhere it is dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import PurePath

from resilint.result import FileResult

BESIDE = "beside-documents"
"""The discriminator of a DOC-03 that stands only where resilint documents lie beside its
file (:func:`resilint.load.nearmiss.unclaimed` makes it, :func:`beside_documents` judges it)."""


def beside_documents(files: Sequence[FileResult]) -> list[FileResult]:
    """``files`` with each provisional DOC-03 kept only where resilint documents lie beside
    its file."""
    provisional = [
        any(f.discriminator == BESIDE and f.code == "DOC-03" for f in file.findings)
        for file in files
    ]
    if not any(provisional):
        return list(files)
    folders = {PurePath(doc.path).parent for file in files for doc in file.documents}
    above = {folder.parent for folder in folders}

    def stands(path: str) -> bool:
        folder = PurePath(path).parent
        up = folder.parent
        return folder in folders or folder in above or up in folders or up in above

    judged = []
    for file, judge in zip(files, provisional, strict=True):
        if judge:
            kept = tuple(
                f
                for f in file.findings
                if f.discriminator != BESIDE or f.code != "DOC-03" or stands(f.path)
            )
            file = dataclasses.replace(file, findings=kept)
        judged.append(file)
    return judged
