// Register page: each household member block gets a Remove button (hidden without this script,
// when an empty block is simply ignored). Removing a block renumbers the blocks after it, so the
// formset's indexes stay 0..n-1 and the next block added by htmx ("Add a member") takes index n.
(() => {
  const ATTRIBUTES = ["name", "id", "for", "aria-describedby"];

  const renumber = (container) => {
    const blocks = container.querySelectorAll("fieldset.member");
    blocks.forEach((block, index) => {
      block.querySelectorAll("*").forEach((element) => {
        ATTRIBUTES.forEach((attribute) => {
          const value = element.getAttribute(attribute);
          if (value && value.includes("members-")) {
            element.setAttribute(attribute, value.replace(/members-\d+-/g, `members-${index}-`));
          }
        });
      });
      const legend = block.querySelector("legend");
      if (legend) legend.textContent = legend.textContent.replace(/\d+/, String(index + 1));
    });
    const total = document.getElementById("id_members-TOTAL_FORMS");
    if (total) total.value = String(blocks.length);
  };

  const reveal = (root) => {
    root.querySelectorAll(".member-remove").forEach((button) => {
      button.hidden = false;
    });
  };

  document.addEventListener("DOMContentLoaded", () => reveal(document));
  document.addEventListener("htmx:load", (event) => reveal(event.target.parentElement || document));

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".member-remove");
    if (!button) return;
    const block = button.closest("fieldset.member");
    const container = block.parentElement;
    block.remove();
    renumber(container);
    const status = document.getElementById("members-status");
    if (status) status.textContent = "";
    const add = document.getElementById("add-member");
    if (add) add.focus();
  });

  // A block added by htmx: its first field takes the focus.
  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id !== "members") return;
    const status = document.getElementById("members-status");
    if (status && status.textContent.trim()) return; // refused: no block was added
    const blocks = event.detail.target.querySelectorAll("fieldset.member");
    const last = blocks[blocks.length - 1];
    const field = last && last.querySelector("input:not([type=hidden]), select, textarea");
    if (field) field.focus();
  });
})();
