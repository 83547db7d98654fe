"""Running Newsgraph on a Ray cluster: ``ingest_ray`` (an optional extra, ``newsgraph[ray]``)."""

from newsgraph.distributed.engine import ingest_ray

__all__ = ["ingest_ray"]
