// Material's annotation markers are links with no text of their own: give each an
// accessible name, so screen readers announce "Editor's note 1" (axe: link-name).
(function () {
  function name(root) {
    root.querySelectorAll("a.md-annotation__index:not([aria-label])").forEach(function (link) {
      var marker = link.querySelector("[data-md-annotation-id]");
      var number = marker ? marker.getAttribute("data-md-annotation-id") : "";
      link.setAttribute("aria-label", ("Editor's note " + number).trim());
    });
  }
  new MutationObserver(function () { name(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  name(document);
})();
