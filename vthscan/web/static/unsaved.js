// Warn before leaving a questionnaire page with unsaved edits. The page works fully without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-unsaved-warning]");
    if (!form) { return; }
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) { return; }
      event.preventDefault();
      event.returnValue = form.getAttribute("data-unsaved-warning");
      return event.returnValue;
    });
  });
}());
