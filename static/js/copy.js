// "Kopier" buttons: copy a section of the notification for pasting into Altinn.
// Progressive enhancement: the buttons are hidden until this script runs.
(function () {
  "use strict";
  function copyText(source) {
    var text = source.value;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      source.removeAttribute("aria-hidden");
      source.select();
      var ok = document.execCommand && document.execCommand("copy");
      source.setAttribute("aria-hidden", "true");
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var label = button.innerHTML;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(source).then(function () {
        button.textContent = button.getAttribute("data-copied") || "OK";
        window.setTimeout(function () { button.innerHTML = label; }, 2000);
      }, function () {
        source.classList.remove("visually-hidden");
        source.select();
      });
    });
  });
})();
