"""The catalog's text-in-photos tables and queries (moves into the store with the architecture pass)."""
from __future__ import annotations

import json

# Words read in a photo, keyed by content like the vectors: `words` is JSON [[word, x0, y0, x1,
# y1], ...] (boxes as fractions of the photo), '[]' for a photo read and found without text;
# `engine` says how it was read (a photo read otherwise is read again). The full-text index holds
# the words folded (lower case, no accents, Chinese characters apart), its rowid the row's id.
TEXT_MIGRATION = [
    """CREATE TABLE photo_text (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        engine TEXT NOT NULL,
        words TEXT NOT NULL
    )""",
    """CREATE VIRTUAL TABLE photo_text_index USING fts5(words, tokenize = 'unicode61 remove_diacritics 2')""",
    """CREATE VIRTUAL TABLE photo_text_terms USING fts5vocab(photo_text_index, 'row')""",
]


class TextTables:
    db = None  # the store's connection

    def store_text(self, engine: str, read: dict[str, tuple[list, str]]) -> None:
        """fingerprint -> (words, their folded text for the index); replaces an earlier reading."""
        for fp, (words, indexed) in read.items():
            old = self.db.execute("SELECT id FROM photo_text WHERE fingerprint=?", (fp,)).fetchone()
            if old:
                self.db.execute("DELETE FROM photo_text_index WHERE rowid=?", old)
                self.db.execute("DELETE FROM photo_text WHERE id=?", old)
            cur = self.db.execute("INSERT INTO photo_text(fingerprint, engine, words) VALUES (?, ?, ?)",
                                  (fp, engine, json.dumps(words, ensure_ascii=False)))
            if words:
                self.db.execute("INSERT INTO photo_text_index(rowid, words) VALUES (?, ?)", (cur.lastrowid, indexed))

    def photos_missing_text(self, engine: str) -> list[tuple[str, int, int]]:
        """(path, size, mtime_ns) of photos whose content was not read the way `engine` reads."""
        return [tuple(r) for r in self.db.execute(
            "SELECT p.path, p.size, p.mtime_ns FROM photos p LEFT JOIN photo_text t ON t.fingerprint = p.fingerprint "
            "AND t.engine = ? WHERE t.id IS NULL ORDER BY p.id", (engine,))]

    def text_progress(self, engine: str) -> tuple[int, int, int]:
        """(contents read, contents in the library, of those read: with text)."""
        total = self.db.execute("SELECT count(DISTINCT fingerprint) FROM photos").fetchone()[0]
        done, with_text = self.db.execute(
            "SELECT count(*), coalesce(sum(words != '[]'), 0) FROM photo_text t WHERE engine = ? AND "
            "EXISTS (SELECT 1 FROM photos p WHERE p.fingerprint = t.fingerprint)", (engine,)).fetchone()
        return done, total, with_text

    def search_text(self, match: str, limit: int) -> list[tuple[int, list]]:
        """(photo id, its words) for photos whose text matches an FTS5 expression, best first."""
        rows = self.db.execute(
            "SELECT p.id, t.words FROM photo_text_index f JOIN photo_text t ON t.id = f.rowid "
            "JOIN photos p ON p.fingerprint = t.fingerprint WHERE photo_text_index MATCH ? "
            "ORDER BY f.rank LIMIT ?", (match, limit))
        return [(pid, json.loads(words)) for pid, words in rows]

    def text_vocabulary(self) -> list[str]:
        """Every word in the text index (folded), for matching misread words."""
        return [r[0] for r in self.db.execute("SELECT term FROM photo_text_terms")]

    def text_words(self, fingerprint: str) -> list:
        row = self.db.execute("SELECT words FROM photo_text WHERE fingerprint=?", (fingerprint,)).fetchone()
        return json.loads(row[0]) if row else []
