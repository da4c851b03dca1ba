"""A number written as with a thousands separator, kept apart from the loader so that
validation reads it without importing the YAML library (a run served by the fast reader never
needs it)."""

from __future__ import annotations


class Grouped(float):
    """A number written like one with a thousands separator (``250.000``, ``1.500``): YAML reads
    250.0 and 1.5, where a German or French writer meant 250,000 and 1,500. It is a number as
    YAML reads it, and remembers how it was written so that validation can refuse it in words
    (:func:`resilint.validate.to_document`) instead of taking an amount a thousand times too
    small."""

    __slots__ = ("text",)

    text: str

    def __new__(cls, value: float, text: str) -> Grouped:
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __reduce__(self) -> tuple[type[Grouped], tuple[float, str]]:
        return Grouped, (float(self), self.text)
