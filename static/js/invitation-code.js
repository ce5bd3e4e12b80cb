// The invitation link carries its code after "#", which the browser never sends to the
// server. Put it in the code box, then take it out of the address bar and the history.
document.addEventListener("DOMContentLoaded", () => {
  const code = decodeURIComponent(window.location.hash.slice(1)).trim();
  const field = document.getElementById("id_code");
  if (code && field && !field.value) {
    field.value = code;
  }
  if (window.location.hash) {
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
});
