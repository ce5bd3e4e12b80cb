// Quick exit: leave at once for a neutral site, leaving this page out of the tab's history.
// The link itself works without JavaScript: the server ends the session and redirects.
(function () {
  "use strict";
  var SHIFT_PRESSES = 3;
  var WINDOW_MS = 1500;

  function leave(url) {
    document.documentElement.style.visibility = "hidden";
    window.location.replace(url);
  }

  function exitUrl() {
    var button = document.getElementById("quick-exit");
    return button ? button.getAttribute("data-exit-url") : "/";
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("#quick-exit") : null;
    if (target) {
      event.preventDefault();
      leave(exitUrl());
    }
  });

  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = [];
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= SHIFT_PRESSES) {
      leave(exitUrl());
    }
  });
})();
