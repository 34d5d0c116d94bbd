/* Search excerpts when the book is opened from disk (file://), e.g. from a USB stick.

   Loaded on the search page only, after Sphinx's searchtools.js (put there by
   peacekeeping_course/search_excerpts.py). For each result, searchtools.js fetches the page to cut
   an excerpt from it; browsers block fetch() on file:// pages. This script answers those fetches
   from searchexcerpts.js (the opening words of every section, written at build time and loaded
   with a <script> element, which works on file://):
   - opened from disk: always, without trying the blocked fetch;
   - served over http(s): only when a fetch fails (the page is then fetched as before).
   searchtools.js is not changed: its own Search.makeSearchSummary reads the answer. If the excerpt
   file cannot be loaded, the page says that excerpts need `make serve`. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (typeof Search === "undefined" || !me || !window.fetch || typeof Response === "undefined") return;

  var onDisk = window.location.protocol === "file:";
  var root = new URL(document.documentElement.dataset.content_root || "./", window.location.href);
  var dataUrl = new URL(me.getAttribute("data-excerpts"), window.location.href).href;
  var realFetch = window.fetch.bind(window);
  var loading = null;
  var noted = false;

  function loadExcerpts() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.pkSearchExcerpts) { resolve(window.pkSearchExcerpts); return; }
        var script = document.createElement("script");
        script.src = dataUrl;
        script.onload = function () {
          if (window.pkSearchExcerpts) resolve(window.pkSearchExcerpts);
          else reject(new Error("empty excerpt file"));
        };
        script.onerror = function () { reject(new Error("excerpt file not loaded")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function whenReady(callback) {
    if (document.readyState !== "loading") callback();
    else document.addEventListener("DOMContentLoaded", callback);
  }

  // a line above the results (this script runs in the page's head: wait for the body)
  function note(text) {
    whenReady(function () {
      var results = document.getElementById("search-results");
      if (!results) return;
      var p = document.querySelector(".pk-search-note");
      if (!p) {
        p = document.createElement("p");
        p.className = "pk-search-note";
        results.parentNode.insertBefore(p, results);
      }
      p.textContent = text;
    });
  }

  function explainFailure() {
    if (noted) return;
    noted = true;
    note("The excerpts under the results could not be loaded here. To see them, serve the book " +
         "with \u201cmake serve\u201d (see \u201cHow to use this course\u201d).");
  }

  // the page a fetch asks for, as a name of the search index ("book/09-..."), or null
  function docnameOf(input) {
    var raw = typeof input === "string" ? input : input && input.url;
    if (!raw) return null;
    var url = new URL(raw, window.location.href);
    if (url.protocol !== root.protocol || url.host !== root.host || url.pathname.indexOf(root.pathname) !== 0) return null;
    var path = decodeURIComponent(url.pathname.slice(root.pathname.length));
    return /\.html$/.test(path) ? path.slice(0, -5) : null;
  }

  // a small page that Search.htmlToText reads like the real one: [role=main] and one section per id
  function pageFor(sections) {
    var doc = document.implementation.createHTMLDocument("");
    var main = doc.body.appendChild(doc.createElement("div"));
    main.setAttribute("role", "main");
    main.setAttribute("data-pk-excerpts", "");
    sections.forEach(function (entry) {
      var section = main.appendChild(doc.createElement("section"));
      if (entry[0]) section.id = entry[0];
      section.textContent = entry[1] + " ";
    });
    return "<!DOCTYPE html>" + doc.documentElement.outerHTML;
  }

  function fromExcerpts(docname) {
    return loadExcerpts().then(function (data) {
      var sections = data[docname];
      return new Response(sections ? pageFor(sections) : "", {headers: {"Content-Type": "text/html"}});
    }, function () {
      explainFailure();
      return new Response("", {headers: {"Content-Type": "text/html"}});  // no excerpt, no error
    });
  }

  // Sphinx's summary starts with "..." even when no search word is in the text (it then shows
  // the start): on these short excerpts that is common, so show the start without the dots
  var makeSummary = Search.makeSearchSummary;
  Search.makeSearchSummary = function (htmlText, keywords, anchor) {
    var summary = makeSummary(htmlText, keywords, anchor);
    if (!summary || htmlText.indexOf("data-pk-excerpts") === -1) return summary;
    var text = Search.htmlToText(htmlText, anchor).trim();
    var lower = text.toLowerCase();
    var found = Array.from(keywords).some(function (k) { return lower.indexOf(String(k).toLowerCase()) > -1; });
    if (!found) summary.textContent = text.length > 240 ? text.substr(0, 240).trim() + "..." : text;
    return summary;
  };

  window.fetch = function (input, init) {
    var docname = docnameOf(input);
    if (docname === null) return realFetch(input, init);
    if (onDisk) return fromExcerpts(docname);
    return realFetch(input, init).then(function (response) {
      return response.ok ? response : fromExcerpts(docname);
    }, function () { return fromExcerpts(docname); });
  };

  if (onDisk) {
    loadExcerpts().catch(explainFailure);  // start early: the results need it in a moment
    if (new URLSearchParams(window.location.search).get("q")) {
      note("This book is opened from files on this computer: the text under each result is the " +
           "start of the page or section, which may not contain your search words.");
    }
  }
})();
