"""Where each key and value of a TOML document is written: the source map
(`schedules.sourcemap.positions`, over the scanner and tokenizer) and, apart, the live-edit map
of a text made of blocks (`schedules.sourcemap.blocks`)."""

from schedules.sourcemap.blocks import ArrayBlocks, Block, BlockSourceMap
from schedules.sourcemap.positions import Position, SourceMap
from schedules.sourcemap.scan import Path, first_long_integer, too_deep

__all__ = [
    "ArrayBlocks",
    "Block",
    "BlockSourceMap",
    "Path",
    "Position",
    "SourceMap",
    "first_long_integer",
    "too_deep",
]
