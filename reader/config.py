"""The user's settings: one TOML file in the user config folder, every section optional.

    ~/.config/glossator/config.toml     (platformdirs' user config dir, per platform)

    [keys]                               # rebind by binding id (`?` lists them)
    "reader.mark-claim" = "k"

    [backup]
    keep = 14                            # snapshots kept in the library's backups/

    [user]
    name = "Ana Ruiz"                    # the author of your marks (GLOSSATOR_AUTHOR wins)

    [citation]
    style = "apa"                        # apa, chicago or mla
    markup = "markdown"                  # markdown (italics as *…*) or text
    template = "> {quote}\\n— {citation}\\n{reference}"

A missing file or section means the defaults. A file that is not TOML, an unknown key
or a wrong value stops with one line naming the file, the key and what to write.

Each section is parsed by a function registered in `SECTIONS`; a new section (keymap,
theme, …) adds its dataclass, its parser and a field on `Config`. Sections this version
does not know are kept in `Config.other`, untouched, so a newer config still loads.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from annotations.errors import GlossatorError

CONFIG_ENV = "GLOSSATOR_CONFIG"
DEFAULT_TEMPLATE = "> {quote}\n— {citation}\n{reference}"
TEMPLATE_FIELDS = ("quote", "citation", "reference", "citekey", "title", "url")
_STYLES = ("apa", "chicago", "mla")
_MARKUPS = ("markdown", "text")


class ConfigError(GlossatorError):
    """The config file cannot be used as it is."""


@dataclass(frozen=True)
class CitationConfig:
    style: str = "apa"
    markup: str = "markdown"
    template: str = DEFAULT_TEMPLATE
    """How `y` and `cite --annotation` lay out a quote; fields: {quote}, {citation},
    {reference}, {citekey}, {title}, {url}."""


@dataclass(frozen=True)
class BackupConfig:
    keep: int = 14
    """How many snapshots `backups/` keeps (one is taken on the first change of each day)."""


@dataclass(frozen=True)
class UserConfig:
    name: str = ""
    """Who your marks are by; "" for the login name (annotations/authors.py: the order)."""


@dataclass(frozen=True)
class Config:
    citation: CitationConfig = field(default_factory=CitationConfig)
    backup: BackupConfig = field(default_factory=BackupConfig)
    user: UserConfig = field(default_factory=UserConfig)
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id → key(s), e.g. {"reader.mark-claim": "k"}: rebinds the reader's keys."""
    other: dict[str, Any] = field(default_factory=dict)
    """Sections this version does not read, as they are in the file."""
    path: Path | None = None
    """The file the settings came from; None when there was none."""


def config_path() -> Path:
    """$GLOSSATOR_CONFIG, or config.toml in the user config folder."""
    import os

    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    from platformdirs import user_config_path

    return user_config_path("glossator", appauthor=False) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """The settings in `path` (default: `config_path()`); defaults where it is silent."""
    path = path or config_path()
    data = _read_toml(path)
    if data is None:
        return Config()
    values: dict[str, Any] = {}
    other: dict[str, Any] = {}
    for name, section in data.items():
        parser = SECTIONS.get(name)
        if parser is None:
            other[name] = section
            continue
        values[name] = _parsed(name, section, path)
    return Config(**values, other=other, path=path)


def _parsed(name: str, section: Any, path: Path) -> Any:
    """The section `name` of the config file at `path`, checked by its parser."""
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: {name} must be a [{name}] section, not a single value")
    return SECTIONS[name](section, f"{path}: [{name}]")


def _section_alone(name: str, path: Path | None = None) -> Any:
    """Only the section `name` read and checked (its defaults when the file has none): for
    what must not fail for a mistake in another section, nor guess past one in its own."""
    path = path or config_path()
    return _parsed(name, (_read_toml(path) or {}).get(name, {}), path)


@lru_cache(maxsize=4)
def _cached(path: Path, mtime_ns: int) -> Config:
    return load_config(path)


def current_config() -> Config:
    """`load_config()`, read again only when the file changes (the TUI asks often)."""
    path = config_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return load_config(path)
    return _cached(path, mtime)


def _read_toml(path: Path) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigError(f"cannot read the config file {path}: {error.strerror}") from None
    import tomllib  # here: most people have no config file, and the reader opens sooner

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML ({error}); fix it or remove it") from None


def _citation_section(section: dict[str, Any], where: str) -> CitationConfig:
    _no_unknown_keys(section, ("style", "markup", "template"), where)
    style = _choice(section, "style", _STYLES, where, CitationConfig.style)
    markup = _choice(section, "markup", _MARKUPS, where, CitationConfig.markup)
    template = section.get("template", DEFAULT_TEMPLATE)
    if not isinstance(template, str):
        raise ConfigError(f"{where} template must be a string, e.g. {DEFAULT_TEMPLATE!r}")
    _check_template(template, where)
    return CitationConfig(style=style, markup=markup, template=template)


def _no_unknown_keys(section: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    for key in section:
        if key not in known:
            raise ConfigError(f"{where} has no setting {key!r}; known: {', '.join(known)}")


def _choice(section: dict[str, Any], key: str, choices: tuple[str, ...], where: str,
            default: str) -> str:
    value = section.get(key, default)
    if value not in choices:
        raise ConfigError(f"{where} {key} = {value!r} is not one of: {', '.join(choices)}")
    return value


def _check_template(template: str, where: str) -> None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        raise ConfigError(f"{where} template is malformed ({error}); write {{{{ and }}}} "
                          "for literal braces") from None
    for name in names:
        if name not in TEMPLATE_FIELDS:
            raise ConfigError(f"{where} template has an unknown field {{{name}}}; use "
                              + ", ".join(f"{{{f}}}" for f in TEMPLATE_FIELDS))


def _backup_section(section: dict[str, Any], where: str) -> BackupConfig:
    _no_unknown_keys(section, ("keep",), where)
    keep = section.get("keep", BackupConfig.keep)
    if not isinstance(keep, int) or isinstance(keep, bool) or not 1 <= keep <= 10_000:
        raise ConfigError(f"{where} keep = {keep!r} must be a whole number of snapshots, from "
                          f"1 to 10000 (e.g. keep = {BackupConfig.keep})")
    return BackupConfig(keep=keep)


def backup_config(path: Path | None = None) -> BackupConfig:
    """The `[backup]` settings alone, for what prunes snapshots: a mistake in another
    section does not stop a backup, and one in this section is one clear line rather than
    a default that would delete snapshots the user meant to keep."""
    return _section_alone("backup", path)


def _user_section(section: dict[str, Any], where: str) -> UserConfig:
    _no_unknown_keys(section, ("name",), where)
    name = section.get("name", "")
    if not isinstance(name, str) or any(ch < " " for ch in name) or len(name) > 200:
        raise ConfigError(f'{where} name = {name!r} must be your name on one line, e.g. "Ana Ruiz"')
    return UserConfig(name=" ".join(name.split()))


def use_configured_author() -> str:
    """Tell the domain the `[user] name` new marks are by; what is wrong with that setting
    ("" when nothing), for the caller to say. Only `[user]` is read: a mistake elsewhere
    is reported by what reads it (cite, the reader). Marking goes on under the login name
    meanwhile, but the user must hear of it, or their marks are silently someone else's."""
    from annotations.authors import use_configured_name

    try:
        use_configured_name(_section_alone("user").name)
    except GlossatorError as error:
        use_configured_name("")
        return str(error)
    return ""


def _keys_section(section: dict[str, Any], where: str) -> dict[str, str]:
    """`[keys]`: binding ids (see `?` in the app) to keys, several separated by commas."""
    keymap = {}
    for binding_id, keys in section.items():
        if not isinstance(keys, str) or not keys.strip():
            raise ConfigError(f'{where} {binding_id} must be a key name, e.g. "ctrl+k" or "k,K"')
        keymap[binding_id] = keys.strip()
    return keymap


def load_keymap() -> dict[str, str]:
    """The user's key overrides from `[keys]`."""
    return current_config().keys


SECTIONS: dict[str, Callable[[dict[str, Any], str], Any]] = {
    "backup": _backup_section,
    "citation": _citation_section,
    "keys": _keys_section,
    "user": _user_section,
}
"""Section name → parser (the section's table, where-for-messages) → its dataclass."""
