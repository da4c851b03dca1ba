"""The write commands: ``fix`` (and ``check --fix``), ``rename``, ``waive`` and ``new``.

They are consumers of the checked model, beside ``reporters/``: they read the findings (whose
fixes are computed on the check path, :mod:`resilint.remedies`), the index and the schemas, and
never load documents for checking a second way. Every edit is spliced into the file's text at
the parser's node marks, so each byte outside it stays as it was; before a file is written, it
is read again with resilint's own loader and must mean what it meant outside the edit
(:mod:`.verify`), and writes are atomic and stay inside the repository (:mod:`.files`).
ruamel.yaml, which renders new documents with their comments, is imported only here.
"""
