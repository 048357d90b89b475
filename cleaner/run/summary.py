"""What a build did, counted: by the build itself, or by each process that wrote a group of
its rows and then merged (run.write)."""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Summary:
    read: int = 0
    kept: int = 0
    rejected: Counter = field(default_factory=Counter)
    duplicates: Counter = field(default_factory=Counter)  # articles kept as duplicates, by kind (exact, near)
    removed_chars: Counter = field(default_factory=Counter)
    removed_by_rule: Counter = field(default_factory=Counter)
    sentences: int = 0
    chars: int = 0
    languages: Counter = field(default_factory=Counter)
    article_lengths: array = field(default_factory=lambda: array("q"))  # packed: 8 bytes an article
    status: str = ""
    version_dir: str = ""

    def line(self) -> str:
        removed = ", ".join(f"{k} {v}" for k, v in sorted(self.removed_chars.items())) or "none"
        rejected = sum(self.rejected.values())
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.rejected.items()))
        dups = sum(self.duplicates.values())
        return (f"{self.read} documents read, {self.kept} kept"
                + (f" ({dups} of them duplicates)" if dups else "") + f", {rejected} rejected"
                + (f" ({reasons})" if reasons else "") + f"; characters removed: {removed}")

    def merge(self, other: Summary) -> None:
        """Add another's counts (documents read excepted: the first pass counts those)."""
        self.kept += other.kept
        self.rejected.update(other.rejected)
        self.duplicates.update(other.duplicates)
        self.removed_chars.update(other.removed_chars)
        self.removed_by_rule.update(other.removed_by_rule)
        self.sentences += other.sentences
        self.chars += other.chars
        self.languages.update(other.languages)
        self.article_lengths.extend(other.article_lengths)
