// Progressive enhancement: move focus to the error summary so it is read first.
// Without JavaScript the summary is still at the top of the page, with role="alert".
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
