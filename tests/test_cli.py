"""The command line: output formats, exit status, bad input in a batch, configuration."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import pytest

from shuzhi.cli import main
from tests.conftest import COMPILATION_EXAMPLE, DOCX_EXAMPLE, EXAMPLES, GBK_EXAMPLE, image_only_pdf, pdf_bytes

CLEAN = "2023年度党支部书记抓基层党建工作述职报告\n一、履职情况\n全年召开支委会12次。\n"
DIRTY = "2023年度党支部书记抓基层党建工作述职报告\n一、履职情况\n全年召开支委会XX次。\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_status_0_when_clean_1_when_errors(tmp_path, capsys):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    assert run(capsys, "check", str(tmp_path / "clean.txt"))[0] == 0
    code, out, _ = run(capsys, "check", str(tmp_path / "dirty.txt"))
    assert code == 1
    assert f"{tmp_path / 'dirty.txt'}:3:8  PH001  错误  模板占位符“XX”未填写" in out
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if "PH001" in line)
    assert lines[i + 1].strip() == "全年召开支委会XX次。"
    # The caret sits under XX: seven Chinese characters take fourteen columns.
    assert lines[i + 2] == "    " + " " * 14 + "^^"


def test_warnings_alone_exit_0(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(CLEAN.replace("12次。", "12次,学习12次。"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path / "a.txt"))
    assert code == 0 and "PU003" in out


def test_json_follows_the_contract(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(image_only_pdf())
    code, out, _ = run(capsys, "check", "--format", "json", "--select", "PH", str(tmp_path))
    assert code == 2
    data = json.loads(out)
    assert data["version"] == 1
    (doc,) = data["documents"]
    assert {"source", "title", "year", "kind", "start", "end", "score", "findings"} <= doc.keys()
    assert doc["year"] == 2023 and doc["kind"] == "党建述职"
    assert doc["score"]["rating"] in ("好", "较好", "一般", "差") and doc["score"]["missing_parts"] == ["存在问题", "原因分析", "下一步打算"]
    (f,) = doc["findings"]
    assert f == {
        "rule": "PH001", "category": "placeholder", "severity": "error", "start": 37, "end": 39,
        "line": 3, "column": 8, "text": "XX", "message": "模板占位符“XX”未填写", "suggestions": [],
    }
    assert DIRTY[f["start"] : f["end"]] == "XX"
    assert data["errors"] == [{"source": str(tmp_path / "b.pdf"), "message": "无文本层（扫描件），需先OCR / no text layer (scanned PDF)"}]
    assert data["summary"]["failed"] == 1


def test_a_batch_of_bad_inputs_reports_each_and_checks_the_rest(tmp_path, capsys):
    bad = tmp_path / "batch"
    bad.mkdir()
    (bad / "01-empty.txt").write_bytes(b"")
    (bad / "02-binary.txt").write_bytes(bytes(range(256)) * 50)
    (bad / "03-truncated.docx").write_bytes(DOCX_EXAMPLE.read_bytes()[:5000])
    (bad / "04-scanned.pdf").write_bytes(image_only_pdf())
    (bad / "05-encrypted.pdf").write_bytes(pdf_bytes([["秘密"]], encrypt="pw"))
    with (bad / "06-huge.txt").open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"\x00" * (20 * 1024 * 1024))
    (bad / "07-bomb.zip").write_bytes(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../etc/evil.txt", DIRTY)
    (bad / "08-traversal.zip").write_bytes(buf.getvalue())
    (bad / "09-good.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2
    reasons = {
        "01-empty.txt": "文件为空",
        "02-binary.txt": "不是文本文件",
        "03-truncated.docx": "损坏",
        "04-scanned.pdf": "无文本层（扫描件），需先OCR",
        "05-encrypted.pdf": "PDF已加密",
        "06-huge.txt": "文件过大（200.0 MB，上限 20 MB）",
        "07-bomb.zip": "疑似压缩炸弹",
        "08-traversal.zip": "越界路径",
    }
    for name, reason in reasons.items():
        matching = [line for line in out.splitlines() if line.startswith(str(bad / name)) and "无法读取" in line]
        assert len(matching) == 1 and reason in matching[0], (name, matching)
    assert "09-good.txt:3:8  PH001" in out
    assert "8 个文件无法读取" in out
    assert "Traceback" not in out + err


def test_select_ignore_and_severity_from_config(tmp_path, capsys, monkeypatch):
    report = tmp_path / "a.txt"
    report.write_text(DIRTY.replace("12", "1").replace("次。", "次,推动推动工作。"), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--select", "DU", str(report))
    assert "DU001" in out and "PH001" not in out and "PU003" not in out and code == 0
    code, out, _ = run(capsys, "check", "--ignore", "PH001,PU", str(report))
    assert "PH001" not in out and "PU003" not in out and "DU001" in out
    (tmp_path / "shuzhi.toml").write_text('ignore = ["PU"]\n[severity]\nDU001 = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "a.txt")
    assert "PU003" not in out and "DU001  错误" in out


def test_unknown_rule_code_is_a_usage_error(capsys):
    code, out, err = run(capsys, "check", "--select", "ZZ999", str(GBK_EXAMPLE))
    assert code == 2 and "未知的规则代码" in err and out == ""


def test_bad_config_is_a_usage_error(tmp_path, capsys):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("colour = 1\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--config", str(cfg), str(GBK_EXAMPLE))
    assert code == 2 and "未知设置：colour" in err


def test_year_option_reaches_the_output(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("述职报告\n今年以来，我们开展工作。\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--format", "json", "--year", "2024", str(tmp_path / "a.txt"))
    assert json.loads(out)["documents"][0]["year"] == 2024


def test_max_file_mb_option(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(CLEAN * 100, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--max-file-mb", "0.001", str(tmp_path / "a.txt"))
    assert code == 2 and "文件过大" in out


def test_annotate_one_file_and_a_folder(tmp_path, capsys):
    out_file = tmp_path / "one.docx"
    code, out, _ = run(capsys, "check", "--annotate-docx", str(out_file), str(GBK_EXAMPLE))
    assert code == 1 and out_file.exists()
    code, out, _ = run(capsys, "check", "--annotate-docx", str(tmp_path / "many"), str(EXAMPLES))
    assert sorted(p.name for p in (tmp_path / "many").iterdir()) == sorted(p.stem + ".批注.docx" for p in EXAMPLES.iterdir())


def test_annotate_to_a_docx_name_with_several_inputs_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, "check", "--annotate-docx", str(tmp_path / "x.docx"), str(EXAMPLES))
    assert code == 2 and "应指定一个文件夹" in err


def test_parallel_jobs_give_the_same_output_in_the_same_order(capsys):
    _, serial, _ = run(capsys, "check", "--jobs", "1", str(EXAMPLES))
    _, parallel, _ = run(capsys, "check", "--jobs", "2", str(EXAMPLES))
    assert serial == parallel and serial.count("PH00") >= 10


def test_split_prints_the_reports_of_a_compilation(capsys):
    code, out, _ = run(capsys, "split", str(COMPILATION_EXAMPLE))
    assert code == 0 and "3 篇报告" in out
    assert "[2] 区教育局机关党支部书记述职报告" in out and "四、下一步打算  〔下一步打算〕" in out
    code, out, _ = run(capsys, "split", "--format", "json", str(COMPILATION_EXAMPLE))
    data = json.loads(out)
    text = COMPILATION_EXAMPLE.read_bytes().decode("utf-8-sig")
    front, *reports = data["documents"]
    assert front["front_matter"] and text[front["start"] :].startswith("2023年度区直机关")
    for doc in reports:
        assert text[doc["start"] :].startswith(doc["title"])


def test_split_of_an_unreadable_file(tmp_path, capsys):
    (tmp_path / "a.pdf").write_bytes(image_only_pdf())
    code, _, err = run(capsys, "split", str(tmp_path / "a.pdf"))
    assert code == 2 and "无文本层" in err


def test_rules_lists_every_rule_with_examples(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for code_ in ("PH001", "AR001", "TY001", "DU001", "PU001", "SC001", "SC002"):
        assert code_ in out
    assert "✗" in out and "✓" in out
    _, out, _ = run(capsys, "rules", "--format", "json", "PH")
    assert [r["code"] for r in json.loads(out)["rules"]] == ["PH001", "PH002", "PH003", "PH004", "PH005"]
    _, out, _ = run(capsys, "rules", "--format", "markdown", "SC001")
    assert out.startswith("# shuzhi 规则表") and "## SC001" in out


def test_usage_errors_are_chinese_and_exit_2(capsys):
    code, _, err = run(capsys, "check")
    assert code == 2 and "缺少必需的参数" in err
    code, _, err = run(capsys, "check", "--format", "xml", "a.txt")
    assert code == 2 and "无效" in err


def test_nothing_to_check(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and "没有找到可检查的报告文件" in err


def test_python_m_shuzhi_is_the_same_command_and_pipes_show_no_progress_bar(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "shuzhi", "check", str(EXAMPLES)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "检查中" not in proc.stderr and proc.stderr == ""
    assert "读取 4 个文件，共 6 篇报告" in proc.stdout


def test_stdin_is_read(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "shuzhi", "check", "-"], input=DIRTY.encode("gbk"), capture_output=True, timeout=60)
    assert proc.returncode == 1 and "<stdin>:3:8  PH001".encode() in proc.stdout


@pytest.mark.parametrize("argv", [["--version"], ["check", "--help"]])
def test_version_and_help(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "shuzhi" in out or "用法" in out
