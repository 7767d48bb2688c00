"""The `verifier` command line."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click
from click.decorators import FC
from flask import Flask
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, or_, select

from verifier.app import create_app
from verifier.config import facts_dir
from verifier.core.engine import Verifier
from verifier.core.result import CheckResult
from verifier.data.check import CheckedText
from verifier.data.reviews import already_checked, with_already_checked
from verifier.drafts import check_draft
from verifier.drafts.render import render_html
from verifier.drafts.render import render_text as render_draft_text
from verifier.evaluation import LABELS, BadLine, ClaimLine, parse_day, read_claims, score
from verifier.extensions import Store
from verifier.importers.csvtable import SHAPES, read_map
from verifier.importers.records import (
    SOURCES_FOLDER,
    TIERS,
    ImportFailed,
    SourceOptions,
    write_files,
)
from verifier.importers.run import FORMATS, InputFile, run_import
from verifier.jsonlines import json_objects
from verifier.reviews.past import PastCheck, PastChecks
from verifier.reviews.read import FORMATS as REVIEW_FORMATS
from verifier.reviews.read import MAX_CLAIM_CHARS as MAX_QUERY_CHARS
from verifier.reviews.read import Format, read_reviews
from verifier.store import loader
from verifier.store import tokens as api_tokens
from verifier.store.db import count_records, is_empty, session_scope
from verifier.store.models import Fact, FactPublic, Source, SourcePublic
from verifier.store.reviews import write_reviews
from verifier.store.validate import Problem

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar  # the type click.progressbar returns

T = TypeVar("T")
# The most past fact checks `reviews match` lists per claim.
MAX_TOP = 100
SOURCES_DIR = click.option(
    "--sources-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="VERIFIER_SOURCES_DIR",
    help="Folder with the sources' full texts; quotes are checked against them.",
)


class Context:
    """What every command shares: the app, made once the command needs it."""

    def __init__(self, database_url: str | None = None) -> None:
        """Remember the database URL the user chose, if any."""
        self.database_url = database_url
        self._app: Flask | None = None
        self._filled = False

    def _create(self, *, seed: bool) -> Flask:
        """Make the app; with SEED it seeds an empty store as `serve` does, if config allows."""
        config: dict[str, Any] = {} if seed else {"SEED_ON_START": False}
        if self.database_url:
            config["DATABASE_URL"] = self.database_url
        try:
            return create_app(config)
        except SQLAlchemyError as exc:
            raise click.ClickException(f"cannot open the database: {_first_line(exc)}") from exc

    @property
    def app(self) -> Flask:
        """Return the app, without seeding the store: commands that write manage it themselves."""
        if self._app is None:
            self._app = self._create(seed=False)
        return self._app

    @property
    def engine(self) -> Engine:
        """Return the store's engine."""
        return Store.engine(self.app)

    def filled_engine(self) -> Engine:
        """Return the engine of a store with records in it, seeding an empty one first.

        An empty store would answer every claim "unknown" and list nothing, as if that were
        the truth; `serve` seeds it, so the commands that answer from it do the same.
        """
        engine = self.engine
        if self._filled:
            return engine
        with session_scope(engine) as session:
            empty = is_empty(session)
        if empty:
            folder = facts_dir(self.app.config)
            engine.dispose()
            try:
                # create_app seeds the empty store exactly as `serve` does, unless config says not.
                self._app = self._create(seed=True)
            except loader.LoadError as exc:
                raise click.ClickException(
                    f"the store is empty and the facts in {folder} cannot seed it ({exc}); "
                    f"see them with: verifier facts validate {folder}"
                ) from exc
            engine = self.engine
            _report_seeding(self._app, engine)
        self._filled = True
        return engine

    @property
    def verifier(self) -> Verifier:
        """Return a verifier over the store's current contents, seeding an empty store first."""
        self.filled_engine()
        return Store.verifier(self.app)


LOAD_HINT = "load facts with: verifier facts load PATH"


def _report_seeding(app: Flask, engine: Engine) -> None:
    """Say on stderr what seeded the store just found empty, or refuse if nothing did."""
    with session_scope(engine) as session:
        empty = is_empty(session)
        facts = count_records(session)["facts"]
    folder = facts_dir(app.config)
    if not app.config.get("SEED_ON_START"):
        raise click.ClickException(
            f"the store is empty and VERIFIER_SEED_ON_START is off; {LOAD_HINT}"
        )
    if empty:
        raise click.ClickException(f"the store is empty and {folder} holds no facts; {LOAD_HINT}")
    where = folder if app.config.get("FACTS_DIR") else f"the bundled facts/ ({folder})"
    click.echo(f"verifier: the store was empty; loaded {facts} facts from {where}", err=True)


def _first_line(exc: BaseException) -> str:
    """Return the first line of an exception's message."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _take_database_url(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """Keep a --database-url given before or after the subcommand; the later one wins."""
    shared = ctx.ensure_object(Context)
    if value is not None:
        shared.database_url = value


def _database_url_option(envvar: str | None = None) -> Callable[[FC], FC]:
    """Return the --database-url option, for the group (with ENVVAR) or a subcommand."""
    return click.option(
        "--database-url",
        metavar="URL",
        envvar=envvar,
        expose_value=False,
        callback=_take_database_url,
        help="SQLAlchemy URL of the store (default: SQLite in the instance folder; "
        "env VERIFIER_DATABASE_URL).",
    )


# After a subcommand, with no env var: the group's option reads it, and an env var here
# would override a URL given before the subcommand.
DATABASE_URL = _database_url_option()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@_database_url_option(envvar="VERIFIER_DATABASE_URL")
def main() -> None:
    """Check claims and drafts against a sourced fact store."""


@main.group()
def facts() -> None:
    """Load, check, list and export facts."""


@facts.command("validate")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@SOURCES_DIR
def facts_validate(path: Path | None, sources_dir: Path | None) -> None:
    """Check the fact files at PATH without writing anything."""
    target = path or Path(facts_dir({}))
    checked = loader.validate(target, sources_dir=sources_dir)
    _exit_on_problems(checked.problems)
    counts = ", ".join(f"{k}: {len(v)}" for k, v in checked.records.items())
    click.echo(f"{target}: valid ({counts})")


@facts.command("load")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@SOURCES_DIR
@DATABASE_URL
@click.pass_obj
def facts_load(obj: Context, path: Path | None, sources_dir: Path | None) -> None:
    """Load the fact files at PATH into the store: all of them, or nothing."""
    target = path or Path(facts_dir({}))
    bar = _Progress("writing records")
    try:
        report = loader.load(obj.engine, target, sources_dir=sources_dir, progress=bar)
    except loader.LoadError as exc:
        _exit_on_problems(exc.problems)
        return
    except SQLAlchemyError as exc:
        raise click.ClickException(f"nothing was written: {_first_line(exc)}") from exc
    finally:
        bar.finish()
    parts = []
    for label, counts in (
        ("added", report.added),
        ("updated", report.updated),
        ("removed", report.removed),
        ("unchanged", report.unchanged),
    ):
        parts.append(f"{sum(counts.values())} {label}")
    click.echo(
        f"{target}: loaded ({', '.join(parts)}; facts: {report.added['fact']} added, "
        f"{report.updated['fact']} updated, {report.removed['fact']} removed)"
    )


@facts.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "kind", type=click.Choice(FORMATS), required=True, help="What the files are."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the fact files and sources/ into (required unless --dry-run).",
)
@click.option(
    "--shape",
    type=click.Choice(SHAPES),
    help="CSV: a row per entity (wide) or per value (long); detected when left out.",
)
@click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV: a TOML map naming each column's attribute, kind, unit and phrases.",
)
@click.option("--source-id", help="Id of the source record (default: from the file name).")
@click.option("--title", help="Title of the source (default: from the file name).")
@click.option("--publisher", help="Who published the table.")
@click.option("--url", help="Where the table is published (http or https).")
@click.option("--published", help="When it was published: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--tier",
    type=click.Choice(TIERS),
    default="reference",
    show_default=True,
    help="How the source ranks when sources disagree.",
)
@click.option("--dry-run", is_flag=True, help="Print what would be written; write nothing.")
@click.option(
    "--skip-bad", is_flag=True, help="Leave out bad cells and list each, instead of stopping."
)
def facts_import(
    files: tuple[Path, ...],
    kind: str,
    out: Path | None,
    shape: str | None,
    map_file: Path | None,
    source_id: str | None,
    title: str | None,
    publisher: str | None,
    url: str | None,
    published: str | None,
    tier: str,
    dry_run: bool,
    skip_bad: bool,
) -> None:
    """Turn tables (CSV, infobox JSON) into reviewable fact files and their sources' texts."""
    if out is None and not dry_run:
        raise click.UsageError("give --out DIR, or --dry-run to see what would be written")
    options = SourceOptions(source_id, title, publisher, url, published, tier)
    try:
        mapping = read_map(map_file) if map_file is not None else None
        result = run_import(
            kind,
            [InputFile.at(path) for path in files],
            shape=shape,
            mapping=mapping,
            options=options,
            skip_bad=skip_bad,
        )
    except ImportFailed as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(exc.problems)} problem(s); nothing was written") from exc
    for problem in result.skipped:
        click.echo(f"skipped: {problem}", err=True)
    imported = result.imported
    counts = (
        f"{len(imported.facts)} facts, {len(imported.entities)} entities, "
        f"{len(imported.attributes)} attributes, {len(imported.sources)} sources"
    )
    if dry_run or out is None:
        for name, text in result.files.items():
            click.echo(f"would write {name} ({len(text.encode())} bytes)")
        click.echo(f"{counts}; nothing written (--dry-run)")
        return
    written = write_files(result.files, out)
    click.echo(
        f"wrote {len(written)} files to {out} ({counts}); load them with: "
        f"verifier facts load {out} --sources-dir {out / SOURCES_FOLDER}"
    )


def _exit_on_problems(problems: list[Problem]) -> None:
    """Print every problem, then stop with a one-line summary and a non-zero exit."""
    if not problems:
        return
    for problem in problems:
        click.echo(str(problem), err=True)
    raise click.ClickException(f"{len(problems)} problem(s); nothing was written")


@facts.command("list")
@DATABASE_URL
@click.option("--entity", help="Only facts about this entity id.")
@click.option("--attribute", help="Only facts of this attribute id.")
@click.option("--source", help="Only facts from this source id.")
@click.option("-q", "--query", help="Only facts whose statement contains this text.")
@click.pass_obj
def facts_list(
    obj: Context, entity: str | None, attribute: str | None, source: str | None, query: str | None
) -> None:
    """List facts, one per line: id, then statement."""
    for fact in _select_facts(obj.filled_engine(), entity, attribute, source, query):
        click.echo(f"{fact.id}\t{fact.statement}")


@facts.command("show")
@DATABASE_URL
@click.argument("fact_id")
@click.pass_obj
def facts_show(obj: Context, fact_id: str) -> None:
    """Show one fact with its source and quote, as JSON."""
    with session_scope(obj.filled_engine()) as session:
        fact = session.get(Fact, fact_id)
        if fact is None:
            raise click.ClickException(f"no fact with id {fact_id!r}")
        source = session.get(Source, fact.source)
        data = FactPublic.model_validate(fact).model_dump(mode="json")
        if source is not None:
            data["source"] = SourcePublic.model_validate(source).model_dump(mode="json")
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@facts.command("export")
@DATABASE_URL
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="A JSON array of facts, or CSV with a header row (list values as JSON).",
)
@click.pass_obj
def facts_export(obj: Context, fmt: str) -> None:
    """Write every fact to standard output as JSON or CSV."""
    rows = [
        FactPublic.model_validate(f).model_dump(mode="json")
        for f in _select_facts(obj.filled_engine(), None, None, None, None)
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    writer = csv.DictWriter(
        sys.stdout, fieldnames=list(FactPublic.model_fields), lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        if isinstance(row["value"], list):
            row["value"] = json.dumps(row["value"], ensure_ascii=False)
        writer.writerow(row)


class _Progress:
    """A progress bar on standard error, drawn once the total is known (a terminal only)."""

    def __init__(self, label: str) -> None:
        """Name what is counted."""
        self.label = label
        self.bar: ProgressBar[int] | None = None

    def __call__(self, done: int, total: int) -> None:
        """Move the bar on by DONE of TOTAL."""
        if not sys.stderr.isatty():
            return  # a log or a pipe: the summary line says what was done
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
        self.bar.update(done)

    def finish(self) -> None:
        """End the bar's line, when one was drawn."""
        if self.bar is not None:
            self.bar.render_finish()


def _select_facts(
    engine: Engine, entity: str | None, attribute: str | None, source: str | None, query: str | None
) -> list[Fact]:
    """Return the facts matching every given filter, ordered by id."""
    statement = select(Fact).order_by(Fact.id)
    if entity:
        statement = statement.where(Fact.entity == entity)
    if attribute:
        statement = statement.where(Fact.attribute == attribute)
    if source:
        statement = statement.where(or_(Fact.source == source, Fact.quoted_from == source))
    if query:
        statement = statement.where(col(Fact.statement).icontains(query))
    with session_scope(engine) as session:
        found = list(session.exec(statement))
        session.expunge_all()
    return found


class _Day(click.ParamType):  # type: ignore[type-arg]
    """A YYYY-MM-DD date option."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        """Parse VALUE or fail with a usage error."""
        if isinstance(value, date):
            return value
        try:
            parsed = parse_day(str(value), "--as-of")
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        assert parsed is not None
        return parsed


AS_OF = click.option(
    "--as-of",
    type=_Day(),
    envvar="VERIFIER_AS_OF",
    help="Check as of this date (default: today); present-tense claims use the facts then.",
)


@main.command()
@click.argument("claim", required=False)
@DATABASE_URL
@click.option(
    "--claims",
    "claims_file",
    type=click.File("r", encoding="utf-8"),
    help='JSON Lines of {"id"?, "claim", "as_of"?, "context"?}: prints a JSON result per '
    'line, with the line\'s "id" (null if none) and "line" number. A line that cannot be '
    'read gives {"id", "line", "error": {"message"}} instead and is named on stderr; the '
    "rest are still checked, and the exit status is then 1.",
)
@click.option(
    "--file",
    "draft_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Check a whole draft: every sentence and the claims in it.",
)
@AS_OF
@click.option("--json", "as_json", is_flag=True, help="Print the full result object as JSON.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    help="Output: text (default), json, or html (a page for --file drafts).",
)
@click.pass_obj
def check(
    obj: Context,
    claim: str | None,
    claims_file: TextIO | None,
    draft_file: Path | None,
    as_of: date | None,
    as_json: bool,
    fmt: str | None,
) -> None:
    """Check one CLAIM, every claim in a --claims file, or a whole draft with --file."""
    if sum(given is not None for given in (claim, claims_file, draft_file)) != 1:
        raise click.UsageError("give either a CLAIM or --claims FILE, or a draft with --file")
    if as_json:
        fmt = "json"
    if fmt == "html" and draft_file is None:
        raise click.UsageError("--format html needs a draft given with --file")
    if claim is not None and not claim.strip():
        raise click.UsageError("the claim is empty")
    verifier = obj.verifier
    if draft_file is not None:
        _check_draft(verifier, Store.reviews(obj.app), draft_file, as_of, fmt or "text")
        return
    if claims_file is not None:
        if not _check_lines(verifier, Store.reviews(obj.app), claims_file, as_of):
            click.get_current_context().exit(1)
        return
    assert claim is not None
    result = verifier.check(claim, as_of=as_of)
    past = Store.reviews(obj.app).already_checked(result.claim, when=as_of)
    if fmt == "json":
        click.echo(json.dumps(with_already_checked(result, past), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result, past))


# Drafts longer than this many characters (about 800 words) show a progress bar.
LONG_DRAFT = 5000


def _check_draft(
    verifier: Verifier, past: PastChecks, path: Path, as_of: date | None, fmt: str
) -> None:
    """Check the draft at PATH and print it in FMT, showing progress on stderr when long."""
    # newline="" keeps CRLF as written, so offsets index the file's own text.
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    if len(text) > LONG_DRAFT:
        with click.progressbar(
            length=len(text), label="Checking the draft", file=sys.stderr
        ) as bar:
            result = check_draft(
                verifier, text, as_of=as_of, progress=lambda done: bar.update(done - bar.pos)
            )
    else:
        result = check_draft(verifier, text, as_of=as_of)
    checked = CheckedText(result, already_checked(result.sentences, past=past, when=as_of))
    if fmt == "json":
        click.echo(json.dumps(checked.to_dict(), ensure_ascii=False, indent=2))
        return
    before = checked.repeated()
    if fmt == "html":
        click.echo(render_html(result, title=f"Draft check: {path.name}", checked_before=before))
        return
    click.echo(render_draft_text(result))
    for sentence, found in before:
        click.echo(f"already checked: “{sentence.text.strip()}”")
        click.echo("\n".join(f"  {_past_line(p)}" for p in found))


def _check_lines(verifier: Verifier, past: PastChecks, lines: TextIO, as_of: date | None) -> bool:
    """Check each JSON line, printing a result per line; return whether every line was read.

    A bad line gets an error result and the run goes on, so the output keeps a line for
    each claim; "line" ties every result to its input, since ids may be missing or repeated.
    """
    every_line_read = True
    for read in read_claims(lines, labelled=False):
        output: dict[str, Any]
        if isinstance(read, BadLine):
            every_line_read = False
            click.echo(_bad_line(lines, read), err=True)
            output = {"id": read.claim_id, "line": read.number, "error": {"message": read.message}}
        else:
            result = verifier.check(read.claim, as_of=read.as_of or as_of, context=read.context)
            found = past.already_checked(result.claim, when=read.as_of or as_of)
            output = {"id": read.id, "line": read.number, **with_already_checked(result, found)}
        click.echo(json.dumps(output, ensure_ascii=False))
    return every_line_read


def _bad_line(file: TextIO, bad: BadLine) -> str:
    """Name FILE, the line and what is wrong with it, in one line."""
    return f"{_file_name(file)}, line {bad.number}: {bad.message}"


def _file_name(file: TextIO) -> str:
    """Return the name FILE was given by ("<stdin>" for -)."""
    return str(getattr(file, "name", "<stdin>"))


def render_text(result: CheckResult, past: list[PastCheck]) -> str:
    """Render a result, and the past fact checks it repeats, for a terminal."""
    lines = [
        f"{result.verdict.value.upper()}"
        f"{' (disputed)' if result.disputed else ''}  confidence {result.confidence:.2f}",
        result.explanation,
    ]
    if result.suggestion:
        lines.append(f"Corrected: {result.suggestion}")
    for title, citations in (("Sources", result.citations), ("Related facts", result.related)):
        if citations:
            lines.append(f"{title}:")
        for n, citation in enumerate(citations, start=1):
            source = citation.source
            lines.append(f"  [{n}] {citation.statement}")
            lines.append(
                f"      {source.title} — {source.publisher or 'publisher unknown'}, "
                f"{source.published or 'undated'}, {source.tier}"
                f"{', ' + source.url if source.url else ''}"
            )
            if citation.quote:
                via = f" (quoted in {citation.quoted_from.title})" if citation.quoted_from else ""
                lines.append(f"      “{citation.quote}”{via}")
    if past:
        lines.append("Already checked:")
    lines.extend(f"  [{n}] {_past_line(check)}" for n, check in enumerate(past, start=1))
    return "\n".join(lines)


def _past_line(check: PastCheck) -> str:
    """Return a past fact check in one line: who, when, the rating, the title and link."""
    review = check.review
    rated = f", rated “{review.rating}”" if review.rating else ""
    return (
        f"{review.publisher or 'a fact-checker'}"
        f"{', ' + review.published if review.published else ''}{rated}: "
        f"{review.title or review.claim}{'  ' + review.url if review.url else ''}"
    )


@main.command("eval")
@DATABASE_URL
@click.argument("file", type=click.File("r", encoding="utf-8"))
@AS_OF
@click.pass_obj
def evaluate(obj: Context, file: TextIO, as_of: date | None) -> None:
    """Score the verifier on labelled claims (JSON Lines with id, claim, label, as_of?).

    A line may also give `context`: the ids of the entities the text around the claim
    spoke of, most recent first, which "it" or "the bloc" may refer to.
    """
    # Every line is read before any is checked: a bad line ends the run before its cost.
    claims: list[ClaimLine] = []
    for read in read_claims(file, labelled=True):
        if isinstance(read, BadLine):
            raise click.ClickException(_bad_line(file, read))
        claims.append(read)
    if not claims:
        raise click.ClickException(f"{_file_name(file)}: no labelled claims")
    verifier = obj.verifier
    labels: list[str] = []
    predictions: list[str] = []
    misses: list[str] = []
    for item in claims:
        assert item.label is not None  # read_claims(labelled=True) refuses a line without
        result = verifier.check(item.claim, as_of=item.as_of or as_of, context=item.context)
        labels.append(item.label)
        predictions.append(result.verdict.value)
        if result.verdict.value != item.label:
            name = item.id if item.id is not None else f"line {item.number}"
            misses.append(
                f"  {name}: expected {item.label}, got "
                f"{result.verdict.value}: {item.claim}\n      {result.explanation}"
            )
    scores = score(labels, predictions)
    click.echo(f"claims: {scores.total}")
    click.echo(f"accuracy: {scores.accuracy:.3f}")
    click.echo(f"macro-F1: {scores.macro_f1:.3f}")
    click.echo(f"wrongly called supported: {scores.false_supported}")
    click.echo("confusion (rows: label, columns: predicted):")
    click.echo("  " + " ".join(f"{p:>13}" for p in LABELS))
    for label in LABELS:
        row = " ".join(f"{scores.confusion[label][p]:>13}" for p in LABELS)
        click.echo(f"  {label:<13}{row}")
    for verdict in ("supported", "contradicted"):
        click.echo(
            f"{verdict}: {scores.called(verdict)} called, precision {scores.precision(verdict):.3f}"
        )
    click.echo(
        f"coverage (supported and contradicted claims decided rightly): {scores.coverage:.3f}"
    )
    click.echo(f"misses: {len(misses)}")
    for miss in misses:
        click.echo(miss)


@main.group()
def reviews() -> None:
    """Past fact checks (ClaimReview): import them, and match claims to them."""


@reviews.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REVIEW_FORMATS),
    help="claimreview: JSON-LD (an object, a list, an @graph) or the Google Fact Check "
    "Tools API's answer; jsonl: a review a line. Default: jsonl for .jsonl/.ndjson files.",
)
@click.option(
    "--skip-bad", is_flag=True, help="Import the good records and list each bad one left out."
)
@DATABASE_URL
@click.pass_obj
def reviews_import(obj: Context, file: TextIO, fmt: Format | None, skip_bad: bool) -> None:
    """Import past fact checks from FILE (- for stdin); one imported again is updated."""
    name = _file_name(file)
    fmt = fmt or ("jsonl" if Path(name).suffix.lower() in (".jsonl", ".ndjson") else "claimreview")
    try:
        text = file.read()
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{name} is not UTF-8 text: {exc.reason}") from exc
    records, bad = read_reviews(text, format=fmt)
    for problem in bad:
        click.echo(f"{'skipped: ' if skip_bad else ''}{name}, {problem}", err=True)
    if bad and not skip_bad:
        raise click.ClickException(
            f"{len(bad)} bad record(s); nothing was written (--skip-bad imports the rest)"
        )
    if not records:
        raise click.ClickException(f"{name} holds no review to import")
    written = write_reviews(obj.engine, records, origin=f"file:{Path(name).name}")
    click.echo(
        f"imported {len(records)} reviews from {name}: {written.new} new, "
        f"{written.updated} updated, {written.unchanged} unchanged"
        + (f"; {len(bad)} bad left out" if bad else "")
    )


@reviews.command("match")
@click.option(
    "--queries",
    type=click.File("r", encoding="utf-8"),
    required=True,
    help='JSON Lines of {"id", "text", "date"?}: the claims to match, and when each was '
    "made (YYYY-MM-DD; a tweet's sign-off gives its own), - for stdin.",
)
@click.option(
    "--top",
    type=click.IntRange(1, MAX_TOP),
    default=5,
    show_default=True,
    help="How many past fact checks to list per claim, best first.",
)
@DATABASE_URL
@click.pass_obj
def reviews_match(obj: Context, queries: TextIO, top: int) -> None:
    """Print, for each claim, the past fact checks closest to it: one JSON line per claim.

    A bad line gets a line with its error and the run goes on; the exit status is then 1.
    """
    past = Store.reviews(obj.app)
    if not len(past):
        raise click.ClickException(
            "the store holds no reviews; add some with: verifier reviews import FILE"
        )
    every_line_read = True
    for number, item in json_objects(queries):
        problem = item if isinstance(item, str) else _query_problem(item)
        if problem is not None:
            every_line_read = False
            click.echo(f"{_file_name(queries)}, line {number}: {problem}", err=True)
            given = item.get("id") if isinstance(item, dict) else None
            output = {"id": given, "line": number, "error": {"message": problem}}
        else:
            assert isinstance(item, dict)
            when = parse_day(item.get("date"), '"date"')
            matches = past.search(item["text"], top=top, when=when)
            output = {"id": item["id"], "matches": [m.to_dict() for m in matches]}
        click.echo(json.dumps(output, ensure_ascii=False))
    if not every_line_read:
        click.get_current_context().exit(1)


def _query_problem(item: dict[str, Any]) -> str | None:
    """Return what is wrong with a line of `reviews match --queries`, or None."""
    if not isinstance(item.get("id"), str | int) or isinstance(item.get("id"), bool):
        return 'needs an "id" (text or a number)'
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return 'needs a "text" to match, not blank'
    try:
        parse_day(item.get("date"), '"date"')
    except ValueError as exc:
        return str(exc)
    if len(text) > MAX_QUERY_CHARS:
        return f'"text" is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}'
    return None


@main.group()
def sources() -> None:
    """List the sources facts come from."""


@sources.command("list")
@DATABASE_URL
@click.pass_obj
def sources_list(obj: Context) -> None:
    """List sources: id, tier, date and title."""
    with session_scope(obj.filled_engine()) as session:
        for source in session.exec(select(Source).order_by(Source.id)):
            click.echo(f"{source.id}\t{source.tier}\t{source.published or '-'}\t{source.title}")


@main.group()
def tokens() -> None:
    """Make, list and revoke the tokens that may write through the API."""


@tokens.command("create")
@DATABASE_URL
@click.argument("name")
@click.pass_obj
def tokens_create(obj: Context, name: str) -> None:
    """Make a token named NAME and print it: it is shown this once and never stored."""
    click.echo(_change_token(obj, api_tokens.create_token, name))
    click.echo(f"token {name!r} created; keep it now, it cannot be shown again", err=True)


@tokens.command("list")
@DATABASE_URL
@click.pass_obj
def tokens_list(obj: Context) -> None:
    """List tokens: name, when made, when revoked (never the token itself)."""
    with session_scope(obj.engine) as session:
        listed = api_tokens.list_tokens(session)
    for token in listed:
        revoked = f"{token.revoked_at:%Y-%m-%d %H:%M:%S}" if token.revoked_at else "-"
        click.echo(f"{token.name}\t{token.created_at:%Y-%m-%d %H:%M:%S}\t{revoked}")


@tokens.command("revoke")
@DATABASE_URL
@click.argument("name")
@click.pass_obj
def tokens_revoke(obj: Context, name: str) -> None:
    """Revoke the token NAME: it can no longer write or read the audit log."""
    _change_token(obj, api_tokens.revoke_token, name)
    click.echo(f"token {name!r} revoked")


def _change_token(obj: Context, change: Callable[[Session, str], T], name: str) -> T:
    """Run CHANGE on the token NAME in one transaction; a refusal ends with one line."""
    try:
        with session_scope(obj.engine) as session:
            return change(session, name)
    except api_tokens.TokenError as exc:
        raise click.ClickException(str(exc)) from exc


@main.group()
def db() -> None:
    """Manage the store's schema."""


@db.command("upgrade")
@DATABASE_URL
@click.pass_obj
def db_upgrade(obj: Context) -> None:
    """Bring the schema up to date (the app also does this when it starts)."""
    click.echo(f"schema up to date: {obj.app.config['DATABASE_URL']}")


@main.command()
@DATABASE_URL
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="VERIFIER_HOST",
    help="Address to listen on; 0.0.0.0 for every interface (env VERIFIER_HOST).",
)
@click.option(
    "--port",
    default=5000,
    show_default=True,
    type=int,
    envvar="VERIFIER_PORT",
    help="TCP port to listen on (env VERIFIER_PORT).",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    envvar="VERIFIER_WORKERS",
    help="gunicorn worker processes; about one per core (env VERIFIER_WORKERS).",
)
@click.option("--dev", is_flag=True, help="Run Flask's development server with the reloader.")
@click.pass_obj
def serve(obj: Context, host: str, port: int, workers: int, dev: bool) -> None:
    """Serve the web app and the API, seeding an empty store from the fact files."""
    # Each worker counts rate limits in its own memory unless Redis is set: it allows its
    # share. Absolute URLs use the address served unless VERIFIER_PUBLIC_URL says otherwise.
    config: dict[str, Any] = {"SERVE_WORKERS": 1 if dev else workers}
    if not os.environ.get("VERIFIER_PUBLIC_URL"):
        config["PUBLIC_URL"] = f"http://{host}:{port}"
    if obj.database_url:
        config["DATABASE_URL"] = obj.database_url
    try:
        app = create_app(config)
    except (SQLAlchemyError, loader.LoadError) as exc:
        raise click.ClickException(f"cannot start: {_first_line(exc)}") from exc
    if dev:
        app.run(host=host, port=port, debug=True)
        return
    from verifier.server import run_gunicorn

    run_gunicorn(app, host=host, port=port, workers=workers)
