// Warn before leaving a questionnaire page with unsaved edits. The page works fully without this file.
// A page shown again with the user's input (after an error or a conflict) holds unsaved edits from the
// start: the server marks its form with data-unsaved-input.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-unsaved-warning]");
    if (!form) { return; }
    var dirty = form.hasAttribute("data-unsaved-input");
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
