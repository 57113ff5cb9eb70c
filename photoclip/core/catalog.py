"""The library catalog: one SQLite file, the source of truth.

Photos are rows keyed by path; what was computed from a photo's *content* (its embedding, and
later its tags and duplicate decisions) is keyed by the content fingerprint, so a moved,
renamed or copied photo keeps all of it without any work. The HNSW index and the thumbnails are
caches rebuilt from here; `index_log` tells them, in order, which photos gained or lost a vector.
"""
from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .failpoints import failpoint
from .textstore import TEXT_MIGRATION, TextTables
from .util import chunked, folder_prefix

# Each step takes the schema from version i to i + 1. Never edit a released step: add one.
# Each feature owns its step (its tables live with it in the catalog, the one source of truth).
_V1_CORE = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE folders (
        path TEXT PRIMARY KEY,
        added_at REAL NOT NULL
    );
    CREATE TABLE photos (
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
    );
    CREATE INDEX photos_fingerprint ON photos(fingerprint);
    CREATE TABLE embeddings (
        fingerprint TEXT NOT NULL,
        model TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (fingerprint, model)
    ) WITHOUT ROWID;
    CREATE TABLE skipped (
        path TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        size INTEGER,
        mtime_ns INTEGER,
        at REAL NOT NULL
    );
    CREATE TABLE index_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        photo_id INTEGER NOT NULL,
        added INTEGER NOT NULL
    );
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    """

# 2: user-defined auto-tags (photoclip.core.tags). Only definitions and the user's decisions
# are stored: which photos carry a tag automatically is derived from the vectors on demand.
# Decisions are keyed by content, so they follow moves, renames and copies.
_V2_TAGS = """
    CREATE TABLE tags (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        prompts TEXT NOT NULL,
        negatives TEXT NOT NULL DEFAULT '[]',
        sensitivity REAL NOT NULL DEFAULT 0.5,
        auto INTEGER NOT NULL DEFAULT 1,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE tag_decisions (
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        confirmed INTEGER NOT NULL,
        source TEXT NOT NULL DEFAULT 'user',
        at REAL NOT NULL,
        PRIMARY KEY (tag_id, fingerprint)
    ) WITHOUT ROWID;
    CREATE INDEX tag_decisions_fingerprint ON tag_decisions(fingerprint);
"""

# 3: the duplicate finder's memory (photoclip.core.duplicates), all keyed by content: groups the
# user said are not duplicates, and caches that make a run fast: each photo's look-alike
# signature (stored as it is indexed), pixel print (a small RGB thumbnail and what ranks the
# copies) and each compared pair's verdict. Cache rows
# carry the version of the code that made them; rows of another version are made again.
_V3_DUPLICATES = """
    CREATE TABLE duplicate_dismissals (
        fingerprint_a TEXT NOT NULL,
        fingerprint_b TEXT NOT NULL,
        mode TEXT NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (fingerprint_a, fingerprint_b, mode)
    ) WITHOUT ROWID;
    CREATE TABLE look_alike_signatures (
        fingerprint TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        signature BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE pixel_prints (
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
    );
    CREATE TABLE duplicate_verdicts (
        fingerprint_a TEXT NOT NULL,
        fingerprint_b TEXT NOT NULL,
        mode TEXT NOT NULL,
        version INTEGER NOT NULL,
        same INTEGER NOT NULL,
        inner TEXT,
        error REAL,
        PRIMARY KEY (fingerprint_a, fingerprint_b, mode)
    ) WITHOUT ROWID;
"""

MIGRATIONS: list[str] = [_V1_CORE, _V2_TAGS, _V3_DUPLICATES, ";".join(TEXT_MIGRATION)]
SCHEMA_VERSION = len(MIGRATIONS)


class CatalogError(RuntimeError):
    pass


# File names need not be UTF-8 (Linux allows any bytes but "/" and NUL); Python holds the bytes
# that are not as lone surrogates (U+DC80-U+DCFF), which SQLite's UTF-8 text cannot take. At the
# catalog's boundary each such byte is stored as NUL and the byte as a character (no path holds a
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
    """A path as the catalog returned it -> the path on disk."""
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


class Catalog(TextTables):
    """A connection to one library's catalog. Use one per thread (SQLite's own rule)."""

    def __init__(self, path: Path, readonly: bool = False):
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise CatalogError(f"no library catalog at {self.path}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False,
                                  factory=_Connection)
        self.db.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
        self.db.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; WAL keeps it consistent
        self.db.execute("PRAGMA foreign_keys=ON")
        self.migrate()

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
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={version + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work: all of it lands, or (on any error or a kill) none of it."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.in_transaction:  # after some errors (a full disk) SQLite has rolled back itself
                self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

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
        ids = list(ids)
        out: dict[int, PhotoRow] = {}
        for chunk in chunked(ids, 900):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT {PHOTO_COLUMNS} FROM photos WHERE id IN ({marks})", chunk):
                out[row[0]] = PhotoRow(*row)
        return out

    def paths(self, ids: list[int]) -> dict[int, str]:
        """id -> path; one pass over the table when asked for many (ranking a whole library)."""
        if len(ids) > 5000:
            return {i: _path(p) for i, p in self.db.execute("SELECT id, path FROM photos")}
        out: dict[int, str] = {}
        for chunk in chunked(ids, 900):
            marks = ",".join("?" * len(chunk))
            out.update((i, _path(p)) for i, p in self.db.execute(f"SELECT id, path FROM photos WHERE id IN ({marks})",
                                                                 chunk))
        return out

    def all_photos(self, order: str = "date") -> list[PhotoRow]:
        """Every photo, newest first by date taken (file time where EXIF has none) or by path."""
        order_by = "coalesce(taken, '') DESC, path" if order == "date" else "path"
        return [PhotoRow(*r) for r in self.db.execute(f"SELECT {PHOTO_COLUMNS} FROM photos ORDER BY {order_by}")]

    def known_fingerprints(self, model: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT fingerprint FROM embeddings WHERE model=?", (model,))}

    def store_signatures(self, version: int, signatures: dict[str, bytes]) -> None:
        """Look-alike signatures of contents (photoclip.core.pixelmatch.signatures), a cache."""
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO look_alike_signatures(fingerprint, version, signature)"
                                " VALUES (?, ?, ?)", [(fp, version, sig) for fp, sig in signatures.items()])

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
            failpoint("catalog.commit")
        return ids

    def photos_missing_vectors(self, model: str) -> list[PhotoRow]:
        rows = self.db.execute(
            f"SELECT {', '.join('p.' + c.strip() for c in PHOTO_COLUMNS.split(','))} FROM photos p "
            "LEFT JOIN embeddings e ON e.fingerprint = p.fingerprint AND e.model = ? "
            "WHERE e.fingerprint IS NULL",
            (model,),
        )
        return [PhotoRow(*r) for r in rows]

    def remove_paths(self, paths: Iterable[str]) -> int:
        """Forget photos that are gone from disk; their content-keyed work stays for a return."""
        ids = []
        for chunk in chunked(list(paths), 900):
            marks = ",".join("?" * len(chunk))
            ids += [r[0] for r in self.db.execute(f"SELECT id FROM photos WHERE path IN ({marks})", chunk)]
        with self.transaction():
            self._delete_photo_ids(ids)
            for chunk in chunked(list(paths), 900):
                marks = ",".join("?" * len(chunk))
                self.db.execute(f"DELETE FROM skipped WHERE path IN ({marks})", chunk)
        return len(ids)

    def _delete_photo_ids(self, ids: list[int]) -> None:
        for chunk in chunked(ids, 900):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM photos WHERE id IN ({marks})", chunk)
        self.db.executemany("INSERT INTO index_log(photo_id, added) VALUES (?, 0)", [(i,) for i in ids])

    # -- vectors ----------------------------------------------------------------------------
    def vectors(self, photo_ids: list[int], model: str) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) of those photos that have a vector for `model`."""
        got_ids, blobs = [], []
        for chunk in chunked(photo_ids, 900):
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


def _prefix_range(folder: str) -> tuple[str, str]:
    """Paths strictly below `folder`, as a range the primary-key index can answer."""
    base = folder_prefix(folder)
    return base, base[:-1] + chr(ord(base[-1]) + 1)


def _stack(ids: list[int], blobs: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    vecs = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(ids), -1)
    return np.asarray(ids, dtype=np.int64), vecs
