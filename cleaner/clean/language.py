"""Language identification with langdetect, seeded so that runs are deterministic."""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect, detector_factory

from cleaner.clean.han import HAN as HAN_RANGE

DetectorFactory.seed = 0
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
HAN = re.compile(rf"[{HAN_RANGE}]")
HAN_RUN = re.compile(HAN.pattern + "+")
HAN_ONLY = 0.95  # share of Han among the letters of a sample above which it is Chinese outright


def load_profiles() -> None:
    """Load langdetect's profiles now (forked workers inherit them), letting an interrupt
    through: langdetect loads them inside a bare `except:` that would turn KeyboardInterrupt
    into LangDetectException, and nothing may be left half-loaded."""
    if detector_factory._factory is not None:
        return
    try:
        detector_factory.init_factory()
    except LangDetectException as e:
        detector_factory._factory = None
        if isinstance(e.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise


def known_codes() -> frozenset[str]:
    """The ISO 639-1 codes langdetect can answer (its profile names, zh-cn and zh-tw as zh)."""
    from importlib import resources

    profiles = resources.files("langdetect").joinpath("profiles")
    return frozenset(p.name.split("-")[0] for p in profiles.iterdir() if not p.name.startswith("."))


def check_codes(codes: tuple[str, ...]) -> None:
    """Raise ValueError naming the codes langdetect never answers (they would reject every page)."""
    known = known_codes()
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValueError(f"unknown language code{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: "
                         f"give ISO 639-1 codes langdetect knows ({', '.join(sorted(known))})")


def identify(text: str, sample_chars: int = 1000) -> str:
    """ISO 639-1 code of the text ('und' when undecidable), from a bounded sample.

    langdetect decides; its known confusions among Han-script languages on short samples
    are corrected by script: Japanese needs kana, Korean needs hangul. A sample whose letters
    are nearly all Han, without kana or hangul, can only come out as Chinese after that
    correction, so langdetect (its slowest caller here) is not asked."""
    sample = text[:sample_chars]
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return "und"
    if (sum(map(len, HAN_RUN.findall(sample))) >= HAN_ONLY * letters and not KANA.search(sample)
            and not HANGUL.search(sample)):
        return "zh"
    load_profiles()
    try:
        code = detect(sample).split("-")[0]
    except LangDetectException:
        return "und"
    if code == "ja" and not KANA.search(sample) and HAN.search(sample):
        return "zh"
    if code == "ko" and not HANGUL.search(sample) and HAN.search(sample):
        return "zh"
    return code
