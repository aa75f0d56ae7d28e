"""Which blocks of a document a list of removals touches, and which it takes whole.

The removals are settled (sorted by start, none overlapping, as the rules and the line
model leave them), so only the last removal starting at or before a block, and those
starting inside it, can touch the block: one bisect finds them.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from cleaner.core.document import Block, Removal


class Coverage:
    """`removals` (settled) read block by block."""

    def __init__(self, removals: Sequence[Removal]) -> None:
        self._removals = removals
        self._starts = [r.start for r in removals]

    def touching(self, block: Block) -> Sequence[Removal]:
        """The removals that take some of `block`, in order."""
        return [r for r in self._near(block) if r.end > block.start]

    def touches(self, block: Block) -> bool:
        """Whether a removal takes some of `block`."""
        return any(r.end > block.start for r in self._near(block))

    def _near(self, block: Block) -> Sequence[Removal]:
        """The last removal starting at or before `block`, and those starting inside it."""
        first = max(0, bisect.bisect_right(self._starts, block.start) - 1)
        last = bisect.bisect_left(self._starts, block.end)
        return self._removals[first:last]

    def covers(self, block: Block) -> bool:
        """Whether one removal takes all of `block`."""
        i = bisect.bisect_right(self._starts, block.start) - 1
        return i >= 0 and self._removals[i].end >= block.end

    def first_kept(self, blocks: Sequence[Block]) -> Block | None:
        """The first of `blocks` that no removal takes whole."""
        return next((block for block in blocks if not self.covers(block)), None)
