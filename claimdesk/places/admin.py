"""Reviewer corrections of place resolutions.

A correction says: the name written `surface` means `place`. It is stored three ways in one
transaction: the place row (reviewer-made places carry `added_by`), an override keyed on the
normalised surface so that future ingests resolve the name the same way, and the existing
mentions written that way, re-pointed to the place.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from claimdesk.model import Place
from claimdesk.store.keys import name_key
from claimdesk.store.repo import Store, upsert_place
from claimdesk.store.schema import PlaceMentionRow, PlaceOverrideRow, PlaceRow

MAX_NAME = 200


class PlaceCorrectionError(ValueError):
    """A correction that cannot be saved, with the reason in words."""


@dataclass(frozen=True)
class PlaceOverride:
    surface_key: str
    place_id: int
    place: str
    lat: float
    lon: float
    corrected_by: str
    corrected_at: dt.datetime


def typed_place(name: str, lat: float, lon: float, country_code: str | None = None) -> Place:
    """A place a reviewer typed in by coordinates (no gazetteer entry)."""
    cc = (country_code or "").strip().upper() or None
    return Place(name=" ".join((name or "").split()), lat=lat, lon=lon, country_code=cc)


def _check(surface: str, place: Place, reviewer: str) -> None:
    if not name_key(surface or ""):
        raise PlaceCorrectionError("Say which place name (as written in the articles) to correct.")
    if not (reviewer or "").strip():
        raise PlaceCorrectionError("A correction needs the reviewer's name.")
    if not place.name.strip():
        raise PlaceCorrectionError("The corrected place needs a name.")
    if len(place.name) > MAX_NAME:
        raise PlaceCorrectionError(f"The place name is longer than {MAX_NAME} characters.")
    for value, lo, hi, what in (
        (place.lat, -90, 90, "latitude"),
        (place.lon, -180, 180, "longitude"),
    ):
        if value is None or not math.isfinite(float(value)) or not lo <= float(value) <= hi:
            raise PlaceCorrectionError(f"The {what} must be a number between {lo} and {hi}.")
    if place.country_code and (len(place.country_code) != 2 or not place.country_code.isalpha()):
        raise PlaceCorrectionError("The country code must be two letters (ISO 3166), or empty.")


def correct_place(
    store: Store, surface: str, place: Place, reviewer: str, *, replace_others: bool = True
) -> int:
    """Resolves every mention written like `surface` to `place`, now and in future ingests.

    Returns how many existing mentions now point to the place. Raises PlaceCorrectionError
    (with the reason in words) for an empty name, bad coordinates or no reviewer, and, when
    `replace_others` is False (a team member who is not an admin), for a name someone else
    corrected: a correction keeps no history, so only its author or an admin may replace it.
    """
    _check(surface, place, reviewer)
    key = name_key(surface)
    reviewer = reviewer.strip()[:200]
    made_by_reviewer = place.gazetteer_id is None

    def tx(s: Session) -> int:
        place_id = upsert_place(s, place, added_by=reviewer if made_by_reviewer else None)
        override = s.scalar(select(PlaceOverrideRow).where(PlaceOverrideRow.surface_key == key))
        if override is not None and not replace_others and override.corrected_by != reviewer:
            raise PlaceCorrectionError(
                f"“{surface.strip()}” was corrected by {override.corrected_by}; only they or a "
                "team admin can change that correction."
            )
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        if override is None:
            s.add(
                PlaceOverrideRow(
                    surface_key=key, place_id=place_id, corrected_by=reviewer, corrected_at=now
                )
            )
        else:
            override.place_id = place_id
            override.corrected_by = reviewer
            override.corrected_at = now
        # name_key is Python-side, so find the spellings that share the key, then update them.
        spellings = [
            surf
            for surf in s.scalars(select(PlaceMentionRow.surface).distinct())
            if name_key(surf) == key
        ]
        if not spellings:
            return 0
        result = s.execute(
            update(PlaceMentionRow)
            .where(PlaceMentionRow.surface.in_(spellings))
            .values(place_id=place_id)
        )
        return int(getattr(result, "rowcount", 0) or 0)  # an UPDATE's CursorResult

    return store.write(tx)


def overrides(store: Store) -> list[PlaceOverride]:
    """Every correction made so far, newest first."""
    with store.read() as s:
        rows = s.execute(
            select(PlaceOverrideRow, PlaceRow)
            .join(PlaceRow, PlaceRow.id == PlaceOverrideRow.place_id)
            .order_by(PlaceOverrideRow.corrected_at.desc(), PlaceOverrideRow.id.desc())
        ).all()
        return [
            PlaceOverride(o.surface_key, p.id, p.name, p.lat, p.lon, o.corrected_by, o.corrected_at)
            for o, p in rows
        ]
