// While a document or a letter is being prepared, ask the server and reload the page when it
// is ready or has failed: soon at first (one usually takes under a second), then every two
// seconds. Without JavaScript a <noscript> refresh does the same every three seconds.
(function () {
  "use strict";
  var DELAYS_MS = [500, 1000, 2000];

  function poll(attempt) {
    var status = document.getElementById("document-status");
    if (!status || status.getAttribute("data-status") !== "pending") {
      return;
    }
    var next = DELAYS_MS[Math.min(attempt + 1, DELAYS_MS.length - 1)];
    fetch(status.getAttribute("data-poll-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.status !== "pending") {
          window.location.reload();
        } else {
          window.setTimeout(function () { poll(attempt + 1); }, next);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(attempt + 1); }, next * 2); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    window.setTimeout(function () { poll(0); }, DELAYS_MS[0]);
  });
})();
