"""The SQLite index and the compare, reuse and index commands."""

from __future__ import annotations

import json

import openpyxl

from shuzhi.cli import main
from shuzhi.reuse.index import ReuseIndex, build
from shuzhi.reuse.load import load_reports
from tests.reuse.test_corpus import unique_text

COPIED = unique_text(77, 150)


def write_reports(folder):
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "a.txt": "2023年度甲党支部书记抓基层党建工作述职报告\n" + unique_text(1) + COPIED + unique_text(2, 200),
        "b.txt": "2023年度乙党支部书记抓基层党建工作述职报告\n" + unique_text(3, 200) + COPIED + unique_text(4),
        "c.txt": "2023年度丙党支部书记抓基层党建工作述职报告\n" + unique_text(5),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return texts


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_text_json_and_html(tmp_path, capsys):
    texts = write_reports(tmp_path / "r")
    a, b, c = (str(tmp_path / "r" / n) for n in ("a.txt", "b.txt", "c.txt"))
    code, out, _ = run(capsys, "compare", a, b, "--html", str(tmp_path / "pair.html"))
    assert code == 1 and "文字复制比" in out
    page = (tmp_path / "pair.html").read_text(encoding="utf-8")
    assert page.count("<mark") >= 2 and "<script" not in page
    code, out, _ = run(capsys, "compare", "--format", "json", a, b)
    data = json.loads(out)
    (pair,) = data["pairs"]
    for p in pair["passages"]:
        assert texts["a.txt"][p["a_start"] : p["a_end"]] == texts["b.txt"][p["b_start"] : p["b_end"]]
    assert run(capsys, "compare", a, c)[0] == 0


def test_html_escapes_the_report_text(tmp_path, capsys):
    folder = tmp_path / "r"
    folder.mkdir()
    evil = "<script>alert(1)</script>" + COPIED
    (folder / "a.txt").write_text("2023年度甲党支部述职报告\n" + unique_text(1) + evil, encoding="utf-8")
    (folder / "b.txt").write_text("2023年度乙党支部述职报告\n" + evil + unique_text(2), encoding="utf-8")
    run(capsys, "compare", str(folder / "a.txt"), str(folder / "b.txt"), "--html", str(tmp_path / "p.html"))
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_reuse_over_a_folder_with_xlsx_and_html(tmp_path, capsys):
    write_reports(tmp_path / "r")
    code, out, _ = run(capsys, "reuse", str(tmp_path / "r"), "--format", "json", "--xlsx", str(tmp_path / "pairs.xlsx"),
                       "--html-dir", str(tmp_path / "html"))
    assert code == 1
    data = json.loads(out)
    assert set(data) >= {"version", "documents", "pairs", "clusters", "common_phrases"}
    (pair,) = data["pairs"]
    names = {d["id"]: d["source"].rsplit("/", 1)[-1] for d in data["documents"]}
    assert {names[pair["a"]], names[pair["b"]]} == {"a.txt", "b.txt"}
    sheet = openpyxl.load_workbook(tmp_path / "pairs.xlsx")["雷同报告"]
    assert sheet.max_row == 2 and sheet["F1"].value == "甲复制比"
    assert len(list((tmp_path / "html").glob("*.html"))) == 1


def test_unreadable_files_in_a_reuse_run(tmp_path, capsys):
    folder = tmp_path / "r"
    write_reports(folder)
    (folder / "bad.txt").write_bytes(b"")
    code, out, _ = run(capsys, "reuse", str(folder))
    assert code == 2 and "bad.txt: 无法读取：文件为空" in out and "文字复制比" in out


def test_identical_reports_are_reported_as_such(tmp_path, capsys):
    folder = tmp_path / "r"
    texts = write_reports(folder)
    (folder / "a-copy.txt").write_text(texts["a.txt"], encoding="utf-8")
    data = json.loads(run(capsys, "reuse", str(folder), "--format", "json")[1])
    identical = [p for p in data["pairs"] if p["identical"]]
    assert len(identical) == 1 and identical[0]["ratio_a"] > 0.95


def test_index_build_add_and_query(tmp_path, capsys):
    write_reports(tmp_path / "r")
    docs, _, _ = load_reports([str(tmp_path / "r" / "a.txt"), str(tmp_path / "r" / "c.txt")])
    index = build(tmp_path / "idx.db", docs)
    assert index.size == 2
    more, _, _ = load_reports([str(tmp_path / "r" / "c.txt")])
    assert index.add(more) == (0, 1)  # the same content is not stored twice
    index.close()
    code, out, err = run(capsys, "index", "query", str(tmp_path / "idx.db"), str(tmp_path / "r" / "b.txt"), "--format", "json")
    data = json.loads(out)
    (pair,) = data["pairs"]
    assert code == 1 and pair["shared_chars"] >= 140 and "用时" in err
    by_id = {d["id"]: d for d in data["documents"]}
    assert by_id[pair["b"]]["source"].endswith("a.txt")
    assert ReuseIndex(tmp_path / "idx.db").size == 2


def test_index_commands_and_errors(tmp_path, capsys):
    write_reports(tmp_path / "r")
    db = str(tmp_path / "i.db")
    assert run(capsys, "index", "build", db, str(tmp_path / "r"))[0] == 0
    code, out, _ = run(capsys, "index", "info", db)
    assert "3 篇报告" in out
    code, _, err = run(capsys, "index", "query", str(tmp_path / "missing.db"), str(tmp_path / "r"))
    assert code == 2 and "索引文件不存在" in err


def test_empty_tiny_and_all_boilerplate_corpora(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, "reuse", str(tmp_path / "empty"))
    assert code == 0 and "共 0 篇报告" in out and "Traceback" not in err
    (tmp_path / "short.txt").write_text("短文。\n", encoding="utf-8")
    code, out, _ = run(capsys, "reuse", str(tmp_path / "short.txt"))
    assert code == 0 and "共 1 篇报告，0 对" in out
    # A report made only of stock phrases and formulations, and a second file identical to it.
    stock = "2023年度甲党支部书记抓基层党建工作述职报告\n现将有关情况报告如下。坚持以习近平新时代中国特色社会主义思想为指导，增强“四个意识”、坚定“四个自信”、做到“两个维护”。\n"
    for name in ("stock.txt", "stock-copy.txt"):
        (tmp_path / name).write_text(stock, encoding="utf-8")
    data = json.loads(run(capsys, "reuse", str(tmp_path / "short.txt"), str(tmp_path / "stock.txt"), str(tmp_path / "stock-copy.txt"), "--format", "json")[1])
    (pair,) = data["pairs"]
    assert pair["identical"] and (pair["a"], pair["b"]) == (1, 2)
    # Against a report that shares only the stock phrases, nothing is copying.
    other = "2023年度乙党支部书记抓基层党建工作述职报告\n现将有关情况报告如下。坚持以习近平新时代中国特色社会主义思想为指导。" + unique_text(9) + "\n"
    (tmp_path / "other.txt").write_text(other, encoding="utf-8")
    code, out, _ = run(capsys, "compare", str(tmp_path / "stock.txt"), str(tmp_path / "other.txt"), "--format", "json")
    assert code == 0 and json.loads(out)["pairs"] == []
