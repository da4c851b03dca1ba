"""Where in a rule file a piece of a rule is: what compiling a rule reports its errors at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from resilint.errors import ConfigError
from resilint.findings import JsonPath


@dataclass
class Site:
    """Where in a rule file a piece is, for error messages; ``fail`` raises ConfigError."""

    file: str
    locate: Callable[[JsonPath], tuple[int, int]]
    uses_as_of: bool = False
    checked: bool = False
    """The file compiled before, unchanged since (a rule kept by :mod:`.stored`): what only
    refuses a rule at load (an operand its field can never hold) passed then and is not
    judged again on every run."""

    def fail(self, where: JsonPath, message: str) -> ConfigError:
        line, column = self.locate(where)
        return ConfigError(message, self.file, line, column)
