"""The fsrs card state of each (pack, question), stored as the card's own JSON.

fsrs owns the meaning of a card; the store only keeps `Card.to_dict()` and copies the
`due` instant into an indexed column, so "what is due now" and the 14-day forecast are
index range scans instead of JSON parsing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from fsrs import Card

from tutor.store.times import to_text

if TYPE_CHECKING:
    from tutor.store.db import Store


class CardRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, pack_id: str, question_id: str) -> Card | None:
        row = self._store.query_one(
            "SELECT card_json FROM cards WHERE pack_id = ? AND question_id = ?", (pack_id, question_id)
        )
        return None if row is None else _card(row["card_json"])

    def put(self, pack_id: str, question_id: str, card: Card, *, now: datetime) -> None:
        """Insert or replace the card state (committed at once unless inside a transaction)."""
        self._store.execute(
            "INSERT INTO cards (pack_id, question_id, card_json, due, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (pack_id, question_id) DO UPDATE SET "
            "card_json = excluded.card_json, due = excluded.due, updated_at = excluded.updated_at",
            (pack_id, question_id, json.dumps(card.to_dict()), to_text(card.due), to_text(now)),
        )

    def for_pack(self, pack_id: str) -> dict[str, Card]:
        """Every stored card of the pack by question id (ids no longer in the pack included)."""
        rows = self._store.query(
            "SELECT question_id, card_json FROM cards WHERE pack_id = ?", (pack_id,)
        )
        return {row["question_id"]: _card(row["card_json"]) for row in rows}

    def due(self, pack_id: str, until: datetime) -> list[tuple[str, Card]]:
        """Cards due at or before `until`, oldest due first (ties by question id)."""
        rows = self._store.query(
            "SELECT question_id, card_json FROM cards WHERE pack_id = ? AND due <= ? "
            "ORDER BY due, question_id",
            (pack_id, to_text(until)),
        )
        return [(row["question_id"], _card(row["card_json"])) for row in rows]

    def due_between(
        self, start: datetime, end: datetime, pack_id: str | None = None
    ) -> list[tuple[str, str, datetime]]:
        """(pack_id, question_id, due) of cards with start <= due < end, in due order."""
        sql = "SELECT pack_id, question_id, card_json FROM cards WHERE due >= ? AND due < ?"
        parameters: list[str] = [to_text(start), to_text(end)]
        if pack_id is not None:
            sql += " AND pack_id = ?"
            parameters.append(pack_id)
        rows = self._store.query(sql + " ORDER BY due, pack_id, question_id", parameters)
        return [(row["pack_id"], row["question_id"], _card(row["card_json"]).due) for row in rows]

    def all(self) -> list[tuple[str, str, Card]]:
        rows = self._store.query("SELECT pack_id, question_id, card_json FROM cards ORDER BY pack_id, question_id")
        return [(row["pack_id"], row["question_id"], _card(row["card_json"])) for row in rows]


def _card(text: str) -> Card:
    return Card.from_dict(json.loads(text))
