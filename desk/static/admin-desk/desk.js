/* The editorial desk's change form: a live word count of the body, figures that can
   be moved up and down (their numbers follow; the body's markers follow their
   figures when the article is saved), and a note to the server, while the form is
   open, that this editor has it open (others opening it are warned). No inline
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

  function ready() {
    setUpWordCount();
    setUpFigures();
    setUpOpenNotice();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
