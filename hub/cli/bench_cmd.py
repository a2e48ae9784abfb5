"""`koordinate bench`: runs the benchmarks of bench/ (a source checkout only; see bench/README.md)."""

from __future__ import annotations

import typer


def bench(ctx: typer.Context) -> None:
    """Run the benchmarks; every option after `bench` goes to `python -m bench` (try --help)."""
    import os
    import sys

    sys.path.insert(0, os.getcwd())  # bench/ is not installed; it is found in the checkout
    try:
        from bench.__main__ import main
    except ImportError as exc:
        raise typer.BadParameter("the benchmarks live in bench/ of a source checkout; run from there") from exc
    raise typer.Exit(main(list(ctx.args)))
