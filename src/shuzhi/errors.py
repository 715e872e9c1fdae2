"""The one exception type a user may see: an input that cannot be read."""


class InputError(Exception):
    """A file that cannot be read; `message` is Chinese with a short English gloss."""

    def __init__(self, source: str, message: str):
        super().__init__(source, message)  # both in args, so the error survives pickling between processes
        self.source = source
        self.message = message

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class UsageError(Exception):
    """The command was misused (bad option, bad configuration): exit status 2."""
