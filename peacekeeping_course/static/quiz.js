/* Course quizzes in the built book: no kernel, no network. Mirrors grade() in quiz.py.
   Results are kept in the browser's localStorage (key pk-course-progress-v1) and shown on the
   "My progress" page. Storage problems (disabled, full, corrupt) never stop a quiz. */
(function () {
  "use strict";

  var STORE = "pk-course-progress-v1";

  function emptyProgress() { return { version: 1, quizzes: {}, exercises: {} }; }

  function isProgress(d) {
    return d !== null && typeof d === "object" && d.version === 1 && typeof d.quizzes === "object" &&
      d.quizzes !== null && typeof d.exercises === "object" && d.exercises !== null;
  }

  function readProgress() {
    var raw;
    try { raw = window.localStorage.getItem(STORE); } catch (e) { return emptyProgress(); }
    if (!raw) { return emptyProgress(); }
    try {
      var data = JSON.parse(raw);
      if (isProgress(data)) { return data; }
    } catch (e) { /* corrupt: kept aside below */ }
    try {  // keep the damaged value for inspection, then start afresh
      window.localStorage.setItem(STORE + "-corrupt-" + Date.now(), raw);
      window.localStorage.setItem(STORE, JSON.stringify(emptyProgress()));
    } catch (e) { /* storage full or disabled */ }
    return emptyProgress();
  }

  function changeProgress(change) {
    try {
      var data = readProgress();
      change(data);
      window.localStorage.setItem(STORE, JSON.stringify(data));
      return true;
    } catch (e) { return false; }
  }

  function recordQuiz(quiz, question, correct) {
    return changeProgress(function (d) {
      var answers = d.quizzes[quiz] || (d.quizzes[quiz] = {});
      var old = answers[question] || {};
      answers[question] = { correct: !!correct, attempts: (old.attempts || 0) + 1,
        first_try_correct: old.first_try_correct === undefined ? !!correct : old.first_try_correct,
        updated: new Date().toISOString() };
    });
  }

  function markExercise(exercise, done) {
    return changeProgress(function (d) {
      if (done) { d.exercises[exercise] = { done: true, updated: new Date().toISOString() }; }
      else { delete d.exercises[exercise]; }
    });
  }

  function parseNumber(text) {
    var cleaned = String(text).trim().replace(/[,\u202f ]/g, "");
    if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) { return null; }
    return parseFloat(cleaned);
  }

  function grade(q, response) {
    if (q.type === "numeric") {
      if (response === null || String(response).trim() === "") {
        return { answered: false, correct: false, message: "Type a number first, then press Check.", notes: [] };
      }
      var value = parseNumber(response);
      if (value === null) {
        return { answered: false, correct: false, notes: [],
                 message: "'" + response + "' is not a number: type digits only, e.g. 1948." };
      }
      if (Math.abs(value - q.answer) <= q.tolerance + 1e-9) {
        return { answered: true, correct: true, message: "Correct.", notes: [["", true, q.feedback.correct]] };
      }
      var side = value < q.answer ? "low" : "high";
      return { answered: true, correct: false, message: "Not quite: " + side + "er than the answer.",
               notes: [["", false, q.feedback[side]]] };
    }
    if (q.type === "multiple") {
      if (response.length === 0) {
        return { answered: false, correct: false, message: "Select at least one option, then press Check.", notes: [] };
      }
      var missed = 0, wrongPick = false, notes = [];
      q.options.forEach(function (o, i) {
        var picked = response.indexOf(i) >= 0;
        if (o.correct && !picked) { missed += 1; }
        if (!o.correct && picked) { wrongPick = true; }
        if (picked) { notes.push([i, o.correct, o.feedback]); }
      });
      var right = missed === 0 && !wrongPick;
      return { answered: true, correct: right, notes: notes,
               message: right ? "Correct: you found every right option."
                              : "Not quite." + (missed ? " You missed " + missed + " right option(s)." : "") };
    }
    if (response === null) {
      return { answered: false, correct: false, message: "Choose an option, then press Check.", notes: [] };
    }
    var opt = q.options[response];
    return { answered: true, correct: opt.correct, message: opt.correct ? "Correct." : "Not quite.",
             notes: [[response, opt.correct, opt.feedback]] };
  }

  function readResponse(fieldset, q) {
    if (q.type === "numeric") { return fieldset.querySelector("input.pk-number").value; }
    var picked = [];
    fieldset.querySelectorAll("input").forEach(function (input) {
      if (input.checked) { picked.push(parseInt(input.value, 10)); }
    });
    if (q.type === "multiple") { return picked; }
    return picked.length ? picked[0] : null;
  }

  function show(fieldset, result) {
    var box = fieldset.querySelector(".pk-feedback");
    box.textContent = "";
    box.className = "pk-feedback " + (result.answered ? (result.correct ? "pk-right" : "pk-wrong") : "pk-unanswered");
    var head = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = result.message;
    head.appendChild(strong);
    box.appendChild(head);
    result.notes.forEach(function (note) {
      var p = document.createElement("p");
      var mark = document.createElement("span");
      mark.className = note[1] ? "pk-mark-right" : "pk-mark-wrong";
      mark.textContent = note[1] ? "\u2714 " : "\u2718 ";
      p.appendChild(mark);
      if (note[0] !== "") {
        var label = fieldset.querySelector("label[for='" + fieldset.id + "-" + note[0] + "']");
        var b = document.createElement("strong");
        b.textContent = label ? label.textContent : "";
        p.appendChild(b);
        p.appendChild(document.createElement("br"));
      }
      p.appendChild(document.createTextNode(note[2]));
      box.appendChild(p);
    });
  }

  function setup(section) {
    if (section.dataset.ready) { return; }
    section.dataset.ready = "1";
    var data = JSON.parse(section.querySelector("script.pk-quiz-data").textContent);
    var results = {};
    var scoreValue = section.querySelector(".pk-score-value");
    var saved = readProgress().quizzes[data.quiz] || {};
    data.questions.forEach(function (q) {
      var fieldset = section.querySelector("fieldset[data-qid='" + q.id + "']");
      var check = fieldset.querySelector(".pk-check");
      var retry = fieldset.querySelector(".pk-retry");
      var earlier = saved[q.id];
      if (earlier && typeof earlier.correct === "boolean") {
        results[q.id] = earlier.correct;
        var note = document.createElement("p");
        note.className = "pk-saved";
        note.textContent = earlier.correct ? "Saved progress: you answered this correctly."
                                           : "Saved progress: not answered correctly yet.";
        fieldset.insertBefore(note, fieldset.querySelector(".pk-actions"));
      }
      check.addEventListener("click", function () {
        var result = grade(q, readResponse(fieldset, q));
        show(fieldset, result);
        if (result.answered) {
          results[q.id] = result.correct;
          recordQuiz(data.quiz, q.id, result.correct);
          var savedNote = fieldset.querySelector(".pk-saved");
          if (savedNote) { savedNote.remove(); }
          scoreValue.textContent = Object.keys(results).filter(function (k) { return results[k]; }).length;
          retry.hidden = result.correct;
        }
        fieldset.dispatchEvent(new CustomEvent("pk-quiz-graded", { bubbles: true,
          detail: { quiz: data.quiz, question: q.id, correct: result.correct, answered: result.answered } }));
      });
      retry.addEventListener("click", function () {
        fieldset.querySelectorAll("input").forEach(function (input) {
          if (input.type === "text") { input.value = ""; } else { input.checked = false; }
        });
        var box = fieldset.querySelector(".pk-feedback");
        box.textContent = "";
        box.className = "pk-feedback";
        retry.hidden = true;
        var first = fieldset.querySelector("input");
        if (first) { first.focus(); }
      });
      var number = fieldset.querySelector("input.pk-number");
      if (number) {
        number.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); check.click(); }
        });
      }
    });
    scoreValue.textContent = Object.keys(results).filter(function (k) { return results[k]; }).length;
  }

  /* "My progress" page: per-chapter scores from localStorage, and what is left. */
  function cell(row, text, tag) {
    var c = document.createElement(tag || "td");
    if (tag === "th") { c.scope = "row"; }
    if (typeof text === "string") { c.textContent = text; } else { c.appendChild(text); }
    row.appendChild(c);
    return c;
  }

  function renderProgress(view) {
    var outline = JSON.parse(view.querySelector("script.pk-progress-outline").textContent);
    var data = readProgress();
    var body = view.querySelector("tbody");
    body.textContent = "";
    var quizRight = 0, quizAll = 0, exDone = 0, exAll = 0;
    outline.chapters.forEach(function (ch) {
      var answers = data.quizzes[ch.quiz] || {};
      var left = [], right = 0;
      ch.questions.forEach(function (qid, i) {
        if (answers[qid] && answers[qid].correct === true) { right += 1; } else { left.push("Q" + (i + 1)); }
      });
      var row = document.createElement("tr");
      var link = document.createElement("a");
      link.href = ch.url;
      link.textContent = ch.number + ". " + ch.title;
      cell(row, link, "th");
      cell(row, right + " of " + ch.questions.length);
      var boxes = document.createElement("div");
      var done = 0;
      ch.exercises.forEach(function (ex) {
        var label = document.createElement("label");
        label.className = "pk-ex-done";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.checked = !!(data.exercises[ex] && data.exercises[ex].done);
        if (box.checked) { done += 1; }
        box.addEventListener("change", function () { markExercise(ex, box.checked); renderProgress(view); });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + ex));
        boxes.appendChild(label);
      });
      cell(row, boxes).setAttribute("aria-label", done + " of " + ch.exercises.length + " exercises done");
      var todo = [];
      if (left.length) { todo.push("quiz " + left.join(", ")); }
      var openEx = ch.exercises.filter(function (ex) { return !(data.exercises[ex] && data.exercises[ex].done); });
      if (openEx.length) { todo.push("exercises " + openEx.join(", ")); }
      cell(row, todo.length ? todo.join("; ") : "nothing: chapter complete");
      body.appendChild(row);
      quizRight += right; quizAll += ch.questions.length; exDone += done; exAll += ch.exercises.length;
    });
    view.querySelector(".pk-progress-total").textContent = "Quiz questions answered correctly: " + quizRight +
      " of " + quizAll + ". Exercises marked done: " + exDone + " of " + exAll + ".";
  }

  function setupProgress(view) {
    if (view.dataset.ready) { return; }
    view.dataset.ready = "1";
    var status = view.querySelector(".pk-progress-storage");
    try {
      window.localStorage.setItem(STORE + "-test", "1");
      window.localStorage.removeItem(STORE + "-test");
      status.textContent = "Your progress is saved in this browser only; it stays on this computer.";
    } catch (e) {
      status.textContent = "This browser does not allow the book to save progress (private mode or " +
        "storage turned off). Quizzes still work, but results are forgotten when you leave the page.";
    }
    view.querySelector(".pk-progress-reset").addEventListener("click", function () {
      if (window.confirm("Forget all saved quiz results and exercise marks in this browser?")) {
        changeProgress(function (d) { d.quizzes = {}; d.exercises = {}; });
        renderProgress(view);
      }
    });
    view.hidden = false;
    renderProgress(view);
  }

  /* Handouts: "Print this quiz sheet" prints that chapter's section alone. */
  function setupPrint(button) {
    button.addEventListener("click", function () {
      var sheet = button.closest("section.pk-sheet");
      document.body.classList.add("pk-print-one");
      sheet.classList.add("pk-print-target");
      window.addEventListener("afterprint", function () {
        document.body.classList.remove("pk-print-one");
        sheet.classList.remove("pk-print-target");
      }, { once: true });
      window.print();
    });
  }

  function init() {
    document.querySelectorAll("button.pk-print").forEach(setupPrint);
    document.querySelectorAll("section.pk-quiz").forEach(setup);
    document.querySelectorAll("section.pk-progress").forEach(setupProgress);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  window.pkQuiz = { grade: grade, parseNumber: parseNumber, init: init, readProgress: readProgress,
                  recordQuiz: recordQuiz, markExercise: markExercise };
})();
