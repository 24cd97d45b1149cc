"""Joins each new claim to the cluster of the same claim already stored, across articles.

A per-process `ClusterIndex` (token/number blocking + fuzzy similarity, see claimdesk.similar_claims)
holds one text per stored cluster. Before assigning, it loads only the clusters stored since it
last looked (by id), so several processes writing to one database see each other's clusters
without reloading everything.
"""

from __future__ import annotations

import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimdesk.similar_claims import ClusterIndex
from claimdesk.store.schema import ClusterRow
from claimdesk.store.upserts import insert_ignore_many


class ClusterAssigner:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._forget()

    def _forget(self) -> None:
        """Drops everything known about stored clusters (the lock stays: threads may be
        waiting on it)."""
        self.index = ClusterIndex()
        self.ids: dict[str, int] = {}
        self.last_id = 0

    def _refresh(self, session: Session) -> None:
        rows = session.execute(
            select(ClusterRow.id, ClusterRow.key, ClusterRow.text)
            .where(ClusterRow.id > self.last_id)
            .order_by(ClusterRow.id)
        ).all()
        for cid, key, text in rows:
            if key not in self.ids:
                self.index.add_existing(key, [text])
            self.ids[key] = cid
            self.last_id = max(self.last_id, cid)

    def assign(self, session: Session, texts: list[str]) -> list[int]:
        """Cluster ids for the claim texts of one article, creating clusters as needed."""
        with self.lock:
            out = self._assign(session, texts)
            known = {i for i in out if i <= self.last_id}
            present = set(session.scalars(select(ClusterRow.id).where(ClusterRow.id.in_(known))))
            if known - present:  # the table was emptied or restored under us: start over
                self._forget()
                out = self._assign(session, texts)
            return out

    def _assign(self, session: Session, texts: list[str]) -> list[int]:
        # ids above last_id came from this process's own writes, which may have rolled
        # back; drop them and let the refresh reload whatever was really committed
        self.ids = {k: v for k, v in self.ids.items() if v <= self.last_id}
        self._refresh(session)
        keys = [self.index.assign(text) for text in texts]
        new = {k: t for k, t in zip(keys, texts, strict=True) if k not in self.ids}
        self.ids.update(upsert_clusters(session, new))
        return [self.ids[k] for k in keys]


def upsert_clusters(session: Session, texts_by_key: dict[str, str]) -> dict[str, int]:
    """Ids of the clusters with these keys, creating the missing ones (two statements)."""
    if not texts_by_key:
        return {}
    rows = [{"key": k, "text": t} for k, t in texts_by_key.items()]
    insert_ignore_many(session, ClusterRow, rows, "key")
    found = session.execute(
        select(ClusterRow.key, ClusterRow.id).where(ClusterRow.key.in_(list(texts_by_key)))
    )
    return dict(found.all())


_ASSIGNERS: dict[str, ClusterAssigner] = {}


def assigner_for(url: str) -> ClusterAssigner:
    return _ASSIGNERS.setdefault(url, ClusterAssigner())
