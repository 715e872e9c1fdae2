// The board's heat map: organizations × kinds of work, coloured by the share done; a click opens the records.
(function () {
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  const data = JSON.parse(document.getElementById("heatmap-data").textContent);
  const el = document.getElementById("heatmap");
  if (!el || !window.echarts) return;
  const rows = data.organizations.length;
  el.style.height = Math.min(Math.max(260, rows * 22 + 90), 720) + "px";
  const chart = echarts.init(el, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif" },
    tooltip: { formatter: function (p) {
      const d = p.data;
      const share = d[2] < 0 ? "尚未到期" : "完成 " + Math.round(d[2] * 100) + "%";
      return esc(data.organizations[d[1]]) + "<br>" + esc(data.kinds[d[0]]) + "：" + share + "（共 " + d[5] + " 项，逾期 " + d[3] + "，即将到期 " + d[4] + "）";
    } },
    grid: { left: 170, right: 70, top: 30, bottom: 20 },
    xAxis: { type: "category", data: data.kinds, position: "top", axisLabel: { interval: 0 } },
    yAxis: { type: "category", data: data.organizations, inverse: true, axisLabel: { width: 160, overflow: "truncate" } },
    visualMap: { min: 0, max: 1, dimension: 2, seriesIndex: 0, calculable: false, orient: "vertical", right: 0, top: "middle", itemHeight: 120,
      text: ["完成", "未完成"], inRange: { color: ["#d92d20", "#fdb022", "#fef0c7", "#12b76a"] }, outOfRange: { color: "#e4e7ec" } },
    dataZoom: rows > 30 ? [{ type: "slider", yAxisIndex: 0, right: 40, start: 0, end: Math.min(100, 3000 / rows) }, { type: "inside", yAxisIndex: 0 }] : [],
    series: [
      { type: "heatmap", data: data.data.filter(function (d) { return d[2] >= 0; }), encode: { x: 0, y: 1, value: 2 },
        itemStyle: { borderColor: "#fff", borderWidth: 1 } },
      // Nothing due yet (a term in progress): grey, outside the colour scale.
      { type: "heatmap", data: data.data.filter(function (d) { return d[2] < 0; }), encode: { x: 0, y: 1 },
        itemStyle: { color: "#e4e7ec", borderColor: "#fff", borderWidth: 1 } }
    ]
  });
  chart.on("click", function (p) {
    if (!p.data) return;
    const kinds = ["支部党员大会", "支部委员会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员", "谈心谈话", "发展党员", "党费", "换届"];
    const params = new URLSearchParams(window.location.search);
    window.location = data.url + data.ids[p.data[1]] + "/?year=" + (params.get("year") || "") + "&kind=" + encodeURIComponent(kinds[p.data[0]]);
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
