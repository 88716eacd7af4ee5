"""Claims: direct quotations with their speakers, reported speech, "according to", studies.

The rule families, each named in `Suggestion.rule`:

    quote-then-said      “…,” Houser said. / “…,” said Trevor Houser, a partner at Rhodium.
    said-then-quote      Sheinbaum said: “…” / He added, “…”
    colon-quote          Arkwright, in a grey coat, read a short statement: “…”
    quote-continues      “…,” he said, “…”: the second half of a split quotation
    quote-runs-on        a paragraph opening with a mark after one that ended open
    floating-quote       a sentence that is all quotation: the speaker of the quote just
                         before, else the person the paragraph is about (before the quote,
                         else named just after it)
    reported-that        Houser said (on Tuesday) (that) the plan would fail.
    clause-then-said     The plan would fail, the ministry said.
    adding-that          …, adding that … / … and claimed …: a second claim, same speaker
    according-to         According to the NTSB, … / …, according to the NTSB.
    study-found          A study by Rhodium found that … / Rhodium's report shows …

(`interview-answer`, an answer of a Q&A interview, is read in `interviews`.)

A claim spans its content only: the words inside the marks, the clause after "that".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from annotations.suggestions.lexicon import verbs
from annotations.suggestions.names import PERSON
from annotations.suggestions.quotes import Quotation, Quoted
from annotations.suggestions.speakers import Speaker, Speakers, appositive_after
from annotations.suggestions.text import Block

_LEAD = re.compile(r"[\s,;:—–-]*")
_VERB_AT = re.compile(r"([a-z]+)\b")
_WORD_AT = re.compile(r"([A-Za-z’'-]+)")
_WORDS = re.compile(r"[^\W\d_]+")
_BEFORE_TAIL = re.compile(r"(?:\s+(?:that|on|in|at|to|during|after|before|last|this|late|early|"
                          r"earlier|later|from|about|with|of|for|via|through|over|a|an|the|"
                          r"[A-Z][\w’'.-]*|[a-z]+ly|[\w’'-]+)){0,8}[\s,:—–-]*$")
_ATTRIBUTION_END = re.compile(
    r"(?:,?\s+(?:on|in|at|during|last|this|late|early|earlier|later|yesterday|today|tonight|"
    r"after|before|when|while|via|through|from|to|told|adding|according|citing|as|by|"
    r"[A-Z][\w’'.-]*)\b[^.!?;“”\"«»]{0,80}?|\s+(?:him|her|them|reporters|journalists))?"
    r"(?:,\s+(?:a|an|the|who|whose|one|its|his|her|their)\b(?:[^.!?;“”\"«»]|\.(?=\d)){0,140})?"
    r"[\s.!?…\"”’»)]*"
)
_AUX_RUN = re.compile(r"[\s,]*(?:(?:" + "|".join(sorted(verbs.AUXILIARIES)) + r")\s+)*")
_SHORT_ATTRIBUTION = re.compile(r"(?:[\w’'.-]+\s+){1,6}?[a-z]+(?:\s+[\w’'-]+){0,4}[.!?]?\s*")
_VERB_BEFORE_COLON = re.compile(r"\b(?:" + "|".join(sorted(verbs.QUOTE_VERBS)) + r")\b[^:]*:\s*$")
_FLOAT_EDGE = re.compile(r"[\s\"“”‘’'«»„‹›—–-]*$")
_END_TRIM = " \t\n.,;:!?\"”’»›)—–-"
_CLAUSE_START = re.compile(r"\s+(?=[\w$€£])")
_NOT_CLAUSE = frozenset(
    "to in on at for with by from of about as after before during while when if so too "
    "outside inside near behind across over through via into onto under among between "
    "beside around along up down off out here there home ahead back "
    "sorry thanks goodbye hello later earlier again "
    "afterwards it's and or but than then there's what how why where whether".split()
)
"""Words after "said" that begin no reported clause ("said in a statement", "said so")."""
_NUMBER_AFTER = re.compile(r"\s+[$€£]?\d")
_ADVERBIAL = re.compile(
    r"\s+(?:on|last|this|late|early|earlier|later|in|at|during|after|before|via|over|"
    r"through|when|while|yesterday|today|again|also|repeatedly|publicly|privately|"
    r"separately)\b[^,;:.!?“”\"«»]{0,60}?(?:,|(?=\s+that\b))"
)
_OBJECT = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}|"
                     r"reporters|journalists|lawmakers|legislators|investors|analysts|"
                     r"residents|parliament|congress|members|supporters|viewers|listeners|"
                     r"students|staff|employees|workers|officials|him|her|them|us|me|you|"
                     r"court|jury|judge|tribunal|inquiry|council|board|police|investigators|"
                     r"newspaper|paper|crowd|audience|"
                     r"[a-z]+(?:\s+[a-z]+)?\s+(?:conference|briefing|meeting|hearing|audience|"
                     r"committee|panel|crowd|rally|gathering|summit))")
_OBJECT_VERBS = frozenset(verbs.forms("tell") + verbs.forms("assure") + verbs.forms("inform")
                          + verbs.forms("remind") + verbs.forms("advise") + verbs.forms("warn")
                          + verbs.forms("reassure") + verbs.forms("notify") + verbs.forms("brief")
                          + verbs.forms("convince") + verbs.forms("promise"))
_THAT = re.compile(r"(?:\s+|,\s*)that\s+")
_THAT_SOON = re.compile(r"\s(?:[\w’'-]+\s+){0,5}?that\s+")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|gets|got)\s+(?:[a-z]+ly\s+)?$")
"""A reporting verb after "was": a passive, whose subject was told, not telling."""
_AND_BEFORE = re.compile(r"\s(?:and|but)\s+$")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
_SOURCE_LEAD = re.compile(r"(?:(?:the|a|an|new|recent|latest|its|his|her|their|[\w-]+)\s+){0,4}?"
                          r"(?:(?:published|released|compiled|issued|gathered|conducted|commissioned)"
                          r"\s+)?(?:by|from|of|at)\s+(?:the\s+)?")
_DOCUMENT = (r"(?:report|reports|study|studies|survey|analysis|audit|review|poll|assessment|"
             r"investigation|paper|research|data|figures|estimate|estimates|census|filing|"
             r"projections|model|modelling|modeling|report’s|evaluation)")
_DOCUMENT_WORDS = frozenset(_DOCUMENT[3:-1].replace("’s", "").split("|"))
_LOWER_WORDS = re.compile(r"\b[a-z]+\b")
_FINDING = (r"(?:found|finds|find|shows|showed|show|concluded|concludes|suggests|suggested|"
            r"estimated|estimates|says|said|warned|warns|revealed|reveals|indicated|indicates|"
            r"predicted|predicts|projected|projects|noted|notes|argued|argues|determined|"
            r"states|stated|claims|claimed|documented|documents|reported|reports)")
_STUDY = re.compile(
    rf"(?:(?P<possessive>['’]s\s+(?:[\w-]+\s+){{0,3}}?{_DOCUMENT})|\b(?:[Aa]|[Aa]n|[Tt]he|[Ii]ts|[Tt]heir)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{_DOCUMENT})(?P<source>\s+(?:(?:published|released|commissioned|"
    rf"conducted|compiled|issued)\s+)?(?:by|from|of|for)\s+(?:the\s+)?)?"
    rf"(?P<middle>[^.;:“”\"]{{0,80}}?)\s+(?P<verb>{_FINDING})(?P<that>\s+that)?\s+"
)
_ADDING = re.compile(r",\s+(?P<verb>adding|noting|saying|warning|arguing|insisting|explaining|"
                     r"stressing|claiming|acknowledging|suggesting)\s+(?:that\s+)?"
                     r"|,?\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?P<also>[a-z]+)\b")


_NO_SUBJECT = frozenset("he she it they we i you this that there these those so".split())
"""First words of two-word clauses that claim nothing: "he would", "it was"."""
_ADDING_WORDS = frozenset("adding noting saying warning arguing insisting explaining stressing claiming "
                          "acknowledging suggesting and but".split())


class Claim(NamedTuple):
    start: int
    end: int
    speaker: Speaker | None
    cue: str
    rule: str


class ClaimReader:
    """The claims of one article, read block by block in order."""

    def __init__(self, text: str, speakers: Speakers) -> None:
        self.text = text
        self.speakers = speakers
        self._words: set[str] = set()
        """The lower-case words of the sentence `reported` reads."""

    # -- direct quotation --------------------------------------------------------------
    def quoted(self, block: Block, quotes: list[Quotation], index: int, sentence: tuple[int, int],
               previous: Claim | None, run_on_speaker: Speaker | None) -> Claim | None:
        """The claim of `quotes[index]` in `block`, if it is one.

        `previous` is the block's claim before it, `run_on_speaker` who spoke the quote
        the block before left open."""
        quote = quotes[index]
        limit = quotes[index + 1].open if index + 1 < len(quotes) else block.end
        floor = max(quotes[index - 1].after if index else block.start,
                    sentence[0] if sentence[0] <= quote.open else block.start)
        before_first = self.text[floor:quote.open].rstrip().endswith(":")
        if before_first:
            claim = self._attributed_before(quote, floor) or self._attributed_after(quote, limit)
        else:
            claim = self._attributed_after(quote, limit) or self._attributed_before(quote, floor)
        if claim is None and quote.continued and run_on_speaker is not None:
            claim = Claim(quote.start, quote.end, run_on_speaker, "", "quote-runs-on")
        if claim is None and previous is not None and previous.speaker is not None and \
                self._shares_sentence(previous, quote, sentence):
            claim = Claim(quote.start, quote.end, previous.speaker, previous.cue, "quote-continues")
        if claim is None and self._floats(quote, sentence, block):
            limit = quotes[index + 1].open if index + 1 < len(quotes) else block.end
            speaker = self._floating_speaker(quote, block, previous, limit)
            if speaker is not None:
                claim = Claim(quote.start, quote.end, speaker, "", "floating-quote")
        if claim is None or not self._is_claim_sized(quote, claim):
            return None
        self.speakers.heard(claim.speaker, quote.after)
        return claim

    def _attributed_after(self, quote: Quotation, limit: int) -> Claim | None:
        """“…,” said X / “…,” X said / “…,” she added."""
        text, speakers = self.text, self.speakers
        at = _LEAD.match(text, quote.after, limit).end()
        if at >= limit:
            return None
        if text[quote.end - 1] in ".!?…" and text[at].isupper():
            # “… on the table.” Marsh said that …: a new sentence, which may only attribute
            # the quote when it is nothing but the attribution ("Holt said.")
            limit = min(limit, _sentence_end(text, at, limit))
            if not _SHORT_ATTRIBUTION.fullmatch(text, at, limit):
                return None
        verb = _VERB_AT.match(text, at, limit)
        if verb and verb.group(1) in verbs.QUOTE_VERBS:
            speaker, _ = speakers.subject_after(verb.end(), limit)
            if speaker is not None:
                return Claim(quote.start, quote.end, speaker, verb.group(1), "quote-then-said")
        speaker, end = speakers.subject_after(at, limit)
        if speaker is None:
            return None
        rest = text[end:limit]
        appositive = re.match(r",\s*[^,“”\"«»]{1,90},", rest)
        if appositive:
            end += appositive.end()
        aux = _AUX_RUN.match(text, end, limit)
        verb = _VERB_AT.match(text, aux.end(), limit) if aux else None
        if verb and verb.group(1) in verbs.QUOTE_VERBS:
            return Claim(quote.start, quote.end, speaker, verb.group(1), "quote-then-said")
        return None

    def _attributed_before(self, quote: Quotation, floor: int) -> Claim | None:
        """Sheinbaum said: “…” / He told reporters on Tuesday, “…” / X read a statement: “…”"""
        text = self.text
        window = text[floor:quote.open]
        if window.rstrip().endswith(":") and not _VERB_BEFORE_COLON.search(window):
            speaker = self.speakers.sentence_subject(floor, quote.open)
            if speaker is not None:
                return Claim(quote.start, quote.end, speaker, "", "colon-quote")
        for verb in reversed(list(_VERB_AT.finditer(window))):
            word = verb.group(1)
            if word not in verbs.QUOTE_VERBS and word not in ("called", "describing", "described"):
                continue
            if not _BEFORE_TAIL.fullmatch(window, verb.end()):
                return None
            speaker = self.speakers.subject_before(floor + verb.start(), floor)
            if speaker is not None:
                return Claim(quote.start, quote.end, speaker, word, "said-then-quote")
            return None
        return None

    def _floating_speaker(self, quote: Quotation, block: Block, previous: Claim | None,
                          limit: int) -> Speaker | None:
        """Who speaks a quotation that is a sentence of its own, without attribution.

        The speaker of the quote just before it; else the person the paragraph was just
        about ("Khatri is arguing … He has two apprentices. “They’re good.”"); else the
        paragraph's earlier speaker; else the person named after it in the paragraph
        ("“My father kept saying …” … Ambler switches it off"); else whoever spoke
        last, or the person named last, not far before."""
        speakers = self.speakers
        if previous is not None and previous.speaker is not None and quote.open - previous.end < 200:
            return previous.speaker
        since = previous.end if previous is not None else block.start
        people = [m for m in speakers.mentions_between(since, quote.open) if m.type == PERSON]
        if people:
            return speakers.speaker_of(people[-1])
        if previous is not None and previous.speaker is not None:
            return previous.speaker
        if quote.open == block.start or not self.text[block.start:quote.open].strip():
            later = [m for m in speakers.mentions_between(quote.after, limit) if m.type == PERSON]
            if later:
                return speakers.speaker_of(later[0])
        last = speakers.last
        if last is not None and quote.open - speakers.last_at < 1500:
            return last
        before = [m for m in speakers.mentions_between(max(0, quote.open - 800), quote.open)
                  if m.type == PERSON]
        return speakers.speaker_of(before[-1]) if before else None

    def _shares_sentence(self, claim: Claim, quote: Quotation, sentence: tuple[int, int]) -> bool:
        return sentence[0] <= claim.start and quote.open - claim.end < 80

    def _floats(self, quote: Quotation, sentence: tuple[int, int], block: Block) -> bool:
        """Whether the quotation is a whole sentence (or several), with nothing around it."""
        before = self.text[max(block.start, sentence[0]):quote.open]
        if before.strip(" \t\"“”‘’'«»„‹›—–-"):
            return False
        if self.text[quote.end - 1] in ".!?…":
            return True  # the quotation ends its own sentence
        return not _FLOAT_EDGE.sub(
            "", self.text[quote.after:self._sentence_end_after(quote, block)]).strip(".!?…")

    def _sentence_end_after(self, quote: Quotation, block: Block) -> int:
        match = re.compile(r"[^.!?…]*[.!?…]?").match(self.text, quote.after, block.end)
        return match.end() if match else quote.after

    def _is_claim_sized(self, quote: Quotation, claim: Claim) -> bool:
        """One word in quotes is no claim; two are when someone is said to have said them
        (“Nada cambia,” Trevilla said); a quote without its own attribution needs more, as
        a short one is likelier a title or a sign."""
        words = len(_WORDS.findall(self.text, quote.start, quote.end))
        if claim.rule in ("floating-quote", "quote-continues"):
            return words >= 4
        return words >= 2

    # -- reported speech ---------------------------------------------------------------
    def reported(self, sentence: tuple[int, int], quoted: Quoted,
                 words: set[str]) -> list[Claim]:
        """Claims of one sentence outside quotation marks: according to, studies, said that.

        `words` are the sentence's lower-case words (`words_of`)."""
        start, end = sentence
        if quoted.around(start, end):
            return []
        according = self.text.find("ccording to", start, end) >= 0
        if verbs.REPORTING.isdisjoint(words) and not according:
            return []
        rules = [self._according_to] if according else []
        if not _DOCUMENT_WORDS.isdisjoint(words):
            rules.append(self._study)
        rules.append(self._said_that)
        if not verbs.SPEECH.isdisjoint(words):
            rules.append(self._clause_then_said)
        self._words = words
        for rule in rules:
            claim = rule(start, end, quoted)
            if claim is not None:
                claims = [claim]
                adding = self._adding(claim, end, quoted)
                if adding is not None:
                    cut, added = adding
                    first = self._claim(claim.start, min(claim.end, cut), claim.speaker, claim.cue,
                                        claim.rule)
                    claims = [c for c in (first, added) if c is not None]
                for found in claims:
                    self.speakers.heard(found.speaker, found.end)
                return [c for c in claims if c.end > c.start]
        return []

    def _according_to(self, start: int, end: int, quoted: Quoted) -> Claim | None:
        text = self.text
        match = _ACCORDING.search(text, start, end)
        if match is None or quoted.at(match.start()):
            return None
        source_at = match.end()
        lead = _SOURCE_LEAD.match(text, source_at, end)
        speaker = None
        if lead:
            mention = self.speakers.mention_at(lead.end())
            if mention is not None:
                speaker = self.speakers.speaker_of(mention)
                source_end = mention.end
        if speaker is None:
            speaker, source_end = self.speakers.subject_after(source_at, end)
        if speaker is None:
            return None
        if text[start:match.start()].strip(" \"“") == "":
            # "According to X, a nonprofit that studies pricing, water bills have risen": the
            # source's appositive is its description, and the claim comes after it
            appositive = _source_appositive(text, source_end, end)
            mention = self.speakers.mention_at(speaker.start)
            speaker = speaker._replace(description=appositive[0] if appositive else (
                mention.description if mention is not None else ""))
            comma = text.find(",", source_end, end)
            clause_start = appositive[1] if appositive else comma + 1 if comma >= 0 else source_end
            return self._claim(clause_start, end, speaker, "according to", "according-to")
        return self._claim(start, match.start(), speaker, "according to", "according-to")

    def _study(self, start: int, end: int, quoted: Quoted) -> Claim | None:
        text = self.text
        match = _STUDY.search(text, start, end)
        if match is None or quoted.at(match.start()):
            return None
        speaker = None
        if match.group("possessive"):
            mention = self.speakers.mention_ending_at(match.start())
            if mention is not None:
                speaker = self.speakers.speaker_of(mention)
        if speaker is None and match.group("source"):
            mention = self.speakers.mention_at(match.end("source"))
            if mention is not None:
                speaker = self.speakers.speaker_of(mention)
        if speaker is None:
            for mention in self.speakers.mentions_between(match.start(), match.start("verb")):
                speaker = self.speakers.speaker_of(mention)
                break
        if speaker is None:
            return None
        self.speakers.last_document = speaker
        return self._claim(match.end(), end, speaker, match.group("verb"), "study-found")

    def _said_that(self, start: int, end: int, quoted: Quoted) -> Claim | None:
        text = self.text
        for at, word in _verbs_in(text, start, end, self._words):
            if quoted.at(at) or word in verbs.OPINION or \
                    _PASSIVE_BEFORE.search(text, max(start, at - 24), at):
                continue  # "Ruth Kane was told the plant would close": she heard it
            # the clause first: it is cheaper to read than the subject, and most verbs have none
            clause = self._clause_after(at + len(word), end, word)
            if clause < 0 or quoted.at(clause) or text[clause] in "“\"«„‘":
                continue
            speaker = self.speakers.subject_before(at, start)
            if speaker is None and _AND_BEFORE.search(text, max(start, at - 6), at):
                # "Beddoes … called the plan ‘a false economy’ and said …": the sentence's subject
                speaker = self.speakers.sentence_subject(start, at)
            if speaker is None:
                continue
            return self._claim(clause, end, speaker, word, "reported-that")
        return None

    def _clause_after(self, at: int, end: int, verb: str) -> int:
        """Where the reported clause after a verb begins; -1 when none does."""
        text = self.text
        if verb in _OBJECT_VERBS:
            obj = _OBJECT.match(text, at, end)
            if obj:
                at = obj.end()
        adverbial = _ADVERBIAL.match(text, at, end)
        if adverbial:
            at = adverbial.end()
        that = _THAT.match(text, at, end) or _THAT_SOON.match(text, at, end)
        if that:
            return that.end()
        if verb not in verbs.CLAUSE_WITHOUT_THAT:
            return -1
        start = _CLAUSE_START.match(text, at, end)
        if not start:
            return -1
        word = _WORD_AT.match(text, start.end(), end)
        if word and word.group(1).casefold() in _NOT_CLAUSE and not (
                word.group(1).casefold() == "about" and _NUMBER_AFTER.match(text, word.end(), end)):
            return -1
        if (verb in verbs.NOUN_OBJECT or verb in _ADD) and not _holds_clause_verb(text, start.end(), end):
            return -1  # "acknowledged the council’s difficulties": a noun, no clause
        return start.end()

    def _clause_then_said(self, start: int, end: int, quoted: Quoted) -> Claim | None:
        """The plan would fail, the ministry said. / …, said Houser."""
        text = self.text
        at = text.rfind(", ", start, end)
        while at > start:
            if quoted.opens_between(at, end):
                return None  # "Asked whether …, Price said: ‘…’": the quote is the claim
            claim = self._attribution_tail(start, at, end)
            if claim is not None:
                if quoted.reaches_past(at, start):
                    return None
                return claim
            at = text.rfind(", ", start, at)
        return None

    def _attribution_tail(self, start: int, comma: int, end: int) -> Claim | None:
        text, speakers = self.text, self.speakers
        at = comma + 2
        verb = _VERB_AT.match(text, at, end)
        speaker = None
        word = ""
        if verb and verb.group(1) in verbs.SPEECH:
            speaker, after = speakers.subject_after(verb.end(), end)
            word = verb.group(1)
        if speaker is None:
            speaker, after = speakers.subject_after(at, end)
            if speaker is None:
                return None
            aux = _AUX_RUN.match(text, after, end)
            verb = _VERB_AT.match(text, aux.end(), end)
            if not verb or verb.group(1) not in verbs.SPEECH:
                return None
            word, after = verb.group(1), verb.end()
        if not _ATTRIBUTION_END.fullmatch(text, after, end):
            return None  # "…, Tallgrass has said the route avoids …": a clause follows, not an end
        return self._claim(start, comma, speaker, word, "clause-then-said")

    def _adding(self, claim: Claim, end: int,
                quoted: Quoted) -> tuple[int, Claim] | None:
        """", adding that …", "… and contended that …", "… but said …": a second claim of
        the same speaker, and where the first ends."""
        if self._words.isdisjoint(_ADDING_WORDS):
            return None
        for match in _ADDING.finditer(self.text, claim.start, end):
            verb = match.group("verb") or match.group("also")
            clause = match.end()
            if match.group("also"):
                if verb not in verbs.SPEECH:
                    continue  # "… and the port", "… but not before"
                clause = self._clause_after(match.end(), end, verb)
                if clause < 0:
                    continue
            if quoted.at(match.start()) or clause >= end:
                return None
            added = self._claim(clause, end, claim.speaker, verb, "adding-that")
            return (match.start(), added) if added is not None else None
        return None

    def _claim(self, start: int, end: int, speaker: Speaker | None, cue: str, rule: str) -> Claim | None:
        """The reported clause `start..end`, trimmed: two words at least, and two only when
        they are clearly a clause ("shows that bees sleep", "said sales fell"; not "told the
        newspaper"), the first no pronoun ("he would", "it was" say nothing)."""
        text = self.text
        while start < end and text[start] in " \t,":
            start += 1
        while end > start and text[end - 1] in _END_TRIM:
            end -= 1
        spaces = text.count(" ", start, end)
        if spaces < 1:
            return None
        if spaces == 1 and (text[start:text.find(" ", start)].casefold() in _NO_SUBJECT or not (
                text[max(0, start - 5):start].rstrip().endswith("that")
                or _holds_verb(text, start, end))):
            return None
        return Claim(start, end, speaker, cue, rule)


def _source_appositive(text: str, at: int, end: int) -> tuple[str, int] | None:
    """The appositive after "According to X" that a comma closes before the claim: three
    words at least, and not the claim's own subject (", the plan, which …, will …")."""
    appositive = appositive_after(text, at, end)
    if appositive is None or not appositive[2] or len(appositive[0].split()) < 3:
        return None
    following = _WORD_AT.match(text, _LEAD.match(text, appositive[1], end).end(), end)
    if following is None or following.group(1).casefold() in _CLAUSE_GOES_ON:
        return None
    return appositive[0], appositive[1]


_CLAUSE_GOES_ON = frozenset("which who whom whose where when that is are was were will would has "
                            "have had can could should may might must and or but".split())
"""Words after a second comma that say the first was the claim's subject, not the
source's appositive."""


def _holds_verb(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` holds a finite verb the word lists know: an auxiliary, a
    modal, an irregular past, or a word in -ed."""
    for word in _LOWER_WORDS.findall(text, start, end):
        if word in verbs.FINITE or (len(word) > 3 and word.endswith("ed")):
            return True
    return "n’t" in text[start:end] or "n't" in text[start:end]


def _holds_clause_verb(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` after a verb is a clause with a subject and its verb, not
    a noun and a second predicate of the sentence's subject ("denied the charges and
    resigned", "noted the time and left") nor a noun with a participle after a preposition
    ("announced her resignation in a video posted on Monday")."""
    previous, after_preposition = "", False
    for word in _LOWER_WORDS.findall(text, start, end):
        if word in _NOT_CLAUSE and word not in ("and", "or", "but", "then"):
            after_preposition = True
        strong = word in verbs.FINITE
        if (strong or (len(word) > 3 and word.endswith("ed") and not after_preposition)) and \
                previous not in _COORDINATORS:
            return True
        previous = word
    return "n’t" in text[start:end] or "n't" in text[start:end]


_COORDINATORS = frozenset(("and", "or", "but", "then", "nor"))
_ADD = frozenset(verbs.forms("add"))
""""added a second clause to the contract": "add" takes a noun as often as a clause."""


def words_of(text: str, start: int, end: int) -> set[str]:
    """The lower-case words of `text[start:end]`: what the rules look for first."""
    return set(_LOWER_WORDS.findall(text, start, end))


def _verbs_in(text: str, start: int, end: int, words: set[str]) -> list[tuple[int, str]]:
    """Where the reporting verbs of `text[start:end]` are, in order: (offset, verb).

    Found by the sentence's words rather than a walk over every word: a book has a
    million words and a few reporting verbs per paragraph."""
    found = []
    for word in verbs.REPORTING.intersection(words):
        at = text.find(word, start, end)
        while at >= 0:
            after = at + len(word)
            if (at == start or not text[at - 1].isalnum()) and (after >= end or not text[after].isalnum()):
                found.append((at, word))
            at = text.find(word, after, end)
    found.sort()
    return found


def _sentence_end(text: str, at: int, limit: int) -> int:
    match = re.compile(r"[^.!?]*[.!?]?").match(text, at, limit)
    return match.end() if match else limit

