"""Which organisation "the company" or "the ministry" can be, and which none can.

"The company said" after "Halden Steel Corp." and "the Harbour Ministry" is the steel
maker: a company is no public body, nor a ministry a firm. A name or a head noun is
`PUBLIC` or `COMMERCIAL` by its words; most are neither and fit both.
"""

from __future__ import annotations

PUBLIC = "public"
COMMERCIAL = "commercial"

_PUBLIC_WORDS = frozenset("""
ministry ministries department government authority council commission police bureau
committee court courts tribunal parliament congress senate assembly legislature cabinet
administration regulator embassy consulate army navy prosecutor prosecutors constabulary
inspectorate directorate secretariat treasury customs ministerio ministère ministerium amt
""".split())
_COMMERCIAL_WORDS = frozenset("""
company companies firm firms carmaker automaker insurer lender retailer miner airline
airlines airways manufacturer conglomerate startup start-up inc inc. corp corp. corporation
co co. ltd ltd. llc plc gmbh ag sa nv bv spa srl holdings motors industries enterprises
technologies pharmaceuticals pharma brewery bakery consultancy consultants logistics
""".split())


def body_kind(head: str) -> str:
    """"company" → COMMERCIAL, "ministry" → PUBLIC, "group" → "" (either)."""
    key = head.casefold()
    if key in _PUBLIC_WORDS:
        return PUBLIC
    return COMMERCIAL if key in _COMMERCIAL_WORDS else ""


def body_kind_of_name(name: str) -> str:
    """What the organisation words of a name say it is: "Harbour Ministry" → PUBLIC;
    "" when they say nothing or disagree ("Reuters", "Ministry of Railways Inc.")."""
    kinds = {body_kind(word) for word in name.split()} - {""}
    return kinds.pop() if len(kinds) == 1 else ""

