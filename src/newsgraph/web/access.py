"""Read-only database access for the web app: a pool of connections and a snapshot cache.

Connections are read-only (``mode=ro``), so ``ingest`` can write the same file in WAL mode
while the app serves it; each request borrows one connection, and a warm connection keeps
its page cache. Corpus-wide aggregates (overview counts, the whole network) cost a scan
of big tables, so they are cached until the database file or its WAL changes.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from newsgraph.store.db import Store

T = TypeVar("T")


class StorePool:
    """Up to ``size`` idle read-only stores, reused across requests and threads."""

    def __init__(self, path: Path, size: int = 8) -> None:
        self.path = path
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue(maxsize=size)
        Store(path, readonly=True).close()  # fail now, with the store's message, if the file is unusable

    def _open(self) -> Store:
        store = Store(self.path, readonly=True)
        store.conn.execute("PRAGMA mmap_size = 268435456")
        store.conn.execute("PRAGMA cache_size = -16000")
        return store

    @contextmanager
    def store(self) -> Iterator[Store]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = self._open()
        try:
            yield store
        finally:
            if store.conn.in_transaction:
                store.conn.rollback()
            try:
                self._idle.put_nowait(store)
            except queue.Full:
                store.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class SnapshotCache:
    """Values computed from the database, kept while the database files are unchanged."""

    def __init__(self, path: Path, max_entries: int = 256) -> None:
        self.path = path
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._signature: tuple[int, ...] = ()
        self._values: dict[Any, Any] = {}

    def signature(self) -> tuple[int, ...]:
        """mtime and size of the database and its WAL: every committed write changes one of them."""
        sig: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(f"{self.path}{suffix}")
            except FileNotFoundError:
                sig += [0, 0]
            else:
                sig += [st.st_mtime_ns, st.st_size]
        return tuple(sig)

    def get(self, key: Any, compute: Callable[[], T]) -> T:
        sig = self.signature()
        with self._lock:
            if sig != self._signature:
                self._signature, self._values = sig, {}
            if key in self._values:
                return self._values[key]
        value = compute()
        with self._lock:
            if self._signature == sig:
                if len(self._values) >= self.max_entries:
                    self._values.clear()
                self._values[key] = value
        return value
