// Clicking a highlight shows its findings in the side list; a decision taken with htmx updates the text's marks.
(function () {
  const text = document.getElementById("report-text");
  if (!text) return;
  text.addEventListener("click", function (event) {
    const mark = event.target.closest("mark.hl");
    if (!mark) return;
    document.querySelectorAll(".finding.target").forEach(function (li) { li.classList.remove("target"); });
    const ids = mark.dataset.f.split(" ");
    ids.forEach(function (id) {
      const li = document.getElementById("item-" + id);
      if (li) li.classList.add("target");
    });
    const first = document.getElementById("item-" + ids[0]);
    if (first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });
  document.addEventListener("click", function (event) {
    const link = event.target.closest("a.where");
    if (!link) return;
    const id = link.closest("li").dataset.f;
    document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    document.querySelectorAll("mark.hl").forEach(function (m) {
      if (m.dataset.f.split(" ").includes(id)) m.classList.add("active");
    });
  });
  function dismissedIds() {
    const out = new Set();
    document.querySelectorAll(".finding.st-dismissed").forEach(function (li) { out.add(li.dataset.f); });
    return out;
  }
  // htmx:load fires on the swapped-in item (the old one, target of afterSwap, has left the page).
  document.body.addEventListener("htmx:load", function () {
    const dismissed = dismissedIds();
    document.querySelectorAll("mark.hl").forEach(function (m) {
      const ids = m.dataset.f.split(" ");
      const listed = ids.filter(function (id) { return document.getElementById("item-" + id); });
      m.classList.toggle("dismissed", listed.length > 0 && listed.every(function (id) { return dismissed.has(id); }));
    });
  });
})();
