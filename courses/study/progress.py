"""Progress through the curriculum, computed from plain objects (no queries here)."""

from __future__ import annotations

from dataclasses import dataclass

from courses.models import Lesson, Module
from courses.queries import studyable_lessons


@dataclass
class ModuleProgress:
    module: Module
    lessons: list[Lesson]
    completed: set[int]

    @property
    def minutes(self) -> int:
        return sum(lesson.live_version.minutes for lesson in self.lessons)

    @property
    def done_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.id in self.completed)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / len(self.lessons)) if self.lessons else 0

    @property
    def complete(self) -> bool:
        """A module is complete when all its lessons are (the assessment issue adds its quiz)."""
        return bool(self.lessons) and self.done_count == len(self.lessons)


def module_progress(modules: list[Module], completed: set[int]) -> list[ModuleProgress]:
    return [ModuleProgress(module, studyable_lessons(module), completed) for module in modules]


def next_lesson(progress: list[ModuleProgress]) -> Lesson | None:
    """The first lesson not yet completed, in curriculum order."""
    for entry in progress:
        for lesson in entry.lessons:
            if lesson.id not in entry.completed:
                return lesson
    return None


def neighbours(progress: list[ModuleProgress], lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    """Previous and next lesson in curriculum order, across module boundaries."""
    ordered = [item for entry in progress for item in entry.lessons]
    index = next((i for i, item in enumerate(ordered) if item.id == lesson.id), None)
    if index is None:
        return None, None
    return (ordered[index - 1] if index > 0 else None), (ordered[index + 1] if index + 1 < len(ordered) else None)


def percent(done_minutes: int, required_hours: int) -> int:
    if required_hours <= 0:
        return 100
    return min(100, round(100 * done_minutes / (required_hours * 60)))
