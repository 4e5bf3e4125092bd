"""The `advisor` command line: a lazy click group and the one error boundary.

Each command lives in its own module, imported only when that command runs, so
`advisor --help` and `--version` stay fast.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from advisor import __version__

# name -> (module, one-line help). The help is here so `advisor --help` imports nothing.
COMMANDS: dict[str, tuple[str, str]] = {
    "decide": ("advisor.cli.decide", "Ask about the system, score it, write the ADR (and a starter for its services)."),
    "score": ("advisor.cli.score", "Score the traits in an architecture file and explain it."),
    "questions": ("advisor.cli.questions", "List the trait questions with help and sources."),
    "adr": ("advisor.cli.adr", "Start, create, list, link, supersede and index decision records."),
    "scaffold": ("advisor.cli.scaffold", "Write starter code for the decided style."),
    "lint": ("advisor.cli.lint", "Check architecture files in CI."),
    "rules": ("advisor.cli.rules", "Show the scoring rules and lint rules, with sources."),
    "schema": ("advisor.cli.schema", "Print the JSON Schema of the architecture file."),
    "init": ("advisor.cli.init", "Write a commented starter architecture file."),
    "import": ("advisor.cli.import_", "Start or extend the file from manifests, AsyncAPI, Step Functions, Backstage."),
    "export": ("advisor.cli.export", "Export the model as AsyncAPI 3.0 or Backstage catalog entities."),
    "graph": ("advisor.cli.graph", "Draw the model (calls, events, flows) as Mermaid or Graphviz DOT."),
}


class AdvisorGroup(click.Group):
    """Loads commands on demand and turns AdvisorError into one line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            from advisor.suggest import closest

            near = closest(name, COMMANDS)
            ctx.fail(f"No such command {name!r}." + (f" Did you mean {near!r}?" if near else ""))
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = importlib.import_module(COMMANDS[cmd_name][0]).command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, text) for name, (_, text) in COMMANDS.items()])

    def invoke(self, ctx: click.Context) -> Any:
        writing = sys.modules.get("advisor.writing")
        if writing is not None:
            writing.WRITTEN.clear()  # what this run writes (one process may run several)
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise  # --help, usage errors: click's own
        except KeyboardInterrupt:
            writing = sys.modules.get("advisor.writing")
            written = len(getattr(writing, "WRITTEN", ()))
            done = f"after writing {written} file{'s' if written != 1 else ''}" if written else "nothing was written"
            click.echo(f"\nadvisor: interrupted; {done}", err=True)
            ctx.exit(130)
        except EOFError:
            click.echo("\nadvisor: input ended before the questions were answered; nothing was written", err=True)
            ctx.exit(2)
        except Exception as error:  # imported only when needed: `lint --help` stays light
            from advisor.display import inert_lines
            from advisor.errors import AdvisorError

            if not isinstance(error, AdvisorError):
                raise
            click.echo(inert_lines(f"advisor: {error}"), err=True)
            ctx.exit(error.exit_code)


@click.group(cls=AdvisorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="advisor")
def cli() -> None:
    """Decide how your services coordinate (orchestration, choreography or hybrid),
    record the decision, scaffold it, and keep it honest in CI.

    \b
    Typical use:
      advisor decide            answer the questions, get an ADR (and a starter)
      advisor score             explain the score of architecture.yaml
      advisor lint              check the model, the decision and its ADR in CI
    """


def main() -> None:
    """Console-script entry point; SIGTERM (a cancelled CI job) stops a run like Ctrl-C."""
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    cli(prog_name="advisor")
    sys.exit(0)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
