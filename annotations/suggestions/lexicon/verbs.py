"""Reporting verbs in all their forms ("said", "says", "saying", "has said", "told").

Lemmas are listed once and inflected here: regular forms by rule, irregular ones spelled
out. `SPEECH` verbs may introduce reported speech without "that" ("she said the plan
would fail"); `THOUGHT` verbs need "that" ("he believes that …"), since "he believes
the figures" is no claim. Both introduce a direct quotation.
"""

from __future__ import annotations

# lemma: (third person, past, past participle, -ing) where the rule would get it wrong
_IRREGULAR: dict[str, tuple[str, str, str, str]] = {
    "say": ("says", "said", "said", "saying"),
    "tell": ("tells", "told", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "find": ("finds", "found", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "think": ("thinks", "thought", "thought", "thinking"),
    "feel": ("feels", "felt", "felt", "feeling"),
    "hold": ("holds", "held", "held", "holding"),
    "swear": ("swears", "swore", "sworn", "swearing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "forecast": ("forecasts", "forecast", "forecast", "forecasting"),
    "foresee": ("foresees", "foresaw", "foreseen", "foreseeing"),
    "begin": ("begins", "began", "begun", "beginning"),
    "teach": ("teaches", "taught", "taught", "teaching"),
    "cry": ("cries", "cried", "cried", "crying"),
    "reply": ("replies", "replied", "replied", "replying"),
    "deny": ("denies", "denied", "denied", "denying"),
    "testify": ("testifies", "testified", "testified", "testifying"),
    "clarify": ("clarifies", "clarified", "clarified", "clarifying"),
    "specify": ("specifies", "specified", "specified", "specifying"),
    "verify": ("verifies", "verified", "verified", "verifying"),
    "certify": ("certifies", "certified", "certified", "certifying"),
    "signify": ("signifies", "signified", "signified", "signifying"),
    "worry": ("worries", "worried", "worried", "worrying"),
    "imply": ("implies", "implied", "implied", "implying"),
    "lie": ("lies", "lied", "lied", "lying"),
    "see": ("sees", "saw", "seen", "seeing"),
    "put": ("puts", "put", "put", "putting"),
    "read": ("reads", "read", "read", "reading"),
    "bet": ("bets", "bet", "bet", "betting"),
    "rebut": ("rebuts", "rebutted", "rebutted", "rebutting"),
    "admit": ("admits", "admitted", "admitted", "admitting"),
    "quip": ("quips", "quipped", "quipped", "quipping"),
    "regret": ("regrets", "regretted", "regretted", "regretting"),
    "snap": ("snaps", "snapped", "snapped", "snapping"),
    "concur": ("concurs", "concurred", "concurred", "concurring"),
    "infer": ("infers", "inferred", "inferred", "inferring"),
    "omit": ("omits", "omitted", "omitted", "omitting"),
    "submit": ("submits", "submitted", "submitted", "submitting"),
    "plead": ("pleads", "pleaded", "pleaded", "pleading"),
}

SPEECH_LEMMAS = """
say tell add announce confirm warn argue deny note claim state insist acknowledge admit
explain report write declare assert maintain contend allege stress emphasise emphasize
remark reply respond answer recall concede complain promise pledge vow reveal disclose
testify tweet post comment caution urge recommend propose conclude predict estimate
forecast project suggest accuse blame criticise criticize praise dismiss reject dispute
counter retort rebut agree disagree concur boast brag joke quip lament plead demand
threaten signal hint imply mention repeat reiterate recount inform advise assure reassure
notify brief speculate question challenge protest object underline underscore highlight
specify clarify elaborate continue observe acknowledge affirm reaffirm guarantee swear
attest verify certify point explain contend cite quote describe call tell exclaim shout
yell whisper murmur mutter cry sigh laugh snap insist press persist email text message
announce proclaim tout grant confess apologise apologize thank welcome alert counsel
conclude summarise summarize add detail outline recount relay write tell lie speak muse
""".split()

THOUGHT_LEMMAS = """
believe think feel hope fear worry expect reckon guess calculate wonder doubt suspect
assume presume surmise opine posit theorise theorize hold find show indicate foresee
recognise recognize accept regret bet understand learn know read see judge consider
""".split()

_DOUBLE_FINAL = frozenset("admit quip rebut regret snap concur infer omit submit".split())


def forms(lemma: str) -> tuple[str, ...]:
    """Every inflected form of one reporting verb: base, -s, past, participle, -ing."""
    if lemma in _IRREGULAR:
        return (lemma, *_IRREGULAR[lemma])
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("ee"):
        past, ing = lemma + "d", lemma + "ing"
    elif lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    elif lemma in _DOUBLE_FINAL:
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return (lemma, third, past, past, ing)


def _all_forms(lemmas: list[str]) -> frozenset[str]:
    return frozenset(form for lemma in lemmas for form in forms(lemma))


SPEECH: frozenset[str] = _all_forms(SPEECH_LEMMAS)
THOUGHT: frozenset[str] = _all_forms(THOUGHT_LEMMAS) - SPEECH
REPORTING: frozenset[str] = SPEECH | THOUGHT

CLAUSE_WITHOUT_THAT: frozenset[str] = _all_forms("""
say tell add warn argue claim insist acknowledge admit explain report write declare assert
maintain contend allege stress emphasise emphasize note predict estimate forecast suggest
announce confirm deny concede complain promise pledge vow reveal testify caution conclude
reiterate repeat recall believe think expect fear hope reckon guess say
""".split())
"""Verbs that take a reported clause without "that": "she said the plan would fail"."""

OPINION: frozenset[str] = _all_forms("""
believe think feel hope fear worry expect reckon guess wonder doubt suspect assume presume
surmise
""".split())
"""Verbs of opinion, not of speech: "he thinks the yard can survive" says what someone
believes, not what they claimed, and gives no reported claim (a quotation beside one is
still theirs)."""

NOUN_OBJECT: frozenset[str] = _all_forms("""
acknowledge admit confirm deny reveal announce report note stress emphasise emphasize
predict estimate forecast explain concede promise pledge vow claim testify caution conclude
reiterate repeat recall allege maintain assert declare write suggest complain
""".split())
"""Verbs as likely to take a noun as a clause ("acknowledged the council's difficulties",
"denied the charges"): without "that", what follows is a claim only when it holds a verb."""

FINITE: frozenset[str] = frozenset("""
is are was were be been has have had will would can could should may might must shall do
does did isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't
shouldn't didn't doesn't don't isn’t aren’t wasn’t weren’t hasn’t haven’t hadn’t won’t
wouldn’t can’t couldn’t shouldn’t didn’t doesn’t don’t
fell rose grew went came made took gave got began lost won left kept held met paid sold
built brought bought caught fought found knew ran saw sent spent stood told thought
understood wrote broke chose drove flew hid hit hurt led let meant put quit rode rang sank
set shut spoke stole struck swore threw wore became cost cut drew ate fed sought
""".split())
"""Auxiliaries, modals and common irregular pasts: a clause's verb, for `NOUN_OBJECT` verbs."""

NOT_AFTER_QUOTE: frozenset[str] = frozenset(
    "read see know learn understand judge consider accept show find hold call describe "
    "quote cite point put lie bet".split()
)
"""Lemmas too common in narration to attribute a quotation on their own ("“Free” read
the sign" is rare; "called it “a disgrace”" is no attribution of the whole quote)."""

QUOTE_VERBS: frozenset[str] = frozenset(
    form for lemma in SPEECH_LEMMAS + THOUGHT_LEMMAS if lemma not in NOT_AFTER_QUOTE
    for form in forms(lemma)
) | frozenset(("ask", "asks", "asked", "asking", "wonder", "wondered", "wonders"))
"""Forms that attribute a quotation next to them ("…,” she asked" too)."""

AUXILIARIES: frozenset[str] = frozenset(
    "has have had is was were are be been will would could can may might also later then "
    "again once previously earlier recently further only just still had already repeatedly "
    "publicly privately".split()
)
"""Words that stand between a speaker and the verb: "Houser has also said"."""
