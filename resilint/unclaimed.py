"""Documents with an id but neither a kind nor an apiVersion, judged by what lies beside them.

Loading a file cannot tell such a document from another tool's YAML by itself (a Hugo data
file may hold an ``id`` and a ``name``), so it reports it provisionally
(:func:`resilint.load.nearmiss.unclaimed`). Once every file is read, the finding stands where
resilint documents lie in the file's own folder, or, for one whose fields tell of a kind
clearly, in the folder above it, one below it or one next to it (``exercises/`` beside
``suppliers/``). There it is a programme's document whose first two lines were lost, which would
otherwise go unchecked without a word; elsewhere (a service descriptor in ``deploy/`` beside
the programme's folders, with an id, a name and a tier) it is dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import PurePath

from resilint.findings import Finding
from resilint.result import FileResult

IN_FOLDER = "beside-documents"
"""The discriminator of a DOC-03 that stands only where resilint documents lie in its file's
folder (:func:`resilint.load.nearmiss.unclaimed` makes it, :func:`beside_documents` judges it)."""
NEAR = "near-documents"
"""The same for a document whose fields tell of a kind clearly: it stands where resilint
documents lie in its folder, the one above, one below or one next to it."""
PROVISIONAL = frozenset({IN_FOLDER, NEAR})


def beside_documents(files: Sequence[FileResult]) -> list[FileResult]:
    """``files`` with each provisional DOC-03 kept only where resilint documents lie beside
    its file."""
    provisional = [
        any(f.discriminator in PROVISIONAL and f.code == "DOC-03" for f in file.findings)
        for file in files
    ]
    if not any(provisional):
        return list(files)
    folders = {PurePath(doc.path).parent for file in files for doc in file.documents}
    above = {folder.parent for folder in folders}

    def stands(finding: Finding) -> bool:
        if finding.code != "DOC-03" or finding.discriminator not in PROVISIONAL:
            return True
        folder = PurePath(finding.path).parent
        if folder in folders:
            return True
        if finding.discriminator == IN_FOLDER:
            return False
        return folder in above or folder.parent in folders or folder.parent in above

    judged = []
    for file, judge in zip(files, provisional, strict=True):
        if judge:
            kept = tuple(f for f in file.findings if stands(f))
            file = dataclasses.replace(file, findings=kept)
        judged.append(file)
    return judged
