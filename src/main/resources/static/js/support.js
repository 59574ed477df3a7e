// The support desk page: message search (never showing a patient), open cases with closing, the audit log.
"use strict";

(() => {
  const form = document.getElementById("search-form");
  const searchMessage = document.getElementById("search-message");
  let lastQuery = null;

  function trailLink(id) {
    return `<a class="trail-link" href="/support/messages/${encodeURIComponent(id)}">${staff.esc(id)}</a>`;
  }

  async function search() {
    if (lastQuery === null) return;
    const results = await staff.api("GET", "/api/messages?" + lastQuery);
    document.querySelector("#results tbody").innerHTML = results.map(m => `
      <tr data-message="${staff.esc(m.messageHeaderId)}">
        <td>${trailLink(m.messageHeaderId)}</td><td>${staff.esc(m.eventCode)}</td><td>${staff.esc(m.sender)}</td>
        <td>${staff.esc(m.receivers)}</td><td><span class="badge status-${staff.esc(m.status)}">${staff.esc(m.status)}</span></td>
        <td>${staff.time(m.receivedAt)}</td>
      </tr>`).join("");
    staff.say(searchMessage, `${results.length} message(s)`, true);
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value.trim()) query.set(name, value.trim());
    }
    lastQuery = query.toString();
    search().catch(e => staff.say(searchMessage, e.message, false));
  });
  form.addEventListener("reset", () => {
    lastQuery = null;
    document.querySelector("#results tbody").innerHTML = "";
    searchMessage.textContent = "";
  });

  async function cases() {
    const open = await staff.api("GET", "/api/cases");
    document.getElementById("no-cases").hidden = open.length > 0;
    const tbody = document.querySelector("#cases tbody");
    const ids = open.map(c => c.id).join(",");
    if (tbody.dataset.ids === ids) return; // keep a note being typed
    tbody.dataset.ids = ids;
    tbody.innerHTML = open.map(c => `
      <tr data-case="${c.id}">
        <td>${c.id}</td><td>${c.messageHeaderId
          ? `<a href="/support/messages/${encodeURIComponent(c.messageHeaderId)}">${staff.esc(c.kind)}</a>` : staff.esc(c.kind)}</td><td>${staff.esc(c.partnerId)}</td><td>${staff.esc(c.detail)}</td>
        <td>${staff.time(c.openedAt)}</td>
        <td class="row-actions"><input name="note" placeholder="note" aria-label="note"><button type="button" class="close-case">Close</button></td>
      </tr>`).join("");
  }

  document.querySelector("#cases tbody").addEventListener("click", async event => {
    if (!event.target.classList.contains("close-case")) return;
    const row = event.target.closest("tr[data-case]");
    try {
      await staff.api("POST", `/api/cases/${row.dataset.case}/close`, { note: row.querySelector('[name="note"]').value });
      staff.say(searchMessage, `Case ${row.dataset.case} closed.`, true);
      await Promise.all([cases(), audit()]);
    } catch (e) {
      staff.say(searchMessage, `Case ${row.dataset.case}: ${e.message}`, false);
    }
  });

  async function audit() {
    const entries = await staff.api("GET", "/api/audit?limit=50");
    document.querySelector("#audit tbody").innerHTML = entries.map(a => `
      <tr data-audit="${a.id}"><td>${staff.time(a.at)}</td><td>${staff.esc(a.actor)}</td><td>${staff.esc(a.action)}</td>
        <td>${staff.esc(a.target)}</td><td>${staff.esc(a.reason)}</td></tr>`).join("");
  }

  staff.poll(() => Promise.all([search(), cases(), audit()]), 4000);
})();
