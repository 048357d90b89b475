"""Language identification with langdetect, seeded so that runs are deterministic."""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
HAN = re.compile(r"[\u4e00-\u9fff]")


def identify(text: str, sample_chars: int = 1000) -> str:
    """ISO 639-1 code of the text ('und' when undecidable), from a bounded sample.

    langdetect decides; its known confusions among Han-script languages on short samples
    are corrected by script: Japanese needs kana, Korean needs hangul."""
    sample = text[:sample_chars]
    if not any(ch.isalpha() for ch in sample):
        return "und"
    try:
        code = detect(sample).split("-")[0]
    except LangDetectException:
        return "und"
    if code == "ja" and not KANA.search(sample) and HAN.search(sample):
        return "zh"
    if code == "ko" and not HANGUL.search(sample) and HAN.search(sample):
        return "zh"
    return code
