"""`koordinate dedupe OFFERS` (find clusters) and `koordinate dedupe train` (estimate a scoring model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click
import typer
from rich.console import Console

from hub.cli.context import state
from hub.cli.dedupe_model import dedupe_config
from hub.engine.dedupe.config import DedupeConfig
from hub.replay import cluster_line, find_clusters_in_lines
from hub.replay.lenient_offers import Leniency
from hub.replay.reading import record_lines
from hub.replay.training import read_labels, read_profiles, read_reviews, train_model, write_model, write_python_module


class _FindByDefault(typer.core.TyperGroup):
    """`koordinate dedupe offers.jsonl ...` runs `find`; `koordinate dedupe train ...` trains."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["find", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_FindByDefault, no_args_is_help=True,
                  help="Same-offer clusters among offers (`koordinate dedupe OFFERS --out F`), and training the scoring model.")


STRICT_HELP = ("Refuse an offer the contract refuses. Without it, an exported offer is read as a person would: "
               "a field other systems name otherwise (location.venue, zip, telephone) as the contract's field, "
               "an unknown field ignored, an id that is no UUID kept for the output, a 7-digit AGS, a status or "
               "category in words repaired, a bad optional value (a postcode, a coordinate) left out; what was "
               "changed is counted on stderr (docs/dedupe.md).")


def _report_lenient(err: Console, leniency: Leniency | None) -> None:
    if leniency is not None and leniency.records:
        err.print(f"[yellow]{leniency.summary()}[/yellow] (--strict refuses them)", highlight=False, soft_wrap=True)


def _config(model: Optional[Path]) -> DedupeConfig:
    return dedupe_config(model, param_hint="--model")


@app.command("find")
def find(
    ctx: typer.Context,
    offers: Path = typer.Argument(..., exists=True, dir_okay=False, help="Offers: JSON lines (offer data or whole CloudEvents), or one JSON array of them."),
    out: Path = typer.Option(..., "--out", "-o", help="Where to write one JSON line per cluster."),
    review: bool = typer.Option(False, "--review", help="Also write the review band: pairs a person should look at (status review)."),
    model: Optional[Path] = typer.Option(None, "--model", exists=True, dir_okay=False,
                                         help="A model file from `koordinate dedupe train` (default: the one shipped with the hub)."),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    """Find same-offer clusters; each line gives the offer ids, score and per-field evidence and weights."""
    from hub.cli.replay_cmd import _progress, _report_bad

    cli = state(ctx)
    config = _config(model)
    lines = record_lines(offers)
    with _progress(cli.err) as progress:
        task = progress.add_task("reading offers", total=len(lines))
        result = find_clusters_in_lines(lines, config, on_line=lambda _: progress.advance(task), with_review=review,
                                        lenient=not strict)
    _report_bad(cli.err, offers, result.bad_lines)
    _report_lenient(cli.err, result.leniency)
    with out.open("w", encoding="utf-8") as sink:
        for cluster in result.clusters:
            sink.write(json.dumps(cluster_line(cluster), ensure_ascii=False) + "\n")
    clusters = [cluster for cluster in result.clusters if cluster.status != "review"]
    reviews = len(result.clusters) - len(clusters)
    in_clusters = sum(len(cluster.members) for cluster in clusters)
    cli.console.print(
        f"read {result.offers} offers ({len(result.bad_lines)} bad lines); "
        f"{len(clusters)} clusters holding {in_clusters} offers"
        + (f", {reviews} pairs to review" if review else "") + f" -> {out}",
        highlight=False, soft_wrap=True,
    )


@app.command("train")
def train(
    ctx: typer.Context,
    offers: Path = typer.Option(..., "--offers", exists=True, dir_okay=False, help="Offers to learn from: JSON lines, or one JSON array."),
    out: Path = typer.Option(..., "--out", "-o", help="Where to write the model (JSON)."),
    labels: Optional[Path] = typer.Option(None, "--labels", exists=True, dir_okay=False,
                                          help="CSV: offer id,real-world offer id; or offer_a,offer_b,same (1/0)."),
    reviews: Optional[Path] = typer.Option(None, "--reviews", exists=True, dir_okay=False,
                                           help="The office's reviews as JSON lines (offer_ids, decision confirm/reject)."),
    method: str = typer.Option("logistic", "--method",
                               help="logistic (default, needs labels or reviews), fellegi-sunter (needs labels) or em (no labels needed)."),
    version: Optional[str] = typer.Option(None, "--version", help="Version name stored in the model (default: the output file name)."),
    ship: Optional[Path] = typer.Option(None, "--ship", help="Also write the model as the Python module the hub ships (default_model.py)."),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    """Estimate the scoring model from offers plus labelled pairs and reviews; write a small versioned JSON model."""
    cli = state(ctx)
    if method not in ("logistic", "fellegi-sunter", "em"):
        raise typer.BadParameter("one of logistic, fellegi-sunter, em", param_hint="--method")
    leniency = None if strict else Leniency()
    profiles, bad = read_profiles(record_lines(offers), leniency)
    _report_lenient(cli.err, leniency)
    label_of, decisions = read_labels(labels) if labels else ({}, {})
    if reviews is not None:
        with reviews.open(encoding="utf-8") as lines:
            decisions = {**decisions, **read_reviews(lines)}
    if method != "em" and not label_of and not decisions:
        raise typer.BadParameter("needs --labels or --reviews (or --method em)", param_hint="--labels")
    try:
        model = train_model(profiles, label_of, decisions, version or out.stem, method=method)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--labels") from None
    write_model(model, out)
    if ship is not None:
        write_python_module(model, ship)
    weights = ", ".join(f"{name} {values[0]:+.1f}..{values[-1]:+.1f}" for name, values in model.weights.items())
    cli.console.print(
        f"read {len(profiles)} offers ({len(bad)} bad lines), {len(label_of)} labelled offers, {len(decisions)} reviewed pairs; "
        f"model {model.version} ({model.trained_on.get('method')}) -> {out}\nweights in bits (same..different): {weights}",
        highlight=False, soft_wrap=True,
    )
    if model.title_synonyms:
        taught = ", ".join(f"{word} -> {' '.join(sorted(concepts))}" for word, concepts in model.title_synonyms.items())
        cli.console.print(f"title words taught by confirmed reviews: {taught}", highlight=False, soft_wrap=True)
