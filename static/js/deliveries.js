// Live progress of the notices being sent: polls the deliveries API while anything is
// queued, and updates the overall counts and each channel's row of the table (by_channel).
// Without JavaScript the numbers are right as of the last page load.
(function () {
  "use strict";
  var box = document.getElementById("delivery-progress");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("delivery-bar");
  var names = ["queued", "sent", "failed", "total"];
  // The overall counts sit outside the per-channel table; each channel's row has its own.
  function fill(scope, counts, skipTable) {
    names.forEach(function (name) {
      scope.querySelectorAll('[data-count="' + name + '"]').forEach(function (el) {
        if (skipTable && el.closest("tr[data-channel]")) { return; }
        if (counts[name] !== undefined) { el.textContent = counts[name]; }
      });
    });
  }
  function show(counts) {
    fill(box, counts, true);
    var channels = counts.by_channel || {};
    box.querySelectorAll("tr[data-channel]").forEach(function (row) {
      var channel = channels[row.getAttribute("data-channel")];
      if (channel) { fill(row, channel, false); }
    });
    if (bar) {
      bar.max = counts.total || 1;
      bar.value = counts.sent + counts.failed;
      bar.textContent = (counts.sent + counts.failed) + " / " + counts.total;
    }
    return counts.queued > 0;
  }
  function poll() {
    fetch(box.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (counts) {
        if (counts && show(counts)) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  var queued = box.querySelector('[data-count="queued"]');
  if (queued && queued.textContent.trim() !== "0") { window.setTimeout(poll, 2000); }
})();
