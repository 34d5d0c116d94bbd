/* Course quizzes in the built book: no kernel, no network. Mirrors grade() in quiz.py. */
(function () {
  "use strict";

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
    data.questions.forEach(function (q) {
      var fieldset = section.querySelector("fieldset[data-qid='" + q.id + "']");
      var check = fieldset.querySelector(".pk-check");
      var retry = fieldset.querySelector(".pk-retry");
      check.addEventListener("click", function () {
        var result = grade(q, readResponse(fieldset, q));
        show(fieldset, result);
        if (result.answered) {
          results[q.id] = result.correct;
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
  }

  function init() { document.querySelectorAll("section.pk-quiz").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  window.pkQuiz = { grade: grade, parseNumber: parseNumber, init: init };
})();
