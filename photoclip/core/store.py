"""The store: the library catalog (one SQLite file, the source of truth) and ALL the SQL.

No other module runs SQL (tests/test_store.py checks): features ask the store by what they mean
(`tag_decisions`, `look_alike_signatures`, ...), and the schema and its migrations live here.

Photos are rows keyed by path; what was computed from a photo's *content* (its embedding, and
later its tags and duplicate decisions) is keyed by the content fingerprint, so a moved,
renamed or copied photo keeps all of it without any work. The HNSW index and the thumbnails are
caches rebuilt from here; `index_log` tells them, in order, which photos gained or lost a vector.

A unit of work is `with store.transaction():`. Transactions nest: an inner one joins the outer
(as a SAVEPOINT), so a batch of the indexer (photos, vectors, skips and every ingest step's
results) commits or rolls back as one, and an inner failure can be rolled back on its own.
"""
from __future__ import annotations

import errno
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .util import chunked, folder_prefix

# Each migration takes the schema from version i to i + 1: a list of statements, run one by one
# (never split on ';', which a trigger or a string may hold). Never edit a released one: add one.
_V1_CORE = [
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE folders (
        path TEXT PRIMARY KEY,
        added_at REAL NOT NULL
    )""",
    """CREATE TABLE photos (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        taken TEXT,
        camera TEXT,
        added_at REAL NOT NULL
    )""",
    """CREATE INDEX photos_fingerprint ON photos(fingerprint)""",
    """CREATE TABLE embeddings (
        fingerprint TEXT NOT NULL,
        model TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (fingerprint, model)
    ) WITHOUT ROWID""",
    """CREATE TABLE skipped (
        path TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        size INTEGER,
        mtime_ns INTEGER,
        at REAL NOT NULL
    )""",
    """CREATE TABLE index_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        photo_id INTEGER NOT NULL,
        added INTEGER NOT NULL
    )""",
    """CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)""",
]

# 2: user-defined auto-tags (photoclip.core.tags). Only definitions and the user's decisions
# are stored: which photos carry a tag automatically is derived from the vectors on demand.
# Decisions are keyed by content, so they follow moves, renames and copies.
_V2_TAGS = [
    """CREATE TABLE tags (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        prompts TEXT NOT NULL,
        negatives TEXT NOT NULL DEFAULT '[]',
        sensitivity REAL NOT NULL DEFAULT 0.5,
        auto INTEGER NOT NULL DEFAULT 1,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    )""",
    """CREATE TABLE tag_decisions (
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        confirmed INTEGER NOT NULL,
        source TEXT NOT NULL DEFAULT 'user',
        at REAL NOT NULL,
        PRIMARY KEY (tag_id, fingerprint)
    ) WITHOUT ROWID""",
    """CREATE INDEX tag_decisions_fingerprint ON tag_decisions(fingerprint)""",
]

# 3: the duplicate finder's memory (photoclip.core.duplicates), all keyed by content: groups the
# user said are not duplicates, and caches that make a run fast: each photo's look-alike
# signature (stored as it is indexed), pixel print (a small RGB thumbnail and what ranks the
# copies) and each compared pair's verdict. Cache rows
# carry the version of the code that made them; rows of another version are made again.
_V3_DUPLICATES = [
    """CREATE TABLE duplicate_dismissals (
        fingerprint_a TEXT NOT NULL,
        fingerprint_b TEXT NOT NULL,
        mode TEXT NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (fingerprint_a, fingerprint_b, mode)
    ) WITHOUT ROWID""",
    """CREATE TABLE look_alike_signatures (
        fingerprint TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        signature BLOB NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE pixel_prints (
        fingerprint TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        thumb BLOB NOT NULL,
        quality INTEGER,
        lossless INTEGER NOT NULL,
        exif_fields INTEGER NOT NULL,
        software TEXT,
        sharpness REAL
    )""",
    """CREATE TABLE duplicate_verdicts (
        fingerprint_a TEXT NOT NULL,
        fingerprint_b TEXT NOT NULL,
        mode TEXT NOT NULL,
        version INTEGER NOT NULL,
        same INTEGER NOT NULL,
        inner TEXT,
        error REAL,
        PRIMARY KEY (fingerprint_a, fingerprint_b, mode)
    ) WITHOUT ROWID""",
]

# 4: text in photos (photoclip.core.phototext). Words read in a photo, keyed by content like the vectors: `words` is JSON [[word, x0, y0, x1,
# y1], ...] (boxes as fractions of the photo), '[]' for a photo read and found without text;
# `engine` says how it was read (a photo read otherwise is read again). The full-text index holds
# the words folded (lower case, no accents, Chinese characters apart), its rowid the row's id.
_V4_TEXT = [
    """CREATE TABLE photo_text (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        engine TEXT NOT NULL,
        words TEXT NOT NULL
    )""",
    """CREATE VIRTUAL TABLE photo_text_index USING fts5(words, tokenize = 'unicode61 remove_diacritics 2')""",
    """CREATE VIRTUAL TABLE photo_text_terms USING fts5vocab(photo_text_index, 'row')""",
]

MIGRATIONS: list[list[str]] = [_V1_CORE, _V2_TAGS, _V3_DUPLICATES, _V4_TEXT]
SCHEMA_VERSION = len(MIGRATIONS)

# When a photo was taken: EXIF's local time, else the file's modification time, also in local
# time (EXIF dates carry no zone; the user means the clock on their wall). Sorting and the date
# filters both use it.
_WHEN = "coalesce(taken, strftime('%Y-%m-%dT%H:%M:%S', mtime_ns / 1e9, 'unixepoch', 'localtime'))"
_CHUNK = 900  # SQLite's limit on ? parameters is 999 in older builds


class CatalogError(RuntimeError):
    pass


def damaged(error: BaseException) -> bool:
    """Whether SQLite says the catalog file is damaged (not a database, a malformed image)."""
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError)


def disk_full(error: BaseException) -> bool:
    """Whether an error means that the disk (or the user's quota) is full, as the file system
    or SQLite says it."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    if isinstance(error, sqlite3.Error):
        return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(error)
    return False


DISK_FULL_HELP = ("the disk is full: nothing was lost (the work in flight was rolled back); "
                  "free some space and run it again to carry on")


# File names need not be UTF-8 (Linux allows any bytes but "/" and NUL); Python holds the bytes
# that are not as lone surrogates (U+DC80-U+DCFF), which SQLite's UTF-8 text cannot take. At the
# store's boundary each such byte is stored as NUL and the byte as a character (no path holds a
# NUL, so nothing else is ever changed), and turned back when read: the name, byte for byte.
_ESCAPE = "\x00"
_ESCAPED = re.compile("\x00(.)", re.S)


def _to_db(value):
    if isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "".join(_ESCAPE + chr(ord(c) - 0xDC00) if 0xDC80 <= ord(c) <= 0xDCFF else c for c in value)
    return value


def _path(text: str) -> str:
    """A path as the store returned it -> the path on disk."""
    return _ESCAPED.sub(lambda m: chr(0xDC00 + ord(m.group(1))), text) if _ESCAPE in text else text


class _Connection(sqlite3.Connection):
    """sqlite3's connection, with every text parameter made storable (see _to_db)."""

    def execute(self, sql, parameters=()):
        return super().execute(sql, _storable(parameters))

    def executemany(self, sql, seq_of_parameters):
        return super().executemany(sql, (_storable(p) for p in seq_of_parameters))


def _storable(parameters):
    if isinstance(parameters, dict):
        return {k: _to_db(v) for k, v in parameters.items()}
    return [_to_db(v) for v in parameters]


@dataclass
class PhotoRow:
    id: int
    path: str
    size: int
    mtime_ns: int
    fingerprint: str
    width: int | None
    height: int | None
    taken: str | None
    camera: str | None

    def __post_init__(self):
        self.path = _path(self.path)


PHOTO_COLUMNS = "id, path, size, mtime_ns, fingerprint, width, height, taken, camera"


@dataclass
class NewPhoto:
    """What the indexer learnt about one file, ready to be committed."""

    path: str
    size: int
    mtime_ns: int
    fingerprint: str
    width: int
    height: int
    taken: str | None
    camera: str | None


# A tag as stored: (id, name, prompts, negatives, sensitivity, auto); photoclip.core.tags.Tag(*row).
TagRow = tuple[int, str, tuple[str, ...], tuple[str, ...], float, bool]
_TAG_COLUMNS = "id, name, prompts, negatives, sensitivity, auto"


class Store:
    """A connection to one library's catalog. Use one per thread (SQLite's own rule); a
    transaction holds the store for its thread until it ends."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False,
                                  factory=_Connection)
        self._unit = threading.RLock()  # the open transaction belongs to one thread
        self._depth = 0
        try:
            self.db.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
            self.db.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; WAL keeps it consistent
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as e:
            self.db.close()
            if not damaged(e):
                raise
            raise CatalogError(f"the catalog {self.path} is damaged ({e}) and was left as it is: restore it from "
                               "a backup, or move it away and index your folders again (a new catalog, without "
                               "your tags and decisions)") from None

    def close(self) -> None:
        self.db.close()

    # -- schema -----------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        """Bring the schema up to date, one step per transaction (safe if two processes race)."""
        while True:
            with self.transaction():
                version = self.version  # read inside the write lock: another process may have migrated
                if version > SCHEMA_VERSION:
                    raise CatalogError(
                        f"{self.path} was written by a newer PhotoClip (schema {version}, this one knows "
                        f"{SCHEMA_VERSION}); please update PhotoClip")
                if version == SCHEMA_VERSION:
                    return
                for statement in MIGRATIONS[version]:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={version + 1}")

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One atomic unit of work: all of it lands, or (on any error or a kill) none of it.

        Inside another transaction it joins that one as a savepoint: its work lands when the
        outermost one commits, and an error rolls back only its own part (then propagates)."""
        with self._unit:
            depth = self._depth
            self.db.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT unit{depth}")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if not self.db.in_transaction:
                    pass  # after some errors (a full disk) SQLite has rolled back the whole of it itself
                elif depth == 0:
                    self.db.execute("ROLLBACK")
                else:
                    self.db.execute(f"ROLLBACK TO unit{depth}")
                    self.db.execute(f"RELEASE unit{depth}")
                raise
            else:
                self._depth -= 1
                self.db.execute("COMMIT" if depth == 0 else f"RELEASE unit{depth}")

    # -- settings and counters --------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def counter(self, name: str) -> int:
        row = self.db.execute("SELECT value FROM counters WHERE name=?", (name,)).fetchone()
        return row[0] if row else 0

    def bump(self, name: str, by: int) -> None:
        self.db.execute(
            "INSERT INTO counters(name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
            (name, by),
        )

    # -- folders ----------------------------------------------------------------------------
    def folders(self) -> list[str]:
        return [_path(r[0]) for r in self.db.execute("SELECT path FROM folders ORDER BY path")]

    def add_folder(self, path: str) -> bool:
        cur = self.db.execute(
            "INSERT OR IGNORE INTO folders(path, added_at) VALUES (?, ?)", (path, time.time())
        )
        return cur.rowcount > 0

    def remove_folder(self, path: str) -> None:
        """Forget a folder and its photos (the files themselves are never touched)."""
        with self.transaction():
            self.db.execute("DELETE FROM folders WHERE path=?", (path,))
            ids = [r[0] for r in self.db.execute(
                "SELECT id FROM photos WHERE path >= ? AND path < ?", _prefix_range(path))]
            self._delete_photo_ids(ids)
            self.db.execute("DELETE FROM skipped WHERE path >= ? AND path < ?", _prefix_range(path))

    # -- photos -----------------------------------------------------------------------------
    def photo_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM photos").fetchone()[0]

    def photos_under(self, folder: str) -> dict[str, tuple[int, int, int]]:
        """path -> (id, size, mtime_ns) for every photo below `folder`."""
        rows = self.db.execute(
            "SELECT path, id, size, mtime_ns FROM photos WHERE path >= ? AND path < ?",
            _prefix_range(folder),
        )
        return {_path(r[0]): (r[1], r[2], r[3]) for r in rows}

    def photo(self, photo_id: int) -> PhotoRow | None:
        row = self.db.execute(f"SELECT {PHOTO_COLUMNS} FROM photos WHERE id=?", (photo_id,)).fetchone()
        return PhotoRow(*row) if row else None

    def photo_by_path(self, path: str) -> PhotoRow | None:
        row = self.db.execute(f"SELECT {PHOTO_COLUMNS} FROM photos WHERE path=?", (path,)).fetchone()
        return PhotoRow(*row) if row else None

    def photos(self, ids: Iterable[int]) -> dict[int, PhotoRow]:
        return self._photos_where("id", ids)

    def photos_of_contents(self, fingerprints: Iterable[str]) -> dict[int, PhotoRow]:
        """Every photo holding one of these contents."""
        return self._photos_where("fingerprint", fingerprints)

    def _photos_where(self, column: str, values: Iterable) -> dict[int, PhotoRow]:
        """id -> row of the photos whose `column` is one of `values`."""
        out: dict[int, PhotoRow] = {}
        for chunk in chunked(list(values), _CHUNK):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT {PHOTO_COLUMNS} FROM photos WHERE {column} IN ({marks})", chunk):
                out[row[0]] = PhotoRow(*row)
        return out

    def paths(self, ids: list[int]) -> dict[int, str]:
        """id -> path; one pass over the table when asked for many (ranking a whole library)."""
        if len(ids) > 5000:
            return {i: _path(p) for i, p in self.db.execute("SELECT id, path FROM photos")}
        out: dict[int, str] = {}
        for chunk in chunked(ids, _CHUNK):
            marks = ",".join("?" * len(chunk))
            out.update((i, _path(p)) for i, p in self.db.execute(f"SELECT id, path FROM photos WHERE id IN ({marks})",
                                                                 chunk))
        return out

    def photo_details(self, ids: list[int]) -> dict[int, tuple]:
        """id -> (path, size, mtime_ns, width, height, taken) as plain tuples: what a grid shows of
        a photo, cheap enough for a ranking of a whole library (one pass over the table when
        asked for many)."""
        columns = "id, path, size, mtime_ns, width, height, taken"
        if len(ids) > 5000:
            rows = self.db.execute(f"SELECT {columns} FROM photos")
        else:
            rows = (row for chunk in chunked(ids, _CHUNK) for row in self.db.execute(
                f"SELECT {columns} FROM photos WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return {i: (_path(p), *rest) for i, p, *rest in rows}

    def all_photos(self, order: str = "date") -> list[PhotoRow]:
        """Every photo, newest first by date taken (file time where EXIF has none) or by path."""
        order_by = f"{_WHEN} DESC, path" if order == "date" else "path"
        return [PhotoRow(*r) for r in self.db.execute(f"SELECT {PHOTO_COLUMNS} FROM photos ORDER BY {order_by}")]

    def photo_ids_where(self, folder: str | None = None, taken_from: str | None = None,
                        taken_before: str | None = None) -> list[int]:
        """Photos below `folder` taken in [taken_from, taken_before) (local ISO 8601 times;
        the file time where EXIF has none)."""
        sql, args = "SELECT id FROM photos WHERE 1=1", []
        if folder:
            sql += " AND path >= ? AND path < ?"
            args += list(_prefix_range(folder))
        if taken_from:
            sql += f" AND {_WHEN} >= ?"
            args.append(taken_from)
        if taken_before:
            sql += f" AND {_WHEN} < ?"
            args.append(taken_before)
        return [r[0] for r in self.db.execute(sql, args)]

    def content_copies(self, fingerprints: Iterable[str] | None = None) -> list[list[int]]:
        """Photo ids that share one content (byte-identical files), a list per content, ascending:
        of every content, or of these."""
        if fingerprints is None:
            rows = self.db.execute("SELECT group_concat(id) FROM photos GROUP BY fingerprint HAVING count(*) > 1")
        else:
            rows = []
            for chunk in chunked(list(fingerprints), _CHUNK):
                rows += self.db.execute(f"SELECT group_concat(id) FROM photos WHERE fingerprint IN"
                                        f" ({','.join('?' * len(chunk))}) GROUP BY fingerprint HAVING count(*) > 1",
                                        chunk).fetchall()
        return [sorted(int(i) for i in r[0].split(",")) for r in rows]

    def known_fingerprints(self, model: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT fingerprint FROM embeddings WHERE model=?", (model,))}

    def add_photos(self, photos: list[NewPhoto], model: str, vectors: dict[str, np.ndarray]) -> list[int]:
        """Insert or update photos and store new vectors, in one transaction.

        `vectors` holds only the embeddings computed now (fingerprint -> vector); photos whose
        fingerprint already has a vector for `model` reuse it. Returns the photos' ids.
        """
        now = time.time()
        ids = []
        with self.transaction():
            for fp, vec in vectors.items():
                self.db.execute(
                    "INSERT OR REPLACE INTO embeddings(fingerprint, model, vector) VALUES (?, ?, ?)",
                    (fp, model, np.asarray(vec, dtype=np.float32).tobytes()),
                )
            if vectors:
                self.bump("embeddings_computed", len(vectors))
            for p in photos:
                old = self.db.execute("SELECT id, fingerprint FROM photos WHERE path=?", (p.path,)).fetchone()
                if old and old[1] == p.fingerprint:
                    self.db.execute(
                        "UPDATE photos SET size=?, mtime_ns=? WHERE id=?", (p.size, p.mtime_ns, old[0]))
                    if p.fingerprint in vectors:  # a vector for a new model: the index must hear of it
                        self.db.execute("INSERT INTO index_log(photo_id, added) VALUES (?, 1)", (old[0],))
                    ids.append(old[0])
                    continue
                if old:  # same path, new content: a new photo as far as vectors go
                    self._delete_photo_ids([old[0]])
                cur = self.db.execute(
                    "INSERT INTO photos(path, size, mtime_ns, fingerprint, width, height, taken, camera,"
                    " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (p.path, p.size, p.mtime_ns, p.fingerprint, p.width, p.height, p.taken, p.camera, now),
                )
                ids.append(cur.lastrowid)
                self.db.execute("INSERT INTO index_log(photo_id, added) VALUES (?, 1)", (cur.lastrowid,))
                self.db.execute("DELETE FROM skipped WHERE path=?", (p.path,))
        return ids

    def photos_missing_vectors(self, model: str) -> list[PhotoRow]:
        rows = self.db.execute(
            f"SELECT {', '.join('p.' + c.strip() for c in PHOTO_COLUMNS.split(','))} FROM photos p "
            "LEFT JOIN embeddings e ON e.fingerprint = p.fingerprint AND e.model = ? "
            "WHERE e.fingerprint IS NULL",
            (model,),
        )
        return [PhotoRow(*r) for r in rows]

    def missing_vector_count(self, model: str) -> int:
        """How many photos wait for a vector for `model`."""
        return self.db.execute(
            "SELECT count(*) FROM photos p LEFT JOIN embeddings e ON e.fingerprint = p.fingerprint"
            " AND e.model = ? WHERE e.fingerprint IS NULL", (model,)).fetchone()[0]

    def remove_paths(self, paths: Iterable[str]) -> int:
        """Forget photos that are gone from disk; their content-keyed work stays for a return."""
        paths = list(paths)  # read once: a generator would be spent after the first pass
        with self.transaction():
            ids = []
            for chunk in chunked(paths, _CHUNK):
                marks = ",".join("?" * len(chunk))
                ids += [r[0] for r in self.db.execute(f"SELECT id FROM photos WHERE path IN ({marks})", chunk)]
                self.db.execute(f"DELETE FROM skipped WHERE path IN ({marks})", chunk)
            self._delete_photo_ids(ids)
        return len(ids)

    def _delete_photo_ids(self, ids: list[int]) -> None:
        for chunk in chunked(ids, _CHUNK):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM photos WHERE id IN ({marks})", chunk)
        self.db.executemany("INSERT INTO index_log(photo_id, added) VALUES (?, 0)", [(i,) for i in ids])

    # -- vectors ----------------------------------------------------------------------------
    def vectors(self, photo_ids: list[int], model: str) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) of those photos that have a vector for `model`."""
        got_ids, blobs = [], []
        for chunk in chunked(photo_ids, _CHUNK):
            marks = ",".join("?" * len(chunk))
            for pid, blob in self.db.execute(
                f"SELECT p.id, e.vector FROM photos p JOIN embeddings e ON e.fingerprint = p.fingerprint"
                f" AND e.model = ? WHERE p.id IN ({marks})", [model, *chunk]):
                got_ids.append(pid)
                blobs.append(blob)
        return _stack(got_ids, blobs)

    def all_vectors(self, model: str) -> tuple[np.ndarray, np.ndarray]:
        rows = self.db.execute(
            "SELECT p.id, e.vector FROM photos p JOIN embeddings e ON e.fingerprint = p.fingerprint"
            " AND e.model = ? ORDER BY p.id", (model,)).fetchall()
        return _stack([r[0] for r in rows], [r[1] for r in rows])

    def vector_for_fingerprint(self, fingerprint: str, model: str) -> np.ndarray | None:
        row = self.db.execute(
            "SELECT vector FROM embeddings WHERE fingerprint=? AND model=?", (fingerprint, model)).fetchone()
        return np.frombuffer(row[0], dtype=np.float32) if row else None

    # -- the change log the index follows -----------------------------------------------------
    def log_head(self) -> int:
        return self.db.execute("SELECT coalesce(max(seq), 0) FROM index_log").fetchone()[0]

    def log_since(self, seq: int) -> list[tuple[int, int, int]]:
        """(seq, photo_id, added) after `seq`, in order."""
        return self.db.execute(
            "SELECT seq, photo_id, added FROM index_log WHERE seq > ? ORDER BY seq", (seq,)).fetchall()

    # -- skipped files ----------------------------------------------------------------------
    def skip(self, path: str, reason: str, size: int | None, mtime_ns: int | None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO skipped(path, reason, size, mtime_ns, at) VALUES (?, ?, ?, ?, ?)",
            (path, reason, size, mtime_ns, time.time()),
        )

    def skipped_under(self, folder: str) -> dict[str, tuple[int | None, int | None]]:
        rows = self.db.execute(
            "SELECT path, size, mtime_ns FROM skipped WHERE path >= ? AND path < ?", _prefix_range(folder))
        return {_path(r[0]): (r[1], r[2]) for r in rows}

    def skipped(self) -> list[tuple[str, str]]:
        return [(_path(p), r) for p, r in self.db.execute("SELECT path, reason FROM skipped ORDER BY path")]

    # -- tags: definitions (photoclip.core.tags) -------------------------------------------------
    def tags(self) -> list[TagRow]:
        return [_tag_row(r) for r in self.db.execute(
            f"SELECT {_TAG_COLUMNS} FROM tags ORDER BY name COLLATE NOCASE")]

    def tag_named(self, name: str) -> TagRow | None:
        """The tag of that name, case aside."""
        row = self.db.execute(f"SELECT {_TAG_COLUMNS} FROM tags WHERE name=?", (name,)).fetchone()
        return _tag_row(row) if row else None

    def insert_tag(self, name: str, prompts: Iterable[str], negatives: Iterable[str], sensitivity: float,
                   auto: bool) -> int:
        now = time.time()
        return self.db.execute(
            "INSERT INTO tags(name, prompts, negatives, sensitivity, auto, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, json.dumps(list(prompts)), json.dumps(list(negatives)), sensitivity, int(auto), now, now),
        ).lastrowid

    def update_tag(self, tag_id: int, name: str, prompts: Iterable[str], negatives: Iterable[str],
                   sensitivity: float, auto: bool) -> None:
        self.db.execute(
            "UPDATE tags SET name=?, prompts=?, negatives=?, sensitivity=?, auto=?, updated_at=? WHERE id=?",
            (name, json.dumps(list(prompts)), json.dumps(list(negatives)), sensitivity, int(auto), time.time(),
             tag_id))

    def delete_tag(self, tag_id: int) -> list[tuple[str, int, str, float]]:
        """Delete a tag and its decisions; returns the decisions (fingerprint, confirmed, source, at)."""
        with self.transaction():
            rows = self.db.execute(
                "SELECT fingerprint, confirmed, source, at FROM tag_decisions WHERE tag_id=?", (tag_id,)).fetchall()
            self.db.execute("DELETE FROM tags WHERE id=?", (tag_id,))
        return [tuple(r) for r in rows]

    # -- tags: the user's decisions, keyed by content ------------------------------------------
    def tag_decisions(self, tag_id: int) -> dict[str, bool]:
        """fingerprint -> True (confirmed) / False (rejected)."""
        rows = self.db.execute("SELECT fingerprint, confirmed FROM tag_decisions WHERE tag_id=?", (tag_id,))
        return {fp: bool(c) for fp, c in rows}

    def set_tag_decisions(self, tag_id: int, changes: dict[str, bool | None], source: str) -> dict[str, bool | None]:
        """Apply fingerprint -> True / False / None (forget); returns what each was before."""
        before: dict[str, bool | None] = {}
        now = time.time()
        with self.transaction():
            for fp, confirmed in changes.items():
                row = self.db.execute(
                    "SELECT confirmed FROM tag_decisions WHERE tag_id=? AND fingerprint=?", (tag_id, fp)).fetchone()
                before[fp] = None if row is None else bool(row[0])
                if confirmed is None:
                    self.db.execute("DELETE FROM tag_decisions WHERE tag_id=? AND fingerprint=?", (tag_id, fp))
                else:
                    self.db.execute(
                        "INSERT OR REPLACE INTO tag_decisions(tag_id, fingerprint, confirmed, source, at)"
                        " VALUES (?, ?, ?, ?, ?)", (tag_id, fp, int(confirmed), source, now))
        return before

    def add_tag_decisions(self, decisions: Iterable[tuple[int, str, bool, str, float]]) -> int:
        """(tag_id, fingerprint, confirmed, source, at), each unless that content is decided on
        already for that tag. Returns how many were added."""
        added = 0
        with self.transaction():
            for tag_id, fp, confirmed, source, at in decisions:
                added += self.db.execute(
                    "INSERT OR IGNORE INTO tag_decisions(tag_id, fingerprint, confirmed, source, at)"
                    " VALUES (?, ?, ?, ?, ?)", (tag_id, fp, int(confirmed), source, at)).rowcount
        return added

    def decisions_on(self, fingerprints: Iterable[str]) -> list[tuple[int, bool, float]]:
        """(tag_id, confirmed, at) of every decision on these contents."""
        out = []
        for chunk in chunked(list(fingerprints), _CHUNK):
            marks = ",".join("?" * len(chunk))
            out += [(t, bool(c), at) for t, c, at in self.db.execute(
                f"SELECT tag_id, confirmed, at FROM tag_decisions WHERE fingerprint IN ({marks})", chunk)]
        return out

    def decided_photos(self, tag_id: int) -> dict[int, bool]:
        """photo id -> confirmed, for every photo whose content the user decided on for the tag."""
        rows = self.db.execute(
            "SELECT p.id, d.confirmed FROM tag_decisions d JOIN photos p ON p.fingerprint = d.fingerprint"
            " WHERE d.tag_id=?", (tag_id,))
        return {pid: bool(c) for pid, c in rows}

    # -- the duplicate finder's memory (photoclip.core.duplicates) --------------------------------
    def look_alike_signatures(self, version: int, fingerprints: Iterable[str] | None = None) -> dict[str, bytes]:
        """Content fingerprint -> signature: of every content, or of these."""
        if fingerprints is None:
            return dict(self.db.execute(
                "SELECT fingerprint, signature FROM look_alike_signatures WHERE version=?", (version,)).fetchall())
        out = {}
        for chunk in chunked(list(fingerprints), _CHUNK):
            out.update(self.db.execute(f"SELECT fingerprint, signature FROM look_alike_signatures WHERE version=?"
                                       f" AND fingerprint IN ({','.join('?' * len(chunk))})", [version, *chunk]))
        return out

    def store_signatures(self, version: int, signatures: dict[str, bytes]) -> None:
        """Look-alike signatures of contents (photoclip.core.pixelmatch.signatures), a cache."""
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO look_alike_signatures(fingerprint, version, signature)"
                                " VALUES (?, ?, ?)", [(fp, version, sig) for fp, sig in signatures.items()])

    def pixel_prints(self, version: int, fingerprints: Iterable[str], thumbs: bool = True) -> list[tuple]:
        """(fingerprint, width, height, thumb, quality, lossless, exif_fields, software, sharpness);
        thumb None unless `thumbs` (what ranks the copies needs no pixels)."""
        out = []
        for chunk in chunked(list(fingerprints), _CHUNK):
            marks = ",".join("?" * len(chunk))
            out += self.db.execute(
                f"SELECT fingerprint, width, height, {'thumb' if thumbs else 'NULL'}, quality, lossless, exif_fields,"
                f" software,"
                f" sharpness FROM pixel_prints WHERE version=? AND fingerprint IN ({marks})",
                [version, *chunk]).fetchall()
        return out

    def store_pixel_prints(self, version: int, prints: Iterable[tuple]) -> None:
        """(fingerprint, width, height, thumb, quality, lossless, exif_fields, software) each."""
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO pixel_prints(fingerprint, version, width, height, thumb,"
                " quality, lossless, exif_fields, software) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(p[0], version, *p[1:]) for p in prints])

    def store_sharpness(self, fingerprint: str, sharpness: float) -> None:
        self.db.execute("UPDATE pixel_prints SET sharpness=? WHERE fingerprint=?", (sharpness, fingerprint))

    def duplicate_verdicts(self, mode: str, version: int, pairs: Iterable[tuple[str, str]]
                           ) -> dict[tuple[str, str], tuple[bool, str | None]]:
        """(fingerprint_a, fingerprint_b) -> (same, inner) for those of these pairs that were judged;
        one pass over the table when asked for many (a first run)."""
        pairs = list(pairs)
        if len(pairs) > 5000:
            rows = self.db.execute("SELECT fingerprint_a, fingerprint_b, same, inner FROM duplicate_verdicts"
                                   " WHERE mode=? AND version=?", (mode, version))
            wanted = set(pairs)
            return {(a, b): (bool(same), inner) for a, b, same, inner in rows if (a, b) in wanted}
        out = {}
        for a, b in pairs:
            row = self.db.execute("SELECT same, inner FROM duplicate_verdicts WHERE fingerprint_a=? AND"
                                  " fingerprint_b=? AND mode=? AND version=?", (a, b, mode, version)).fetchone()
            if row:
                out[(a, b)] = (bool(row[0]), row[1])
        return out

    def store_duplicate_verdicts(self, version: int, verdicts: Iterable[tuple]) -> None:
        """(fingerprint_a, fingerprint_b, mode, same, inner, error) each."""
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO duplicate_verdicts(fingerprint_a, fingerprint_b, mode, version, same,"
                " inner, error) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(a, b, mode, version, int(same), inner, error) for a, b, mode, same, inner, error in verdicts])

    def dismissed_pairs(self, mode: str) -> set[tuple[str, str]]:
        return {(a, b) for a, b in self.db.execute(
            "SELECT fingerprint_a, fingerprint_b FROM duplicate_dismissals WHERE mode=?", (mode,))}

    def dismiss_pairs(self, mode: str, pairs: Iterable[tuple[str, str]]) -> None:
        now = time.time()
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO duplicate_dismissals(fingerprint_a, fingerprint_b, mode, at)"
                " VALUES (?, ?, ?, ?)", [(a, b, mode, now) for a, b in pairs])

    def forget_dismissals(self, mode: str | None = None) -> int:
        """Forget the "not duplicates" pairs of one mode, or of all; returns how many."""
        if mode:
            return self.db.execute("DELETE FROM duplicate_dismissals WHERE mode=?", (mode,)).rowcount
        return self.db.execute("DELETE FROM duplicate_dismissals").rowcount


    # -- text in photos (photoclip.core.phototext) ---------------------------------------------------
    def store_text(self, engine: str, read: dict[str, tuple[list, str]]) -> None:
        """fingerprint -> (words, their folded text for the index); replaces an earlier reading.
        Ids only grow (a replaced reading gets a new one), so the largest says whether anything changed."""
        for fp, (words, indexed) in read.items():
            new_id = self.text_state() + 1
            old = self.db.execute("SELECT id FROM photo_text WHERE fingerprint=?", (fp,)).fetchone()
            if old:
                self.db.execute("DELETE FROM photo_text_index WHERE rowid=?", old)
                self.db.execute("DELETE FROM photo_text WHERE id=?", old)
            cur = self.db.execute("INSERT INTO photo_text(id, fingerprint, engine, words) VALUES (?, ?, ?, ?)",
                                  (new_id, fp, engine, json.dumps(words, ensure_ascii=False)))
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

    def text_state(self) -> int:
        """Grows whenever a photo's text is stored (see store_text): a cache key for what uses the text."""
        return self.db.execute("SELECT coalesce(max(id), 0) FROM photo_text").fetchone()[0]

    def text_vocabulary(self) -> list[str]:
        """Every word in the text index (folded), for matching misread words."""
        return [r[0] for r in self.db.execute("SELECT term FROM photo_text_terms")]

    def text_words(self, fingerprint: str) -> list:
        row = self.db.execute("SELECT words FROM photo_text WHERE fingerprint=?", (fingerprint,)).fetchone()
        return json.loads(row[0]) if row else []


def _tag_row(row) -> TagRow:
    return (row[0], row[1], tuple(json.loads(row[2])), tuple(json.loads(row[3])), float(row[4]), bool(row[5]))


def _prefix_range(folder: str) -> tuple[str, str]:
    """Paths strictly below `folder`, as a range the primary-key index can answer."""
    base = folder_prefix(folder)
    return base, base[:-1] + chr(ord(base[-1]) + 1)


def _stack(ids: list[int], blobs: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    vecs = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(ids), -1)
    return np.asarray(ids, dtype=np.int64), vecs
