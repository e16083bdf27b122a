// Search with Pagefind: its index is split into small fragments that the browser fetches only
// when a reader searches, so search stays light at thousands of articles. Material's search
// markup, styles and dark mode are kept; Material's own search (and its single large index)
// runs only in the offline build, opened from disk, where Pagefind cannot load.
(function () {
  var dialog = document.querySelector('[data-atlas-search="pagefind"]');
  if (!dialog || dialog.dataset.atlasReady) return;
  dialog.dataset.atlasReady = "1";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var toggle = document.getElementById("__search");
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var engine = null;
  var latest = 0;
  var timer = null;

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ baseUrl: base.pathname }).then(function () { return search(module); });
      }).catch(fallback);
    }
    return engine;
  }

  function search(module) {
    return function (query) {
      return module.search(query).then(function (found) {
        return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (items) {
          return { total: found.results.length, items: items.map(function (d) {
            return { url: d.url, title: ((d.meta && d.meta.title) || d.url).replace(/\s*¶$/, ""), excerpt: d.excerpt };
          }) };
        });
      });
    };
  }

  // Without a Pagefind bundle (mkdocs serve skips it to keep rebuilds fast): the small index.
  function fallback() {
    return fetch(new URL("search/search_index.json", base)).then(function (r) { return r.json(); }).then(function (index) {
      var docs = index.docs.filter(function (d) { return d.location.indexOf("#") < 0; });
      return function (query) {
        var words = query.toLowerCase().split(/\s+/).filter(Boolean);
        var hits = docs.filter(function (d) {
          var text = (d.title + " " + d.text).toLowerCase();
          return words.every(function (w) { return text.indexOf(w) >= 0; });
        });
        return Promise.resolve({ total: hits.length, items: hits.slice(0, 10).map(function (d) {
          return { url: new URL(d.location, base).pathname, title: d.title, excerpt: null };
        }) });
      };
    });
  }

  function render(found) {
    list.textContent = "";
    meta.textContent = found.total === 0 ? "No matching documents" :
      found.total === 1 ? "1 matching document" : found.total + " matching documents";
    found.items.forEach(function (item) {
      var entry = document.createElement("li");
      entry.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = item.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = item.title;
      article.appendChild(title);
      if (item.excerpt) {
        var excerpt = document.createElement("p");
        excerpt.innerHTML = item.excerpt;  // Pagefind escapes the page text and adds only <mark>
        article.appendChild(excerpt);
      }
      link.appendChild(article);
      link.addEventListener("click", function () { toggle.checked = false; });
      entry.appendChild(link);
      list.appendChild(entry);
    });
  }

  function run() {
    var query = input.value.trim();
    var id = ++latest;
    if (!query) {
      list.textContent = "";
      meta.textContent = "Type to start searching";
      return;
    }
    pagefind().then(function (find) { return find(query); }).then(function (found) {
      if (id === latest) render(found);
    }).catch(function () { meta.textContent = "Search is not available"; });
  }

  function open() {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    input.focus();
    setTimeout(function () { input.focus(); }, 50);  // again, once the dialog has opened
    pagefind();
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
  input.addEventListener("focus", function () {  // the box in the header opens the dialog, as in Material
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    pagefind();
  });
  dialog.addEventListener("focusout", function (event) {  // tabbing out of the dialog closes it
    if (!event.relatedTarget || !dialog.contains(event.relatedTarget)) toggle.checked = false;
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  form.addEventListener("reset", function () { setTimeout(run, 0); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
    if (!typing && (event.key === "/" || event.key === "s" || event.key === "f") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    } else if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    }
  });
  meta.textContent = "Type to start searching";
})();
