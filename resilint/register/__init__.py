"""The DORA register of information, out of and into the repository: ``resilint register export``
writes the register of an entity (Implementing Regulation (EU) 2024/2956, templates B_01.01 to
B_99.01) as the ESAs' xBRL-CSV report package, readable CSV or a workbook; ``resilint register
import`` reads one kept in spreadsheets into resilint documents.

A consumer of the checked model, beside ``reporters/``: the export runs the check as of the
reference date (:func:`resilint.checker.check_model`) and reads its index and domain facts (what
the register holds: :mod:`resilint.domain.registers`); it loads nothing and builds no second
graph. templates.py holds the templates and keys, codes.py the closed lists, build.py and
providers.py the rows, checks.py the ESAs' key checks, formats.py the files.
"""
