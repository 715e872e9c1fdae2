"""The reuse pipeline on a Dask LocalCluster of worker processes: wall time and the peak memory of each worker.

    python benchmarks/reuse_dask.py FOLDER [--workers 2]

FOLDER holds .txt reports (benchmarks/reuse_bench.py write makes one). Worker memory is sampled every
half second while the pipeline runs; the figure is what one worker needs for a corpus of this size.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.reuse.corpus import ReuseParams  # noqa: E402
from shuzhi.reuse.distributed import detect_on_dask  # noqa: E402
from shuzhi.reuse.load import load_reports  # noqa: E402


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    docs, errors, _ = load_reports([args.folder], keep_text=False)
    loaded = time.perf_counter() - started
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        peaks: dict[str, int] = {}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                try:
                    for worker, rss in client.run(_rss).items():
                        peaks[worker] = max(peaks.get(worker, 0), rss)
                except Exception:  # the cluster is going away (the run failed): stop sampling
                    return
                time.sleep(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t0 = time.perf_counter()
        result = detect_on_dask(docs, ReuseParams(), client)
        pipeline = time.perf_counter() - t0
        done.set()
        sampler.join()
    print(f"{len(docs):,} reports: loaded in {loaded:.1f} s (client), Dask pipeline {pipeline:.1f} s on {args.workers} workers; "
          f"{len(result.pairs)} pairs; peak worker memory " + ", ".join(f"{rss / 2**20:.0f} MB" for rss in peaks.values()))


if __name__ == "__main__":
    main()
