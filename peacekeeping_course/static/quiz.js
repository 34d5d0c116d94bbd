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

  /* Reading a typed number: the rules of numeric.py (decimal comma unless a comma is followed by
     exactly three digits; "1,234" is read as 1234 with a hint). */
  var GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/, EUROPEAN = /^[-+]?\d{1,3}(\.\d{3})+,\d+$/;
  var DECIMAL_COMMA = /^[-+]?\d*,\d+$/, PLAIN = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

  function fmt(value) { return String(Number(value.toPrecision(6))); }

  function readNumber(text) {
    var cleaned = String(text).replace(/[\s\u202f\u00a0]/g, "").replace(/%$/, "");
    if (PLAIN.test(cleaned)) { return { value: parseFloat(cleaned), hint: "" }; }
    if (GROUPED.test(cleaned)) {
      var value = parseFloat(cleaned.replace(/,/g, ""));
      if ((cleaned.match(/,/g) || []).length === 1 && cleaned.indexOf(".") < 0) {
        return { value: value, hint: "read as " + fmt(value) + ", taking the comma as a thousands separator; " +
          "for a decimal, write a point (" + cleaned.replace(",", ".") + ") or one or two digits after the comma" };
      }
      return { value: value, hint: "" };
    }
    if (EUROPEAN.test(cleaned)) { return { value: parseFloat(cleaned.replace(/\./g, "").replace(",", ".")), hint: "" }; }
    if (DECIMAL_COMMA.test(cleaned)) { return { value: parseFloat(cleaned.replace(",", ".")), hint: "" }; }
    return { value: null, hint: "" };
  }

  function parseNumber(text) { return readNumber(text).value; }

  /* Seeded orders and draws: the rules of shuffle.py (FNV-1a key, mulberry32 stream). */
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i += 1) { value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0; }
    return value;
  }

  function rng(seed, key) {
    var state = fnv1a(seed + "|" + key);
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
      t = (t ^ ((t + Math.imul(t ^ (t >>> 7), t | 61)) >>> 0)) >>> 0;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(items, seed, key) {
    var out = items.slice(), random = rng(seed, key);
    for (var i = out.length - 1; i > 0; i -= 1) {
      var j = Math.floor(random() * (i + 1)), keep = out[i];
      out[i] = out[j]; out[j] = keep;
    }
    return out;
  }

  function permutation(seed, key, n) {
    var items = [];
    for (var i = 0; i < n; i += 1) { items.push(i); }
    return shuffled(items, seed, key);
  }

  /* chapters: {"01": [ids...], ...}; returns the ids of one attempt, in chapter order */
  function draw(chapters, n, seed, attempt) {
    var names = Object.keys(chapters).filter(function (c) { return chapters[c].length; }).sort();
    var total = names.reduce(function (sum, c) { return sum + chapters[c].length; }, 0);
    n = Math.min(n, total);
    var each = names.length ? Math.floor(n / names.length) : 0, picked = {}, rest = [];
    names.forEach(function (c) {
      var pool = shuffled(chapters[c], seed, "draw/" + attempt + "/" + c);
      picked[c] = pool.slice(0, each);
      pool.slice(each).forEach(function (item) { rest.push([c, item]); });
    });
    shuffled(rest, seed, "draw/" + attempt + "/rest").slice(0, n - each * names.length).forEach(function (pair) {
      picked[pair[0]].push(pair[1]);
    });
    var out = [];
    names.forEach(function (c) { out = out.concat(picked[c]); });
    return out;
  }

  var SEED_KEY = "pk-learner-seed";

  /* This browser's learner seed ("" if storage is off: then the printed order is kept). */
  function learnerSeed() {
    try {
      var seed = window.localStorage.getItem(SEED_KEY);
      if (!seed) {
        var bytes = new Uint8Array(8);
        window.crypto.getRandomValues(bytes);
        seed = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
        window.localStorage.setItem(SEED_KEY, seed);
      }
      return seed;
    } catch (e) { return ""; }
  }

  /* Show a question's options in this learner's order (values keep the bank's indices). */
  function orderOptions(fieldset, seed) {
    var box = fieldset.querySelector(".pk-options");
    if (!seed || !box || fieldset.dataset.type === "truefalse") { return; }
    var options = Array.prototype.slice.call(box.querySelectorAll(".pk-option"));
    var byIndex = {};
    options.forEach(function (o) { byIndex[o.querySelector("input").value] = o; });
    permutation(seed, fieldset.dataset.orderKey, options.length).forEach(function (i) {
      box.appendChild(byIndex[String(i)]);
    });
  }

  function grade(q, response) {
    if (q.type === "numeric") {
      if (response === null || String(response).trim() === "") {
        return { answered: false, correct: false, message: "Type a number first, then press Check.", notes: [] };
      }
      var reading = readNumber(response), value = reading.value;
      if (value === null) {
        var shown = String(response).length > 40 ? String(response).slice(0, 40) + "\u2026" : String(response);
        return { answered: false, correct: false, notes: [],
                 message: "'" + shown + "' is not a number: type digits only, e.g. 1948 or 25.6." };
      }
      if (Math.abs(value - q.answer) <= q.tolerance + 1e-9) {
        return { answered: true, correct: true, message: "Correct.", notes: [["", true, q.feedback.correct]] };
      }
      var side = value < q.answer ? "low" : "high";
      var hint = reading.hint ? " (Your answer was " + reading.hint + ".)" : "";
      return { answered: true, correct: false, message: "Not quite: " + side + "er than the answer." + hint,
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
    var seed = learnerSeed();
    data.questions.forEach(function (q) {
      var fieldset = section.querySelector("fieldset[data-qid='" + q.id + "']");
      orderOptions(fieldset, seed);
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

  /* Pre-test and final exam (exam.py): draw this learner's questions, grade all on Submit. */
  function examAttempts(data, kind) {
    var exams = data.exams && typeof data.exams === "object" ? data.exams : {};
    var list = Array.isArray(exams[kind]) ? exams[kind] : [];
    return list.filter(function (a) { return a && typeof a.score === "number" && typeof a.total === "number" && a.total > 0; });
  }

  function recordExam(kind, attempt) {
    return changeProgress(function (d) {
      if (!d.exams || typeof d.exams !== "object") { d.exams = {}; }
      if (!Array.isArray(d.exams[kind])) { d.exams[kind] = []; }
      d.exams[kind].push(attempt);
    });
  }

  function chapterName(titles, c) { return parseInt(c, 10) + ". " + (titles[c] || ""); }

  function examAdvice(byChapter, titles) {
    var missed = [], known = [];
    Object.keys(byChapter).sort().forEach(function (c) {
      (byChapter[c][0] < byChapter[c][1] ? missed : known).push(c);
    });
    var name = function (c) { return chapterName(titles, c); };
    if (!missed.length) {
      return ["You answered every question correctly: skim the chapters in order and spend your " +
              "time on the exercises and the final exam."];
    }
    var lines = ["Start with chapter " + name(missed[0]) + ".", "Study closely: " + missed.map(name).join("; ") + "."];
    if (known.length) { lines.push("You may skim (read the summary, then do the quiz): " + known.map(name).join("; ") + "."); }
    return lines;
  }

  function setupExam(section) {
    if (section.dataset.ready) { return; }
    section.dataset.ready = "1";
    var data = JSON.parse(section.querySelector("script.pk-exam-data").textContent);
    var byId = {};  // id -> {id, chapter}; the marking data comes with the key script
    data.questions.forEach(function (q) { byId[q.id] = q; });
    var seed = learnerSeed();
    var status = section.querySelector(".pk-exam-status");
    var submit = section.querySelector(".pk-exam-submit");
    var again = section.querySelector(".pk-exam-new");
    var resultBox = section.querySelector(".pk-exam-result");
    var drawn = [], warned = false;
    var keyScript = null;

    /* The marking data is a script of its own (it would double the page's weight): it loads once the
       learner starts answering, or on Submit. Works from a web server and from file:// alike. */
    function loadKey(done, failed) {
      var keys = window.pkExamKeys || {};
      if (keys[data.kind]) { done(keys[data.kind]); return; }
      if (!keyScript || keyScript.dataset.failed) {
        if (keyScript) { keyScript.remove(); }
        keyScript = document.createElement("script");
        keyScript.src = data.key;
        keyScript.addEventListener("error", function () { keyScript.dataset.failed = "1"; });
        document.head.appendChild(keyScript);
      }
      var script = keyScript;
      script.addEventListener("load", function () {
        var key = (window.pkExamKeys || {})[data.kind];
        if (key) { done(key); } else { script.dataset.failed = "1"; failed(); }
      }, { once: true });
      script.addEventListener("error", failed, { once: true });
    }

    function keyMissing() {
      status.textContent = "The marking data could not be loaded, so the exam cannot be marked yet. Your " +
        "answers stay on this page. If you are online, press Submit my answers again; if it fails again, " +
        "this copy of the book is incomplete: tell your instructor.";
    }

    function fieldsetOf(id) { return section.querySelector("fieldset[data-qid='" + id + "']"); }

    function start() {
      var attempt = examAttempts(readProgress(), data.kind).length + 1;
      drawn = data.kind === "pretest" ? data.questions.map(function (q) { return q.id; })
                                      : draw(data.chapters, data.draw, seed || "default", attempt);
      section.querySelectorAll("fieldset.pk-question").forEach(function (f) { f.hidden = true; });
      var list = section.querySelector(".pk-exam-questions");
      drawn.forEach(function (id, n) {
        var f = fieldsetOf(id);
        f.hidden = false;
        list.appendChild(f);  // shown in the drawn order
        f.querySelector(".pk-qnum").textContent = "Question " + (n + 1) + " of " + drawn.length +
          " (chapter " + parseInt(byId[id].chapter, 10) + ")";
        f.querySelectorAll("input").forEach(function (input) {
          input.disabled = false;
          if (input.type === "text") { input.value = ""; } else { input.checked = false; }
        });
        var box = f.querySelector(".pk-feedback");
        box.textContent = ""; box.className = "pk-feedback";
        orderOptions(f, seed);
      });
      status.textContent = (data.kind === "final" ? "Attempt " + attempt + ": " : "") + drawn.length +
        " questions.";
      resultBox.textContent = "";
      submit.hidden = false; again.hidden = true; warned = false;
    }

    var waiting = false;  // one Submit at a time while the key loads
    function finish() {
      if (waiting) { return; }
      waiting = true;
      loadKey(function (key) { waiting = false; mark(key); }, function () { waiting = false; keyMissing(); });
    }

    function mark(key) {
      var full = {};
      key.forEach(function (q) { full[q.id] = q; });
      var right = 0, byChapter = {}, unanswered = 0, results = [];
      drawn.forEach(function (id) {
        var q = full[id], f = fieldsetOf(id);
        var result = grade(q, readResponse(f, q));
        if (!result.answered) { unanswered += 1; }
        results.push([f, result]);
      });
      if (unanswered && !warned) {
        warned = true;
        status.textContent = unanswered + " question(s) not answered yet: they count as wrong. " +
          "Answer them, or press Submit my answers again to finish.";
        return;
      }
      results.forEach(function (pair) {
        var f = pair[0], result = pair[1], q = byId[f.dataset.qid];
        if (!result.answered) {
          result = { answered: true, correct: false, message: "Not answered.", notes: [] };
        }
        show(f, result);
        f.querySelectorAll("input").forEach(function (input) { input.disabled = true; });
        if (result.correct) { right += 1; }
        var c = byChapter[q.chapter] || (byChapter[q.chapter] = [0, 0]);
        c[0] += result.correct ? 1 : 0; c[1] += 1;
      });
      var total = drawn.length, percent = Math.round(100 * right / total);
      var passed = data.kind === "final" ? 100 * right >= data.pass_mark * total : null;
      recordExam(data.kind, { score: right, total: total, passed: passed, finished: new Date().toISOString(),
                              detail: { questions: drawn, by_chapter: byChapter } });
      resultBox.textContent = "";
      var head = document.createElement("p");
      var strong = document.createElement("strong");
      strong.textContent = "You answered " + right + " of " + total + " correctly (" + percent + "%)." +
        (passed === null ? "" : passed ? " You passed (pass mark " + data.pass_mark + "%)."
          : " That is below the pass mark of " + data.pass_mark + "%: study the chapters below and try again.");
      head.appendChild(strong);
      resultBox.appendChild(head);
      if (data.kind === "pretest") {
        examAdvice(byChapter, data.titles).forEach(function (line) {
          var p = document.createElement("p"); p.textContent = line; resultBox.appendChild(p);
        });
      }
      var table = document.createElement("table");
      table.className = "table";
      var caption = document.createElement("caption");
      caption.textContent = "Correct answers by chapter";
      table.appendChild(caption);
      var body = document.createElement("tbody");
      Object.keys(byChapter).sort().forEach(function (c) {
        var row = document.createElement("tr");
        cell(row, chapterName(data.titles, c), "th");
        cell(row, byChapter[c][0] + " of " + byChapter[c][1]);
        body.appendChild(row);
      });
      table.appendChild(body);
      resultBox.appendChild(table);
      status.textContent = "Your result is saved in this browser. The feedback under each question explains every answer.";
      submit.hidden = true;
      again.hidden = data.kind !== "final";
      resultBox.focus();
      section.dispatchEvent(new CustomEvent("pk-exam-finished", { bubbles: true,
        detail: { kind: data.kind, score: right, total: total, passed: passed } }));
    }

    submit.addEventListener("click", finish);
    section.addEventListener("change", function () { loadKey(function () {}, function () {}); }, { once: true });
    again.addEventListener("click", function () { start(); section.scrollIntoView(); });
    start();
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
    var exams = view.querySelector(".pk-progress-exams");
    if (exams) { exams.textContent = examSummary(data); }
  }

  function examLine(a) { return a.score + " of " + a.total + " (" + Math.round(100 * a.score / a.total) + "%)"; }

  function bestAttempt(list) {
    return list.reduce(function (best, a) { return !best || a.score / a.total > best.score / best.total ? a : best; }, null);
  }

  /* "Pre-test: 5 of 13 (38%). Final exam: best 26 of 30 (87%), passed; 2 attempts." */
  function examSummary(data) {
    var pre = examAttempts(data, "pretest"), fin = examAttempts(data, "final");
    var parts = [pre.length ? "Pre-test: " + examLine(pre[0]) + (pre.length > 1 ? " (first of " + pre.length + " tries)" : "") + "."
                            : "Pre-test: not taken yet."];
    if (fin.length) {
      var best = bestAttempt(fin);
      parts.push("Final exam: best " + examLine(best) + (best.passed ? ", passed" : ", not passed yet") + "; " +
                 fin.length + " attempt" + (fin.length > 1 ? "s" : "") + ".");
    } else { parts.push("Final exam: not taken yet."); }
    return parts.join(" ");
  }

  /* Record of completion: what this browser's saved progress shows, printed with the learner's name. */
  function chapterStatus(ch, data) {
    var answers = data.quizzes[ch.quiz] || {}, right = 0, done = 0;
    ch.questions.forEach(function (qid) { if (answers[qid] && answers[qid].correct === true) { right += 1; } });
    ch.exercises.forEach(function (ex) { if (data.exercises[ex] && data.exercises[ex].done) { done += 1; } });
    return { right: right, done: done, complete: right === ch.questions.length && done === ch.exercises.length };
  }

  function setupRecord(view) {
    if (view.dataset.ready) { return; }
    view.dataset.ready = "1";
    var outline = JSON.parse(view.querySelector("script.pk-progress-outline").textContent);
    var name = view.querySelector(".pk-record-name");
    var sheet = view.querySelector(".pk-record-sheet");
    function render() {
      var data = readProgress();
      sheet.querySelector(".pk-record-learner").textContent = name.value.trim() || "(type your name above)";
      sheet.querySelector(".pk-record-date").textContent = new Date().toISOString().slice(0, 10);
      var body = sheet.querySelector("tbody");
      body.textContent = "";
      var complete = [];
      outline.chapters.forEach(function (ch) {
        var st = chapterStatus(ch, data);
        if (st.complete) { complete.push(ch.number); }
        var row = document.createElement("tr");
        cell(row, ch.number + ". " + ch.title, "th");
        cell(row, st.right + " of " + ch.questions.length);
        cell(row, st.done + " of " + ch.exercises.length);
        cell(row, st.complete ? "completed" : "not completed");
        body.appendChild(row);
      });
      sheet.querySelector(".pk-record-chapters").textContent = complete.length
        ? complete.length + " of " + outline.chapters.length + " chapters completed (" + complete.join(", ") + ")."
        : "No chapter completed yet.";
      sheet.querySelector(".pk-record-exams").textContent = examSummary(data);
    }
    name.addEventListener("input", render);
    view.querySelector(".pk-record-print").addEventListener("click", function () { render(); window.print(); });
    view.hidden = false;
    render();
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
        changeProgress(function (d) { d.quizzes = {}; d.exercises = {}; d.exams = {}; });
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

  /* "Run in your browser": the lab cannot start from a page opened as a file; say so instead of
     opening a lab that never becomes ready. */
  var LAB_NEEDS_SERVER = "The in-browser lab needs the book to be served over http://, not opened " +
    "as a file. In the course folder run: make serve (or: python3 -m http.server 8000 --bind 127.0.0.1 " +
    "--directory _build/html), then open http://127.0.0.1:8000/. See \"How to use this course\".";
  function setupLabButton(link) {
    link.addEventListener("click", function (event) {
      if (window.location.protocol === "file:") {
        event.preventDefault();
        window.alert(LAB_NEEDS_SERVER);
      }
    });
  }

  function init() {
    document.querySelectorAll("a.btn-run-in-browser-button").forEach(setupLabButton);
    document.querySelectorAll("button.pk-print").forEach(setupPrint);
    document.querySelectorAll("section.pk-quiz").forEach(setup);
    document.querySelectorAll("section.pk-progress").forEach(setupProgress);
    document.querySelectorAll("section.pk-exam").forEach(setupExam);
    document.querySelectorAll("section.pk-record").forEach(setupRecord);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  window.pkQuiz = { grade: grade, parseNumber: parseNumber, readNumber: readNumber, init: init,
                  readProgress: readProgress, recordQuiz: recordQuiz, markExercise: markExercise,
                  permutation: permutation, draw: draw, learnerSeed: learnerSeed };
})();
