"""Claim normalisation, stable keys, and clustering of reworded copies."""

from __future__ import annotations

from sqlalchemy.orm import Session

from claimdesk import similar_claims
from claimdesk.similar_claims import ClusterIndex, assign_clusters, cluster_key, normalise_claim


def test_normalise_folds_case_quotes_numbers_and_percent():
    a = normalise_claim("Unemployment fell to 4.2 per cent, the “lowest” since 2001.")
    b = normalise_claim('unemployment fell to 4.2% - the "lowest" since 2001')
    assert a == b == "unemployment fell to 4.2 percent the lowest since 2001"
    assert normalise_claim("About 10,000 troops") == "about 10000 troops"


def test_cluster_key_is_stable_and_ignores_trivial_differences():
    k = cluster_key("The port handled 3,400 ships in 2023.")
    assert k == cluster_key("the port handled 3400 ships in 2023")
    assert len(k) == 16 and k == cluster_key("The port handled 3,400 ships in 2023.")
    assert k != cluster_key("The port handled 3,400 ships in 2022.")


def test_reworded_copies_join_one_cluster():
    existing = {
        "k1": ["The city council approved a $2 million budget for new cycle lanes on Monday."],
        "k2": ["Drought has cut the region's wheat harvest by a third, farmers say."],
    }
    new = [
        "On Monday the city council approved a $2 million budget for new cycle lanes.",
        "Farmers say drought has cut the region's wheat harvest by a third.",
        "The museum will reopen in spring after a two-year renovation.",
    ]
    keys = assign_clusters(new, existing)
    assert keys[0] == "k1"
    assert keys[1] == "k2"
    assert keys[2] not in existing
    assert existing["k1"] and len(existing) == 2  # not modified


def test_different_numbers_never_merge():
    keys = assign_clusters(
        ["Unemployment rose to 5 percent in March.", "Unemployment rose to 7 percent in March."]
    )
    assert keys[0] != keys[1]


def test_new_claims_cluster_with_each_other():
    keys = assign_clusters(
        [
            "The factory will cut 1,200 jobs by the end of the year, the company said.",
            "The company said the factory will cut 1200 jobs by the end of the year.",
            "A new bridge opened over the river.",
        ]
    )
    assert keys[0] == keys[1] != keys[2]


def test_blocking_limits_comparisons(monkeypatch):
    index = ClusterIndex()
    for i in range(300):
        index.add_existing(f"c{i}", [f"Topic number {i} involves widget{i} and gadget{i} sales."])
    calls = []
    real = similar_claims.similarity

    def counting(a: str, b: str, *numbers: frozenset[str]) -> float:
        calls.append((a, b))
        return real(a, b, *numbers)

    monkeypatch.setattr(similar_claims, "similarity", counting)
    key = index.assign("Topic number 17 involves widget17 and gadget17 sales rising.")
    assert key == "c17"
    assert len(calls) <= similar_claims.MAX_CANDIDATES * similar_claims.MAX_MEMBERS_COMPARED
    assert len(calls) < 300


def test_starting_over_keeps_the_lock_threads_wait_on(sqlite_store):
    """When the clusters table was emptied under it, the assigner forgets what it knew, but
    keeps its lock: a new lock would let a thread waiting on the old one run beside another."""
    from sqlalchemy import delete

    from claimdesk.store.claim_clusters import ClusterAssigner
    from claimdesk.store.schema import ClusterRow

    assigner = ClusterAssigner()
    lock = assigner.lock
    for _ in range(2):  # the second time, the committed cluster is loaded as known
        with sqlite_store.engine.begin() as conn, Session(bind=conn) as s:
            first = assigner.assign(s, ["The port handled 2 million containers in 2023."])
            s.flush()
    assert assigner.last_id == first[0]
    with sqlite_store.engine.begin() as conn:
        conn.execute(delete(ClusterRow))
    with sqlite_store.engine.begin() as conn, Session(bind=conn) as s:
        again = assigner.assign(s, ["The port handled 2 million containers in 2023."])
        s.flush()
    assert assigner.lock is lock
    assert len(first) == len(again) == 1
