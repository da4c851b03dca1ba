"""Standard modules a command line may never use, imported when first used.

``dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis``, ``tokenize`` and
``linecache``: about a twelfth of the pre-commit hook's start-up) for one use on Python 3.10
and 3.11, the signature it writes as the docstring of a class that has none; every dataclass of
resilint has one (tested). ``urllib.parse`` (which ``pathlib`` imports) imports ``ipaddress``
for bracketed host names, ``subprocess`` imports ``locale`` for text-mode pipes, and
``email.utils`` (which jsonschema-rs imports) imports ``socket``, ``random`` and ``calendar``
for functions of its own; a check uses none of them. ``unicodedata`` (its tables are over a
megabyte) is asked only of text that is not plain ASCII: a file with a hidden character, a
suggestion for a misspelt name. So the command line puts a stand-in under each module's name
before anything imports it (:mod:`resilint.startup`): ``import inspect`` binds the stand-in,
and the first attribute asked of it imports the real module, which takes the stand-in's place
in ``sys.modules`` and lends it every attribute, so that what was bound to the stand-in works
on. On Python 3.12 and 3.13 ``dataclasses`` reads every class's annotations through
``inspect.get_annotations``: the stand-in lends :func:`own_annotations` under that name, which
answers for resilint's own classes as ``inspect`` does and asks the real module about any other.

A module a library takes a single function of while it is imported can be lent that function
for the import instead (:func:`lending`): jsonschema-rs parses its build date with
``email.utils``, whose own imports are most of the ``email`` package.

``importlib.util.LazyLoader`` cannot serve here: an ``import`` statement of a module already in
``sys.modules`` asks the module for its ``__spec__``, which makes a lazy module load itself.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import sys
import types
from collections.abc import Iterator
from typing import Any


class _StandIn(types.ModuleType):
    """A module not imported yet: its own spec answers ``import``; any other attribute imports
    it (a module's ``__getattr__`` is asked only for what its namespace lacks)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_import(self), name)


def _import(stand_in: _StandIn) -> types.ModuleType:
    name = stand_in.__name__
    if sys.modules.get(name) is stand_in:
        sys.modules.pop(name, None)  # two first uses at once: the second finds it gone
    real = importlib.import_module(name)
    vars(stand_in).update(vars(real))  # names bound to the stand-in reach the real module's
    return real


def defer(name: str, **lent: Any) -> None:
    """Import the standard module ``name`` when first used, not now (a module imported already,
    or one that cannot be found, is left as it is). Until then its stand-in answers the names
    ``lent`` itself; once the real module is imported, its own take their place."""
    stand_in = _stand_in(name)
    if stand_in is not None:
        vars(stand_in).update(lent)


def own_annotations(obj: Any, **options: Any) -> dict[str, Any]:
    """``inspect.get_annotations`` without importing ``inspect`` (and ``ast``, ``dis`` and
    ``tokenize`` with it) for a class of resilint's: its own ``__annotations__``, copied, as
    ``inspect`` gives them (strings, under ``from __future__ import annotations``). Anything
    else, or any option, is the real function's."""
    name = getattr(obj, "__module__", None)
    found = vars(obj).get("__annotations__") if isinstance(obj, type) else None
    ours = isinstance(name, str) and (name == "resilint" or name.startswith("resilint."))
    if ours and not options and (found is None or isinstance(found, dict)):
        return dict(found or {})
    inspect = sys.modules.get("inspect")
    # the stand-in would answer with this function again: the real module, imported now
    real = _import(inspect) if isinstance(inspect, _StandIn) else importlib.import_module("inspect")
    return real.get_annotations(obj, **options)  # type: ignore[no-any-return]


def _stand_in(name: str) -> _StandIn | None:
    """A stand-in put under ``name``; None (nothing done) for a module imported already or
    one that cannot be found."""
    spec = None if name in sys.modules else importlib.util.find_spec(name)
    if spec is None:
        return None
    stand_in = _StandIn(name)
    stand_in.__spec__ = spec
    sys.modules[name] = stand_in
    return stand_in


@contextlib.contextmanager
def lending(name: str, **attributes: Any) -> Iterator[None]:
    """While the ``with`` block runs, a module not imported yet is a stand-in that lends
    ``attributes`` and imports the real module for anything else; afterwards the name is free
    again, so a later import finds the real module. For a library that, when imported, takes
    one function of a module whose own imports cost more than the function (jsonschema-rs
    parses the date it was built on with ``email.utils``, which imports most of the ``email``
    package)."""
    stand_in = _stand_in(name)
    if stand_in is None:
        yield
        return
    vars(stand_in).update(attributes)
    try:
        yield
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
