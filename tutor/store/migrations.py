"""The store's schema as an ordered list of migrations.

`PRAGMA user_version` records how many migrations a database has had; migration
number N (1-based) takes a store from version N-1 to N. Never edit a migration that
has shipped: append a new one. Migration 1 creates everything; 2 adds the settings;
3 keeps the drawn variant with each answer; 4 the learner's corrections.

History is kept by (pack_id, question_id) text, with no foreign key to any pack
table: a question that disappears from its pack keeps its reviews and mock steps, and
a renamed pack is simply a new pack id.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Migration = Callable[[sqlite3.Connection], None]


def _create_everything(connection: sqlite3.Connection) -> None:
    statements = """
    CREATE TABLE cards (
        pack_id      TEXT NOT NULL,
        question_id  TEXT NOT NULL,
        card_json    TEXT NOT NULL,
        due          TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        PRIMARY KEY (pack_id, question_id)
    );
    CREATE INDEX cards_by_due ON cards (pack_id, due);

    CREATE TABLE reviews (
        id           INTEGER PRIMARY KEY,
        pack_id      TEXT NOT NULL,
        question_id  TEXT NOT NULL,
        mode         TEXT NOT NULL CHECK (mode IN ('study', 'practice', 'mock')),
        response     TEXT,
        correct      INTEGER CHECK (correct IN (0, 1)),
        score        REAL CHECK (score BETWEEN 0 AND 1),
        feedback     TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '[]',
        rating       INTEGER CHECK (rating BETWEEN 1 AND 4),
        overridden   INTEGER NOT NULL DEFAULT 0 CHECK (overridden IN (0, 1)),
        replaces     INTEGER REFERENCES reviews (id),
        seconds      REAL,
        hints        INTEGER NOT NULL DEFAULT 0,
        card_state   INTEGER,
        mock_id      INTEGER REFERENCES mocks (id) ON DELETE SET NULL,
        reviewed_at  TEXT NOT NULL
    );
    CREATE INDEX reviews_by_question ON reviews (pack_id, question_id, reviewed_at);
    CREATE INDEX reviews_by_time ON reviews (reviewed_at);

    CREATE TABLE mocks (
        id                  INTEGER PRIMARY KEY,
        pack_id             TEXT NOT NULL,
        seed                INTEGER NOT NULL,
        plan_json           TEXT NOT NULL,
        time_limit_seconds  REAL NOT NULL,
        status              TEXT NOT NULL DEFAULT 'in_progress'
                            CHECK (status IN ('in_progress', 'finished', 'discarded')),
        started_at          TEXT NOT NULL,
        finished_at         TEXT,
        score               REAL,
        queued_json         TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX mocks_by_status ON mocks (status, started_at);

    CREATE TABLE mock_steps (
        id               INTEGER PRIMARY KEY,
        mock_id          INTEGER NOT NULL REFERENCES mocks (id) ON DELETE CASCADE,
        position         INTEGER NOT NULL,
        question_id      TEXT NOT NULL,
        follow_up_index  INTEGER,
        prompt           TEXT NOT NULL,
        model_answer     TEXT NOT NULL,
        time_limit       REAL NOT NULL,
        shown_at         TEXT NOT NULL,
        elapsed          REAL NOT NULL DEFAULT 0,
        draft            TEXT NOT NULL DEFAULT '',
        outcome          TEXT CHECK (outcome IN ('answered', 'timed_out', 'skipped', 'ended')),
        response         TEXT,
        answered_at      TEXT,
        auto_submitted   INTEGER NOT NULL DEFAULT 0 CHECK (auto_submitted IN (0, 1)),
        correct          INTEGER CHECK (correct IN (0, 1)),
        score            REAL CHECK (score BETWEEN 0 AND 1),
        feedback         TEXT NOT NULL DEFAULT '',
        notes            TEXT NOT NULL DEFAULT '[]',
        invalid          INTEGER NOT NULL DEFAULT 0,
        undecided        INTEGER NOT NULL DEFAULT 0,
        UNIQUE (mock_id, position)
    );
    """
    for statement in statements.split(";"):
        if statement.strip():
            connection.execute(statement)


def _add_settings(connection: sqlite3.Connection) -> None:
    """Version 2: the learner's settings as text by key (`tutor.settings` reads them leniently),
    so a new setting needs a rule, not a migration."""
    connection.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _add_variants(connection: sqlite3.Connection) -> None:
    """Version 3: the variant a learner answered (JSON `{"seed": S, "params": {...}}`, NULL for a
    question without parameters), with each review and each mock step, so an answer to
    "0.85^35" is never read as an answer to "0.9^20"."""
    connection.execute("ALTER TABLE reviews ADD COLUMN variant TEXT")
    connection.execute("ALTER TABLE mock_steps ADD COLUMN variant TEXT")


def _add_corrections(connection: sqlite3.Connection) -> None:
    """Version 4: the learner's corrections of free-text grades, kept with the response.

    An append-only log: each row is the whole corrected checklist (`claims_json`) and the
    verdict it gives, beside the automatic one, so `tutor export corrections` can turn real
    answers into rubric tests. `mock_id`/`position` tie a correction made in a debrief to its
    step; the latest row per response is the learner's last word."""
    connection.execute(
        """
        CREATE TABLE corrections (
            id                INTEGER PRIMARY KEY,
            pack_id           TEXT NOT NULL,
            question_id       TEXT NOT NULL,
            mode              TEXT NOT NULL CHECK (mode IN ('study', 'practice', 'mock')),
            response          TEXT NOT NULL,
            claims_json       TEXT NOT NULL,
            automatic_correct INTEGER CHECK (automatic_correct IN (0, 1)),
            automatic_score   REAL,
            correct           INTEGER CHECK (correct IN (0, 1)),
            score             REAL CHECK (score BETWEEN 0 AND 1),
            undecided         INTEGER NOT NULL DEFAULT 0 CHECK (undecided IN (0, 1)),
            mock_id           INTEGER REFERENCES mocks (id) ON DELETE SET NULL,
            position          INTEGER,
            corrected_at      TEXT NOT NULL
        )
        """
    )
    connection.execute("CREATE INDEX corrections_by_pack ON corrections (pack_id, question_id, corrected_at)")


def _add_step_claims(connection: sqlite3.Connection) -> None:
    """Version 5: the key points a free-text answer was read for, with the sentence that
    decided each (JSON list of claims; NULL for other kinds), kept with each mock step so the
    debrief and its exports show what the grader saw without grading again."""
    connection.execute("ALTER TABLE mock_steps ADD COLUMN claims TEXT")


MIGRATIONS: Sequence[Migration] = (
    _create_everything, _add_settings, _add_variants, _add_corrections, _add_step_claims)
"""Migration i+1 is MIGRATIONS[i]; len(MIGRATIONS) is the version this code writes."""
