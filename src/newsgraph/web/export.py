"""Lists as JSON or CSV downloads, with the filters that produced them.

CSV cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
at the start of a text cell) get a leading apostrophe: article text is hostile input and
analysts open exports in Excel. Numbers are left alone; JSON keeps every value as stored.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, Literal

from fastapi.responses import JSONResponse, Response

Format = Literal["json", "csv"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    buf = io.StringIO()
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buf.getvalue()


def respond(name: str, rows: list[dict[str, Any]], fmt: Format, **envelope: Any) -> Response:
    """``rows`` as a CSV download, or as JSON inside ``envelope`` (filters, paging, totals)."""
    if fmt == "csv":
        return Response(
            to_csv(rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="newsgraph-{name}.csv"'},
        )
    return JSONResponse({**envelope, "rows": rows})
