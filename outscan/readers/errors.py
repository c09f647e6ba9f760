"""The one error a reader raises: the file cannot be read, and why, in the user's terms."""


class ReadError(Exception):
    """A file outscan cannot read. The message is shown in the report next to the path."""
