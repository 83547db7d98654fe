"""One helper the SQLite-backed indexes share: a query filtered by a list of values of any length."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

# SQLite limits the number of parameters of one statement; lists are sent in chunks of this size.
CHUNK = 500


def select_in(conn: sqlite3.Connection, sql: str, values: Iterable[Any]) -> list[Any]:
    """Rows of ``sql`` with its ``IN ({})`` filled by ``values``."""
    values = list(values)
    rows: list[Any] = []
    for i in range(0, len(values), CHUNK):
        chunk = values[i : i + CHUNK]
        rows += conn.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
    return rows
