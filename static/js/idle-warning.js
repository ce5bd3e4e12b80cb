// Idle warning: shortly before the server forgets an idle draft, ask "Are you still there?".
// "I'm still here" makes one small request, which restarts the server's idle timeout.
// If nobody answers, the page leaves through the quick exit, so the answers on screen are
// not left open. Without JavaScript the server still closes the session on time.
(function () {
  "use strict";
  var dialog = document.getElementById("idle-warning");
  if (!dialog) {
    return;
  }
  var idleMs = Number(dialog.getAttribute("data-idle-seconds")) * 1000;
  var leadMs = Math.min(Number(dialog.getAttribute("data-warning-seconds")) * 1000, idleMs);
  var keepAliveUrl = dialog.getAttribute("data-keep-alive-url");
  var stayButton = document.getElementById("idle-warning-stay");
  var warnTimer = null;
  var leaveTimer = null;
  var focusBefore = null;

  function exitUrl() {
    var button = document.getElementById("quick-exit");
    return button ? button.getAttribute("data-exit-url") : "/";
  }

  function leave() {
    document.documentElement.classList.add("invisible");
    window.location.replace(exitUrl());
  }

  function show() {
    focusBefore = document.activeElement;
    dialog.hidden = false;
    stayButton.focus();
  }

  function hide() {
    dialog.hidden = true;
    if (focusBefore && focusBefore.focus && document.contains(focusBefore)) {
      focusBefore.focus();
    }
  }

  function start() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(leaveTimer);
    warnTimer = window.setTimeout(show, Math.max(idleMs - leadMs, 0));
    // Leave a little before the server's limit, while the session still exists.
    leaveTimer = window.setTimeout(leave, Math.max(idleMs - 1000, 0));
  }

  function stay() {
    window.fetch(keepAliveUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 204) {
          hide();
          start();
        } else {
          leave();
        }
      })
      .catch(function () {
        // The network failed: keep the warning open, so the person can try again.
        stayButton.focus();
      });
  }

  stayButton.addEventListener("click", stay);
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      stay();
    }
  });
  if (idleMs > 0) {
    start();
  }
})();
