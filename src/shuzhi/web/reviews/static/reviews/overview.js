// The overview's three charts, drawn from the data the page embeds (no request of their own).
(function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const font = { fontFamily: "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif" };
  function chart(id, option) {
    const el = document.getElementById(id);
    if (!el || !window.echarts) return;
    const c = echarts.init(el, null, { renderer: "svg" });
    c.setOption(Object.assign({ textStyle: font, animation: false }, option));
    window.addEventListener("resize", function () { c.resize(); });
  }
  chart("chart-category", {
    title: { text: "问题类别分布", left: "center", textStyle: { fontSize: 14 } },
    tooltip: {},
    grid: { left: 90, right: 20, top: 40, bottom: 20 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: data.by_category.map(function (d) { return d.label; }) },
    series: [{ type: "bar", data: data.by_category.map(function (d) { return d.count; }), itemStyle: { color: "#a4161a" } }]
  });
  chart("chart-organization", {
    title: { text: "各党组织问题数", left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, data: ["错误", "警告"] },
    grid: { left: 140, right: 20, top: 40, bottom: 40 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: data.by_organization.map(function (d) { return d.organization; }),
      axisLabel: { width: 130, overflow: "truncate" } },
    series: [
      { name: "错误", type: "bar", stack: "n", data: data.by_organization.map(function (d) { return d.errors; }), itemStyle: { color: "#c62828" } },
      { name: "警告", type: "bar", stack: "n", data: data.by_organization.map(function (d) { return d.warnings; }), itemStyle: { color: "#ef8c00" } }
    ]
  });
  const colours = { "好": "#2e7d32", "较好": "#7cb342", "一般": "#ef6c00", "差": "#c62828" };
  chart("chart-rating", {
    title: { text: "建议等次分布", left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "item", formatter: "{b}：{c}份（{d}%）" },
    legend: { bottom: 0 },
    series: [{ type: "pie", radius: ["35%", "65%"], label: { formatter: "{b} {c}" },
      data: data.ratings.map(function (d) { return { name: d.rating, value: d.count, itemStyle: { color: colours[d.rating] } }; }) }]
  });
})();
