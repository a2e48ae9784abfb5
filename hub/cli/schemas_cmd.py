"""`koordinate schemas`: export the generated contract files, validate CloudEvents JSON-lines files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from hub.contract import schemas_dir, stale_files, write_files
from schemas import EnvelopeError, FieldProblem, from_http_structured, to_model

app = typer.Typer(help="The shared contract: generated JSON Schema/AsyncAPI files and event validation.")

_PROGRESS_BYTES = 5_000_000  # below this a file validates faster than a bar would draw


@app.command()
def export(
    check: Annotated[bool, typer.Option("--check", help="Change nothing; exit 1 naming stale files.")] = False,
    root: Annotated[Path | None, typer.Option(help="Directory to write to (default: the schemas package).")] = None,
) -> None:
    """Write schemas/json/*.json and schemas/asyncapi.yaml from the models and the topic spec."""
    console = Console()
    target = root or schemas_dir()
    if check:
        stale = stale_files(target)
        for path in stale:
            console.print(f"[red]stale[/red] {target / path}")
        if stale:
            console.print("run `koordinate schemas export` and commit the result")
            raise typer.Exit(1)
        console.print("contract files are up to date")
        return
    changed = write_files(target)
    for path in changed:
        console.print(f"wrote {target / path}")
    console.print(f"{len(changed)} file(s) changed")


@app.command()
def validate(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]) -> None:
    """Check a file of CloudEvents (structured mode, one JSON object per line); exit 1 if any is bad."""
    console = Console(highlight=False)
    valid = invalid = 0
    show_bar = console.is_terminal and file.stat().st_size > _PROGRESS_BYTES
    with file.open("rb") as lines, Progress(console=console, transient=True, disable=not show_bar) as progress:
        task = progress.add_task("validating", total=file.stat().st_size)
        for number, line in enumerate(lines, start=1):
            progress.advance(task, len(line))
            if not line.strip():
                continue
            try:
                to_model(from_http_structured(line))
            except EnvelopeError as exc:
                invalid += 1
                for problem in exc.problems:
                    console.print(_line(number, problem), markup=False)
            else:
                valid += 1
    console.print(f"{valid} valid, {invalid} invalid", style="red" if invalid else "green")
    if invalid:
        raise typer.Exit(1)


def _line(number: int, problem: FieldProblem) -> str:
    shown = f" (got {problem.value_shown})" if problem.value_shown else ""
    return f"line {number}: {problem.path or '<event>'}: {problem.reason}{shown}"
