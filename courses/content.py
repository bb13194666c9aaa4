"""Reading and writing curriculum content files: plain data in, plain data out, no database.

Layout (see ``courses/content/README.md``)::

    programme.md                      front matter: title, theory_hours, placement_hours; body: description
    NN-module-slug/module.LANG.md     front matter: title, summary (+ hours, live_hours, competencies in en)
    NN-module-slug/NN-lesson-slug.LANG.md
                                      front matter: title, summary, easy_read (+ minutes, crisis_note in en)

English files are required and complete; ``ca`` and ``es`` files add translations side by side.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("en", "ca", "es")
_NUMBERED = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n?(.*)\Z", re.S)


class ContentError(ValueError):
    """A content file is missing or malformed; the message names the file."""


@dataclass
class LessonSource:
    slug: str
    position: int
    minutes: int
    crisis_note: bool
    titles: dict[str, str]
    summaries: dict[str, str] = field(default_factory=dict)
    easy_reads: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)

    def content_hash(self) -> str:
        return content_hash(self.minutes, self.crisis_note, self.titles, self.summaries, self.easy_reads, self.bodies)


@dataclass
class ModuleSource:
    slug: str
    position: int
    hours: int
    live_hours: int
    competencies: list[int]
    titles: dict[str, str]
    summaries: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    lessons: list[LessonSource] = field(default_factory=list)


@dataclass
class ProgrammeSource:
    title: str
    description: str
    theory_hours: int
    placement_hours: int
    modules: list[ModuleSource] = field(default_factory=list)


def content_hash(minutes: int, crisis_note: bool, *texts: dict[str, str]) -> str:
    """Stable fingerprint of a lesson's content: equal content, equal hash, whatever the key order."""
    payload = json.dumps([minutes, crisis_note, *texts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


# --- reading -------------------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        raise ContentError(f"{path}: must start with a front-matter block between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: front matter is not valid YAML ({error})") from error
    if not isinstance(meta, dict) or not str(meta.get("title", "")).strip():
        raise ContentError(f"{path}: front matter needs a title")
    return meta, match.group(2).strip()


def _number(meta: dict[str, Any], key: str, path: Path, minimum: int = 0) -> int:
    value = meta.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ContentError(f"{path}: '{key}' must be a whole number of at least {minimum}")
    return value


def _numbered(name: str, path: Path) -> tuple[int, str]:
    match = _NUMBERED.match(name)
    if not match:
        raise ContentError(f"{path}: name must look like '01-some-slug'")
    return int(match.group(1)), match.group(2)


def _texts(files: dict[str, tuple[dict[str, Any], str]], key: str) -> dict[str, str]:
    return {lang: str(meta[key]).strip() for lang, (meta, _body) in files.items() if str(meta.get(key) or "").strip()}


def _bodies(files: dict[str, tuple[dict[str, Any], str]]) -> dict[str, str]:
    return {lang: body for lang, (_meta, body) in files.items() if body}


def _language_files(folder: Path, stem: str) -> dict[str, tuple[dict[str, Any], str]]:
    files = {lang: _read(folder / f"{stem}.{lang}.md") for lang in LANGUAGES if (folder / f"{stem}.{lang}.md").exists()}
    if "en" not in files:
        raise ContentError(f"{folder / stem}.en.md: the English file is required")
    return files


def _read_lesson(folder: Path, stem: str) -> LessonSource:
    position, slug = _numbered(stem, folder / stem)
    files = _language_files(folder, stem)
    meta, _body = files["en"]
    path = folder / f"{stem}.en.md"
    return LessonSource(
        slug=slug,
        position=position,
        minutes=_number(meta, "minutes", path, minimum=1),
        crisis_note=bool(meta.get("crisis_note", False)),
        titles=_texts(files, "title"),
        summaries=_texts(files, "summary"),
        easy_reads=_texts(files, "easy_read"),
        bodies=_bodies(files),
    )


def _read_module(folder: Path) -> ModuleSource:
    position, slug = _numbered(folder.name, folder)
    files = _language_files(folder, "module")
    meta, _body = files["en"]
    path = folder / "module.en.md"
    competencies = meta.get("competencies", [])
    if not isinstance(competencies, list) or not all(isinstance(c, int) and c > 0 for c in competencies):
        raise ContentError(f"{path}: 'competencies' must be a list of competency numbers")
    stems = sorted({p.name.rsplit(".", 2)[0] for p in folder.glob("*.md") if not p.name.startswith("module.")})
    return ModuleSource(
        slug=slug,
        position=position,
        hours=_number(meta, "hours", path),
        live_hours=_number(meta, "live_hours", path),
        competencies=competencies,
        titles=_texts(files, "title"),
        summaries=_texts(files, "summary"),
        outcomes=_bodies(files),
        lessons=[_read_lesson(folder, stem) for stem in stems],
    )


def read_programme(root: Path) -> ProgrammeSource:
    """Read a whole programme's content folder; raises ``ContentError`` naming the first bad file."""
    root = Path(root)
    if not (root / "programme.md").exists():
        raise ContentError(f"{root}: programme.md is missing")
    meta, description = _read(root / "programme.md")
    modules = [_read_module(folder) for folder in sorted(p for p in root.iterdir() if p.is_dir())]
    return ProgrammeSource(
        title=str(meta["title"]).strip(),
        description=description,
        theory_hours=_number(meta, "theory_hours", root / "programme.md"),
        placement_hours=_number(meta, "placement_hours", root / "programme.md"),
        modules=modules,
    )


# --- writing -------------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Writes multi-line strings (easy-read lists) as ``|`` blocks, the way people write them by hand."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _represent_text)


def _dump(meta: dict[str, Any], body: str) -> str:
    front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120).strip()
    return f"---\n{front}\n---\n{body.strip()}\n" if body.strip() else f"---\n{front}\n---\n"


def _translated_meta(texts: dict[str, dict[str, str]], lang: str) -> dict[str, Any]:
    return {key: values[lang] for key, values in texts.items() if values.get(lang)}


def write_programme(programme: ProgrammeSource, root: Path) -> list[Path]:
    """Write ``programme`` in the layout ``read_programme`` reads; returns the files written."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    written = [root / "programme.md"]
    meta = {
        "title": programme.title,
        "theory_hours": programme.theory_hours,
        "placement_hours": programme.placement_hours,
    }
    written[0].write_text(_dump(meta, programme.description), encoding="utf-8")
    for module in programme.modules:
        folder = root / f"{module.position:02d}-{module.slug}"
        folder.mkdir(exist_ok=True)
        texts = {"title": module.titles, "summary": module.summaries}
        for lang in LANGUAGES:
            meta = _translated_meta(texts, lang)
            if lang == "en":
                meta |= {"hours": module.hours, "live_hours": module.live_hours, "competencies": module.competencies}
            if meta or module.outcomes.get(lang):
                path = folder / f"module.{lang}.md"
                path.write_text(_dump(meta, module.outcomes.get(lang, "")), encoding="utf-8")
                written.append(path)
        for lesson in module.lessons:
            written += _write_lesson(folder, lesson)
    return written


def _write_lesson(folder: Path, lesson: LessonSource) -> list[Path]:
    written = []
    texts = {"title": lesson.titles, "summary": lesson.summaries, "easy_read": lesson.easy_reads}
    for lang in LANGUAGES:
        meta = _translated_meta(texts, lang)
        if lang == "en":
            meta = {"title": meta.get("title", ""), "summary": meta.get("summary", "")}
            meta |= {"minutes": lesson.minutes, "crisis_note": lesson.crisis_note}
            if lesson.easy_reads.get("en"):
                meta["easy_read"] = lesson.easy_reads["en"]
        if meta or lesson.bodies.get(lang):
            path = folder / f"{lesson.position:02d}-{lesson.slug}.{lang}.md"
            path.write_text(_dump(meta, lesson.bodies.get(lang, "")), encoding="utf-8")
            written.append(path)
    return written
