"""Settings of the offer feeds, from KOORDINATE_FEEDS_* environment variables."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class FeedSettings(BaseSettings):
    """Who may read the feeds and what they say about themselves.

    Calendar clients (Integreat's importer among them) cannot send headers, so a feed is read with a
    ``token`` query parameter: any token whose SHA-256 is in ``token_sha256`` (feed tokens grant the
    feeds and nothing else). ``public`` drops that check for municipalities that publish their offer
    picture openly; feeds never carry e-mail addresses or phone numbers either way.
    """

    model_config = SettingsConfigDict(env_prefix="KOORDINATE_FEEDS_", extra="forbid")

    public: bool = False
    token_sha256: list[str] = Field(default_factory=list, description="hex SHA-256 of each feed token")
    tag: str = Field("koordinate", min_length=1, max_length=60,
                     description="CATEGORIES tag on every event, what Integreat's import filters on")
    base_url: str | None = Field(None, description="public URL of the API, for offer links; default: the request's")
