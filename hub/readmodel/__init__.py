"""The read model: canonical and derived topics materialised into SQL tables behind the REST API."""

from __future__ import annotations

from hub.readmodel.changes import Change, ChangeFeed
from hub.readmodel.materialiser import Materialiser
from hub.readmodel.open import open_store
from hub.readmodel.store import Db, Incoming, ReadStore

__all__ = ["Change", "ChangeFeed", "Db", "Incoming", "Materialiser", "ReadStore", "open_store"]
