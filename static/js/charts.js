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
      // Values that differ by orders of magnitude (a whole agency's LĐTT beside its Huân chương) would
      // leave the small bars invisible: such charts use a logarithmic value axis, unstacked, and say so.
      const totals = spec.labels.map((_, i) => spec.datasets.reduce((sum, d) => sum + (d.data[i] || 0), 0));
      const positive = totals.filter((v) => v > 0);
      const logarithmic = positive.length > 1 && Math.max(...positive) / Math.min(...positive) >= 100;
      canvas.dataset.scale = logarithmic ? "log" : "linear";
      const note = document.querySelector(`[data-chart-scale-note="${canvas.id}"]`);
      if (note) note.hidden = !logarithmic;
      const axis = { stacked: true, beginAtZero: true, ticks: { precision: 0 } };
      const values = logarithmic
        ? { type: "logarithmic", stacked: false, ticks: { callback: (v) => format.format(v) } }
        : axis;
      const categories = logarithmic ? { stacked: false } : axis;
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
            scales: spec.horizontal ? { x: values, y: categories } : { x: categories, y: values },
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
