"""Copy groups: articles linked by copy pairs, each group led by its canonical (earliest) member."""

from __future__ import annotations

_UNDATED = "9999-99-99"  # an undated article is never preferred over a dated one


class CopyGroups:
    """Union-find over copy pairs, incremental."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._published: dict[str, str | None] = {}

    def add(self, article_id: str, published: str | None) -> None:
        self._parent.setdefault(article_id, article_id)
        self._published[article_id] = published

    def _rank(self, article_id: str) -> tuple[str, str]:
        return (self._published.get(article_id) or _UNDATED, article_id)

    def find(self, article_id: str) -> str:
        """The canonical member of the article's group (itself when it has no copies)."""
        root = article_id
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(article_id, article_id) != root:  # path compression
            self._parent[article_id], article_id = root, self._parent[article_id]
        return root

    def union(self, a: str, b: str) -> str:
        """Join two groups; the root is always the earliest member, so it is the canonical one."""
        self.add(a, self._published.get(a))
        self.add(b, self._published.get(b))
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        keep, drop = (ra, rb) if self._rank(ra) <= self._rank(rb) else (rb, ra)
        self._parent[drop] = keep
        return keep

    canonical = find

    def groups(self) -> dict[str, list[str]]:
        """Canonical id -> members (canonical first, then by date and id), for groups of two or more."""
        out: dict[str, list[str]] = {}
        for article_id in self._parent:
            out.setdefault(self.find(article_id), []).append(article_id)
        return {root: sorted(m, key=self._rank) for root, m in out.items() if len(m) > 1}
