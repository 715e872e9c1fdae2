// The file picker's own words are the browser's; show the chosen files in Chinese instead.
(function () {
  const input = document.getElementById("files");
  const chosen = document.getElementById("chosen");
  if (!input || !chosen) return;
  input.addEventListener("change", function () {
    const names = Array.from(input.files).map(function (f) { return f.name; });
    chosen.textContent = names.length === 0 ? "未选择文件"
      : names.length <= 3 ? "已选择：" + names.join("、") : "已选择 " + names.length + " 个文件：" + names.slice(0, 3).join("、") + " 等";
  });
})();
