"""full-text claim search, the claims order as one index (ix_claims_rank), and a content counter (change_counter row 2, bumped by writes to
articles and what is extracted from them, not by reviews: claimdesk.store.aggregates): a tsvector column with a GIN index (PostgreSQL), an FTS5 table kept
in sync by triggers (SQLite); both filled from the claims already stored

Revision ID: 0009
Revises: 0008

Words are matched as the tokenizer cuts them, lower-cased, accents kept, no stemming, the same
on both databases ('simple' configuration; FTS5's unicode61 with remove_diacritics 0), so a
search finds the same claims on a laptop and on a team's server (claimdesk.store.search).
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS claims_fts_update",
    "DROP TRIGGER IF EXISTS claims_fts_delete",
    "DROP TRIGGER IF EXISTS claims_fts_insert",
    "DROP TABLE IF EXISTS claims_fts",
]
PG_UP = [
    # stored, so a page walking the score index tests each row without re-parsing its text
    "ALTER TABLE claims ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED",
    "CREATE INDEX ix_claims_search ON claims USING gin (search_vector)",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS ix_claims_search",
    "ALTER TABLE claims DROP COLUMN IF EXISTS search_vector",
]


#: The claims order (score descending, then id) as one index: a page of claims, first or
#: after a keyset, is read in order even where many claims share a score.
RANK_UP = "CREATE INDEX ix_claims_rank ON claims (score DESC, id)"
RANK_DOWN = "DROP INDEX IF EXISTS ix_claims_rank"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_UP if sqlite else PG_UP:
        op.execute(statement)
    op.execute(RANK_UP)
    op.execute(
        "INSERT INTO change_counter (id, value) SELECT 2, 0 "
        "WHERE NOT EXISTS (SELECT 1 FROM change_counter WHERE id = 2)"
    )


def downgrade() -> None:
    op.execute("DELETE FROM change_counter WHERE id = 2")
    op.execute(RANK_DOWN)
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else PG_DOWN:
        op.execute(statement)
