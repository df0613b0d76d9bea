"""FloorClock: run the floor of a live meeting."""

__version__ = "0.1.0"
