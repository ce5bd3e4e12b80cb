// While a document or a letter is being prepared, ask the server every two seconds and reload
// the page when it is ready or has failed. Without JavaScript a <noscript> refresh does the same.
(function () {
  "use strict";
  var POLL_MS = 2000;

  function poll() {
    var status = document.getElementById("document-status");
    if (!status || status.getAttribute("data-status") !== "pending") {
      return;
    }
    fetch(status.getAttribute("data-poll-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.status !== "pending") {
          window.location.reload();
        } else {
          window.setTimeout(poll, POLL_MS);
        }
      })
      .catch(function () { window.setTimeout(poll, POLL_MS * 2); });
  }

  document.addEventListener("DOMContentLoaded", function () { window.setTimeout(poll, POLL_MS); });
})();
