// The console's little script: keyboard shortcuts, "select all", and a confirmation before destructive actions.
// Everything works without it; it only saves keystrokes. Loaded from the server itself (CSP: script-src 'self').
(() => {
  "use strict";

  // "/" jumps to the search box, as on most sites; Escape leaves it.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const box = document.querySelector("[data-shortcut='/']");
      if (box instanceof HTMLInputElement) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    } else if (event.key === "Escape" && typing && target instanceof HTMLInputElement) {
      target.blur();
    }
  });

  // A "select all" box ticks every checkbox of the same name in its form.
  for (const all of document.querySelectorAll("input[data-select-all]")) {
    all.addEventListener("change", () => {
      const name = all.getAttribute("data-select-all");
      for (const box of all.form?.querySelectorAll(`input[type=checkbox][name='${name}']`) ?? []) box.checked = all.checked;
    });
  }

  // Buttons with data-confirm ask first.
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm") ?? "Are you sure?")) event.preventDefault();
  });
})();
