"""outscan: finds what in a research output would break its data use agreement."""

__version__ = "0.1.0"
