// A long checklist (specific needs) gets a search box that hides the choices not matching it,
// also in content htmx adds later (a household member block on the register page).
(() => {
  const enhance = (root) => {
    const hint = document.body.dataset.filterLabel || "";
    root.querySelectorAll("div.checklist:not([data-filtered])").forEach((list) => {
      list.dataset.filtered = "1";
      const box = document.createElement("input");
      box.type = "search";
      box.className = "checklist-filter";
      box.setAttribute("aria-label", hint);
      box.placeholder = hint;
      list.before(box);
      box.addEventListener("input", () => {
        const wanted = box.value.trim().toLowerCase();
        list.querySelectorAll("label").forEach((label) => {
          const row = label.closest("div");
          if (!label.querySelector("input")) return; // a group's title
          row.hidden = wanted !== "" && !label.textContent.toLowerCase().includes(wanted);
        });
      });
    });
  };
  document.addEventListener("DOMContentLoaded", () => enhance(document));
  document.addEventListener("htmx:load", (event) => enhance(event.target));
})();
