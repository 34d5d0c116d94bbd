/* Make every visible sidebar toggle work (phones, tablets, and the desktop "collapse" button).

   pydata-sphinx-theme 0.17.1 and sphinx-book-theme 1.3.0 wire their sidebar logic to the FIRST
   `.primary-toggle` / `.secondary-toggle` of the page only (document.querySelector): a button in
   the top navbar that sphinx-book-theme always hides. The buttons a reader sees, in the article
   header, get no listener, so on a phone the menu and page-contents buttons do nothing.
   Upstream: pydata/pydata-sphinx-theme#2451, executablebooks/sphinx-book-theme#988. The newest
   releases (pydata-sphinx-theme 0.24.0, sphinx-book-theme 1.4.0) still select only the first
   button, and need Sphinx 8.2 while jupyter-book 1.0.x needs Sphinx 7: the course keeps this patch
   (tests/test_phone.py) until a compatible release wires every toggle; then delete this file.

   A click on any other toggle is forwarded to the wired one, so the themes' own code does the
   work: on narrow screens it moves the sidebar into its <dialog> and opens it (Escape and a tap on
   the backdrop close it); on wide screens sphinx-book-theme collapses or shows the primary
   sidebar. The buttons are keyboard-usable as they are (Enter and Space click a <button>); when
   the dialog closes, focus goes back to the button that opened it. */
(function () {
  "use strict";

  function wireToggles(selector, dialogId) {
    var toggles = Array.prototype.slice.call(document.querySelectorAll(selector));
    var wired = toggles[0];  // the one the themes attached their listeners to
    var dialog = document.getElementById(dialogId);
    if (!wired || !dialog) {
      return;
    }
    toggles.slice(1).forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        if (dialog.open) {
          dialog.close();
          return;
        }
        wired.click();
        if (dialog.open) {
          dialog.addEventListener("close", function () { button.focus(); }, { once: true });
        }
      });
    });
  }

  function setup() {
    wireToggles(".primary-toggle", "pst-primary-sidebar-modal");
    wireToggles(".secondary-toggle", "pst-secondary-sidebar-modal");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
