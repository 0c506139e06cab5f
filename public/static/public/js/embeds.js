// Embedded posts and videos (articles.rendering.embed_card): the page shows a card
// with a link; the provider's frame is created only when the reader presses the
// card's button, so nothing reaches the third party before (and without JavaScript
// the card stays a plain link). The CSP's frame-src lists the providers' origins.
(() => {
  "use strict";

  function show(card, button) {
    const frame = document.createElement("iframe");
    frame.className = "embed-frame";
    frame.src = card.dataset.frame;
    frame.title = card.dataset.title || "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    // The providers refuse to play without knowing the embedding site's origin.
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    const privacy = card.querySelector(".embed-privacy");
    if (privacy) privacy.remove();
    button.replaceWith(frame);
    card.classList.add("embed--shown");
  }

  function ready() {
    for (const card of document.querySelectorAll("figure.embed[data-frame]")) {
      if (!card.dataset.frame.startsWith("https://")) continue;
      const button = card.querySelector(".embed-show");
      if (!button) continue;
      const privacy = card.querySelector(".embed-privacy");
      if (privacy) privacy.hidden = false;
      button.hidden = false;
      button.addEventListener("click", () => show(card, button), { once: true });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
