"""Text files (`.txt`, maybe gzipped): one document each, decoded as they come."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from cleaner.config import Config
from cleaner.formats.files import read_input
from cleaner.formats.loading import Loaded, load_bytes


class TextFormat:
    name = "text"
    suffixes = (".txt",)
    output_suffix = ".txt"
    stream: Literal[False] = False

    def load(self, path: Path, config: Config) -> Loaded:
        return load_bytes(read_input(path, config), html=False, config=config)


FORMAT = TextFormat()
