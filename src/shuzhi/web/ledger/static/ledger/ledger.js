// Buttons that delete ask first (data-confirm); no inline scripts anywhere.
document.addEventListener("click", function (e) {
  const b = e.target.closest("[data-confirm]");
  if (b && !window.confirm(b.getAttribute("data-confirm"))) e.preventDefault();
});
