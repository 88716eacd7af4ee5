"""Interviews in question-and-answer form: "Quill: Why now?" / "Renn: Because we ran out …".

When at least three paragraphs open with a name and a colon, the article is a Q&A. A name
whose paragraphs mostly ask (hold a question mark) is the interviewer: its paragraphs give
no answer claims and no question suggestions (an interviewer's question is not an open
question of the article). Every other named paragraph is one claim, its speaker the name;
a paragraph without a name between answers continues the answer before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotations.suggestions.speakers import Speaker, Speakers
from annotations.suggestions.text import HEADING, Block

_LABEL = re.compile(r"([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}):\s+(?=\S)")
MIN_TURNS = 3

ASKS = "asks"
ANSWERS = "answers"


@dataclass(frozen=True)
class Turn:
    role: str
    """ASKS (the interviewer's paragraph) or ANSWERS (an answer, or its continuation)."""
    content_start: int
    """Where the words after "Name: " begin."""
    speaker: Speaker | None = None


def turns(text: str, blocks: list[Block], speakers: Speakers) -> dict[int, Turn]:
    """The Q&A role of each block (by index) of an interview; {} for any other article."""
    labels: dict[int, tuple[str, int]] = {}
    for index, block in enumerate(blocks):
        if block.kind == HEADING:
            continue
        match = _LABEL.match(text, block.start, block.end)
        if match:
            labels[index] = (match.group(1), match.end())
    if len(labels) < MIN_TURNS:
        return {}
    asking = _interviewers(text, blocks, labels)
    found: dict[int, Turn] = {}
    answer: Turn | None = None
    last_label = max(labels)
    for index, block in enumerate(blocks):
        if index in labels:
            name, content = labels[index]
            if name in asking:
                found[index] = Turn(ASKS, content)
                answer = None
            else:
                answer = Turn(ANSWERS, content, _speaker(speakers, block.start, name))
                found[index] = answer
        elif answer is not None and index < last_label and block.kind != HEADING:
            found[index] = Turn(ANSWERS, block.start, answer.speaker)
        else:
            answer = None
    return found


def _interviewers(text: str, blocks: list[Block], labels: dict[int, tuple[str, int]]) -> set[str]:
    asked: dict[str, list[bool]] = {}
    for index, (name, content) in labels.items():
        asked.setdefault(name, []).append("?" in text[content:blocks[index].end])
    return {name for name, questions in asked.items() if sum(questions) * 2 >= len(questions)}


def _speaker(speakers: Speakers, at: int, label: str) -> Speaker:
    mention = speakers.mention_at(at)
    if mention is not None:
        return speakers.speaker_of(mention)
    return Speaker(label, at, at + len(label))
