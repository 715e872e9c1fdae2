"""Folders and zip archives: what is read, what is skipped, and what is refused."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from shuzhi.ingest.sources import MB, Limits, collect

REPORT = "2023年度党支部书记述职报告\n一、履职情况\n全年召开支委会12次。\n".encode()


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_folder_is_walked_in_order_skipping_lock_files_and_hidden_files(tmp_path):
    (tmp_path / "b.txt").write_bytes(REPORT)
    (tmp_path / "a.docx").write_bytes(b"x")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    (tmp_path / ".hidden.txt").write_bytes(REPORT)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    sub = tmp_path / "子目录"
    sub.mkdir()
    (sub / "c.pdf").write_bytes(b"%PDF-1.4")
    got = collect([str(tmp_path)], Limits())
    assert [i.source for i in got.items] == [str(tmp_path / n) for n in ("a.docx", "b.txt", "子目录/c.pdf")]
    assert got.skipped == [str(tmp_path / "photo.jpg")]
    assert got.errors == []


def test_missing_paths_are_errors_and_the_rest_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(REPORT)
    got = collect([str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")], Limits())
    assert [e.source for e in got.errors] == [str(tmp_path / "nope.txt")]
    assert "不存在" in got.errors[0].message
    assert len(got.items) == 1


def test_zip_members_are_read_with_gbk_names(tmp_path):
    # Chinese Windows writes GBK names without the UTF-8 flag; zipfile cannot, so patch the bytes.
    gbk_name = "一支部/报告.txt".encode("gbk")
    stand_in = "x" * len(gbk_name)
    data = _zip({stand_in: REPORT, "__MACOSX/._报告.txt": b"junk", "说明.xlsx": b"x"})
    path = tmp_path / "材料.zip"
    path.write_bytes(data.replace(stand_in.encode(), gbk_name))
    got = collect([str(path)], Limits())
    assert [i.source for i in got.items] == [f"{path}::一支部/报告.txt"]
    assert got.items[0].read(Limits()) == REPORT
    assert got.skipped == [f"{path}::说明.xlsx"]


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/etc/passwd.txt", "C:/evil.txt", "..\\evil.txt"])
def test_zip_with_path_traversal_is_refused(tmp_path, name):
    path = tmp_path / "bad.zip"
    path.write_bytes(_zip({"ok.txt": REPORT, name: REPORT}))
    got = collect([str(path)], Limits())
    assert got.items == []
    assert len(got.errors) == 1 and "越界路径" in got.errors[0].message


def test_zip_with_too_many_members_is_refused(tmp_path):
    path = tmp_path / "many.zip"
    path.write_bytes(_zip({f"{i}.txt": b"x" for i in range(2001)}, zipfile.ZIP_STORED))
    got = collect([str(path)], Limits())
    assert got.items == [] and "文件过多（2001个，上限2000个）" in got.errors[0].message


def test_zip_bomb_is_refused_by_compression_ratio(tmp_path):
    path = tmp_path / "bomb.zip"
    path.write_bytes(_zip({"bomb.txt": b"\x00" * (20 * MB)}))
    got = collect([str(path)], Limits())
    assert got.items == [] and "压缩炸弹" in got.errors[0].message


def test_zip_larger_than_the_unpacked_limit_is_refused(tmp_path):
    path = tmp_path / "big.zip"
    path.write_bytes(_zip({"a.txt": REPORT * 100, "b.txt": REPORT * 100}))
    got = collect([str(path)], Limits(max_zip_bytes=10_000))
    assert got.items == [] and "解压后过大" in got.errors[0].message


def test_default_limits_are_those_promised():
    limits = Limits()
    assert limits.max_zip_members == 2000
    assert limits.max_zip_bytes == 200 * MB
    assert limits.max_zip_ratio == 100
    assert limits.max_file_bytes == 20 * MB


def test_nested_zip_is_read_and_shares_the_budget(tmp_path):
    inner = _zip({"内层.txt": REPORT})
    path = tmp_path / "outer.zip"
    path.write_bytes(_zip({"外层.txt": REPORT, "inner.zip": inner}))
    got = collect([str(path)], Limits())
    assert sorted(i.source for i in got.items) == sorted([f"{path}::外层.txt", f"{path}::inner.zip::内层.txt"])


def test_corrupt_zip_is_an_error(tmp_path):
    path = tmp_path / "bad.zip"
    path.write_bytes(_zip({"a.txt": REPORT})[:40])
    got = collect([str(path)], Limits())
    assert got.items == [] and "压缩包已损坏" in got.errors[0].message


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * MB)  # sparse: costs no disk
    (item,) = collect([str(path)], Limits()).items
    with pytest.raises(Exception) as err:
        item.read(Limits())
    assert "文件过大（200.0 MB，上限 20 MB）" in str(err.value)


def test_zip_member_over_the_size_limit_is_an_error(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(_zip({"big.txt": REPORT * 50, "small.txt": REPORT}, zipfile.ZIP_STORED))
    got = collect([str(path)], Limits(max_file_bytes=1000))
    assert [i.source for i in got.items] == [f"{path}::small.txt"]
    assert "文件过大" in got.errors[0].message and got.errors[0].source == f"{path}::big.txt"


def test_pipes_and_devices_are_refused_without_being_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    got = collect([str(fifo), "/dev/zero"], Limits())
    assert [e.source for e in got.errors] == [str(fifo), "/dev/zero"]
    assert all("不是普通文件" in e.message for e in got.errors)


def test_a_file_named_twice_is_checked_once(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_bytes(REPORT)
    got = collect([str(tmp_path), str(sub), str(sub / "a.txt")], Limits())
    assert len(got.items) == 1


def test_control_characters_in_member_names_are_neutralized(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(_zip({"\x1b]0;x\x07name.txt": REPORT}))
    (item,) = collect([str(path)], Limits()).items
    assert "\x1b" not in item.source and "\x07" not in item.source
