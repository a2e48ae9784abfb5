"""`python -m hub.connect run CONFIG... [--once]`: the connect runtime without the rest of the CLI."""

from __future__ import annotations

from hub.cli.connect_cmd import main

if __name__ == "__main__":
    main()
