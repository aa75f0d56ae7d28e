"""A stand-in for any call the tests interrupt: Ctrl-C pressed while it runs."""

from __future__ import annotations

from typing import NoReturn


def pressed(*args: object, **kwargs: object) -> NoReturn:
    raise KeyboardInterrupt
