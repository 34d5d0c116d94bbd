/* Charts and wide tables on small screens (course.css does the layout and the scroll cue).

   Charts: every PNG chart of a notebook output is put in a frame. On a narrow screen course.css
   shows the chart at its natural size (one image pixel per CSS pixel, so an 8-point label drawn at
   96 dpi is 10.7 px tall) and the frame scrolls sideways; under the chart a line says so and links
   to the image alone, which the phone's own viewer opens full screen with pinch zoom (offline too:
   it is the same file). On a desktop the frame changes nothing: the chart fits the text column.

   Keyboard: a frame or table container that scrolls gets tabindex=0 (arrow keys scroll it) and a
   name. The theme already gives tabindex=0 to scrolling tables and cell outputs, not to our chart
   frames or to tables that the course's own directives write without a container. */
(function () {
  "use strict";

  function markScrollable(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    box.tabIndex = scrolls ? 0 : -1;
    if (scrolls) box.setAttribute("data-pk-scrolls", "");
    else box.removeAttribute("data-pk-scrolls");
  }

  function watch(box) {
    markScrollable(box);
    if ("ResizeObserver" in window) {
      var observer = new ResizeObserver(function () { markScrollable(box); });
      observer.observe(box);
      if (box.firstElementChild) observer.observe(box.firstElementChild);
    } else {
      window.addEventListener("resize", function () { markScrollable(box); });
    }
  }

  function frameCharts(root) {
    root.querySelectorAll('.cell_output > img[src*="_images/"]').forEach(function (img) {
      var frame = document.createElement("div");
      frame.className = "pk-chart-frame";
      frame.setAttribute("role", "group");
      frame.setAttribute("aria-label", "Chart");
      img.replaceWith(frame);
      frame.appendChild(img);
      var note = document.createElement("p");
      note.className = "pk-chart-note";
      var link = document.createElement("a");
      link.href = img.getAttribute("src");
      link.textContent = "open the chart full size";
      note.append("Swipe the chart sideways to see all of it, or ", link, ".");
      frame.after(note);
      img.addEventListener("load", function () { markScrollable(frame); });
      watch(frame);
    });
  }

  function nameTableScrollers(root) {
    // the theme's containers (reading tables, pandas outputs): give the focusable box a name
    root.querySelectorAll(".pst-scrollable-table-container, div.cell_output > .output").forEach(function (box) {
      var table = box.querySelector("table");
      if (!table || box.hasAttribute("aria-label")) return;
      var caption = table.querySelector("caption");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", caption ? "Table: " + caption.textContent.trim() : "Table");
    });
    // tables written by the course's directives without a container: give them one
    root.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".pst-scrollable-table-container, div.cell_output, .pk-table-scroll")) return;
      var box = document.createElement("div");
      box.className = "pk-table-scroll";
      box.setAttribute("role", "group");
      var caption = table.querySelector("caption");
      box.setAttribute("aria-label", caption ? "Table: " + caption.textContent.trim() : "Table");
      table.replaceWith(box);
      box.appendChild(table);
      watch(box);
    });
  }

  function init() {
    var main = document.querySelector("main") || document.body;
    frameCharts(main);
    nameTableScrollers(main);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
