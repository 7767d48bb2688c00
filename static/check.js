// The check page's small helps; without script the page works the same, only less guided.
"use strict";

// Open a claim's card when its badge in the draft is followed, so the sources show at once.
function openClaim(hash) {
  if (!hash.startsWith("#claim-")) {
    return false;
  }
  const card = document.getElementById(hash.slice(1));
  if (!card || card.tagName !== "DETAILS") {
    return false;
  }
  card.open = true;
  card.querySelector("summary").focus();
  return true;
}

// After a check, bring what needs the editor into view and give it the keyboard focus:
// a refused date's field, else the form's error, else the result's summary.
function focusOutcome() {
  const target =
    document.querySelector('input[aria-invalid="true"]') ||
    document.getElementById("form-error") ||
    document.getElementById("result");
  if (target) {
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  }
}

// Copy a corrected sentence, and say so on the button for a moment.
async function copyCorrection(button) {
  const text = document.getElementById(button.dataset.copy).textContent;
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Select the sentence to copy it";
  }
  setTimeout(() => {
    button.textContent = label;
  }, 2000);
}

document.addEventListener("click", (event) => {
  const link = event.target.closest('a[href^="#claim-"]');
  if (link && openClaim(link.getAttribute("href"))) {
    event.preventDefault();
    history.replaceState(null, "", link.getAttribute("href"));
    return;
  }
  const copy = event.target.closest("button.copy");
  if (copy) {
    copyCorrection(copy);
    return;
  }
  const setDate = event.target.closest("a.set-date");
  if (setDate) {
    event.preventDefault();
    document.getElementById("as_of").focus();
  }
});

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.copy")) {
    button.hidden = !navigator.clipboard;
  }
  if (!openClaim(window.location.hash)) {
    focusOutcome();
  }
});
