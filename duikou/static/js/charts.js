// Bar charts from data: every element with data-chart="<id of a json_script>" becomes an
// ECharts bar chart of {labels: [...], series: [{name, data: [...]}], horizontal: bool}.
(function () {
  if (window.dkCharts) return;
  window.dkCharts = true;
  function draw(el) {
    if (el.dataset.ready || !window.echarts) return;
    const spec = JSON.parse(document.getElementById(el.dataset.chart).textContent);
    const chart = echarts.init(el);
    const category = { type: "category", data: spec.labels, axisLabel: { fontSize: 11 } };
    const value = { type: "value", axisLabel: { fontSize: 11 } };
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: spec.series.length > 1 ? { top: 0, textStyle: { fontSize: 11 } } : undefined,
      grid: { left: 8, right: 16, top: spec.series.length > 1 ? 28 : 10, bottom: 8, containLabel: true },
      xAxis: spec.horizontal ? value : category,
      yAxis: spec.horizontal ? category : value,
      series: spec.series.map((s) => ({ type: "bar", name: s.name, data: s.data })),
    });
    window.addEventListener("resize", () => chart.resize());
    el.dataset.ready = "true";
  }
  function drawAll() { document.querySelectorAll("[data-chart]").forEach(draw); }
  if (document.readyState === "complete") drawAll();
  else window.addEventListener("load", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
