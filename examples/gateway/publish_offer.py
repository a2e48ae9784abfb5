"""Publish one offer to the Koordinate gateway (set KOORDINATE_TOKEN; the id comes from source + record id)."""
import os, uuid, httpx

SOURCE, RECORD = "https://willkommen-ost.example.org", "A-7"
NAMESPACE = uuid.UUID("6f1c1a52-5d0e-4d8a-9a43-0b7e1c2d9f10")  # Koordinate's fixed entity-id namespace
data = {"id": str(uuid.uuid5(NAMESPACE, f"{SOURCE}:{RECORD}")), "source": SOURCE, "source_record_id": RECORD,
        "revision": 1, "title": "Sprachcafé Ost", "category": "language_education", "capacity": 12,
        "organisation": {"name": "Willkommen im Osten e.V.", "kind": "association"},
        "area": {"ags": "14713000", "districts": ["Ost"]}, "occurred_at": "2026-11-20T09:00:00+01:00"}
event = {"specversion": "1.0", "id": f"{RECORD}-1", "source": SOURCE, "type": "org.koordinate.offer.v1", "data": data}
r = httpx.post(os.environ.get("KOORDINATE_URL", "http://127.0.0.1:8080") + "/v1/events", json=event,
               headers={"Authorization": f"Bearer {os.environ['KOORDINATE_TOKEN']}",
                        "Content-Type": "application/cloudevents+json"})
print(r.status_code, r.json())  # 202: on the hub; 400/403: r.json()["errors"] says what to fix
