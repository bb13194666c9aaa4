"""``flask courses import|export``: load the curriculum from content files, or write it back out."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from courses import DEFAULT_CONTENT
from courses.content import ContentError, read_programme, write_programme
from courses.importing import export_programme, import_programme
from courses.models import Module
from lms.cohorts.models import Programme
from lms.extensions import db

courses_cli = AppGroup("courses", help="Curriculum content.")


@courses_cli.command("import")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--overwrite", is_flag=True, help="Where a lesson was also edited in the browser, the file wins.")
def import_command(path: Path | None, overwrite: bool) -> None:
    """Load or update a programme's curriculum from PATH (default: the bundled curriculum). Idempotent."""
    try:
        source = read_programme(path or DEFAULT_CONTENT)
    except ContentError as error:
        raise click.ClickException(str(error)) from error
    report = import_programme(source, overwrite=overwrite)
    db.session.commit()
    lessons = sum(len(module.lessons) for module in source.modules)
    click.echo(
        f"{source.title}: {len(source.modules)} modules, {lessons} lessons read; "
        f"{len(report.created)} created, {len(report.new_versions)} new lesson versions, {report.unchanged} unchanged."
    )
    for line in report.created + report.new_versions:
        click.echo(f"  {line}")
    for line in report.conflicts:
        click.echo(f"  conflict, left as edited in the browser: {line} (export first, or use --overwrite)")


@courses_cli.command("export")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--programme", "title", help="Programme title (default: the first programme that has modules).")
def export_command(path: Path, title: str | None) -> None:
    """Write a programme's published curriculum to PATH in the content-file layout."""
    query = select(Programme).where(Programme.id.in_(select(Module.programme_id))).order_by(Programme.id)
    if title:
        query = query.where(Programme.title == title)
    programme = db.session.scalars(query).first()
    if programme is None:
        raise click.ClickException("No such programme.")
    written = write_programme(export_programme(programme), path)
    click.echo(f"Wrote {len(written)} files to {path}.")
