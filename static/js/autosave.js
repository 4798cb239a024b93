/*
 * Autosave of long forms (issue 13 §8): progressive enhancement, no inline script (CSP).
 *
 * A form with data-autosave-url is posted there (its text fields and the CSRF token, never a
 * file or a password) a few seconds after the typing stops. The server answers JSON
 * {"ok": …, "message": "下書きを保存しました (10:42)"}; the message goes to the form's
 * [data-autosave-status] region (aria-live), created if the page has none. Without
 * JavaScript the form's own buttons save.
 */
(function () {
  "use strict";

  var DELAY = 3000;
  var TEXT_TYPES = ["text", "email", "tel", "url", "search", "number", "date", "hidden"];

  function isText(element) {
    if (!element.name || element.disabled) return false;
    if (element.tagName === "TEXTAREA") return true;
    if (element.tagName !== "INPUT") return false;
    var type = (element.type || "text").toLowerCase();
    if (type === "radio") return element.checked; // a chosen reader of a message, for example
    return TEXT_TYPES.indexOf(type) !== -1;
  }

  function statusOf(form) {
    var status = form.querySelector("[data-autosave-status]");
    if (!status) {
      status = document.createElement("p");
      status.className = "autosave-status";
      status.setAttribute("data-autosave-status", "");
      status.setAttribute("aria-live", "polite");
      form.appendChild(status);
    }
    return status;
  }

  function say(status, text, failed) {
    status.textContent = text;
    status.classList.toggle("autosave-failed", Boolean(failed));
  }

  function failureText(status) {
    return status.getAttribute("data-autosave-failed") ||
      (document.documentElement.lang === "ja"
        ? "下書きを保存できませんでした。入力した内容はこのページに残っています。"
        : "The draft could not be saved. Your text is still on this page.");
  }

  function watch(form) {
    var url = form.getAttribute("data-autosave-url");
    var status = statusOf(form);
    var timer = null;
    var sending = false;
    var again = false;
    var lastSent = null;

    function payload() {
      var data = new FormData();
      var seen = [];
      Array.prototype.forEach.call(form.elements, function (element) {
        if (isText(element)) {
          data.append(element.name, element.value);
          seen.push(element.name + "=" + element.value);
        }
      });
      return { data: data, key: seen.join("\u0000") };
    }

    function save() {
      timer = null;
      if (sending) {
        again = true;
        return;
      }
      var body = payload();
      if (body.key === lastSent) return;
      sending = true;
      var saving = status.getAttribute("data-autosave-saving");
      if (saving) say(status, saving, false);
      fetch(url, {
        method: "POST",
        body: body.data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "Accept": "application/json" },
        redirect: "error"
      }).then(function (response) {
        return response.json().then(function (answer) {
          if (response.ok && answer.ok) lastSent = body.key;
          say(status, answer.message || failureText(status), !(response.ok && answer.ok));
        });
      }).catch(function () {
        say(status, failureText(status), true);
      }).then(function () {
        sending = false;
        if (again) {
          again = false;
          schedule();
        }
      });
    }

    function schedule() {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(save, DELAY);
    }

    form.addEventListener("input", function (event) {
      if (isText(event.target)) schedule();
    });
    form.addEventListener("change", function (event) {
      if (event.target.type === "radio") schedule();
    });
    // The form's own submission wins: no autosave after it has started.
    form.addEventListener("submit", function () {
      if (timer) window.clearTimeout(timer);
      timer = null;
    });
    lastSent = payload().key; // what the page came with is already saved
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave-url]"), watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
