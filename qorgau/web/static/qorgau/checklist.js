// A long checklist (specific needs) gets a search box that hides the choices not matching it.
document.addEventListener("DOMContentLoaded", () => {
  const hint = document.body.dataset.filterLabel || "";
  document.querySelectorAll("div.checklist").forEach((list) => {
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
});
