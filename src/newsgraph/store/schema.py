"""The versioned SQLite schema: an ordered list of migrations keyed by ``PRAGMA user_version``.

Never edit a released migration; append a new one. Plain tables with foreign keys and
indexes, so the file opens as-is in Datasette.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, FTS, extraction results, provenance of runs.
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        command TEXT NOT NULL,
        config TEXT NOT NULL,
        versions TEXT NOT NULL,
        added INTEGER DEFAULT 0,
        updated INTEGER DEFAULT 0,
        unchanged INTEGER DEFAULT 0,
        failed INTEGER DEFAULT 0
    );
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        subtitle TEXT,
        outlet TEXT,
        byline TEXT,
        dateline TEXT,
        published TEXT,
        text TEXT NOT NULL,
        raw TEXT NOT NULL,
        raw_kind TEXT NOT NULL,
        removed TEXT NOT NULL DEFAULT '[]',
        date_mentions TEXT NOT NULL DEFAULT '[]',
        offsets TEXT NOT NULL DEFAULT '[]',
        hash TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES runs(id),
        source TEXT NOT NULL,
        line INTEGER,
        message TEXT NOT NULL
    );
    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        country TEXT,
        sector TEXT,
        role TEXT,
        aliases TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors(id),
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        raw_start INTEGER,
        raw_end INTEGER,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_actor ON mentions(actor_id);
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        cue TEXT,
        speaker_text TEXT,
        speaker TEXT,
        speaker_id TEXT REFERENCES actors(id),
        speaker_country TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        raw_start INTEGER,
        raw_end INTEGER,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_type TEXT NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        source_actor_ids TEXT NOT NULL DEFAULT '[]',
        target_actor_ids TEXT NOT NULL DEFAULT '[]',
        mode TEXT,
        context TEXT NOT NULL DEFAULT '[]',
        modality TEXT NOT NULL,
        date TEXT,
        location TEXT,
        intensity REAL,
        cameo_root TEXT,
        goldstein REAL,
        trigger TEXT,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        raw_start INTEGER,
        raw_end INTEGER
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type ON events(event_type);
    CREATE INDEX events_date ON events(date);
    CREATE TABLE event_dyads (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        target TEXT NOT NULL
    );
    CREATE INDEX event_dyads_pair ON event_dyads(source, target);
    """,
    # 2: corpus-level results: per-article sketches, copy/rewrite pairs, copy groups, stories.
    """
    CREATE TABLE sketches (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        published TEXT,
        dedup BLOB NOT NULL,
        story TEXT NOT NULL,
        linked INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sketches_unlinked ON sketches(linked, seq);
    CREATE TABLE pairs (
        a TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        b TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        similarity REAL NOT NULL,
        containment_a REAL,
        containment_b REAL,
        shared_paragraphs INTEGER,
        evidence TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (a, b)
    );
    CREATE INDEX pairs_b ON pairs(b);
    CREATE TABLE copy_groups (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        canonical_id TEXT NOT NULL
    );
    CREATE INDEX copy_groups_canonical ON copy_groups(canonical_id);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        start TEXT,
        "end" TEXT,
        size INTEGER NOT NULL
    );
    CREATE TABLE article_story (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL
    );
    CREATE INDEX article_story_story ON article_story(story_id);
    """,
    # 3: indexes for the web pages and for re-ingest (cascade deletes of event dyads).
    """
    CREATE INDEX event_dyads_event ON event_dyads(event_id);
    CREATE INDEX event_dyads_target ON event_dyads(target, source);
    CREATE INDEX quotes_speaker_name ON quotes(speaker);
    CREATE INDEX events_type_article ON events(event_type, article_id);
    CREATE INDEX mentions_actor_article ON mentions(actor_id, article_id);
    CREATE INDEX mentions_actor_text ON mentions(actor_id, text);
    """,
    # 4: the copy and story indexes moved into their own tables (created by the indexes): the
    # next ingest relinks every article into them.
    """
    DELETE FROM pairs;
    DELETE FROM copy_groups;
    DELETE FROM stories;
    DELETE FROM article_story;
    UPDATE sketches SET linked = 0;
    """,
]


def latest_version() -> int:
    return len(MIGRATIONS)
