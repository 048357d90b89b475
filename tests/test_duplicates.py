"""A block repeating another block of the same article is removed as `duplicate`; an article
nearly repeating another is found by its MinHash signature."""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
from helpers import clean_text

from cleaner.clean.rules.duplicates import repeated_blocks
from cleaner.run.dedupe import NUM_PERM, DuplicateGroups, minhash, normalised, text_signature

PARA = "2021年，某市全面落实发展战略，推动经济社会发展迈上新台阶，县域经济综合实力跃居全省前列。"


def test_caption_repeating_a_paragraph_with_a_credit_is_a_duplicate():
    texts = ["前文。" + PARA + "后文还有很多内容。", "2021年，某市全面落实发展战略，推动经济社会发展迈上新台阶，县域经济综合实力跃居全省前列。 均为某市委宣传部供图"]
    assert repeated_blocks(texts) == {1}


def test_the_first_of_two_identical_paragraphs_is_kept():
    assert repeated_blocks([PARA, "中间一段不同的内容，写的是别的事情，和前后都不一样。", PARA]) == {2}


def test_short_repeated_lines_and_distinct_paragraphs_stay():
    assert repeated_blocks(["小标题", "小标题", PARA, PARA.replace("全省", "全国")]) == set()


def test_pipeline_records_the_duplicate_removal():
    page = "标题一二三四\n" + PARA + "此外还有更多。\n某县还将组织开展专题培训，提升村干部服务群众的能力，并建立定期回访制度。\n" + PARA + "\n"
    a = clean_text(page)
    dups = [r for r in a.removals if r.category == "duplicate"]
    assert [r.text for r in dups] == [PARA] and dups[0].rule == "duplicates.repeated_blocks"
    assert a.text.count(PARA) == 1


# Near duplicates across articles: the MinHash signature.

CLEAN_TEXTS = Path(__file__).resolve().parent / "fixtures" / "clean_texts"


def chinese_text(*names: str, length: int = 2000) -> str:
    text = "".join((CLEAN_TEXTS / f"{n}.txt").read_text(encoding="utf-8") for n in names)
    assert len(text) >= length
    return text[:length]


def test_minhash_estimates_jaccard_of_near_duplicates_and_unrelated_texts():
    text = chinese_text("c01_summer_grain", "c02_phone_market", "c03_sports_lottery")
    edited = list(text)
    for i, ch in zip((150, 700, 1230, 1800), "甲乙丙丁"):
        edited[i] = ch
    unrelated = chinese_text("c04_typhoon", "c05_after_school", "c06_family_doctor")
    m = minhash(normalised(text))
    assert m.jaccard(minhash(normalised("".join(edited)))) > 0.8
    assert m.jaccard(minhash(normalised(unrelated))) < 0.2
    assert minhash("") == minhash("") and minhash("短文") != minhash("短文本")


def test_signature_is_the_same_in_another_process_and_survives_pickling():
    text = chinese_text("c07_metro_line", "c08_museum", "c09_river", "c10_community_party")
    code = ("import sys; from cleaner.run.dedupe import text_signature; "
            "d, m = text_signature(sys.stdin.read()); print(d, m.hex())")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, env=env,
                         cwd=Path(__file__).resolve().parent.parent, check=True, encoding="utf-8").stdout
    digest, m = text_signature(text)
    assert out.split() == [digest, m.hex()]
    assert m == minhash(normalised(text)).hashvalues.astype("<u4").tobytes()
    assert pickle.loads(pickle.dumps((digest, m))) == (digest, m)


def test_groups_find_a_near_and_an_exact_duplicate_from_pickled_signatures():
    text = chinese_text("c09_river", "c10_community_party", "c11_port_trade", "c12_anti_fraud")
    near = text[:1000] + "某" + text[1001:]
    groups = DuplicateGroups()
    for position, t in enumerate((text, near, text + " ", "另一篇毫不相干的短文，讲的是别的事情。")):
        groups.add(position, pickle.loads(pickle.dumps(text_signature(t))))
    assert groups.decide() == {1: ("near", 0), 2: ("exact", 0)}


def signature(name: str, bands: list[int]) -> tuple[str, bytes]:
    """A made-up signature: band b's 15 values are all bands[b] (threshold 0.85: 4 bands of 15)."""
    values = np.repeat(np.array(bands, dtype="<u4"), 15)
    values = np.concatenate((values, np.zeros(NUM_PERM - len(values), "<u4")))
    return hashlib.sha256(name.encode()).hexdigest(), values.astype("<u4").tobytes()


def test_a_chain_of_near_duplicates_is_one_component_kept_by_its_first_article():
    """b shares a band with a, c one with b only, d nothing: c is still a's duplicate, and the
    answer is the same whatever order the articles are added in."""
    sigs = {0: signature("a", [1, 2, 3, 4]), 1: signature("b", [1, 5, 6, 7]),
            2: signature("c", [8, 5, 9, 10]), 3: signature("d", [11, 12, 13, 14]),
            4: signature("a", [1, 2, 3, 4])}
    expected = {1: ("near", 0), 2: ("near", 0), 4: ("exact", 0)}
    for order in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 3, 1]):
        groups = DuplicateGroups()
        for position in order:
            groups.add(position, sigs[position])
        assert groups.decide() == expected


def test_a_later_article_bridging_two_kept_ones_makes_the_second_a_duplicate():
    groups = DuplicateGroups()
    groups.add(0, signature("a", [1, 2, 3, 4]))
    groups.add(1, signature("c", [5, 6, 7, 8]))
    assert groups.decide() == {}
    groups.add(2, signature("bridge", [1, 6, 9, 10]))
    assert groups.decide() == {1: ("near", 0), 2: ("near", 0)}


def test_lsh_bands_are_datasketchs():
    """The bands known in advance are the ones datasketch's MinHashLSH would choose."""
    from datasketch import MinHashLSH

    from cleaner.run.dedupe import LSH_BANDS

    for threshold, bands in LSH_BANDS.items():
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        assert (lsh.b, lsh.r) == bands


def test_groups_agree_with_components_of_datasketch_lsh_candidates():
    """Linked exactly when datasketch's MinHashLSH makes two texts candidates (or their text
    normalises the same): components over its answers give the same duplicates."""
    from datasketch import LeanMinHash, MinHashLSH

    from cleaner.run.dedupe import SCHEME, SEED

    base = chinese_text("c01_summer_grain", "c02_phone_market", "c03_sports_lottery")
    other = chinese_text("c04_typhoon", "c05_after_school", "c06_family_doctor")
    texts = [base[i * 37 % 900:][:1200 + i % 5 * 100] for i in range(60)] + [other, other + "\n"]
    for threshold in (0.85, 0.5):
        lsh, groups = MinHashLSH(threshold=threshold, num_perm=NUM_PERM), DuplicateGroups(threshold)
        sigs = [text_signature(text) for text in texts]
        hashes = [LeanMinHash(seed=SEED, hashvalues=np.frombuffer(values, "<u4"), scheme=SCHEME) for _, values in sigs]
        for i, (sig, m) in enumerate(zip(sigs, hashes)):
            groups.add(i, sig)
            lsh.insert(i, m)
        linked = {i: set(lsh.query(m)) for i, m in enumerate(hashes)}
        expected = {}
        for i in range(len(texts)):  # the least reachable position keeps the component
            seen, todo = {i}, [i]
            while todo:
                todo.extend(j for j in linked[todo.pop()] if j not in seen and not seen.add(j))
            kept = min(seen)
            if kept != i:
                expected[i] = ("exact" if sigs[i][0] == sigs[kept][0] else "near", kept)
        assert groups.decide() == expected
        assert len(expected) > 5 and any(kind == "exact" for kind, _ in expected.values())


def test_normalised_by_tables_is_nfkc_without_white_space():
    """The table look-up gives unicodedata's answer, joins and all (kana voicing marks, Hangul
    jamo, combining accents after a fullwidth letter, astral characters, lone surrogates)."""
    import unicodedata

    from cleaner.run.dedupe import normalised_codes

    texts = ["", " \u3000\t\n", "全角ＡＢＣ，（１２３）……㈠①", "ｶﾞｷﾞ ｸ\uff9e", "ㄱㅏㄴ \u1100\u1161\u11a8",
             "Ｅ\u0301e\u0301\u0301", "ﬁ ㎏ ½ ™ ¨ ´", "表情😀𠀀", "\u00a0\u2003x\u200b", "a\u0345b\u0f73"]
    for text in texts:
        assert normalised(text) == "".join(unicodedata.normalize("NFKC", text).split()), text
    assert normalised_codes("全角ＡＢＣ，（１２３）……") is not None
    assert normalised_codes("表情😀") is None and normalised_codes("e\u0301") is None
    assert normalised_codes("\ud800") is None


def test_explain_shows_a_repeated_paragraph_as_the_build_drops_it(tmp_path):
    from cleaner.run.explain import explain_file

    page = "标题一二三四\n" + PARA + "此外还有更多。\n某县还将组织开展专题培训，提升村干部服务群众的能力，并建立定期回访制度。\n" + PARA + "\n"
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    import click

    lines = [click.unstyle(line) for line in explain_file(str(path)).splitlines()]
    repeated = [line for line in lines if line.rstrip().endswith(PARA)]
    assert len(repeated) == 1 and repeated[0].startswith("duplicate") and "duplicates.repeated_blocks" in repeated[0]
