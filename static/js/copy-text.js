// "Copy" buttons on the ready-to-copy page. Without JavaScript the buttons stay hidden and
// the text stays selectable in its read-only box.
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll(".copy-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var box = document.getElementById(button.getAttribute("data-copy-target"));
      var status = button.parentElement.querySelector(".copy-status");
      navigator.clipboard.writeText(box.value).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-copied-text");
        }
      });
    });
  });
})();
