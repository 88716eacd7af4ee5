"""Who makes the marks: the name each new mark carries as its `author`.

In order, the first that is set:

1. `GLOSSATOR_AUTHOR` in the environment;
2. the name from the user's settings (`[user] name` in config.toml), which the program
   that read them hands over with `use_configured_name` (the domain reads no config);
3. the login name of the OS user.

The environment comes first as it does everywhere else (`GIT_AUTHOR_NAME` over git's
`user.name`, `GLOSSATOR_LIBRARY` over the default folder): it is what one run, one script
or one shared account sets for itself, while the file is what the user chose once. A
teammate importing a colleague's marks by script sets it for that run and changes nothing.
"""

from __future__ import annotations

import os

AUTHOR_ENV = "GLOSSATOR_AUTHOR"

_configured_name = ""
"""`[user] name` as the reader last told it; "" when the settings name nobody."""


def use_configured_name(name: str) -> None:
    """The name the user's settings give (the CLI and the app call this once they read them)."""
    global _configured_name
    _configured_name = clean_name(name)


def current_author() -> str:
    """Who is marking now: the environment, else the settings, else the login name."""
    return clean_name(os.environ.get(AUTHOR_ENV, "")) or _configured_name or login_name()


def login_name() -> str:
    import getpass  # here: only a new mark needs it

    try:
        return clean_name(getpass.getuser())
    except Exception:  # no user database entry in some containers
        return ""


def clean_name(name: str) -> str:
    """One line, single-spaced: a name with a newline in it would break every export."""
    return " ".join(name.split())

