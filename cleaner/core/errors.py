"""The error a document fails with when it cannot be turned into text."""

from __future__ import annotations


class InputError(ValueError):
    """A file we cannot turn into text; the message says what to do about it.

    `kind` names the problem in the report (too_large, binary, corrupt_gzip, ...).
    """

    def __init__(self, message: str, kind: str = "bad_input") -> None:
        super().__init__(message)
        self.kind = kind
