/* The editorial desk's change form: a live word count of the body, figures that can
   be moved up and down (their numbers follow; the body's markers follow their
   figures when the article is saved), a note to the server, while the form is
   open, that this editor has it open (others opening it are warned), and the
   autosave of what the editor types (offered back if the tab closes). No inline
   script: loaded as a file (CSP). */
"use strict";
(function () {
  const FIGURE_LINE = /^\s*\[\[\s*(?:صورة|figure)\s+[0-9٠-٩۰-۹]+\s*\]\]\s*$/i;

  function countWords(text) {
    let words = 0;
    for (const line of text.split(/\r?\n/)) {
      if (FIGURE_LINE.test(line)) continue;
      const cleaned = line.replace(/^\s*#+/, "");
      const tokens = cleaned.match(/\S+/g);
      if (tokens) words += tokens.length;
    }
    return words;
  }

  function setUpWordCount() {
    for (const output of document.querySelectorAll("output.desk-word-count[data-for]")) {
      const field = document.getElementById(output.dataset.for);
      if (!field) continue;
      const update = () => { output.value = countWords(field.value).toLocaleString(document.documentElement.lang || undefined); };
      field.addEventListener("input", update);
      update();
    }
  }

  function figureRows(group) {
    return Array.from(group.querySelectorAll(".inline-related:not(.empty-form)"))
      .filter((row) => row.querySelector("input.desk-position"));
  }

  function positionOf(row) {
    return row.querySelector("input.desk-position");
  }

  function move(row, step) {
    const group = row.closest(".inline-group");
    const rows = figureRows(group);
    const index = rows.indexOf(row);
    const other = rows[index + step];
    if (!other) return;
    const mine = positionOf(row), theirs = positionOf(other);
    [mine.value, theirs.value] = [theirs.value, mine.value];
    if (step < 0) other.before(row); else other.after(row);
    row.classList.add("desk-moved");
    const button = row.querySelector(step < 0 ? ".desk-move-up" : ".desk-move-down");
    if (button) button.focus();
    refreshButtons(group);
  }

  function refreshButtons(group) {
    const rows = figureRows(group);
    rows.forEach((row, index) => {
      row.querySelector(".desk-move-up").disabled = index === 0;
      row.querySelector(".desk-move-down").disabled = index === rows.length - 1;
    });
  }

  function addButtons(group, row) {
    if (row.querySelector(".desk-move")) return;
    const heading = row.querySelector("h3") || row;
    const box = document.createElement("span");
    box.className = "desk-move";
    for (const [cls, label, step] of [
      ["desk-move-up", group.dataset.upLabel, -1],
      ["desk-move-down", group.dataset.downLabel, 1],
    ]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = cls;
      button.textContent = label;
      button.addEventListener("click", () => move(row, step));
      box.append(button);
    }
    heading.append(box);
  }

  function setUpFigures() {
    const group = document.querySelector(".inline-group.desk-figures-group");
    if (!group) return;
    for (const row of figureRows(group)) addButtons(group, row);
    refreshButtons(group);
    document.addEventListener("formset:added", (event) => {
      const row = event.target;
      if (!group.contains(row)) return;
      const position = positionOf(row);
      if (position && !position.value) {
        const numbers = figureRows(group)
          .filter((other) => other !== row)
          .map((other) => parseInt(positionOf(other).value, 10) || 0);
        position.value = Math.max(0, ...numbers) + 1;
      }
      addButtons(group, row);
      refreshButtons(group);
    });
  }

  const OPEN_EVERY_MS = 60 * 1000;

  function setUpOpenNotice() {
    const marker = document.querySelector(".desk-open[data-url]");
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!marker || !token) return;
    const tell = () => fetch(marker.dataset.url, {
      method: "POST",
      headers: { "X-CSRFToken": token.value },
      credentials: "same-origin",
    }).catch(() => {});
    tell();
    setInterval(() => { if (!document.hidden) tell(); }, OPEN_EVERY_MS);
  }

  // Autosave: what the editor types is kept on the server a few seconds after the
  // last keystroke (not as a revision), offered back when the form is opened again.
  const AUTOSAVE_AFTER_MS = 3000;
  const AUTOSAVE_FIELDS = ["headline", "slug", "standfirst", "byline", "body"];

  function setUpAutosave() {
    const marker = document.querySelector(".desk-autosave[data-url]");
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    const status = document.querySelector(".desk-autosave-status");
    if (!marker || !token || !status) return;
    const form = marker.closest("form") || document.querySelector("#article_form");
    const tab = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2);
    let timer = null;
    let paused = false;

    function fields() {
      return AUTOSAVE_FIELDS.map((name) => document.getElementById("id_" + name)).filter(Boolean);
    }

    function post(extra) {
      const data = new FormData();
      data.append("article", marker.dataset.article || "");
      data.append("version", marker.dataset.version || "");
      data.append("tab", tab);
      for (const field of fields()) data.append(field.name, field.value);
      for (const [key, value] of Object.entries(extra || {})) data.append(key, value);
      return fetch(marker.dataset.url, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": token.value },
      }).then((response) => response.json().then((answer) => [response.status, answer]));
    }

    function show(status_, answer) {
      status.replaceChildren();
      if (status_ === 409) {
        paused = true;
        status.classList.add("desk-autosave-status--warning");
        status.append(answer.message + " ");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = status.dataset.takeOverLabel;
        button.addEventListener("click", () => { paused = false; save({ force: "1" }); });
        status.append(button);
        return;
      }
      status.classList.remove("desk-autosave-status--warning");
      let text = status.dataset.savedLabel + " " + answer.time;
      if (answer.others && answer.others.length) {
        text += " · " + status.dataset.othersLabel + " " + answer.others.join("، ");
      }
      status.textContent = text;
    }

    function save(extra) {
      post(extra).then(([code, answer]) => show(code, answer)).catch(() => {});
    }

    for (const field of fields()) {
      field.addEventListener("input", () => {
        if (paused) return;
        clearTimeout(timer);
        timer = setTimeout(() => save(), AUTOSAVE_AFTER_MS);
      });
    }
    if (form) form.addEventListener("submit", () => clearTimeout(timer));

    const offer = document.querySelector(".desk-autosave-offer");
    const kept = document.getElementById("desk-autosave-data");
    if (offer && kept) {
      offer.querySelector(".desk-autosave-restore").addEventListener("click", () => {
        const data = JSON.parse(kept.textContent);
        for (const field of fields()) {
          if (field.name in data) {
            field.value = data[field.name];
            field.dispatchEvent(new Event("input", { bubbles: true }));
          }
        }
        offer.remove();
      });
      offer.querySelector(".desk-autosave-discard").addEventListener("click", () => {
        post({ discard: "1" }).catch(() => {});
        offer.remove();
      });
    }
  }

  function ready() {
    setUpWordCount();
    setUpFigures();
    setUpOpenNotice();
    setUpAutosave();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
