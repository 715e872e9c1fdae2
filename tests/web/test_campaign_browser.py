"""One campaign end to end in a real browser (Debian's Chromium through Playwright): the secretary submits, the
reviewer returns it, the secretary resubmits, the reviewer reads and rates, a 评议 member votes with a printed code,
the problem list is fed back, the secretary applies to close an item with evidence, the reviewer approves."""

from __future__ import annotations

import io
import re
import shutil

import docx
import pytest

from .conftest import PASSWORD, report_bytes
from .test_browser import browser  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser
SHOTS = "/tmp/shuzhi-campaign-shots"


def _login(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())  # the buttons that ask first (data-confirm)
    page.goto(live_server.url + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def _shot(page, tmp_path, name):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    shutil.os.makedirs(SHOTS, exist_ok=True)
    shutil.copy(path, f"{SHOTS}/{name}.png")


def test_a_campaign_from_submission_to_closing_an_item(browser, live_server, tree, tmp_path):  # noqa: F811
    import datetime

    from shuzhi.web.campaigns import services
    from shuzhi.web.campaigns.models import Campaign, Item
    from shuzhi.web.campaigns.workflow import move

    class Form:
        cleaned_data = {"reporter_kinds": ["branch"]}

        def save(self, commit=False):
            return Campaign(name="2023年度党支部书记述职评议", year=2023, scope=tree.committee,
                            deadline=datetime.date.today() + datetime.timedelta(days=7))

    campaign = services.create(Form(), tree.reviewer)
    move(campaign, "advance", tree.reviewer)
    base = f"{live_server.url}/campaigns/{campaign.pk}"
    first = tmp_path / "第一党支部述职报告.txt"
    first.write_bytes(report_bytes("第一党支部", 30))
    second = tmp_path / "第一党支部述职报告（修改稿）.txt"
    second.write_bytes(report_bytes("第一党支部", 31))

    # The secretary sees the reminder, submits, and reads the 预审 at once.
    sec = _login(browser, live_server, "sec_a")
    sec.goto(live_server.url + "/campaigns/")
    assert "请在" in sec.inner_text("main") and "前提交述职报告" in sec.inner_text("main")
    sec.click("text=去提交")
    sec.set_input_files("input[name=file]", str(first))
    sec.click("button:has-text('提交报告')")
    sec.wait_for_load_state()
    assert "已提交第1版" in sec.inner_text(".messages")
    assert "2处模板内容未填写" in sec.inner_text(".flags")
    _shot(sec, tmp_path, "1-secretary-submitted")

    # The reviewer returns it with a reason.
    rev = _login(browser, live_server, "reviewer")
    rid = campaign.reporters.get(organization=tree.branch_a).pk
    rev.goto(f"{base}/r/{rid}/")
    rev.fill("input[name=note]", "请把模板内容填写完整")
    rev.click("button[value=send_back]")
    rev.wait_for_load_state()
    assert "退回修改" in rev.inner_text("h1")

    # The secretary sees why and resubmits.
    sec.goto(f"{base}/r/{rid}/")
    assert "请把模板内容填写完整" in sec.inner_text(".returned")
    sec.set_input_files("input[name=file]", str(second))
    sec.click("button:has-text('提交新版本')")
    sec.wait_for_load_state()
    assert "已提交第2版" in sec.inner_text(".messages")

    # Reading and rating: a grade other than the suggestion needs a reason.
    rev.goto(base + "/")
    rev.click("button[value=advance]")
    rev.wait_for_load_state()
    rev.goto(f"{base}/r/{rid}/")
    rev.click("button[value=mark_read]")
    rev.wait_for_load_state()
    suggested = rev.inner_text(".suggest").strip()
    other = next(g for g in ("好", "较好", "一般", "差") if g != suggested)
    rev.check(f"input[name=reading][value='{other}']")
    rev.fill("textarea[name=comment]", "组织生活较规范，数据具体")
    rev.click("button:has-text('评定')")
    rev.wait_for_load_state()
    assert "请写明理由" in rev.inner_text(".messages")
    rev.check(f"input[name=reading][value='{other}']")
    rev.fill("textarea[name=comment]", "组织生活较规范，数据具体")
    rev.fill("textarea[name=reason]", "结合平时考核情况")
    rev.click("button:has-text('评定')")
    rev.wait_for_load_state()
    assert f"已评定：{other}" in rev.inner_text(".messages")
    _shot(rev, tmp_path, "2-reviewer-rated")

    # The 民主测评: codes printed as slips, one voter votes without an account.
    rev.goto(base + "/")
    rev.click("button[value=advance]")
    rev.wait_for_load_state()
    rev.goto(base + "/voting/")
    rev.click("button[value=open]")
    rev.wait_for_load_state()
    rev.fill("input[name=n]", "3")
    with rev.expect_download() as got:
        rev.click("button:has-text('生成并下载')")
    slips = docx.Document(io.BytesIO(open(got.value.path(), "rb").read()))
    codes = re.findall(r"[2-9A-Z]{5}-[2-9A-Z]{5}", "\n".join(c.text for row in slips.tables[0].rows for c in row.cells))
    assert len(codes) == 3
    voter = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    voter.on("dialog", lambda d: d.accept())
    voter.goto(live_server.url + "/vote/")
    voter.fill("input[name=code]", codes[0])
    voter.click("button:has-text('开始投票')")
    voter.wait_for_load_state()
    for radio in voter.locator("tbody tr").all():
        radio.locator("input[value=较好]").check()
    _shot(voter, tmp_path, "3-ballot")
    voter.click("button:has-text('提交测评票')")
    voter.wait_for_load_state()
    assert "投票成功" in voter.inner_text("main")
    voter.goto(live_server.url + "/vote/")
    voter.fill("input[name=code]", codes[0])
    voter.click("button:has-text('开始投票')")
    assert "票码无效或已经使用过" in voter.inner_text(".problems")
    assert "好评率" not in rev.inner_text("main")  # nothing shown before the close
    rev.click("button[value=close]")
    rev.wait_for_load_state()
    assert "好评率" in rev.inner_text("main")
    _shot(rev, tmp_path, "4-voting-closed")

    # The problem list, drawn from the records, is fed back; each problem becomes an item.
    rev.goto(base + "/")
    rev.click("button[value=advance]")
    rev.wait_for_load_state()
    rev.goto(f"{base}/r/{rid}/")
    rev.click("button[value=generate]")
    rev.wait_for_load_state()
    assert "模板内容未填写" in rev.inner_text("#problems")
    rev.click("button:has-text('反馈给书记')")
    rev.wait_for_load_state()
    assert "生成整改事项" in rev.inner_text(".messages")
    _shot(rev, tmp_path, "5-problem-list")
    rev.goto(base + "/")
    rev.click("button[value=advance]")
    rev.wait_for_load_state()

    # The secretary plans an item, applies to close it with a file.
    item = Item.objects.filter(problem__reporter_id=rid).order_by("problem_id").first()
    sec.goto(f"{base}/items/{item.pk}/")
    sec.fill("textarea[name=measures]", "报告定稿前逐项核对模板内容")
    sec.fill("input[name=owner]", "张三")
    sec.fill("input[name=due]", (datetime.date.today() + datetime.timedelta(days=30)).isoformat())
    sec.click("button:has-text('保存')")
    sec.wait_for_load_state()
    sec.click("button[value=plan]")
    sec.wait_for_load_state()
    evidence = tmp_path / "整改说明.txt"
    evidence.write_text("已建立报告校对制度", encoding="utf-8")
    sec.set_input_files("input[name=file]", str(evidence))
    sec.click("button:has-text('添加佐证材料')")
    sec.wait_for_load_state()
    sec.click("button[value=apply]")
    sec.wait_for_load_state()
    assert "申请销号" in sec.inner_text("h1")
    _shot(sec, tmp_path, "6-item-applied")

    # The reviewer approves; the board shows it closed.
    rev.goto(f"{base}/items/{item.pk}/")
    rev.fill("input[name=note]", "佐证充分")
    rev.click("button[value=approve]")
    rev.wait_for_load_state()
    assert "已销号" in rev.inner_text("h1")
    rev.goto(base + "/rectification/")
    _shot(rev, tmp_path, "7-board")
    rev.goto(base + "/overview/")
    rev.wait_for_timeout(500)
    _shot(rev, tmp_path, "8-overview")
    item.refresh_from_db()
    assert item.state == "closed" and item.transitions.filter(action="approve", by=tree.reviewer).exists()
