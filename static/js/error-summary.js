// A page with form errors: move the focus to the error summary at the top of the main content
// (templates/evaluation/_error_summary.html), so a keyboard or screen reader user starts there.
// Progressive enhancement only: without JavaScript the summary is simply the first thing in main.
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
