// Open a claim's card when its badge in the draft is followed, so the sources show at once.
"use strict";

function openClaim(hash) {
  if (!hash.startsWith("#claim-")) {
    return;
  }
  const card = document.getElementById(hash.slice(1));
  if (card && card.tagName === "DETAILS") {
    card.open = true;
    card.querySelector("summary").focus({ preventScroll: true });
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest('a[href^="#claim-"]');
  if (link) {
    openClaim(link.getAttribute("href"));
  }
});
document.addEventListener("DOMContentLoaded", () => openClaim(window.location.hash));
