// The document view, keyboard first. Tab/Enter: save this field and go to the next one that needs
// attention; typing replaces the value; "=" takes the value the other figures suggest; Ctrl+Enter
// approves; Alt+R rejects, Alt+H holds (each asks for a reason); Esc undoes the field.
// Every change is sent at once: the server re-runs validation and the issues and marks redraw.
"use strict";

(function () {
  const root = document.getElementById("doc");
  if (!root) return;
  const id = root.dataset.id;
  const csrf = root.dataset.csrf;
  const editing = root.dataset.editing === "1";
  const statusLine = document.getElementById("status");
  const inputs = Array.from(document.querySelectorAll("input.value"));
  const byKey = new Map(inputs.map((i) => [i.dataset.key, i]));
  let errors = Number(root.dataset.errors);
  let pending = Promise.resolve(true);
  let approveArmed = false;
  let submitted = false;

  const cellOf = (input) => input.closest(".field");
  const needsAttention = (input) => cellOf(input).classList.contains("attention");
  const say = (text, kind) => {
    statusLine.textContent = text || "";
    statusLine.className = "status " + (kind || "");
  };

  function highlight(key) {
    document.querySelectorAll(".box.active").forEach((b) => b.classList.remove("active"));
    const box = document.querySelector('.box[data-key="' + CSS.escape(key) + '"]');
    if (!box) return;
    box.classList.add("active");
    const pane = document.getElementById("pages");
    const top = box.offsetTop + box.parentElement.offsetTop;
    const margin = 40;
    if (top < pane.scrollTop + margin || top + box.offsetHeight > pane.scrollTop + pane.clientHeight - margin) {
      pane.scrollTo({ top: Math.max(0, top - pane.clientHeight / 2), behavior: "instant" });  // bring it to the middle
    }
  }

  function focusField(input) {
    if (!input) return false;
    input.focus();
    input.select();
    return true;
  }

  function nextAttention(from, step) {
    const start = inputs.indexOf(from);
    for (let k = 1; k <= inputs.length; k++) {
      const candidate = inputs[(start + step * k + inputs.length * k) % inputs.length];
      if (candidate !== from && needsAttention(candidate)) return candidate;
    }
    return null;
  }

  function apply(data) {
    errors = data.errors;
    document.getElementById("issues").innerHTML = data.issues_html;
    document.querySelectorAll("input.version").forEach((v) => { v.value = data.version; });
    for (const [key, f] of Object.entries(data.fields)) {
      const input = byKey.get(key);
      if (!input) continue;
      const cell = cellOf(input);
      cell.classList.toggle("attention", f.attention);
      cell.classList.toggle("low", f.low);
      const box = document.querySelector('.box[data-key="' + CSS.escape(key) + '"]');
      if (box) box.classList.toggle("attention", f.attention);
      if (input.value === input.dataset.original) input.value = f.value;
      input.dataset.original = f.value;
      if (f.suggestion) input.dataset.suggest = f.suggestion; else delete input.dataset.suggest;
      const hint = cell.querySelector(".suggest");
      if (hint) hint.innerHTML = f.suggestion ? "<kbd>=</kbd> " + f.suggestion : "";
      const conf = cell.querySelector(".conf");
      if (conf) conf.textContent = Math.round(f.confidence * 100) + "%";
    }
    approveArmed = false;
  }

  async function send(input) {
    const value = input.value;
    if (value === input.dataset.original) return true;
    input.setAttribute("aria-busy", "true");
    try {
      const response = await fetch("/documents/" + id + "/edits", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "Accept": "application/json" },
        body: JSON.stringify({ edits: { [input.dataset.key]: value } }),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        cellOf(input).classList.add("invalid");
        say(data.error || "the change was not saved (" + response.status + ")", "error");
        return false;
      }
      cellOf(input).classList.remove("invalid");
      input.dataset.original = value;
      apply(data);
      say(errors ? errors + " problem(s) still open" : "Saved. Everything adds up.", errors ? "" : "ok");
      return true;
    } catch (err) {
      say("the change was not saved: " + err, "error");
      return false;
    } finally {
      input.removeAttribute("aria-busy");
    }
  }

  function commit(input) {
    pending = pending.then(() => send(input));
    return pending;
  }

  async function approve() {
    if (submitted) return;
    const active = document.activeElement;
    if (active && active.classList.contains("value")) {
      if (!(await commit(active))) return;
    } else if (!(await pending)) {
      return;
    }
    const form = document.getElementById("approve-form");
    if (errors > 0 && !approveArmed) {
      approveArmed = true;
      say(errors + " problem(s) still open. Press Ctrl+Enter again to approve anyway.", "error");
      return;
    }
    form.elements.confirm.value = approveArmed ? "yes" : "";
    submitted = true;
    form.submit();
  }

  function askReason(formId) {
    const form = document.getElementById(formId);
    if (!form) return;
    form.classList.add("open");
    const reason = form.elements.reason;
    reason.focus();
    reason.onkeydown = (e) => {
      if (e.key === "Escape") {
        form.classList.remove("open");
        focusField(inputs.find(needsAttention) || inputs[0]);
      }
    };
  }

  async function unmask(key) {
    const input = byKey.get(key);
    const response = await fetch("/documents/" + id + "/unmask", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "Accept": "application/json" },
      body: JSON.stringify({ field: key }),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) { say(data.error || "could not unmask", "error"); return; }
    input.value = data.value;
    input.dataset.original = data.value;
    say("Shown in full; this view is recorded in the audit trail.", "");
  }

  inputs.forEach((input) => {
    input.addEventListener("focus", () => { highlight(input.dataset.key); input.select(); });
    if (!editing) return;
    input.addEventListener("keydown", async (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "Enter" || e.key === "Tab") {
        const step = e.shiftKey ? -1 : 1;
        if (e.key === "Tab" && !nextAttention(input, step)) return;  // nothing left to check: plain Tab order
        e.preventDefault();
        if (!(await commit(input))) return;
        const after = nextAttention(input, step);  // asked again: the edit may have settled other fields
        if (after) focusField(after);
        else if (errors) say(errors + " problem(s) still open; nothing else is marked to check.", "");
        else say("Everything adds up and nothing else needs checking: Ctrl+Enter approves.", "ok");
      } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const to = inputs[inputs.indexOf(input) + (e.key === "ArrowDown" ? 1 : -1)];
        if (await commit(input)) focusField(to);
      } else if (e.key === "=" && input.dataset.suggest) {
        e.preventDefault();
        input.value = input.dataset.suggest;
      } else if (e.key === "Escape") {
        input.value = input.dataset.original;
        cellOf(input).classList.remove("invalid");
        input.select();
      }
    });
    input.addEventListener("change", () => commit(input));
  });

  document.addEventListener("click", (e) => {
    const target = e.target.closest("button.goto, button.unmask");
    if (!target) return;
    if (target.classList.contains("unmask")) unmask(target.dataset.key);
    else focusField(byKey.get(target.dataset.key));
  });

  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && editing) {
      e.preventDefault();
      approve();
    } else if (e.altKey && !e.ctrlKey && editing && (e.code === "KeyR" || e.code === "KeyH")) {
      e.preventDefault();
      askReason(e.code === "KeyR" ? "reject-form" : "hold-form");
    } else if (e.altKey && e.code === "KeyU") {
      const active = document.activeElement;
      if (active && active.dataset.sensitive) { e.preventDefault(); unmask(active.dataset.key); }
    }
  });

  document.querySelectorAll("form").forEach((form) => {
    form.addEventListener("submit", (e) => {
      if (form.dataset.sent) e.preventDefault();  // a second click must not send a second request
      form.dataset.sent = "1";
    });
  });

  const first = document.querySelector("input.value[autofocus]");
  if (first) {  // autofocus may have fired before this script listened for focus
    focusField(first);
    highlight(first.dataset.key);
  }
})();
