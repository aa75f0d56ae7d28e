// The cleaner's HTML report: filters, search, sorting and pages over the embedded sample.
// Corpus text is only ever set with textContent: it can never become markup.
(function () {
  "use strict";
  var PAGE_SIZE = 20;
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var kinds = data.kinds;
  var docs = data.documents;
  var state = { kind: null, site: "", query: "", line: null, sort: "share-desc", clean: false, page: 0 };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function percent(share) {
    return (share * 100).toFixed(1) + "%";
  }

  // Lower-cased text for search, built once per document when first searched.
  function haystack(doc) {
    if (doc._hay === undefined) {
      var parts = [doc.path, doc.title || "", doc.site, doc.text || ""];
      for (var i = 0; i < doc.spans.length; i++) parts.push(doc.spans[i][5] || "");
      doc._hay = parts.join("\n").toLowerCase();
    }
    return doc._hay;
  }

  function hasKind(doc, kind) {
    for (var i = 0; i < doc.spans.length; i++) if (doc.spans[i][2] === kind) return true;
    return false;
  }

  function matching() {
    var query = state.query.toLowerCase();
    var chosen = docs.filter(function (doc) {
      if (state.kind !== null && !hasKind(doc, state.kind)) return false;
      if (state.site && doc.site !== state.site) return false;
      if (state.line !== null && doc.lines.indexOf(state.line) < 0) return false;
      if (query && haystack(doc).indexOf(query) < 0) return false;
      return true;
    });
    var order = {
      "share-desc": function (a, b) { return b.share - a.share || b.removed - a.removed || (a.path < b.path ? -1 : 1); },
      "share-asc": function (a, b) { return a.share - b.share || a.removed - b.removed || (a.path < b.path ? -1 : 1); },
      path: function (a, b) { return a.path < b.path ? -1 : a.path > b.path ? 1 : 0; }
    }[state.sort];
    return chosen.sort(order);
  }

  function removedSpan(span) {
    var kind = kinds[span[2]];
    var node = el("span", "rm" + (span[4] ? "" : " guess"));
    node.setAttribute("data-kind", kind);
    node.tabIndex = 0;
    var reason = kind + (span[4] ? "" : " (a guess)") + ": " + span[3];
    node.title = reason;
    node.setAttribute("aria-label", "removed, " + reason);
    if (state.kind !== null && span[2] !== state.kind) node.classList.add("dim");
    node.appendChild(el("span", "tag", kind));
    return node;
  }

  function renderText(doc) {
    var pre = el("pre", "text");
    if (doc.text === null) {
      // The input could not be read back: the removed spans alone, in order.
      doc.spans.forEach(function (span, i) {
        if (i) pre.appendChild(el("span", "gap", "\n…\n"));
        var node = removedSpan(span);
        node.appendChild(document.createTextNode(span[5]));
        node.appendChild(el("span", "tip", node.title));
        pre.appendChild(node);
      });
      return pre;
    }
    var at = 0;
    doc.spans.forEach(function (span) {
      if (span[0] > at) pre.appendChild(document.createTextNode(doc.text.slice(at, span[0])));
      var removed = doc.text.slice(span[0], span[1]);
      // A removed line's own line break goes after the highlight (and with it in the clean view),
      // so the highlight and its focus ring stay on one line.
      var body = removed.replace(/[\r\n]+$/, "");
      var node = removedSpan(span);
      node.appendChild(document.createTextNode(body));
      node.appendChild(el("span", "tip", node.title));
      pre.appendChild(node);
      if (body.length < removed.length) pre.appendChild(el("span", "rm-break", removed.slice(body.length)));
      at = Math.max(at, span[1]);
    });
    if (at < doc.text.length) pre.appendChild(document.createTextNode(doc.text.slice(at)));
    return pre;
  }

  // The clean text as the cleaner wrote it: the dump without its removed spans, each line
  // stripped, runs of blank lines made one (cleaner.document.replay), the headline first.
  function cleanText(doc) {
    var kept = [];
    var at = 0;
    doc.spans.forEach(function (span) {
      kept.push(doc.text.slice(at, span[0]));
      at = Math.max(at, span[1]);
    });
    kept.push(doc.text.slice(at));
    var lines = [];
    kept.join("").split(/\r\n|\n|\r/).forEach(function (line) {
      line = line.trim();
      if (line || (lines.length && lines[lines.length - 1])) lines.push(line);
    });
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    if (doc.title) {
      if (lines.length && lines[0].split(/\s+/).join(" ") === doc.title) lines.shift();
      while (lines.length && !lines[0]) lines.shift();
      lines.unshift(doc.title, "");
      if (lines.length === 2) lines.pop();
    }
    return lines.join("\n");
  }

  function renderClean(doc) {
    if (doc.text === null) return el("p", "note", "The dump could not be read back, so there is no clean view; the clean text is in the output file.");
    return el("pre", "text clean-text", cleanText(doc));
  }

  function renderDoc(doc) {
    var article = el("article", "doc");
    article.setAttribute("data-path", doc.path);
    article.appendChild(el("h3", null, doc.path));
    var meta = el("p", "meta");
    var words = [
      "site " + doc.site,
      doc.status,
      percent(doc.share) + " removed (" + doc.removed.toLocaleString("en") + " of " + doc.chars_in.toLocaleString("en") + " characters)",
      doc.spans.length + " removal" + (doc.spans.length === 1 ? "" : "s")
    ];
    if (doc.title) words.push("headline: " + doc.title);
    meta.textContent = words.join(" · ") + " ";
    if (doc.flagged) {
      meta.appendChild(el("span", "badge", "flagged by the safety valve"));
      // The valve's own words for this document: what it kept, or what it asks to check.
      doc.valve.forEach(function (note) { meta.appendChild(el("span", "note valve", " " + note)); });
    }
    if (doc.cut) meta.appendChild(el("span", "badge", "text cut to keep the page small"));
    if (doc.text === null) meta.appendChild(el("span", "note", " (input not readable now: removed spans only)"));
    article.appendChild(meta);
    article.appendChild(state.clean ? renderClean(doc) : renderText(doc));
    return article;
  }

  function render() {
    var chosen = matching();
    var pages = Math.max(1, Math.ceil(chosen.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    var list = document.getElementById("documents");
    list.textContent = "";
    chosen.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE).forEach(function (doc) {
      list.appendChild(renderDoc(doc));
    });
    document.getElementById("status").textContent =
      chosen.length.toLocaleString("en") + " of the " + docs.length.toLocaleString("en") + " documents in this page match.";
    document.getElementById("page-info").textContent = "page " + (state.page + 1) + " of " + pages;
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
    var lineNote = document.getElementById("line-filter");
    lineNote.hidden = state.line === null;
    if (state.line !== null) {
      lineNote.textContent = "Only the documents in this page that had this line removed: “" + data.lines[state.line] + "” ";
      var clear = el("button", null, "show all");
      clear.type = "button";
      clear.addEventListener("click", function () { state.line = null; state.page = 0; render(); });
      lineNote.appendChild(clear);
    }
    document.body.setAttribute("data-rendered", String(chosen.length));
  }

  function pressed(group, button) {
    Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) {
      b.setAttribute("aria-pressed", String(b === button));
    });
  }

  function setUp() {
    var filters = document.getElementById("kind-filters");
    var all = el("button", null, "all kinds");
    all.type = "button";
    all.setAttribute("data-kind", "");
    all.setAttribute("aria-pressed", "true");
    filters.appendChild(all);
    kinds.forEach(function (kind) {
      var button = el("button", "k-" + kind, kind);
      button.type = "button";
      button.setAttribute("data-kind", kind);
      button.setAttribute("aria-pressed", "false");
      filters.appendChild(button);
    });
    filters.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var kind = button.getAttribute("data-kind");
      state.kind = kind ? kinds.indexOf(kind) : null;
      state.page = 0;
      pressed(filters, button);
      render();
    });
    var sites = document.getElementById("site-filter");
    Array.from(new Set(docs.map(function (d) { return d.site; }))).sort().forEach(function (site) {
      var option = el("option", null, site);
      option.value = site;
      sites.appendChild(option);
    });
    sites.addEventListener("change", function () { state.site = sites.value; state.page = 0; render(); });
    var search = document.getElementById("search");
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.query = search.value; state.page = 0; render(); }, 150);
    });
    var sort = document.getElementById("sort");
    sort.addEventListener("change", function () { state.sort = sort.value; state.page = 0; render(); });
    var view = document.getElementById("view");
    view.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      state.clean = button.id === "view-clean";
      pressed(view, button);
      render();
    });
    document.getElementById("prev").addEventListener("click", function () { state.page -= 1; render(); });
    document.getElementById("next").addEventListener("click", function () { state.page += 1; render(); });
    // A flagged document's path shows that document (when the page holds it).
    Array.prototype.forEach.call(document.querySelectorAll("button.path"), function (button) {
      button.addEventListener("click", function () {
        search.value = button.getAttribute("data-path");
        state.query = search.value;
        state.page = 0;
        render();
        document.getElementById("documents-section").scrollIntoView();
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.line"), function (button) {
      button.addEventListener("click", function () {
        state.line = Number(button.getAttribute("data-line"));
        state.page = 0;
        render();
        document.getElementById("documents-section").scrollIntoView();
      });
    });
  }

  setUp();
  render();
})();
