"""Names built from titles: short article ids and file names that stay inside their folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_STOPWORDS = frozenset(
    "a an the of and or but in on at to for from by with as is are was were be its it "
    "der die das und le la les de des du el los las y".split()
)
_ID_WORDS = 3
_ID_LENGTH = 28
WINDOWS_DEVICES = frozenset(["con", "prn", "aux", "nul", "conin$", "conout$", "clock$"] + [
    f"{device}{digit}" for device in ("com", "lpt") for digit in "0123456789\u00b9\u00b2\u00b3"])
"""The device names Windows reserves, superscript digits included (they count as digits
there). A name is the device when the part before its first dot is, spaces aside:
`nul.txt note.md` opens NUL."""
_MAX_NAME_BYTES = 200  # below the usual 255-byte limit, leaving room for suffixes


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of `text`, accents folded: "Élan vital" → ["elan", "vital"]."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", folded.lower())


def article_slug(title: str) -> str:
    """A short, typeable article id from a title: "The Harbour Plan Splits Council" →
    "harbour-plan-splits"."""
    words = ascii_words(title)
    meaningful = [w for w in words if w not in _STOPWORDS] or words
    slug = ""
    for word in meaningful[:_ID_WORDS]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > _ID_LENGTH and slug:
            break
        slug = candidate[:_ID_LENGTH]
    if slug in WINDOWS_DEVICES:  # the article's folder is named by it: `articles/con` fails there
        slug += "-article"
    return slug or "article"


def safe_file_stem(title: str, fallback: str = "note", max_bytes: int = _MAX_NAME_BYTES) -> str:
    """A file name stem from a title that cannot leave its folder or upset a file system.

    Path separators, control characters and characters Windows forbids are dropped,
    leading dots (hidden files, `..`) and trailing dots and spaces removed, reserved
    device names avoided, and the result kept under 200 bytes of UTF-8.
    """
    text = unicodedata.normalize("NFC", title)
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )
    text = re.sub(r'[\\/:*?"<>|#^\[\]]', " ", text)
    text = clear_of_devices(" ".join(text.split()).strip(" ."))
    encoded = text.encode("utf-8")
    if len(encoded) > max_bytes:
        text = encoded[:max_bytes].decode("utf-8", "ignore").rstrip(" .")
    return text or fallback


def clear_of_devices(stem: str) -> str:
    """`stem`, unless Windows would take it for a device: then its first dot becomes a
    space (`nul.txt` → `nul txt`), or ` note` follows a bare device name (`con note`)."""
    if stem.split(".")[0].rstrip().casefold() not in WINDOWS_DEVICES:
        return stem
    return " ".join(stem.replace(".", " ", 1).split()) if "." in stem else f"{stem} note"


def path_inside(folder: Path, name: str) -> Path:
    """`folder / name`, refusing any name that would resolve outside `folder`."""
    base = folder.resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise ValueError(f"{name!r} would leave {base}")
    return target
