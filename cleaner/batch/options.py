"""The settings of a batch run besides the cleaning `Config`."""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.batch.meter import Progress
from cleaner.config import Config
from cleaner.formats.fields import Fields


@dataclass(frozen=True)
class Options:
    config: Config = field(default_factory=Config)
    fields: Fields = field(default_factory=Fields)
    jobs: int = 1
    dry_run: bool = False
    site_boilerplate: bool = True
    force: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # Documents in flight at once: bounds memory whatever the corpus size.
    window: int = 256
    # Told of each finished document, per phase (see meter.py): the progress bar.
    progress: Progress | None = None

    @property
    def two_pass(self) -> bool:
        """A first pass counts each site's lines (site boilerplate is on and a rule)."""
        return self.site_boilerplate and "site_boilerplate" in self.config.rules
