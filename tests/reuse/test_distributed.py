"""The Dask pipeline gives the same result as the single-machine one (on a LocalCluster)."""

from __future__ import annotations

import pytest

distributed = pytest.importorskip("distributed")

from shuzhi.reuse.corpus import ReuseParams, detect  # noqa: E402
from shuzhi.reuse.distributed import detect_on_dask  # noqa: E402
from tests.reuse.test_corpus import COMMON, ids, report, unique_text  # noqa: E402


def test_dask_and_local_agree():
    copied = unique_text(99, 200)
    template = unique_text(50, 900)
    reports = [report(f"2023年度第{k}党支部书记抓基层党建工作述职报告", COMMON + unique_text(k)) for k in range(8)]
    reports.append(report("2023年度甲党支部书记抓基层党建工作述职报告", COMMON + unique_text(100) + copied))
    reports.append(report("2023年度乙党支部书记抓基层党建工作述职报告", COMMON + copied + unique_text(101)))
    reports += [report(f"2023年度第{k}村党支部书记抓基层党建工作述职报告", template + unique_text(200 + k, 100)) for k in range(3)]
    local = detect(ids(reports), ReuseParams())
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = detect_on_dask(ids(reports), ReuseParams(), client, partitions=3)
    key = lambda r: (r.a, r.b, r.shared_a, r.shared_b, [(p.a_start, p.a_end, p.b_start, p.b_end) for p in r.passages])  # noqa: E731
    assert sorted(map(key, remote.pairs)) == sorted(map(key, local.pairs))
    assert remote.clusters == local.clusters == [[10, 11, 12]]
    assert (8, 9) in {(r.a, r.b) for r in remote.pairs}
