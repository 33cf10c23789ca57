// Focus where a keyboard or screen reader user expects it. The pages work without this file: the
// error summary has autofocus, and links and fragments still scroll to their target.
(function () {
  "use strict";

  function focusTarget(id) {
    var target = id && document.getElementById(id);
    if (!target) { return false; }
    if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    // A link in an error or conflict summary lands on the question itself (its legend), with focus.
    document.querySelectorAll(".error-summary a[href^='#'], .conflict-summary a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (focusTarget(link.getAttribute("href").slice(1))) {
          event.preventDefault();
          history.replaceState(null, "", link.getAttribute("href"));
        }
      });
    });

    // After a save the page opens at the question the user was at: focus it (unless a summary has focus).
    var focused = document.activeElement;
    if (location.hash && (!focused || focused === document.body)) {
      var target = document.getElementById(location.hash.slice(1));
      if (target && target.classList.contains("question")) { target.focus(); }
    }

    // Remember the question the user is at, so that saving brings them back to it.
    var form = document.querySelector("form.answers");
    if (!form || !form.elements.where) { return; }
    form.addEventListener("focusin", function (event) {
      var question = event.target.closest(".question");
      if (question) { form.elements.where.value = question.id.replace(/^vraag-/, ""); }
    });
  });
}());
