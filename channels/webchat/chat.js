// The web chat: talks to the Rasa REST channel on the same server, no external scripts.
// Buttons become chips; tapping one sends its payload and shows its title. After a reload the
// conversation comes back from the server (/webhooks/webchat/history), and the page's labels
// follow the conversation's language (the bot's `language` slot, read there too).
(function () {
  "use strict";
  var ENDPOINT = "/webhooks/rest/webhook";
  var HISTORY = "/webhooks/webchat/history";
  var SENDER_KEY = "impulsa-sender";
  var TEXTS = {
    es: {
      title: "Impulsa Perú · Asistente",
      tagline: "Asistente para postular: capacitación, autoempleo y certificación de oficios.",
      conversation: "Conversación",
      typing: "El asistente está escribiendo",
      label: "Escribe tu mensaje",
      placeholder: "Escribe tu mensaje…",
      send: "Enviar",
      location: "Compartir mi ubicación",
      error: "No pude conectarme. Intenta de nuevo en un momento.",
      user: "Tú",
      bot: "Asistente",
      choices: "Opciones para responder"
    },
    en: {
      title: "Impulsa Perú · Assistant",
      tagline: "Assistant for applicants: training, self-employment and certification of trades.",
      conversation: "Conversation",
      typing: "The assistant is typing",
      label: "Type your message",
      placeholder: "Type your message…",
      send: "Send",
      location: "Share my location",
      error: "I could not connect. Please try again in a moment.",
      user: "You",
      bot: "Assistant",
      choices: "Choices to answer"
    }
  };
  var language = "es";
  var log = document.getElementById("log");
  var typing = document.getElementById("typing");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");

  // The sender id is the only key to this conversation: 128 random bits, kept in this browser.
  function newSender() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return "web-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  var sender = localStorage.getItem(SENDER_KEY);
  if (!/^web-[0-9a-f]{32}$/.test(sender || "")) {
    sender = newSender();
    localStorage.setItem(SENDER_KEY, sender);
  }

  function text(key) { return TEXTS[language][key]; }

  function setLanguage(lang) {
    language = TEXTS[lang] ? lang : "es";
    document.documentElement.lang = language;
    document.title = text("title");
    document.querySelectorAll("[data-text]").forEach(function (el) { el.textContent = text(el.dataset.text); });
    document.querySelectorAll("[data-label]").forEach(function (el) { el.setAttribute("aria-label", text(el.dataset.label)); });
    document.querySelectorAll("[data-title]").forEach(function (el) { el.title = text(el.dataset.title); });
    document.querySelectorAll("[data-placeholder]").forEach(function (el) { el.placeholder = text(el.dataset.placeholder); });
    log.querySelectorAll(".speaker").forEach(function (el) { el.textContent = text(el.dataset.who) + ": "; });
    log.querySelectorAll(".chips").forEach(function (el) { el.setAttribute("aria-label", text("choices")); });
  }

  // Only the conversation scrolls, inside its own box above the input bar: its end is always visible.
  function reveal() { log.scrollTop = log.scrollHeight; }

  function add(who, message) {
    var item = document.createElement("li");
    item.className = who;
    var speaker = document.createElement("span");
    speaker.className = "speaker visually-hidden";  // a screen reader hears who said it
    speaker.dataset.who = who;
    speaker.textContent = text(who) + ": ";
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.textContent = message;
    item.appendChild(speaker);
    item.appendChild(bubble);
    log.appendChild(item);
    reveal();
    return item;
  }

  // Choices belong to the question that showed them: once anything is sent, they are all retired.
  function retireChoices() {
    log.querySelectorAll("button.chip").forEach(function (chip) { chip.disabled = true; });
  }

  function chips(item, buttons, active) {
    var row = document.createElement("div");
    row.className = "chips";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", text("choices"));
    buttons.forEach(function (button) {
      var chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.textContent = button.title;
      chip.disabled = !active;
      chip.addEventListener("click", function () {
        chip.classList.add("chosen");
        send(button.payload, button.title);
        input.focus();  // the tapped chip is now disabled: focus goes back to typing, not to <body>
      });
      row.appendChild(chip);
    });
    item.appendChild(row);
    reveal();
  }

  function showReplies(replies) {
    replies.forEach(function (reply) {
      var item = add("bot", reply.text || "");
      if (reply.buttons && reply.buttons.length) { chips(item, reply.buttons, true); }
    });
  }

  function history() {
    return fetch(HISTORY + "?sender=" + encodeURIComponent(sender), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { language: "es", messages: [] }; });
  }

  function send(message, shown, metadata) {
    retireChoices();
    add("user", shown || message);
    typing.hidden = false;
    reveal();
    var body = { sender: sender, message: message };
    if (metadata) { body.metadata = metadata; }
    return fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (replies) {
      typing.hidden = true;
      showReplies(replies);
      if (!replies.length) { add("bot", "…"); }
      // The reply may have switched the conversation's language ("in English please").
      return history().then(function (data) { setLanguage(data.language); }, function () {});
    }).catch(function () {
      typing.hidden = true;
      add("bot", text("error"));
    });
  }

  // After a reload: the conversation as it was, the pending question's choices still usable.
  var ready = history().then(function (data) {
    setLanguage(data.language);
    var messages = data.messages || [];
    var lastUser = -1;
    messages.forEach(function (m, i) { if (m.from === "user") { lastUser = i; } });
    messages.forEach(function (m, i) {
      var item = add(m.from === "user" ? "user" : "bot", m.text || "");
      if (m.buttons && m.buttons.length) { chips(item, m.buttons, i > lastUser); }
    });
  }, function () {});

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var message = input.value.trim();
    if (!message) { return; }
    input.value = "";
    ready.then(function () { return send(message); }).then(function () { input.focus(); });
  });

  document.getElementById("location").addEventListener("click", function () {
    if (!navigator.geolocation) { return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      send("/ask_centre", "📍", { location: { lat: position.coords.latitude, lon: position.coords.longitude } });
    });
  });

  window.impulsaChat = { send: send, sender: sender, ready: ready };
})();
