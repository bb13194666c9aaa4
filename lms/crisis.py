"""Crisis lines shown on every page and on lessons that touch on crisis or suicide.

Configurable per deployment: ``CRISIS_LINES_FILE`` names a JSON file with a list of
``{"number": "024", "labels": {"en": "...", "ca": "...", "es": "..."}}``. The default is for Catalonia.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CRISIS_LINES = [
    {
        "number": "112",
        "labels": {"en": "Emergencies", "ca": "Emergències", "es": "Emergencias"},
    },
    {
        "number": "024",
        "labels": {
            "en": "Suicidal behaviour support line: free, 24 hours, confidential",
            "ca": "Línia d'atenció a la conducta suïcida: gratuïta, 24 hores, confidencial",
            "es": "Línea de atención a la conducta suicida: gratuita, 24 horas, confidencial",
        },
    },
    {
        "number": "061",
        "labels": {
            "en": "Salut Respon: health advice in Catalonia, 24 hours",
            "ca": "Salut Respon: consells de salut a Catalunya, 24 hores",
            "es": "Salut Respon: consejos de salud en Cataluña, 24 horas",
        },
    },
]


@dataclass(frozen=True)
class CrisisLine:
    number: str
    labels: dict[str, str]

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels.get("en", "")

    @property
    def dial(self) -> str:
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


def load_crisis_lines(path: str | None) -> tuple[CrisisLine, ...]:
    """Read the configured file, or the default; a broken file stops start-up rather than hide the lines."""
    raw = json.loads(Path(path).read_text(encoding="utf-8")) if path else DEFAULT_CRISIS_LINES
    lines = tuple(CrisisLine(number=str(item["number"]), labels=dict(item["labels"])) for item in raw)
    if not lines:
        raise ValueError("CRISIS_LINES_FILE lists no crisis lines")
    return lines
