"""Characters per second and peak memory of `shuzhi check`, on a corpus built from the project's examples.

    python benchmarks/check_speed.py [--mb 5] [--runs 3]

Prints the in-process engine throughput on one core (reading, splitting, structure, rules and scorecard; every
rule, and the foundation rules alone) and the
end-to-end command line (`shuzhi check DIR --format json`) with one and with two processes, each the median
of several runs, with the peak resident memory of the command.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.config import Config  # noqa: E402
from shuzhi.ingest import documents_of, load  # noqa: E402
from shuzhi.review.checker import Checker  # noqa: E402


# The rules of the foundation issue (placeholders, debris, stray letters, doubled words, punctuation, numbering).
FOUNDATION = ("PH", "AR", "TY001", "DU", "PU", "SC001", "SC002")


def example_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "examples" / "reports").iterdir()):
        sf = load(str(path), path.read_bytes())
        paragraphs += [line.strip() for line in sf.text.split("\n") if len(line.strip()) > 20]
    return paragraphs


def build_corpus(folder: Path, target_bytes: int, seed: int = 7) -> tuple[int, int, int]:
    """Reports of 20-40 example paragraphs each, numbers varied, headings renumbered: (files, chars, bytes)."""
    rng = random.Random(seed)
    pool = example_paragraphs()
    files = chars = size = 0
    while size < target_bytes:
        body = rng.sample(pool, k=min(len(pool), rng.randint(20, 40)))
        body = [re.sub(r"\d+", lambda m: str(rng.randint(1, 300)), p) for p in body]
        text = f"{rng.choice([2021, 2022, 2023, 2024])}年度第{files + 1}党支部书记抓基层党建工作述职报告\n" + "\n".join(body) + "\n"
        data = text.encode("utf-8")
        (folder / f"report_{files:05d}.txt").write_bytes(data)
        files += 1
        chars += len(text)
        size += len(data)
    return files, chars, size


def engine_rate(folder: Path, runs: int, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> tuple[float, float, float]:
    """Characters per second of load + split + structure + check + score in this process: (first pass,
    median of the passes after it, warm-up).

    The typo rule keeps what it has scored for the life of the process, so a second pass over the same
    reports is faster than a batch seen once: the first pass is the figure to quote.
    """
    checker = Checker(Config(select=select, ignore=ignore))
    files = sorted(folder.iterdir())
    blobs = [(str(p), p.read_bytes()) for p in files]
    started = time.perf_counter()
    for doc in documents_of(load("warm-up.txt", "2023年度第一党支部书记抓基层党建工作述职报告\n一、履职情况\n坚持从严治党。\n".encode())):
        checker.score(doc, checker.check(doc))  # lexicons, indexes and regexes are made once per process
    warmup = time.perf_counter() - started
    rates = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        chars = 0
        for name, data in blobs:
            sf = load(name, data)
            chars += len(sf.text)
            for doc in documents_of(sf):
                checker.score(doc, checker.check(doc))
        rates.append(chars / (time.perf_counter() - started))
    return rates[0], statistics.median(rates[1:]), warmup


def cli_run(folder: Path, jobs: int, runs: int) -> tuple[float, float]:
    """Median wall time and the largest peak RSS (MB) of `shuzhi check` over several runs."""
    times, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        proc = subprocess.run(
            [sys.executable, "-m", "shuzhi", "check", str(folder), "--format", "json", "--jobs", str(jobs)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"shuzhi check failed: {proc.stderr.decode()[:500]}")
        peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)
    return statistics.median(times), max(peaks)


_KNOWLEDGE_PROBE = """
import time
t0 = time.perf_counter()
from shuzhi.review.knowledge import load_knowledge
k = load_knowledge()
t1 = time.perf_counter()
from shuzhi.review.rules.formulation import index_for
index_for(True)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, len(k.formulations))
"""


def knowledge_load(runs: int) -> tuple[float, float, int]:
    """Median seconds, in a fresh process, to load and validate the knowledge base and to build the FM index."""
    loads, builds = [], []
    for _ in range(max(runs, 5)):
        out = subprocess.run([sys.executable, "-c", _KNOWLEDGE_PROBE], capture_output=True, text=True, cwd=ROOT, check=True)
        load_s, build_s, n = out.stdout.split()
        loads.append(float(load_s))
        builds.append(float(build_s))
    return statistics.median(loads), statistics.median(builds), int(n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 text (default 5)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shuzhi-bench-") as tmp:
        folder = Path(tmp)
        files, chars, size = build_corpus(folder, int(args.mb * 1024 * 1024))
        print(f"corpus: {files} reports, {chars:,} characters, {size / 1024 / 1024:.2f} MB UTF-8")
        load_s, build_s, n = knowledge_load(args.runs)
        print(f"knowledge base: {n} formulations loaded and validated in {load_s:.3f} s; formulation index built in {build_s:.3f} s (medians, fresh process)")
        for label, select, ignore in (("all rules", (), ()), ("all but the typo model TY002-TY004", (), ("TY002", "TY003", "TY004")),
                                      ("foundation rules PH AR TY001 DU PU SC001 SC002", FOUNDATION, ())):
            first, again, warmup = engine_rate(folder, args.runs, select, ignore)
            print(f"engine, one core, {label} (load+split+structure+check+score): {first:,.0f} chars/s on a first pass, "
                  f"{again:,.0f} on later passes (median of {args.runs}); first-use warm-up {warmup:.2f} s")
        for jobs in (1, 2):
            seconds, peak = cli_run(folder, jobs, args.runs)
            note = " (peak of the main process or one worker)" if jobs > 1 else ""
            print(f"cli --jobs {jobs}: {seconds:.2f} s median, {chars / seconds:,.0f} chars/s, peak RSS {peak:.0f} MB{note}")


if __name__ == "__main__":
    main()
