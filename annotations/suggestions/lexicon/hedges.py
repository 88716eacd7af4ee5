"""Phrases that leave a point open: what makes a sentence an open question.

Each family is a list of regular-expression fragments (matched case-insensitively on
word boundaries); the family's name is the rule that fired ("hedge:declined").
"""

from __future__ import annotations

_NEG = r"(?:not|n[o’']t|never)"
_BE = r"(?:is|was|are|were|been|be|remains?|remained|seems?|seemed|appears?|appeared)"

FAMILIES: dict[str, tuple[str, ...]] = {
    "unclear": (
        r"(?:it|this|that)\s+(?:is|was|remains|remained)\s+(?:still\s+|also\s+)?unclear",
        rf"{_BE}\s+(?:still\s+|also\s+)?(?:unclear|uncertain|unknown|undetermined|unresolved|"
        r"undecided|unconfirmed|unanswered|unexplained|in\s+doubt|an\s+open\s+question)",
        rf"{_BE}\s+{_NEG}\s+(?:yet\s+)?(?:clear|known|certain|determined|settled|decided|"
        r"confirmed|disclosed|specified|explained|established)",
        r"no\s+one\s+(?:knows|knew|could\s+say)", r"nobody\s+(?:knows|knew)",
        r"it\s+(?:is|was)\s+(?:not\s+)?(?:clear|known)\s+(?:whether|how|why|when|what|who|if)",
        r"unclear\s+(?:whether|how|why|when|what|who|if)",
        r"(?:whether|how|why|when)\s+\S+(?:\s+\S+){0,8}\s+(?:is|was)\s+(?:still\s+)?(?:unclear|unknown)",
        r"questions?\s+remain", r"(?:raises?|raised|leaves?|left)\s+(?:the\s+|open\s+)?questions?",
        r"it\s+(?:is|was)\s+(?:too\s+early|impossible|difficult|hard)\s+to\s+(?:say|tell|know)",
        r"unanswered", r"uncertainty\s+(?:over|about|remains)",
    ),
    "could-not-say": (
        rf"(?:could|would|can|did|does|do|will)\s*{_NEG}\s+(?:immediately\s+|yet\s+)?(?:say|"
        r"confirm|specify|explain|disclose|elaborate|identify|estimate|give|provide|detail|"
        r"comment|be\s+reached|be\s+independently\s+verified|be\s+verified)",
        r"(?:was|were)\s+unable\s+to\s+(?:say|confirm|explain|specify|verify|be\s+reached)",
        r"refused\s+to\s+(?:say|confirm|comment|disclose|answer|name|discuss)",
        r"(?:gave|offered|provided)\s+no\s+(?:details|explanation|timeline|figures|date|reason)",
        r"would\s+only\s+say", r"not\s+(?:been\s+)?(?:made\s+)?public",
        r"(?:has|have|had)\s+not\s+(?:yet\s+)?(?:said|confirmed|announced|disclosed|explained|"
        r"indicated|specified)(?:\s+(?:whether|when|how|if|what|why|who))?",
        r"(?:neither|nor|none)\s+(?:of\s+them\s+)?(?:has|have|had|would|could|will)\s+(?:yet\s+)?"
        r"(?:said|say|confirmed|confirm|announced)",
        r"(?:did|does|do)\s+not\s+say\s+(?:whether|when|how|if|what|why|who)",
    ),
    "declined": (
        r"declined\s+to\s+(?:comment|say|elaborate|specify|discuss|answer|confirm|give|"
        r"provide|name|identify|be\s+interviewed|speak|respond|disclose|detail)",
        r"declines\s+to\s+(?:comment|say|elaborate|discuss)",
        r"no\s+comment", r"declined\s+(?:an\s+)?(?:interview|requests?|comment)",
    ),
    "no-response": (
        rf"(?:did|has|have|had|does){_NEG}\s+(?:yet\s+|immediately\s+)?(?:respond|reply|"
        r"return|answer|comment)",
        r"(?:did|has|have|had|does)\s+not\s+(?:yet\s+|immediately\s+)?(?:respond|reply|return|"
        r"answer|comment)",
        r"no\s+(?:immediate\s+)?(?:response|reply|answer)", r"not\s+immediately\s+respond",
        r"could\s+not\s+be\s+reached", r"unavailable\s+for\s+comment",
        r"(?:requests?|messages?|calls?|emails?)\s+(?:for\s+comment\s+)?(?:went|were|was|"
        r"have\s+gone|has\s+gone)\s+unanswered",
    ),
    "not-yet-known": (
        r"not\s+immediately\s+(?:known|clear|available|possible|confirmed)",
        r"(?:has|have|had)\s+yet\s+to", r"(?:is|are|was|were)\s+yet\s+to",
        r"(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+(?:decided|determined|announced|released|"
        r"disclosed|confirmed|set|published|made\s+public|settled|identified)",
        r"no\s+(?:decision|date|timeline|timetable|details?|figures?|explanation)\s+(?:has|have|"
        r"had|was|were)\s+(?:yet\s+)?(?:been\s+)?(?:made|set|given|announced|released|provided|offered)",
        r"remains?\s+to\s+be\s+seen", r"remained\s+to\s+be\s+seen",
        rf"(?:has|have|had|is|are){_NEG}\s+(?:yet\s+)?(?:decided|made\s+(?:a|its|their|his|her)\s+"
        r"decision|ruled|settled)",
        rf"(?:has|have|had|is|are)\s+{_NEG}\s+(?:yet\s+)?(?:decided|made\s+(?:a|its|their|his|her)\s+"
        r"decision|ruled|settled)",
        r"it\s+(?:is|was)\s+(?:not\s+)?(?:known|clear)\s+(?:yet\s+)?(?:whether|how|when)",
    ),
    "expected": (
        r"(?:is|are|was|were)\s+(?:widely\s+|also\s+|now\s+)?expected\s+to",
        r"(?:is|are|was|were)\s+(?:due|scheduled|set|slated)\s+to",
        r"(?:is|are|was|were)\s+likely\s+to", r"(?:is|are)\s+set\s+to\s+be",
        r"expected\s+(?:later\s+)?(?:this|next|in)",
        r"(?:is|are)\s+(?:now\s+|also\s+|widely\s+)?expected\s+(?:on|by|before|within|around|at|"
        r"soon|shortly|later|early)",
        r"(?:is|are)\s+(?:now\s+|also\s+)?due\s+(?:on|by|in|at|next|this|later|before|within)",
    ),
    "pending": (
        r"pending", r"postponed", r"put\s+off", r"on\s+hold", r"delayed\s+(?:until|indefinitely)",
        r"under\s+(?:investigation|review|consideration|way)", r"awaiting",
        r"(?:will|would)\s+(?:be\s+)?decided?\s+(?:later|at\s+a\s+later)", r"deferred",
        r"adjourned", r"suspended\s+until", r"not\s+(?:been\s+)?(?:ruled\s+out|resolved)",
        r"has\s+not\s+ruled\s+out", r"could\s+not\s+rule\s+out", r"to\s+be\s+determined",
        r"(?:is|are|remains?|remained|was|were)\s+(?:still\s+)?ongoing",
    ),
}

TRIGGERS: dict[str, frozenset[str]] = {
    "unclear": frozenset("""unclear uncertain unknown undetermined unresolved undecided unconfirmed
        unanswered unexplained doubt question questions not isn wasn aren weren knows knew
        early impossible difficult hard uncertainty""".split()),
    "could-not-say": frozenset("""not couldn wouldn didn doesn can won unable refused no only
        neither nor none hasn haven hadn""".split()),
    "declined": frozenset("declined declines no".split()),
    "no-response": frozenset("""not didn hasn haven hadn doesn no unavailable unanswered
        couldn""".split()),
    "not-yet-known": frozenset("immediately yet not no seen hasn haven hadn isn aren".split()),
    "expected": frozenset("expected due scheduled set slated likely".split()),
    "pending": frozenset("""pending postponed off hold delayed under awaiting decided decide
        deferred adjourned suspended not determined ongoing""".split()),
}
"""Per family, words one of which every phrase of the family holds: a sentence without
any of them is not tried against the family's pattern."""
