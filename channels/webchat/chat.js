// The web chat: talks to the Rasa REST channel on the same server, no external scripts.
// Buttons become chips; tapping one sends its payload and shows its title.
(function () {
  "use strict";
  var ENDPOINT = "/webhooks/rest/webhook";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var sender = localStorage.getItem("impulsa-sender");
  if (!sender) {
    sender = "web-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
    localStorage.setItem("impulsa-sender", sender);
  }

  function add(who, text) {
    var item = document.createElement("li");
    item.className = who;
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.textContent = text;
    item.appendChild(bubble);
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function chips(item, buttons) {
    var row = document.createElement("div");
    row.className = "chips";
    row.setAttribute("role", "group");
    buttons.forEach(function (button) {
      var chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.textContent = button.title;
      chip.addEventListener("click", function () {
        row.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
        send(button.payload, button.title);
      });
      row.appendChild(chip);
    });
    item.appendChild(row);
    var first = row.querySelector("button");
    if (first) { first.focus(); }
  }

  function send(message, shown, metadata) {
    add("user", shown || message);
    var waiting = add("bot typing", "…");
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
      waiting.remove();
      replies.forEach(function (reply) {
        var item = add("bot", reply.text || "");
        if (reply.buttons && reply.buttons.length) { chips(item, reply.buttons); }
      });
      if (!replies.length) { add("bot", "…"); }
    }).catch(function () {
      waiting.remove();
      add("bot", "No pude conectarme. Intenta de nuevo en un momento.");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text).then(function () { input.focus(); });
  });

  document.getElementById("location").addEventListener("click", function () {
    if (!navigator.geolocation) { return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      send("/ask_centre", "📍", { location: { lat: position.coords.latitude, lon: position.coords.longitude } });
    });
  });

  window.impulsaChat = { send: send, sender: sender };
})();
