// Updates Avvik's recommendation while the DPO fills in the facts, without reloading the
// page. Without JavaScript the "save" button does the same on the server.
(function () {
  "use strict";
  var form = document.getElementById("facts-form");
  var panel = document.getElementById("recommendation");
  if (!form || !panel || !window.fetch) { return; }
  var url = form.getAttribute("data-evaluate-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
  var counts = ["subjects_count", "records_count"];
  var choices = ["identifiability", "confidentiality_exposure", "integrity_impact", "availability_impact", "exfiltration"];
  var timer = null;

  function checked(name) {
    return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"), function (el) { return el.value; });
  }

  function facts() {
    var data = { breach_types: checked("breach_types"), data_categories: checked("data_categories") };
    var adjustment = form.elements.dpc_adjustment;
    data.dpc_adjustment = adjustment ? parseInt(adjustment.value || "0", 10) : 0;
    var reason = form.elements.dpc_adjustment_reason;
    if (reason && reason.value.trim()) { data.dpc_adjustment_reason = reason.value; }
    choices.forEach(function (name) { var el = form.elements[name]; if (el && el.value) { data[name] = el.value; } });
    counts.forEach(function (name) { var el = form.elements[name]; if (el && el.value !== "") { data[name] = parseInt(el.value, 10); } });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:not([name=breach_types]):not([name=data_categories])"), function (el) {
      data[el.name] = el.checked;
    });
    return data;
  }

  function text(tag, value) { var el = document.createElement(tag); el.textContent = value; return el; }

  function show(answer, ok) {
    var heading = panel.querySelector("h2");
    while (panel.lastChild && panel.lastChild !== heading) { panel.removeChild(panel.lastChild); }
    if (!ok) {
      var list = document.createElement("ul");
      Object.keys(answer.errors || {}).forEach(function (field) {
        answer.errors[field].forEach(function (message) { list.appendChild(text("li", message)); });
      });
      panel.appendChild(text("p", panel.getAttribute("data-incomplete")));
      panel.appendChild(list);
      return;
    }
    var label = function (name) { return panel.getAttribute("data-" + name) || name; };
    var yesNo = function (value) { return value ? label("yes") : label("no"); };
    var summary = document.createElement("ul");
    summary.appendChild(text("li", label("risk") + ": " + label("label-" + answer.risk_level)));
    summary.appendChild(text("li", label("severity") + ": " + answer.severity.score + " (" + answer.severity.band + ")"));
    summary.appendChild(text("li", label("authority") + ": " + yesNo(answer.notify_authority)));
    summary.appendChild(text("li", label("subjects") + ": " + yesNo(answer.notify_data_subjects)));
    panel.appendChild(summary);
    var reasons = document.createElement("ul");
    reasons.setAttribute("data-field", "reasons");
    answer.reasons.forEach(function (reason) { reasons.appendChild(text("li", reason)); });
    panel.appendChild(reasons);
  }

  function evaluate() {
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "", "Accept-Language": document.documentElement.lang },
      body: JSON.stringify(facts())
    }).then(function (response) {
      return response.json().then(function (body) { show(body, response.ok); });
    }).catch(function () { /* the save button still works */ });
  }

  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(evaluate, 250); });
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(evaluate, 500); });
}());
