"""The one exception of the platform package."""


class PlatformError(RuntimeError):
    """A platform that cannot be built, booted or reached; str() is one line for the maintainer."""
