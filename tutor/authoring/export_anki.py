"""An Anki deck of a pack (prompt, answer, explanation, source), for review on a phone.

Ids are derived from the pack id, so exporting again updates the same deck and notes in
Anki instead of duplicating them. A variant question is exported as its draw for seed 0
(what `tutor show ID` prints): a card holds fixed text.
"""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path

from tutor.packs.model import Pack
from tutor.packs.variants import PREVIEW_SEED, draw

FIELDS = ("Prompt", "Answer", "Explanation", "Source")


class AnkiUnavailable(RuntimeError):
    """genanki is missing: it is a dependency of the install, so only a broken one lacks it."""


def _stable_id(text: str) -> int:
    """A 31-bit id from text: Anki wants ints, and the same pack must keep the same ids."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) & 0x7FFFFFFF


def write_deck(pack: Pack, output: Path) -> int:
    """Write `output` (.apkg); returns the number of notes."""
    try:
        import genanki
    except ImportError:
        raise AnkiUnavailable("genanki is missing from this install: pip install genanki") from None
    model = genanki.Model(
        _stable_id(f"tutor-model-{pack.id}"),
        f"tutor: {pack.meta.title}",
        fields=[{"name": name} for name in FIELDS],
        templates=[{
            "name": "Card 1",
            "qfmt": "{{Prompt}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}<br><br><small>{{Explanation}}</small>"
                    "<br><small><i>{{Source}}</i></small>",
        }],
    )
    deck = genanki.Deck(_stable_id(f"tutor-deck-{pack.id}"), pack.meta.title)
    for question in (draw(question, PREVIEW_SEED).question for question in pack.questions):
        values = [question.prompt, question.answer, question.explanation, "; ".join(question.sources)]
        deck.add_note(genanki.Note(
            model=model,
            fields=[escape(v).replace("\n", "<br>") for v in values],
            guid=genanki.guid_for(pack.id, question.id),
            tags=[pack.id, question.level.value, *question.topics],
        ))
    genanki.Package(deck).write_to_file(str(output))
    return len(deck.notes)
