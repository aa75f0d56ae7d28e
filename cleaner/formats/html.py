"""HTML files (`.html`, `.htm`, maybe gzipped): one page each, its main text extracted
(see extract.py) and written out as a `.txt`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from cleaner.config import Config
from cleaner.formats.files import read_input
from cleaner.formats.loading import Loaded, load_bytes


class HtmlFormat:
    name = "html"
    suffixes = (".html", ".htm")
    output_suffix = ".txt"
    stream: Literal[False] = False

    def load(self, path: Path, config: Config) -> Loaded:
        return load_bytes(read_input(path, config), html=True, config=config)


FORMAT = HtmlFormat()
