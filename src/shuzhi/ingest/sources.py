"""Turn command-line paths (files, folders, zips, '-') into a list of inputs, refusing unsafe archives."""

from __future__ import annotations

import io
import os
import re
import stat
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import InputError
from .formats import sniff

MB = 1024 * 1024

REPORT_SUFFIXES = {".txt", ".text", ".docx", ".docm", ".dotx", ".doc", ".wps", ".pdf", ".rtf"}
ARCHIVE_SUFFIXES = {".zip"}
_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 20 * MB
    max_zip_members: int = 2000
    max_zip_bytes: int = 200 * MB
    max_zip_ratio: float = 100.0
    max_zip_depth: int = 2


@dataclass
class Item:
    """One input file to check: a path on disk or bytes already in memory."""

    source: str
    path: Path | None = None
    data: bytes | None = None
    # Where the file sits below the path the user named (a folder's file, an archive's member):
    # outputs written per input mirror it.
    relative: str = ""
    # Where its annotated copy goes, when one is asked for.
    output: str = ""

    def read(self, limits: Limits) -> bytes:
        if self.data is not None:
            if len(self.data) > limits.max_file_bytes:
                raise InputError(self.source, _too_big(len(self.data), limits))
            return self.data
        try:
            info = self.path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise InputError(self.source, "不是普通文件（设备、管道或套接字），未读取 / not a regular file")
            if info.st_size > limits.max_file_bytes:
                raise InputError(self.source, _too_big(info.st_size, limits))
            with self.path.open("rb") as f:
                data = f.read(limits.max_file_bytes + 1)  # the size may change while we read
            if len(data) > limits.max_file_bytes:
                raise InputError(self.source, _too_big(len(data), limits))
            return data
        except PermissionError:
            raise InputError(self.source, "没有读取权限 / permission denied") from None
        except IsADirectoryError:
            raise InputError(self.source, "这是文件夹而不是文件 / is a directory") from None
        except OSError as exc:
            raise InputError(self.source, f"无法读取文件（{exc.strerror or exc}） / cannot read") from None


@dataclass
class Collected:
    items: list[Item] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _too_big(size: int, limits: Limits) -> str:
    return (
        f"文件过大（{size / MB:.1f} MB，上限 {limits.max_file_bytes / MB:g} MB），未检查；"
        f"可用 --max-file-mb 调整 / file too large"
    )


def collect(paths: list[str], limits: Limits) -> Collected:
    out = Collected()
    seen_stdin = False
    for raw in paths:
        if raw == "-":
            if seen_stdin:
                continue
            seen_stdin = True
            try:
                data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
            except (AttributeError, OSError, ValueError):
                out.errors.append(InputError("<stdin>", "标准输入不可读 / stdin is not readable"))
                continue
            if len(data) > limits.max_file_bytes:
                out.errors.append(InputError("<stdin>", _too_big(len(data), limits)))
            elif sniff(data) == "zip":
                collect_zip_bytes("<stdin>", data, out, limits, relative="stdin")
            else:
                out.items.append(Item("<stdin>", data=data, relative="stdin.txt"))
            continue
        path = Path(raw)
        if path.is_dir():
            _collect_dir(path, out, limits)
        elif path.exists() and not path.is_file():
            out.errors.append(InputError(raw, "不是普通文件（设备、管道或套接字），未读取 / not a regular file"))
        elif path.exists():
            if _is_archive_file(path):
                _collect_zip_path(path, raw, out, limits, path.stem)
            else:
                out.items.append(Item(raw, path=path, relative=path.name))
        else:
            out.errors.append(InputError(raw, "文件或文件夹不存在 / no such file or directory"))
    _drop_repeats(out)
    return out


def _drop_repeats(out: Collected) -> None:
    """A file named twice (a folder and its subfolder, or the same path given twice) is checked once."""
    seen, kept = set(), []
    for item in out.items:
        key = item.path.resolve() if item.path is not None else item.source
        if key not in seen:
            seen.add(key)
            kept.append(item)
    out.items = kept


def _skip_name(name: str) -> bool:
    return name.startswith((".", "~$")) or name in _JUNK_NAMES


def _collect_dir(root: Path, out: Collected, limits: Limits) -> None:
    def unreadable(exc: OSError) -> None:
        out.errors.append(InputError(exc.filename or str(root), f"文件夹无法读取（{exc.strerror or exc}） / cannot read folder"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not _skip_name(d) and d != "__MACOSX")
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if _skip_name(name) or not path.is_file():
                continue  # lock files, hidden files, pipes and sockets left in a folder
            suffix = path.suffix.lower()
            relative = path.relative_to(root).as_posix()
            if suffix in ARCHIVE_SUFFIXES:
                _collect_zip_path(path, str(path), out, limits, relative[: -len(suffix)])
            elif suffix in REPORT_SUFFIXES:
                out.items.append(Item(str(path), path=path, relative=relative))
            else:
                out.skipped.append(str(path))


def _is_archive_file(path: Path) -> bool:
    """A zip that is not itself an Office document."""
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError:
        return False
    if head[:4] not in (b"PK\x03\x04", b"PK\x05\x06"):
        return False
    if path.suffix.lower() in ARCHIVE_SUFFIXES:
        return True
    try:
        with zipfile.ZipFile(path) as zf:
            return "[Content_Types].xml" not in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _collect_zip_path(path: Path, source: str, out: Collected, limits: Limits, relative: str) -> None:
    try:
        size = path.stat().st_size
        if size > limits.max_zip_bytes:
            out.errors.append(InputError(source, f"压缩包过大（{size / MB:.1f} MB，上限 {limits.max_zip_bytes / MB:g} MB） / archive too large"))
            return
        data = path.read_bytes()
    except OSError as exc:
        out.errors.append(InputError(source, f"无法读取文件（{exc.strerror or exc}） / cannot read"))
        return
    collect_zip_bytes(source, data, out, limits, relative=relative)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name, decoding the GBK names that Chinese Windows writes without the UTF-8 flag.

    Control characters are replaced, so a name cannot send escape sequences to the terminal.
    """
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            raw = None
        for enc in ("utf-8", "gb18030") if raw is not None else ():
            try:
                name = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    return _CONTROL.sub("?", name)


def check_zip(
    source: str, zf: zipfile.ZipFile, limits: Limits, budget: list[int] | None = None, what: str = "压缩包"
) -> list[zipfile.ZipInfo]:
    """Validate an archive (a .zip, or the package of a .docx) before anything is decompressed.

    Returns its file members. `budget` holds the bytes still allowed to be unpacked across nested archives.
    """
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        raise InputError(source, f"{what}内文件过多（{len(infos)}个，上限{limits.max_zip_members}个），已拒绝 / too many members")
    for info in infos:
        name = member_name(info).replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (len(name) > 1 and name[1] == ":"):
            raise InputError(source, f"{what}含有越界路径（{name}），已拒绝 / path traversal in archive")
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > limits.max_zip_bytes or (budget is not None and total > budget[0]):
        raise InputError(source, f"{what}解压后过大（{total / MB:.1f} MB，连同外层合计上限 {limits.max_zip_bytes / MB:g} MB），已拒绝 / archive too large when unpacked")
    if budget is not None:
        budget[0] -= total
    worst = max(
        [total / max(packed, 1)] + [i.file_size / max(i.compress_size, 1) for i in infos if i.file_size > MB],
        default=0,
    )
    if total > MB and worst > limits.max_zip_ratio:
        raise InputError(source, f"{what}压缩比异常（{worst:.0f}倍，上限{limits.max_zip_ratio:g}倍），疑似压缩炸弹，已拒绝 / zip bomb suspected")
    return [info for info in infos if not info.is_dir()]


def collect_zip_bytes(
    source: str,
    data: bytes,
    out: Collected,
    limits: Limits,
    depth: int = 1,
    budget: list[int] | None = None,
    relative: str = "",
) -> None:
    if budget is None:
        budget = [limits.max_zip_bytes]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        out.errors.append(InputError(source, "压缩包已损坏或不是zip格式 / corrupt zip archive"))
        return
    with zf:
        try:
            members = check_zip(source, zf, limits, budget)
        except InputError as exc:
            out.errors.append(exc)
            return
        for info in members:
            name = member_name(info)
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if any(_skip_name(p) or p == "__MACOSX" for p in parts):
                continue
            member_source = f"{source}::{name}"
            member_relative = f"{relative}/{name}" if relative else name
            suffix = PurePosixPath(name).suffix.lower()
            if suffix not in REPORT_SUFFIXES and suffix not in ARCHIVE_SUFFIXES:
                out.skipped.append(member_source)
                continue
            if info.flag_bits & 0x1:
                out.errors.append(InputError(member_source, "压缩包内文件已加密，无法读取 / encrypted member"))
                continue
            if info.file_size > limits.max_file_bytes and suffix not in ARCHIVE_SUFFIXES:
                out.errors.append(InputError(member_source, _too_big(info.file_size, limits)))
                continue
            try:
                body = zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                out.errors.append(InputError(member_source, f"压缩包内文件损坏（{type(exc).__name__}） / damaged member"))
                continue
            if suffix in ARCHIVE_SUFFIXES:
                if depth >= limits.max_zip_depth:
                    out.errors.append(InputError(member_source, "压缩包嵌套层数过多，已拒绝 / archives nested too deep"))
                else:
                    collect_zip_bytes(member_source, body, out, limits, depth + 1, budget, member_relative[: -len(suffix)])
                continue
            out.items.append(Item(member_source, data=body, relative=member_relative))
