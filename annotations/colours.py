"""A colour for a tag that has none, made from its name.

REFI-QDA codes carry a `#RRGGBB` colour, and QDA tools show a code without one in a grey
that tells codes apart no better than no colour. A tag added on import, or by `--tag`,
has none until someone picks one: it is given a colour of its name, the same on every
machine and every export (so a project exported twice is the same file), at a
lightness and saturation that read on light and dark backgrounds alike.
"""

from __future__ import annotations

import colorsys
import hashlib

LIGHTNESS = 0.55
SATURATION = 0.55


def name_colour(name: str) -> str:
    """`#rrggbb` for the tag `name`: its hue from a hash of the name."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    red, green, blue = colorsys.hls_to_rgb(hue, LIGHTNESS, SATURATION)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))
