// Web chat: speaks to the conversation engine as the signed-in person and follows their inbox. The person is who the
// Silo's session cookie (signed in with the bank's identity provider) or a pasted access token says, never a field.
// The inbox stream is read with fetch rather than EventSource because EventSource cannot send the Authorization header.
"use strict";

const $ = (id) => document.getElementById(id);
const store = window.sessionStorage;
const state = { employeeId: null, stream: null, inbox: new Map() };

function token() { return $("access-token").value.trim(); }

// X-WA-Console marks the request as the page's own: the Silo refuses a cookie-borne change without it (another site
// cannot add a header to a request it makes the browser send).
async function api(path, options = {}) {
  const headers = { "Accept": "application/json", "X-WA-Console": "1", ...(options.headers || {}) };
  if (token()) headers["Authorization"] = `Bearer ${token()}`;
  return fetch(path, { ...options, headers, credentials: "same-origin" });
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function renderCard(card) {
  const box = el("div", "card");
  box.appendChild(el("h3", null, card.title));
  if (card.subtitle) box.appendChild(el("div", "subtitle", card.subtitle));
  if (card.facts && card.facts.length) {
    const dl = el("dl");
    for (const fact of card.facts) {
      dl.appendChild(el("dt", null, fact.name));
      dl.appendChild(el("dd", null, fact.value));
    }
    box.appendChild(dl);
  }
  if (card.buttons && card.buttons.length) {
    const row = el("div", "buttons");
    for (const button of card.buttons) {
      const b = el("button", null, button.text);
      b.type = "button";
      b.dataset.command = button.command;
      b.title = button.command;
      b.addEventListener("click", () => send(button.command, true));
      row.appendChild(b);
    }
    box.appendChild(row);
  }
  return box;
}

function say(who, text, reply) {
  const transcript = $("transcript");
  const bubble = el("div", `bubble ${who}${reply ? " " + reply.outcome : ""}`, text);
  if (reply && reply.card) bubble.appendChild(renderCard(reply.card));
  transcript.appendChild(bubble);
  transcript.scrollTop = transcript.scrollHeight;
}

async function send(text, fromButton) {
  text = (text || "").trim();
  if (!text || !state.employeeId) return;
  say("me", text);
  try {
    const response = await api("/api/webchat/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text }),
    });
    if (!response.ok) {
      say("bot", `请求失败 Request failed: ${response.status}`, { outcome: "Refused" });
      return;
    }
    const reply = await response.json();
    say("bot", reply.text, reply);
    // A button whose command needs more (a note's text) leaves it in the box to complete.
    if (fromButton && reply.outcome === "NeedsInput" && !reply.card) {
      $("chat-input").value = text + " ";
      $("chat-input").focus();
    }
  } catch (error) {
    say("bot", `网络错误 Network error: ${error.message}`, { outcome: "Refused" });
  }
}

// Deadlines and escalations are the bank's business in Shanghai time, wherever the browser is.
function formatTime(iso) {
  return new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

function renderInbox() {
  const list = $("inbox");
  list.replaceChildren();
  const items = [...state.inbox.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  for (const item of items) {
    const li = el("li", "inbox-item" + (item.fresh ? " fresh" : ""));
    li.dataset.key = item.key;
    li.appendChild(el("span", `kind ${item.kind}`, item.kind));
    if (item.complaintId) li.appendChild(el("span", "meta", item.complaintId));
    for (const via of item.deliveredVia || []) li.appendChild(el("span", "chip", via));
    li.appendChild(el("div", "text", item.text));
    li.appendChild(el("div", "meta", formatTime(item.createdAt)));
    if (item.card && item.card.buttons && item.card.buttons.length) {
      const row = el("div", "actions");
      for (const button of item.card.buttons) {
        const b = el("button", null, button.text);
        b.type = "button";
        b.title = button.command;
        b.addEventListener("click", () => send(button.command, true));
        row.appendChild(b);
      }
      li.appendChild(row);
    }
    item.fresh = false;
    list.appendChild(li);
  }
}

function onInboxEvent(type, data) {
  const payload = JSON.parse(data);
  if (type === "snapshot") {
    const known = state.inbox;
    state.inbox = new Map(payload.messages.map((m) => [m.id, { ...m, fresh: known.size > 0 && !known.has(m.id) }]));
  } else {
    for (const m of payload.messages) {
      state.inbox.set(m.id, { ...m, fresh: type === "message" });
    }
  }
  renderInbox();
}

function setStatus(online) {
  const status = $("status");
  status.textContent = online ? "● live" : "● offline";
  status.className = "status " + (online ? "online" : "offline");
}

// Reads "event:" / "data:" frames separated by a blank line, as the SSE format defines them.
async function follow(employeeId, controller) {
  while (!controller.signal.aborted) {
    try {
      const response = await api(`/api/webchat/inbox/${encodeURIComponent(employeeId)}/stream`, {
        headers: { "Accept": "text/event-stream" },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`stream ${response.status}`);
      setStatus(true);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let type = "message";
          const data = [];
          for (const line of frame.split("\n")) {
            if (line.startsWith("event:")) type = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
          }
          if (data.length) onInboxEvent(type, data.join("\n"));
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return;
    }
    setStatus(false);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function connect(quiet) {
  store.setItem("wa.token", token());
  const response = await api("/api/me");
  if (!response.ok) {
    if (!quiet) {
      $("whoami").textContent = response.status === 401
        ? "请登录或粘贴访问令牌 · Sign in, or paste an access token."
        : `无权使用 · Not allowed (${response.status}): the signed-in account is not an active employee.`;
    }
    return;
  }
  const me = await response.json();
  if (!me.employeeId) {
    $("whoami").textContent = "网页聊天仅供员工本人使用 · Web chat is for people, not system keys.";
    return;
  }
  state.employeeId = me.employeeId;
  $("whoami").textContent = `${me.name} · ${me.role} · ${me.branchId}`;
  $("chat-input").disabled = false;
  $("send").disabled = false;
  $("chat-input").focus();
  if (state.stream) state.stream.abort();
  state.inbox = new Map();
  renderInbox();
  state.stream = new AbortController();
  follow(me.employeeId, state.stream);
}

$("connect").addEventListener("click", () => connect(false));
$("access-token").addEventListener("keydown", (e) => { if (e.key === "Enter") connect(false); });
$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("chat-input").value;
  $("chat-input").value = "";
  send(text, false);
});
$("access-token").value = store.getItem("wa.token") || "";
// Back from signing in (or with a session still open), the page connects by itself.
connect(true);
