// Target charts: the running result against the planned value, as lines. The data comes from a JSON block
// ({{ chart|json_script }}), which is not executed, so the Content-Security-Policy (no inline scripts) holds.
(() => {
  const charts = new Map();
  const format = new Intl.NumberFormat("vi-VN");

  function draw(root) {
    if (typeof Chart === "undefined") return;
    root.querySelectorAll("canvas[data-line-chart]").forEach((canvas) => {
      const source = document.getElementById(canvas.dataset.lineChart);
      if (!source) return;
      const spec = JSON.parse(source.textContent);
      const previous = charts.get(canvas.id);
      if (previous) previous.destroy();
      charts.set(
        canvas.id,
        new Chart(canvas, {
          type: "line",
          data: {
            labels: spec.labels,
            datasets: [
              { label: canvas.dataset.actualLabel, data: spec.actual, spanGaps: false, tension: 0.2 },
              { label: canvas.dataset.plannedLabel, data: spec.planned, borderDash: [6, 4], pointRadius: 0 },
            ],
          },
          options: {
            locale: "vi-VN",
            responsive: true,
            maintainAspectRatio: false,
            scales: { y: { beginAtZero: true } },
            plugins: {
              legend: { position: "bottom" },
              tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format.format(item.raw)}` } },
            },
          },
        }),
      );
    });
  }

  document.addEventListener("DOMContentLoaded", () => draw(document));
  document.addEventListener("htmx:afterSettle", () => draw(document));
})();
