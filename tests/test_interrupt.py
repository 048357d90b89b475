"""Interrupting `cleaner build`: SIGINT stops it cleanly, SIGKILL leaves nothing published,
an earlier version is never touched, and the next build succeeds."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from helpers import processes

from cleaner.read.files import RawDocument
from cleaner.run import engine
from cleaner.run.build import build
from cleaner.settings import Settings

N_DOCS = 200  # about 40 ms each: a build of several seconds, longer than the waits below
CLI = [sys.executable, "-m", "cleaner.cli"]
# The same command line, with small Parquet row groups so that writing starts at once and a
# SIGKILL lands while shards are open and half written.
CLI_SMALL_ROW_GROUPS = [sys.executable, "-c",
                        ("import sys, cleaner.publish.version as p; assert p.ROWS_PER_GROUP; p.ROWS_PER_GROUP = 50; "
                         "from cleaner.cli import main; "
                         "sys.argv[0] = 'cleaner'; main()")]
# The same command line, with groups of 24 input files (nine groups: the second pass is
# written by a pool), interrupted by the worker that starts writing group 1 (a Ctrl-C that
# lands while the groups are being written, whatever the machine's speed).
CLI_INTERRUPTED_WHILE_WRITING_GROUPS = [sys.executable, "-c", (
    "import os, signal, sys, cleaner.run.spool as s, cleaner.run.write as w\n"
    "s.SHARD_FILES, w.FILES_PER_GROUP, write_group, driver = 8, 24, w.write_group, os.getpid()\n"
    "def interrupting(task, *args, **kwargs):\n"
    "    if task.number == 1:\n"
    "        os.kill(driver, signal.SIGINT)\n"
    "    return write_group(task, *args, **kwargs)\n"
    "w.write_group = interrupting\n"
    "from cleaner.cli import main\n"
    "sys.argv[0] = 'cleaner'; main()")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """N_DOCS pages made from the seeds: lines reordered and a line of their own added, so
    that most are distinct articles (some come out as duplicates, which costs time too)."""
    d = tmp_path_factory.mktemp("corpus")
    seeds = [p.read_text(encoding="utf-8").splitlines() for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(N_DOCS):
        rng = random.Random(i)
        lines = list(seeds[i % len(seeds)])
        head, body = lines[:6], lines[6:]
        rng.shuffle(body)
        body.insert(len(body) // 2, f"本报讯 第{i}号稿件：记者从有关方面了解到，第{i}批次的相关工作已经全部完成。")
        (d / f"page_{i:05d}.txt").write_text("\n".join(head + body) + "\n", encoding="utf-8")
    return d


@pytest.fixture
def published(tmp_path) -> tuple[Path, dict[Path, bytes]]:
    """OUT with news/1.0.0 published from the seeds, and the bytes of every file in it."""
    out = tmp_path / "out"
    build([str(SEEDS)], str(out), "news", "1.0.0", Settings(), workers=1)
    version = out / "news" / "1.0.0"
    return out, snapshot(version)


def snapshot(directory: Path) -> dict[Path, bytes]:
    return {p.relative_to(directory): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def _ctrl_c_as_in_a_terminal() -> None:
    """A build started from a job running in the background of a script inherits SIGINT
    ignored; these builds are the foreground job of a terminal, which Ctrl-C reaches."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(command: list[str], out: Path, corpus: Path, workers: int, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([*command, "build", str(corpus), "--out", str(out), "--name", "news",
                             "--version", "2.0.0", "--workers", str(workers)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_ctrl_c_as_in_a_terminal, **kwargs)


def left_behind(out: Path) -> list[str]:
    """What an interrupted build left in OUT/news, besides a work folder of completed input
    shards (run.spool: kept so that a rerun resumes; every spool file there has its keys and marker)."""
    names = []
    for p in sorted((out / "news").iterdir()):
        if p.name.startswith(".2.0.0.work-"):
            files = sorted(f.name for f in p.iterdir())
            pickles = [f for f in files if f.endswith(".pickle")]
            assert pickles and files == sorted(pickles + [f.replace(".pickle", e) for f in pickles
                                                          for e in (".done", ".keys")]), files
            continue
        names.append(p.name)
    return names


def staging_dirs(out: Path) -> list[Path]:
    return sorted((out / "news").glob(".2.0.0.tmp-*"))


def wait_for(condition, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"the build ended before it could be interrupted: {proc.communicate()}"
        assert time.monotonic() < deadline, "timed out waiting for the build to start writing"
        time.sleep(0.02)


def assert_one_clear_line(stderr: bytes) -> None:
    text = stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text, text
    assert text.strip().splitlines() == ["cleaner: interrupted; nothing was published"], text


@pytest.mark.parametrize("workers", [1, 2])
def test_sigint_stops_the_build_and_publishes_nothing(corpus, published, workers):
    out, before = published
    proc = start(CLI, out, corpus, workers)
    wait_for(lambda: staging_dirs(out), proc)  # imports done, the build is under way
    time.sleep(1.0)
    assert proc.poll() is None, "the build finished before the interrupt: make the corpus bigger"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert_one_clear_line(stderr)
    assert b"published" not in stdout
    assert left_behind(out) == ["1.0.0"], "no version and no staging directory left"
    assert snapshot(out / "news" / "1.0.0") == before


@pytest.mark.parametrize("group", [False, True], ids=["process", "process-group"])
def test_sigterm_removes_the_staging_and_publishes_nothing(corpus, published, group):
    """SIGTERM to the build (or to its whole process group, workers included, as a service
    manager stops a job): one line, and no staging folder survives."""
    out, before = published
    proc = start(CLI, out, corpus, 2, start_new_session=True)
    wait_for(lambda: staging_dirs(out), proc)
    time.sleep(1.0)
    assert proc.poll() is None, "the build finished before the signal: make the corpus bigger"
    if group:
        os.killpg(proc.pid, signal.SIGTERM)
    else:
        proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=90)
    assert proc.returncode == 143
    text = stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text and text.strip().splitlines() == ["cleaner: terminated; nothing was published"], text
    assert b"published" not in stdout
    assert left_behind(out) == ["1.0.0"], "no version and no staging directory left"
    assert snapshot(out / "news" / "1.0.0") == before


def test_sigint_while_the_pool_writes_the_groups_keeps_only_the_resumable_work(corpus, published):
    out, before = published
    proc = start(CLI_INTERRUPTED_WHILE_WRITING_GROUPS, out, corpus, 2)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert_one_clear_line(stderr)
    assert b"published" not in stdout
    assert left_behind(out) == ["1.0.0"], "no version and no staging directory left"
    work = list((out / "news").glob(".2.0.0.work-*"))
    assert len(work) == 1 and len(list(work[0].glob("*.done"))) == N_DOCS // 8, "every input shard kept"
    assert snapshot(out / "news" / "1.0.0") == before


def test_sigkill_while_writing_leaves_no_version_and_the_next_build_succeeds(corpus, published):
    out, before = published
    proc = start(CLI_SMALL_ROW_GROUPS, out, corpus, 1)
    wait_for(lambda: any(list(s.glob("data/*/part-*.parquet")) for s in staging_dirs(out)), proc)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)  # reaped: its pid is gone
    assert proc.returncode == -signal.SIGKILL
    stale = staging_dirs(out)
    assert [s.name for s in stale] == [f".2.0.0.tmp-{proc.pid}"], "a staging directory is what remains"
    assert list(stale[0].glob("data/*/part-*.parquet")), "killed in the middle of writing"
    assert not (out / "news" / "2.0.0").exists()
    assert snapshot(out / "news" / "1.0.0") == before

    again = start(CLI, out, corpus, 2)
    stdout, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr.decode()
    assert b"published" in stdout and b"Traceback" not in stderr
    assert sorted(p.name for p in (out / "news").iterdir()) == ["1.0.0", "2.0.0"], "the stale staging is gone"
    assert (out / "news" / "2.0.0" / "manifest.json").is_file()
    assert snapshot(out / "news" / "1.0.0") == before


def test_sigint_while_starting_up_is_one_line_too(tmp_path):
    """An interrupt that lands while the build's modules are still being imported."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([*CLI, "build", str(SEEDS), "--out", str(tmp_path / "out"), "--workers", "1"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_ctrl_c_as_in_a_terminal)
    # Interrupt while the build command imports its modules: once pyarrow's library is mapped
    # (a SIGINT while Python itself starts, or while `cleaner.cli` is imported, is Python's own
    # business: a bare KeyboardInterrupt traceback no program can catch).
    maps = Path(f"/proc/{proc.pid}/maps")
    if maps.exists():
        wait_for(lambda: "arrow" in maps.read_text(errors="replace"), proc, timeout=30)
    else:
        time.sleep(0.6)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("this machine finished the whole build before the interrupt")
    assert proc.returncode != 0
    assert_one_clear_line(stderr)
    assert not (tmp_path / "out" / "seeds" / "0.1.0").exists()


def _alive_and_handling_sigint(pid: int) -> bool:
    """The process still runs and has not set SIGINT to be ignored."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if fields.get("State", "").strip().startswith("Z"):
        return False
    return not int(fields.get("SigIgn", "0").strip(), 16) & (1 << (signal.SIGINT - 1))


def _children(pid: int) -> list[int]:
    return [child for child, (parent, _) in processes().items() if parent == pid]


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or sys.platform == "darwin", reason="needs /proc and fork")
def test_ctrl_c_with_a_pool_prints_one_line_and_no_worker_traceback(corpus, published):
    out, before = published
    proc = start(CLI, out, corpus, 2, start_new_session=True)  # its own process group, like a shell job
    wait_for(lambda: staging_dirs(out) and len(_children(proc.pid)) >= 2, proc)
    time.sleep(0.5)
    # Ctrl-C reaches every process of the group. Deterministically: the workers first, and the
    # main process only once each worker has either died of it or is seen to ignore it (a
    # worker inside a long C call, loading a dictionary, raises KeyboardInterrupt only after).
    workers = _children(proc.pid)
    for pid in workers:
        os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + 30
    while any(_alive_and_handling_sigint(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert left_behind(out) == ["1.0.0"]
    assert snapshot(out / "news" / "1.0.0") == before
    assert_one_clear_line(stderr)


@pytest.mark.skipif(sys.platform == "darwin", reason="the pool forks only on Linux")
def test_pool_workers_leave_sigint_to_the_main_process(monkeypatch):
    """The same defect, seen without a subprocess: how a pool worker handles SIGINT."""
    monkeypatch.setattr(engine, "process", lambda raw, settings: repr(signal.getsignal(signal.SIGINT)))
    docs = [RawDocument("a.txt", data=b"x"), RawDocument("b.txt", data=b"y")]
    assert list(engine.run_engine(docs, Settings(), 2)) == [repr(signal.SIG_IGN)] * 2


def test_an_interrupt_while_language_profiles_load_is_not_swallowed(monkeypatch):
    from langdetect import detector_factory

    from cleaner.clean import language

    monkeypatch.setattr(detector_factory, "_factory", None)  # as in a fresh process

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(detector_factory.DetectorFactory, "add_profile", interrupted)
    with pytest.raises(KeyboardInterrupt):
        language.identify("The city council voted on Tuesday to turn a disused industrial site into a park.")
