// Live progress of the notices being sent: polls the deliveries API while anything is
// queued. Without JavaScript the numbers are right as of the last page load.
(function () {
  "use strict";
  var box = document.getElementById("delivery-progress");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("delivery-bar");
  function show(counts) {
    ["queued", "sent", "failed", "total"].forEach(function (name) {
      var el = box.querySelector('[data-count="' + name + '"]');
      if (el) { el.textContent = counts[name]; }
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
