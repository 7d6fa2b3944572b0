// TĐKT statistics charts. The data comes from a JSON block ({{ data|json_script }}), which is not
// executed, so the Content-Security-Policy (no inline scripts) holds. Redrawn after each htmx swap.
(() => {
  const charts = new Map();
  const format = new Intl.NumberFormat("vi-VN");

  function draw(root) {
    if (typeof Chart === "undefined") return;
    root.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const source = document.getElementById(canvas.dataset.chartSource);
      if (!source) return;
      const spec = JSON.parse(source.textContent)[canvas.dataset.chart];
      if (!spec) return;
      const previous = charts.get(canvas.id);
      if (previous) previous.destroy();
      const axis = { stacked: true, beginAtZero: true, ticks: { precision: 0 } };
      charts.set(
        canvas.id,
        new Chart(canvas, {
          type: "bar",
          data: { labels: spec.labels, datasets: spec.datasets },
          options: {
            locale: "vi-VN",
            responsive: true,
            maintainAspectRatio: false,
            indexAxis: spec.horizontal ? "y" : "x",
            scales: { x: axis, y: axis },
            plugins: {
              legend: { position: "bottom" },
              tooltip: {
                callbacks: { label: (item) => `${item.dataset.label}: ${format.format(item.raw)}` },
              },
            },
          },
        }),
      );
    });
  }

  document.addEventListener("DOMContentLoaded", () => draw(document));
  document.addEventListener("htmx:afterSettle", () => draw(document));
})();
