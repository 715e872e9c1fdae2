"""Reuse detection measured on synthetic corpora with planted copies (benchmarks/reuse_corpus.py).

    python benchmarks/reuse_bench.py quality [--docs 1000]
    python benchmarks/reuse_bench.py speed [--docs 1000]
    python benchmarks/reuse_bench.py scaling [--sizes 1000,10000,100000]
    python benchmarks/reuse_bench.py compare [--docs 1000]      (against copydetect and datasketch)

quality: recall of planted passages (all, and of 50 characters or more) and precision of reported passages.
speed: signatures per second on one core, milliseconds per aligned pair, the pipeline end to end.
scaling: each size run in a fresh process, with its wall time and peak memory, to show the growth.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402

from reuse_corpus import SyntheticCorpus, build  # noqa: E402
from shuzhi.reuse.corpus import ReuseDoc, ReuseParams, detect, prepare  # noqa: E402
from shuzhi.reuse.signatures import signature  # noqa: E402
from shuzhi.reuse.text import NormText  # noqa: E402


def docs_of(corpus: SyntheticCorpus, keep_text: bool = False) -> list[ReuseDoc]:
    return [
        ReuseDoc(k, f"r{k:06d}.txt", corpus.titles[k], 0, len(t), None, None, NormText.of_text(t), text=t if keep_text else None)
        for k, t in enumerate(corpus.texts)
    ]


def _orig_spans(doc: ReuseDoc, passages, side: str) -> list[tuple[int, int]]:
    return [doc.norm.span(getattr(p, f"{side}_start"), getattr(p, f"{side}_end")) for p in passages]


def evaluate(corpus: SyntheticCorpus, docs: list[ReuseDoc], result) -> dict:
    pairs = {(r.a, r.b): r for r in result.pairs}
    plants_by_pair: dict[tuple[int, int], list] = {}
    for p in corpus.plants:
        plants_by_pair.setdefault(tuple(sorted((p.donor, p.recipient))), []).append(p)
    found = {"all": [0, 0], "50+": [0, 0], "exact": [0, 0], "reordered": [0, 0], "changed": [0, 0]}
    for p in corpus.plants:
        key = tuple(sorted((p.donor, p.recipient)))
        r = pairs.get(key)
        covered = 0
        if r is not None:
            side = "a" if r.a == p.recipient else "b"
            spans = _orig_spans(docs[p.recipient], r.passages, side)
            mask = np.zeros(len(corpus.texts[p.recipient]) + 1, dtype=bool)
            for s, e in spans:
                mask[s:e] = True
            covered = sum(int(mask[s:e].sum()) for s, e in p.recipient_spans)
        total = sum(e - s for s, e in p.recipient_spans)
        hit = total > 0 and covered / total >= 0.5
        for bucket in ["all", p.kind] + (["50+"] if p.length >= 50 else []):
            found[bucket][0] += hit
            found[bucket][1] += 1
    true_passages = false_passages = 0
    for r in result.pairs:
        planted = plants_by_pair.get((r.a, r.b), [])
        for passage in r.passages:
            ok = False
            for p in planted:
                side = "a" if r.a == p.recipient else "b"
                s, e = _orig_spans(docs[p.recipient], [passage], side)[0]
                if any(s < pe and ps < e for ps, pe in p.recipient_spans):
                    ok = True
                    break
            true_passages += ok
            false_passages += not ok
    return {
        "recall": {k: (v[0] / v[1] if v[1] else None, v[0], v[1]) for k, v in found.items()},
        "precision": true_passages / max(true_passages + false_passages, 1),
        "passages": true_passages + false_passages,
        "false_passages": false_passages,
    }


def cmd_quality(args) -> None:
    corpus = build(args.docs)
    docs = docs_of(corpus)
    result = detect(docs, ReuseParams())
    ev = evaluate(corpus, docs, result)
    print(f"quality on {args.docs} synthetic reports, {len(corpus.plants)} planted copies, {len(result.pairs)} pairs reported")
    for bucket, (rate, hit, total) in ev["recall"].items():
        print(f"  recall {bucket:<10} {rate:.4f}  ({hit}/{total})" if rate is not None else f"  recall {bucket:<10} —")
    print(f"  precision of passages {ev['precision']:.4f}  ({ev['passages'] - ev['false_passages']}/{ev['passages']})")


def cmd_speed(args) -> None:
    corpus = build(args.docs)
    docs = docs_of(corpus)
    params = ReuseParams()
    texts = [d.norm.text for d in docs]
    rates = []
    for _ in range(3):
        started = time.perf_counter()
        for t in texts:
            signature(t, params.signatures)
        rates.append(len(texts) / (time.perf_counter() - started))
    mean_chars = statistics.mean(len(t) for t in texts)
    print(f"signatures: {statistics.median(rates):,.0f} reports/s on one core (reports of {mean_chars:,.0f} normalized characters, median of 3)")
    corpus_state = prepare(docs, params)
    from shuzhi.reuse.corpus import candidate_pairs

    pairs = sorted(candidate_pairs(docs, corpus_state.table, params, corpus_state.threshold))
    times = []
    for a, b in pairs[:2000]:
        corpus_state._hashes.clear()
        corpus_state._masks.clear()
        started = time.perf_counter()
        corpus_state.align(a, b)
        times.append((time.perf_counter() - started) * 1000)
    if times:
        print(f"alignment: {statistics.median(times):.2f} ms per candidate pair (median of {len(times)}, including each report's hashes and masks), p95 {np.percentile(times, 95):.2f} ms")
    started = time.perf_counter()
    result = detect(docs_of(corpus), params)
    print(f"pipeline: {args.docs} reports in {time.perf_counter() - started:.1f} s, {result.candidates} candidate pairs, {len(result.pairs)} pairs reported")


_SCALE = """
import sys, time, resource, json
sys.path.insert(0, {src!r}); sys.path.insert(0, {bench!r})
from reuse_corpus import build
from reuse_bench import docs_of, evaluate
from shuzhi.reuse.corpus import detect, ReuseParams
t0 = time.perf_counter()
corpus = build({n})
t1 = time.perf_counter()
docs = docs_of(corpus)
lengths = [len(t) for t in corpus.texts]
corpus.texts = None  # the pipeline keeps its own normalized copy; the generator's is not part of it
import gc; gc.collect()
result = detect(docs, ReuseParams())
t2 = time.perf_counter()
corpus.texts = ["x" * n for n in lengths]  # evaluation needs only the lengths
ev = evaluate(corpus, docs, result)
print(json.dumps({{"docs": {n}, "chars": sum(lengths), "generate_s": t1 - t0, "pipeline_s": t2 - t1,
  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "pairs": len(result.pairs),
  "candidates": result.candidates, "recall50": ev["recall"]["50+"][0], "precision": ev["precision"]}}))
"""


def cmd_scaling(args) -> None:
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'reports':>9} {'chars':>13} {'pipeline s':>11} {'s/1k':>7} {'peak MB':>8} {'candidates':>11} {'recall50+':>10} {'precision':>10}")
    for n in sizes:
        code = _SCALE.format(src=str(ROOT / "src"), bench=str(ROOT / "benchmarks"), n=n)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['docs']:>9,} {r['chars']:>13,} {r['pipeline_s']:>11.1f} {r['pipeline_s'] / n * 1000:>7.2f} {r['peak_mb']:>8.0f} "
              f"{r['candidates']:>11,} {r['recall50']:>10.4f} {r['precision']:>10.4f}   (generation {r['generate_s']:.0f} s, not counted)")


def cmd_write(args) -> None:
    """The corpus as .txt files with its planted copies in truth.json, for the command-line run."""
    import dataclasses

    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = build(args.docs)
    for k, text in enumerate(corpus.texts):
        (folder / f"r{k:06d}.txt").write_text(text, encoding="utf-8")
    (folder.parent / f"{folder.name}.truth.json").write_text(
        json.dumps({"lengths": [len(t) for t in corpus.texts], "plants": [dataclasses.asdict(p) for p in corpus.plants]}), encoding="utf-8")
    print(f"wrote {args.docs} reports to {folder}")


def cmd_e2e(args) -> None:
    """`shuzhi reuse FOLDER --format json` in a fresh process: wall time, peak memory, recall and precision."""
    from reuse_corpus import Plant

    folder = Path(args.folder)
    truth = json.loads((folder.parent / f"{folder.name}.truth.json").read_text(encoding="utf-8"))
    out = folder.parent / f"{folder.name}.result.json"
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with out.open("w") as f:
        proc = subprocess.run([sys.executable, "-m", "shuzhi", "reuse", str(folder), "--format", "json", *args.extra],
                              stdout=f, stderr=subprocess.PIPE, cwd=ROOT)
    seconds = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr.decode()[-2000:])
    data = json.loads(out.read_text(encoding="utf-8"))
    # Map the result's documents (by file name) back to the corpus numbering.
    number = {d["id"]: int(Path(d["source"]).stem[1:]) for d in data["documents"]}
    plants = [Plant(p["donor"], p["recipient"], tuple(p["donor_span"]), [tuple(x) for x in p["recipient_spans"]], p["kind"]) for p in truth["plants"]]
    pairs = {}
    for pr in data["pairs"]:
        a, b = number[pr["a"]], number[pr["b"]]
        spans = [((q["a_start"], q["a_end"]), (q["b_start"], q["b_end"])) for q in pr["passages"]]
        pairs[(a, b)] = spans
        pairs[(b, a)] = [(y, x) for x, y in spans]
    hit = total = hit50 = total50 = 0
    for p in plants:
        spans = [r for _, r in pairs.get((p.donor, p.recipient), [])]
        covered = 0
        for s, e in p.recipient_spans:
            covered += sum(max(0, min(e, qe) - max(s, qs)) for qs, qe in spans)
        ok = covered >= 0.5 * sum(e - s for s, e in p.recipient_spans)
        hit += ok
        total += 1
        if p.length >= 50:
            hit50 += ok
            total50 += 1
    by_pair = {}
    for p in plants:
        by_pair.setdefault((p.donor, p.recipient), []).extend(p.recipient_spans)
    good = bad = 0
    for pr in data["pairs"]:
        a, b = number[pr["a"]], number[pr["b"]]
        for q in pr["passages"]:
            spans_b = by_pair.get((a, b), [])  # a donor, b recipient
            spans_a = by_pair.get((b, a), [])
            ok = any(q["b_start"] < e and s < q["b_end"] for s, e in spans_b) or any(q["a_start"] < e and s < q["a_end"] for s, e in spans_a)
            good += ok
            bad += not ok
    chars = sum(truth["lengths"])
    print(f"shuzhi reuse on {len(truth['lengths']):,} reports ({chars:,} characters): {seconds:.1f} s, peak RSS {peak:.0f} MB; "
          f"recall {hit / max(total, 1):.4f} ({hit}/{total}), of 50+ characters {hit50 / max(total50, 1):.4f} ({hit50}/{total50}); "
          f"precision of passages {good / max(good + bad, 1):.4f} ({good}/{good + bad})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name in ("quality", "speed", "compare"):
        p = sub.add_parser(name)
        p.add_argument("--docs", type=int, default=1000)
    p = sub.add_parser("scaling")
    p.add_argument("--sizes", default="1000,10000")
    p = sub.add_parser("write")
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("out")
    p = sub.add_parser("e2e")
    p.add_argument("folder")
    p.add_argument("extra", nargs="*", help="more options for shuzhi reuse")
    args = parser.parse_args()
    if args.cmd == "compare":
        from reuse_compare import run as compare_run

        compare_run(args)
        return
    {"quality": cmd_quality, "speed": cmd_speed, "scaling": cmd_scaling, "write": cmd_write, "e2e": cmd_e2e}[args.cmd](args)


if __name__ == "__main__":
    main()
