// A link to cited words (#p12-s2, #p12-r-…) or a paragraph (#p12) highlights its target with
// CSS :target. Material's instant navigation changes pages with history.pushState, which never
// updates :target, so the target also gets a class, on every page view and address change.
(function () {
  function mark() {
    document.querySelectorAll(".atlas-target").forEach(function (element) {
      element.classList.remove("atlas-target");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target) target.classList.add("atlas-target");
  }
  if (window.document$) window.document$.subscribe(mark);
  if (window.location$) window.location$.subscribe(function () { setTimeout(mark, 0); });
  window.addEventListener("hashchange", mark);
  mark();
})();
