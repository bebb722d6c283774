// Under 768 px the header's links fold into a menu opened by one button. Without this script
// the menu stays open (the CSS folds it only when the page has the "js" class).
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("header.top .menu-toggle");
  const panel = document.getElementById("menu-panel");
  if (!button || !panel) return;
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    panel.classList.toggle("open", open);
  });
});
