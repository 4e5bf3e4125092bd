"""advisor: decide how services coordinate, record it, scaffold it, and lint it in CI."""

__version__ = "0.1.0"
