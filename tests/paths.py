"""Where the tests find the project: its root, with the examples and the fixtures below it."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
