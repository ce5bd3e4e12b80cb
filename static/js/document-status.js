// While a document or a letter is being prepared, ask the server and reload the page when it
// is ready or has failed: after half a second (one alone takes about that), then every second,
// and every two seconds after three tries: by then others are waiting too, and each question
// takes a little of the CPU that prints their documents (50 pages asking every second took a
// third of a core from the renders: README, Performance). Without JavaScript a <noscript>
// refresh does the same every three seconds.
(function () {
  "use strict";
  var FIRST_MS = 500;
  var SOON_MS = 1000;
  var LATER_MS = 2000;
  var SOON_TRIES = 3;

  function poll(attempt) {
    var status = document.getElementById("document-status");
    if (!status || status.getAttribute("data-status") !== "pending") {
      return;
    }
    var next = attempt < SOON_TRIES ? SOON_MS : LATER_MS;
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
    window.setTimeout(function () { poll(0); }, FIRST_MS);
  });
})();
