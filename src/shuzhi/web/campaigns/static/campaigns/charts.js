// The campaign's charts (ECharts): the overview's three, and the rectification board's progress by organization.
(function () {
  if (!window.echarts) return;
  const font = { fontFamily: "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif" };
  const grades = ["好", "较好", "一般", "差"];
  function chart(id, option) {
    const el = document.getElementById(id);
    if (!el) return;
    const c = echarts.init(el, null, { renderer: "canvas" });
    c.setOption(Object.assign({ animation: false, textStyle: font }, option));
    window.addEventListener("resize", function () { c.resize(); });
  }
  const overview = document.getElementById("overview-data");
  if (overview) {
    const d = JSON.parse(overview.textContent);
    const dist = d.progress.combined || d.progress.readings;
    chart("chart", { title: { text: d.progress.combined ? "综合等次分布" : "审读等次分布", textStyle: { fontSize: 14 } }, tooltip: {},
      xAxis: { type: "category", data: grades }, yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: grades.map(function (g) { return dist[g] || 0; }), itemStyle: { color: "#a4161a" }, label: { show: true, position: "top" } }] });
    chart("chart2", { title: { text: "问题类别", textStyle: { fontSize: 14 } }, tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["35%", "65%"], top: 20, data: d.categories.map(function (c) { return { name: c.category, value: c.count }; }) }] });
    const it = d.items;
    chart("chart3", { title: { text: "提交与整改进度", textStyle: { fontSize: 14 } }, tooltip: {}, grid: { left: 70 },
      xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", data: ["报告提交", "整改销号"] },
      series: [{ name: "已完成", type: "bar", stack: "a", data: [d.progress.submitted, it.closed], itemStyle: { color: "#12b76a" } },
               { name: "未完成", type: "bar", stack: "a", data: [d.progress.not_submitted, it.total - it.closed], itemStyle: { color: "#fdb022" } }] });
  }
  const board = document.getElementById("chart-data");
  if (board) {
    const d = JSON.parse(board.textContent);
    const orgs = d.organizations;
    const el = document.getElementById("chart");
    el.style.height = Math.min(Math.max(220, orgs.length * 24 + 80), 900) + "px";
    const colors = { drafting: "#98a2b3", working: "#2e90fa", applied: "#fdb022", ongoing: "#9e77ed", closed: "#12b76a" };
    chart("chart", { tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, legend: { top: 0 }, grid: { left: 180, top: 30 },
      xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", inverse: true, data: orgs.map(function (o) { return o.organization; }), axisLabel: { width: 170, overflow: "truncate" } },
      series: Object.keys(d.labels).map(function (s) {
        return { name: d.labels[s], type: "bar", stack: "items", itemStyle: { color: colors[s] }, data: orgs.map(function (o) { return o[s]; }) };
      }) });
  }
})();
