"""Author names as people write them, split the way citation styles need them.

    "Maria Okafor"            → given "Maria", family "Okafor"
    "Okafor, Maria"           → the same
    "Ludwig van Beethoven"    → given "Ludwig", particle "van", family "Beethoven"
    "Martin Luther King, Jr." → given "Martin Luther", family "King", suffix "Jr."
    "King, Jr., Martin Luther" → the same (BibTeX's order)
    "{City Council}"          → an organisation, never split or abbreviated
    "Reuters"                 → one word: kept whole, like an organisation
"""

from __future__ import annotations

from dataclasses import dataclass

_PARTICLES = frozenset("van von der den de del della di da du dos das la le ter ten bin al el".split())
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd".split())


@dataclass(frozen=True)
class Name:
    family: str = ""
    given: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""
    """An organisation or a single-word name: printed as it is."""

    @property
    def is_literal(self) -> bool:
        return bool(self.literal)

    @property
    def sort_key(self) -> str:
        return (self.literal or self.family).casefold()

    def to_csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        data = {"family": self.family, "given": self.given}
        if self.particle:
            data["non-dropping-particle"] = self.particle
        if self.suffix:
            data["suffix"] = self.suffix
        return {k: v for k, v in data.items() if v}


def parse_name(raw: str) -> Name:
    text = " ".join(raw.split())
    if text.startswith("{") and text.endswith("}"):
        return Name(literal=text[1:-1].strip())
    if "," in text:
        family_part, _, rest = text.partition(",")
        rest_parts = [p.strip() for p in rest.split(",") if p.strip()]
        if rest_parts and rest_parts[0].lower() in _SUFFIXES:
            if len(rest_parts) > 1:
                # "King, Jr., Martin Luther": BibTeX's family, suffix, given
                particle, family = _split_particle(family_part.strip())
                return Name(family=family, given=rest_parts[1], particle=particle,
                            suffix=rest_parts[0])
            # "Martin Luther King, Jr.": the comma only separates the suffix
            return _split_given_family(family_part, suffix=rest_parts[0])
        given = rest_parts[0] if rest_parts else ""
        suffix = rest_parts[1] if len(rest_parts) > 1 else ""
        particle, family = _split_particle(family_part.strip())
        if not given:
            return Name(literal=family_part.strip())
        return Name(family=family, given=given, particle=particle, suffix=suffix)
    return _split_given_family(text)


def _split_given_family(text: str, suffix: str = "") -> Name:
    words = text.split()
    if len(words) <= 1:
        return Name(literal=text)
    if words[-1].lower() in _SUFFIXES and len(words) > 2:
        suffix, words = words[-1], words[:-1]
    family_at = len(words) - 1
    particle_at = family_at
    while particle_at > 1 and words[particle_at - 1].lower() in _PARTICLES:
        particle_at -= 1
    return Name(
        family=" ".join(words[family_at:]),
        given=" ".join(words[:particle_at]),
        particle=" ".join(words[particle_at:family_at]),
        suffix=suffix,
    )


def _split_particle(family: str) -> tuple[str, str]:
    words = family.split()
    i = 0
    while i < len(words) - 1 and words[i].lower() in _PARTICLES and words[i][0].islower():
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])
