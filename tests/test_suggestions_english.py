"""Which texts that state no language the English rules read (annotations/suggestions/english.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.suggestions.english import FEWEST_WORDS, reads_as_english

SETS = sorted((Path(__file__).parent / "suggestions").glob("*/*.json"))

OTHERS = {
    "de": "Der Stadtrat hat am Dienstag beschlossen, die Gebühren für die Müllabfuhr ab Januar "
          "um zwölf Prozent zu erhöhen. Die Verwaltung begründet den Schritt mit höheren Kosten "
          "für Personal und Fahrzeuge. Mehrere Fraktionen stimmten dagegen, weil sie zuerst eine "
          "Prüfung der Verträge verlangen. Ob die Erhöhung vor Gericht Bestand hat, ist noch offen.",
    "fr": "Le conseil municipal a décidé mardi d'augmenter de douze pour cent la taxe sur les "
          "ordures à partir de janvier. La mairie justifie cette hausse par le coût du personnel "
          "et des camions. Plusieurs groupes ont voté contre, car ils demandent d'abord un examen "
          "des contrats. On ne sait pas encore si la hausse résistera devant le tribunal.",
    "es": "El pleno municipal decidió el martes subir un doce por ciento la tasa de basuras desde "
          "enero. El ayuntamiento lo justifica por el coste del personal y de los camiones. Varios "
          "grupos votaron en contra, porque piden antes una revisión de los contratos. Todavía no "
          "se sabe si la subida aguantará ante los tribunales.",
    "nl": "De gemeenteraad heeft dinsdag besloten de afvalstoffenheffing vanaf januari met twaalf "
          "procent te verhogen. Het college wijst op hogere kosten voor personeel en wagens. "
          "Meerdere fracties stemden tegen, omdat zij eerst een onderzoek naar de contracten "
          "willen. Of de verhoging bij de rechter standhoudt, is nog onduidelijk.",
}


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_every_labelled_english_article_reads_as_english(path):
    assert reads_as_english(json.loads(path.read_text(encoding="utf-8"))["text"])


@pytest.mark.parametrize("language", sorted(OTHERS))
def test_news_in_other_languages_does_not(language):
    assert not reads_as_english(OTHERS[language])


def test_english_quoting_another_language_still_does():
    text = ("The mayor answered in German. " + OTHERS["de"] + " She said later that the rise "
            "was needed, and that the council would publish the contracts before it voted "
            "again. It is not clear when that vote will be held, or who will be at the meeting. "
            "Residents who have written to the council say that they have had no answer yet, "
            "and that they will go to the meeting to ask for one.")
    assert reads_as_english(text)


def test_a_few_words_say_too_little_and_read_as_english():
    assert reads_as_english(" ".join(OTHERS["de"].split()[: FEWEST_WORDS - 1]))
