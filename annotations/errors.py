"""Errors a user can act on. Each message is one line: what, which file, what to do."""


class GlossatorError(Exception):
    """Anything that should reach the user as one clear line, never as a traceback."""


class LibraryError(GlossatorError):
    """The library folder or one of its files cannot be used."""


class LibraryBusyError(LibraryError):
    """Another process holds the library's lock."""


class CorruptFileError(LibraryError):
    """A database file cannot be read; it is left untouched."""


class NotFoundError(GlossatorError):
    """An article, annotation or actor that is not in the library."""


class AmbiguousError(GlossatorError):
    """A prefix or quote that matches more than one thing."""


class SourceError(GlossatorError):
    """A source that cannot be turned into an article."""


class QuoteNotFoundError(GlossatorError):
    """A quote that does not occur in the article text."""
