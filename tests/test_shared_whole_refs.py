"""The referrers rules list are one Ref per document for the whole check: a Ref made for each
rule and owner was 800,000 of them (43 MB) at 100,000 documents."""

from __future__ import annotations

import pickle

from resilint.load.read import Vetted
from resilint.model import Document, Index
from resilint.rules import compiler
from resilint.rules.runtime import Ref


def _document(kind: str, id_: str, **data: object) -> Document:
    data = {"kind": kind, "id": id_, **data}
    return Document(path=f"{id_}.yaml", index=0, line=1, kind=kind, id=id_, data=data)


def test_a_document_has_one_whole_ref_per_index() -> None:
    contract = _document("Contract", "c1", supplier="s1")
    other = _document("Contract", "c2", supplier="s1")
    index = Index([_document("Supplier", "s1"), contract, other])
    first = compiler._whole(index, [contract, other])
    again = compiler._whole(index, [other])
    assert first == (Ref(contract, (), contract.data), Ref(other, (), other.data))
    assert again[0] is first[1]
    # another check's index has Refs of its own
    assert compiler._whole(Index([contract]), [contract])[0] is not first[0]


def test_refs_and_vetted_files_hold_no_dict_and_pickle() -> None:
    ref = Ref(_document("Supplier", "s1"), ("name",), "Acme")
    vetted = Vetted(1, 2, "/repo", b"stamp")
    for value in (ref, vetted):
        assert not hasattr(value, "__dict__")
        assert pickle.loads(pickle.dumps(value)) == value
