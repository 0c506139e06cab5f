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

  // Arabic news is read at about 180 words a minute.
  const WORDS_PER_MINUTE = 180;

  function setUpWordCount() {
    for (const output of document.querySelectorAll("output.desk-word-count[data-for]")) {
      const field = document.getElementById(output.dataset.for);
      if (!field) continue;
      const reading = document.querySelector(".desk-reading-time");
      const update = () => {
        const words = countWords(field.value);
        output.value = words.toLocaleString(document.documentElement.lang || undefined);
        if (reading) {
          const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
          reading.textContent = reading.dataset.label.replace("%(minutes)s", minutes.toLocaleString(document.documentElement.lang || undefined));
        }
      };
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
      if (status_ !== 200) {
        // Refused (400: the post was not understood): say so, keep typing allowed.
        status.classList.add("desk-autosave-status--warning");
        status.textContent = answer.message || "";
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

  // Live preview: the real article page with what the editor typed, beside the
  // text on wide screens and below it on narrow ones, refreshed a moment after the
  // last keystroke (a form posted into the frame; nothing is stored).
  const PREVIEW_AFTER_MS = 800;
  const PREVIEW_FIELDS = ["headline", "standfirst", "byline", "body"];

  function setUpLivePreview() {
    const toggle = document.querySelector(".desk-live-preview-toggle");
    const panel = document.querySelector(".desk-live-preview");
    const poster = document.getElementById("desk-live-preview-form");
    if (!toggle || !panel || !poster) return;
    const frame = panel.querySelector("iframe");
    const layout = panel.parentElement;
    let timer = null;
    let scroll = 0;

    function refresh() {
      for (const old of poster.querySelectorAll("input[data-field]")) old.remove();
      for (const name of PREVIEW_FIELDS) {
        const field = document.getElementById("id_" + name);
        if (!field) continue;
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = field.value;
        input.dataset.field = "";
        poster.append(input);
      }
      try { scroll = frame.contentWindow.scrollY; } catch (error) { scroll = 0; }
      poster.submit();
    }

    frame.addEventListener("load", () => {
      try { frame.contentWindow.scrollTo(0, scroll); } catch (error) { /* not ours */ }
    });
    toggle.addEventListener("click", () => {
      const show = panel.hidden;
      panel.hidden = !show;
      layout.classList.toggle("desk-with-live-preview", show);
      toggle.setAttribute("aria-pressed", String(show));
      toggle.textContent = show ? toggle.dataset.hideLabel : toggle.dataset.showLabel;
      if (show) refresh();
    });
    for (const name of PREVIEW_FIELDS) {
      const field = document.getElementById("id_" + name);
      if (!field) continue;
      field.addEventListener("input", () => {
        if (panel.hidden) return;
        clearTimeout(timer);
        timer = setTimeout(refresh, PREVIEW_AFTER_MS);
      });
    }
  }

  // Headline length: search results show about 60 characters, social cards about 90.
  const HEADLINE_SEARCH = 60;
  const HEADLINE_SOCIAL = 90;

  function setUpHeadlineHint() {
    const field = document.getElementById("id_headline");
    const hint = document.querySelector(".desk-headline-hint");
    if (!field || !hint) return;
    field.after(hint);
    hint.hidden = false;
    const update = () => {
      const length = Array.from(field.value.trim()).length;
      let text = length.toLocaleString(document.documentElement.lang || undefined) + " " + hint.dataset.countLabel;
      hint.classList.remove("desk-headline-hint--long");
      if (length > HEADLINE_SOCIAL) {
        text += " " + hint.dataset.socialLabel;
        hint.classList.add("desk-headline-hint--long");
      } else if (length > HEADLINE_SEARCH) {
        text += " " + hint.dataset.searchLabel;
        hint.classList.add("desk-headline-hint--long");
      }
      hint.textContent = text;
    };
    field.addEventListener("input", update);
    update();
  }

  // The body's toolbar, by button or shortcut: a sub-heading (toggles "## " on the
  // line), a figure marker (the first figure the body does not place yet), bold and
  // italic (wrap the selection), a link (the selection becomes its text; the address
  // is selected to be typed), a quotation and lists (toggle "> ", "- ", "1. " on the
  // selected lines) and an embed (the address on a line of its own).
  const MARKER = /\[\[\s*(?:صورة|figure)\s+([0-9٠-٩۰-۹]+)\s*\]\]/gi;
  const EASTERN = "٠١٢٣٤٥٦٧٨٩";

  function markerNumbers(text) {
    return Array.from(text.matchAll(MARKER), (match) =>
      parseInt(match[1].replace(/[٠-٩]/g, (d) => EASTERN.indexOf(d)), 10));
  }

  function toggleSubheading(body) {
    const start = body.value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    let end = body.value.indexOf("\n", body.selectionStart);
    if (end < 0) end = body.value.length;
    const line = body.value.slice(start, end);
    const changed = line.startsWith("## ") ? line.slice(3) : "## " + line.replace(/^#+\s*/, "");
    body.setRangeText(changed, start, end, "end");
  }

  function insertFigure(body) {
    const placed = new Set(markerNumbers(body.value));
    const figures = Array.from(document.querySelectorAll("input.desk-position"))
      .map((input) => parseInt(input.value, 10)).filter((n) => n > 0).sort((a, b) => a - b);
    const number = figures.find((n) => !placed.has(n)) || Math.max(0, ...placed) + 1;
    const before = body.value.slice(0, body.selectionStart).replace(/\n*$/, "");
    const text = (before ? "\n\n" : "") + "[[صورة " + number + "]]\n\n";
    body.setRangeText(text, before.length, body.selectionEnd, "end");
  }

  function wrapSelection(body, mark) {
    const { selectionStart: start, selectionEnd: end } = body;
    const text = body.value.slice(start, end);
    const before = body.value.slice(start - mark.length, start);
    const after = body.value.slice(end, end + mark.length);
    if (text && before === mark && after === mark) {
      body.setRangeText(text, start - mark.length, end + mark.length, "select");
      return;
    }
    body.setRangeText(mark + text + mark, start, end, "select");
    body.setSelectionRange(start + mark.length, start + mark.length + text.length);
  }

  function insertLink(body) {
    const { selectionStart: start, selectionEnd: end } = body;
    const text = body.value.slice(start, end);
    const address = "https://";
    body.setRangeText("[" + text + "](" + address + ")", start, end, "end");
    const at = start + text.length + 3;
    if (text) body.setSelectionRange(at, at + address.length);
    else body.setSelectionRange(start + 1, start + 1);
  }

  function selectedLines(body) {
    const start = body.value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    let end = body.value.indexOf("\n", Math.max(body.selectionEnd - 1, body.selectionStart));
    if (end < 0) end = body.value.length;
    return [start, end, body.value.slice(start, end).split("\n")];
  }

  // Toggles a line mark on the selected lines: "> ", "- ", or "1. ", "2. "….
  function toggleLines(body, pattern, mark) {
    const [start, end, lines] = selectedLines(body);
    const filled = lines.filter((line) => line.trim());
    const marked = filled.length && filled.every((line) => pattern.test(line));
    let number = 0;
    const changed = lines.map((line) => {
      if (!line.trim()) return line;
      if (marked) return line.replace(pattern, "");
      const plain = line.replace(/^(?:>\s?|[-*]\s+|[0-9٠-٩]+[.)]\s+)/, "");
      number += 1;
      return mark(number) + plain;
    });
    body.setRangeText(changed.join("\n"), start, end, "end");
  }

  const toggleQuote = (body) => toggleLines(body, /^>\s?/, () => "> ");
  const toggleBullets = (body) => toggleLines(body, /^[-*]\s+/, () => "- ");
  const toggleNumbers = (body) => toggleLines(body, /^[0-9٠-٩]+[.)]\s+/, (n) => n + ". ");

  function insertEmbed(body) {
    const { selectionStart: start, selectionEnd: end } = body;
    const address = body.value.slice(start, end).trim() || "https://";
    const before = body.value.slice(0, start).replace(/\n*$/, "");
    const after = body.value.slice(end).replace(/^\n*/, "");
    const lead = before ? "\n\n" : "";
    body.setRangeText(lead + address + "\n\n", before.length, body.value.length - after.length, "end");
    const at = before.length + lead.length;
    body.setSelectionRange(at, at + address.length);
  }

  function setUpToolbar() {
    const body = document.getElementById("id_body");
    const labels = document.querySelector(".desk-toolbar-labels");
    if (!body || !labels) return;
    const bar = document.createElement("div");
    bar.className = "desk-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", labels.dataset.toolbar);
    bar.setAttribute("aria-controls", "id_body");
    const actions = [
      [labels.dataset.subheading, "Alt+Shift+S", "S", toggleSubheading],
      [labels.dataset.figure, "Alt+Shift+F", "F", insertFigure],
      [labels.dataset.bold, "Alt+Shift+B", "B", (body) => wrapSelection(body, "**")],
      [labels.dataset.italic, "Alt+Shift+I", "I", (body) => wrapSelection(body, "*")],
      [labels.dataset.link, "Alt+Shift+L", "L", insertLink],
      [labels.dataset.quote, "Alt+Shift+Q", "Q", toggleQuote],
      [labels.dataset.bullets, "Alt+Shift+U", "U", toggleBullets],
      [labels.dataset.numbers, "Alt+Shift+O", "O", toggleNumbers],
      [labels.dataset.embed, "Alt+Shift+E", "E", insertEmbed],
    ];
    for (const [label, keys, , action] of actions) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = label;
      button.title = label + " (" + keys + ")";
      button.setAttribute("aria-keyshortcuts", keys);
      button.addEventListener("click", () => {
        body.focus();
        action(body);
        body.dispatchEvent(new Event("input", { bubbles: true }));
      });
      bar.append(button);
    }
    body.before(bar);
    body.addEventListener("keydown", (event) => {
      if (!event.altKey || !event.shiftKey) return;
      const found = actions.find(([, , key]) => event.code === "Key" + key);
      if (!found) return;
      event.preventDefault();
      found[3](body);
      body.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function ready() {
    setUpWordCount();
    setUpFigures();
    setUpOpenNotice();
    setUpAutosave();
    setUpLivePreview();
    setUpHeadlineHint();
    setUpToolbar();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
