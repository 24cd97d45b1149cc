"""The machine interface of `python -m claimdesk analyze`: one JSON record per input document.

Format as in the evaluation README: quotes, places and claims with character offsets.
"""

from __future__ import annotations

from typing import Any

from claimdesk.model import Analysis


def analysis_to_record(doc_id: Any, analysis: Analysis) -> dict[str, Any]:
    quotes = [
        {
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "kind": q.kind,
            "cue": q.cue,
            "speaker": q.speaker,
            "speaker_start": q.speaker_start,
            "speaker_end": q.speaker_end,
            "speaker_kind": q.source.kind if q.source else None,
            "speaker_affiliation": q.source.affiliation if q.source else None,
        }
        for q in analysis.quotes
    ]
    places = []
    for m in analysis.places:
        p = m.place
        places.append(
            {
                "start": m.start,
                "end": m.end,
                "surface": m.surface,
                "name": p.name if p else m.surface,
                "lat": p.lat if p else None,
                "lon": p.lon if p else None,
                "country_code": p.country_code if p else None,
                "feature": p.feature if p else None,
                "geonameid": p.geonameid if p else None,
                "gazetteer_id": p.gazetteer_id if p else None,
                "confidence": round(m.confidence, 3),
                "role": m.role,
            }
        )
    claims = [
        {
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "score": round(c.score, 4),
            "kind": c.kind,
            "claimant": c.claimant,
            "numbers": c.numbers,
            "entities": c.entities,
        }
        for c in analysis.claims
    ]
    return {"id": doc_id, "quotes": quotes, "places": places, "claims": claims}
