"""Who makes the marks: the name each new mark carries as its `author`, and the name a
sync commits under (annotations/sync/git.py), which are one and the same.

In order, the first that is set:

1. `GLOSSATOR_AUTHOR` in the environment;
2. the name from the user's settings (`[user] name` in config.toml), which the program
   that read them hands over with `use_configured_name` (the domain reads no config);
3. the login name of the OS user.

The environment comes first as it does everywhere else (`GIT_AUTHOR_NAME` over git's
`user.name`, `GLOSSATOR_LIBRARY` over the default folder): it is what one run, one script
or one shared account sets for itself, while the file is what the user chose once. A
teammate importing a colleague's marks by script sets it for that run and changes nothing.

Every name is cleaned the way git keeps a commit's author (`clean_name`): were a mark's
author "<ana>" and its commit's "ana", the sync's report would call ana's own marks a
teammate's. A name that cleans to nothing (".", "<>") names nobody and is refused.
"""

from __future__ import annotations

import os
import re

from annotations.errors import GlossatorError
from annotations.textsafety import inert

AUTHOR_ENV = "GLOSSATOR_AUTHOR"

_configured_name = ""
"""`[user] name` as the reader last told it; "" when the settings name nobody."""

_GIT_CRUD = "".join(chr(c) for c in range(33)) + ".,:;<>\"\\'"
"""What git strips from both ends of a name (ident.c's `crud`)."""


class AuthorError(GlossatorError):
    """A name set for the marks (the environment's, the settings') that names nobody."""


def use_configured_name(name: str) -> None:
    """The name the user's settings give (the CLI and the app call this once they read
    them). AuthorError when that name, or the environment's, names nobody: the caller
    says so before anything is marked under a name the user did not choose."""
    global _configured_name
    _configured_name = ""
    _from_environment()  # the name marks are by fails now, not at the first mark
    cleaned = clean_name(name)
    if name.strip() and not cleaned:
        raise AuthorError(f"[user] name = {name!r} is not a name (git would keep nothing of "
                          "it); set it to yours, e.g. \"Ana Ruiz\"")
    _configured_name = cleaned


def current_author() -> str:
    """Who is marking now: the environment, else the settings, else the login name.
    AuthorError when the environment sets a name that cleans to nothing."""
    return _from_environment() or _configured_name or login_name()


def _from_environment() -> str:
    raw = os.environ.get(AUTHOR_ENV, "")
    cleaned = clean_name(raw)
    if raw.strip() and not cleaned:  # set but blank is as if unset
        raise AuthorError(f"{AUTHOR_ENV}={raw!r} is not a name (git would keep nothing of it); "
                          f"set it to yours, e.g. {AUTHOR_ENV}=\"Ana Ruiz\", or unset it")
    return cleaned


def login_name() -> str:
    import getpass  # here: only a new mark needs it

    try:
        return clean_name(getpass.getuser())
    except Exception:  # no user database entry in some containers
        return ""


def clean_name(name: str) -> str:
    """`name` as both a mark and a git commit keep it: one line, single-spaced, its
    control characters made visible, without the `<` and `>` git drops nor what git
    strips from its ends (".", ",", ";", quotes…); "" when nothing is left. Cleaning a
    clean name changes nothing, so git takes it byte for byte."""
    # (The strip takes whitespace off the ends only, so what is left stays single-spaced.)
    return " ".join(re.sub(r"[<>]", " ", inert(name)).split()).strip(_GIT_CRUD)
