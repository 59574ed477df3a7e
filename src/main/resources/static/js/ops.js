// The operations page: the state of the link, refreshed every few seconds, and outage registration.
"use strict";

(() => {
  const STATE_TEXT = { up: "up", held_by_outage: "held by outage", down_detected: "down (detected)" };
  const partnerSelect = document.getElementById("outage-partner");
  const form = document.getElementById("outage-form");
  const formMessage = document.getElementById("outage-message");
  let partnersListed = false;

  form.start.value = staff.localNow();
  form.expectedEnd.value = staff.localNow(120);

  function render(status) {
    document.getElementById("on-duty").textContent = status.onDuty ? `${status.onDuty.teamName} (${status.onDuty.email})` : "";
    document.getElementById("received").textContent = status.lastMinute.received;
    document.getElementById("delivered").textContent = status.lastMinute.delivered;
    document.getElementById("error-rate").textContent =
      `${status.lastMinute.refused} (${Math.round(status.lastMinute.errorRate * 100)} %)`;
    document.getElementById("updated").textContent = staff.time(status.at);

    document.querySelector("#partners tbody").innerHTML = status.partners.map(p => `
      <tr data-partner="${staff.esc(p.id)}">
        <td>${staff.esc(p.name)}</td><td>${staff.esc(p.id)}</td>
        <td class="state"><span class="badge state-${staff.esc(p.state)}">${staff.esc(STATE_TEXT[p.state] || p.state)}</span></td>
        <td class="num queue">${p.queueDepth}</td><td class="age">${staff.duration(p.oldestAgeSeconds)}</td>
      </tr>`).join("");

    if (!partnersListed) {
      status.partners.forEach(p => partnerSelect.add(new Option(`${p.name} (${p.id})`, p.id)));
      partnersListed = true;
    }

    const open = status.outages.filter(o => o.status !== "resolved");
    document.getElementById("no-outages").hidden = open.length > 0;
    const tbody = document.querySelector("#outages tbody");
    // Keep rows someone is typing in; rebuild only when the set of open outages changed.
    const ids = open.map(o => o.id).join(",");
    if (tbody.dataset.ids !== ids) {
      tbody.dataset.ids = ids;
      tbody.innerHTML = open.map(o => `
        <tr data-outage="${o.id}">
          <td>${o.id}</td><td>${staff.esc(o.kind)}${o.detected ? " (detected)" : ""}</td>
          <td>${staff.esc(o.affectedPartners.join(", "))}</td><td>${staff.esc(o.cause)}</td>
          <td>${staff.esc(o.start)}</td><td class="expected-end">${staff.esc(o.expectedEnd)}</td>
          <td class="status">${staff.esc(o.status)}${o.statusText ? ": " + staff.esc(o.statusText) : ""}</td>
          <td class="row-actions">
            <input type="datetime-local" name="expectedEnd" aria-label="new expected end">
            <input name="statusText" placeholder="status text" aria-label="status text">
            <button type="button" class="update">Update</button>
            <button type="button" class="resolve">Resolve</button>
          </td>
        </tr>`).join("");
    } else {
      open.forEach(o => {
        const row = tbody.querySelector(`tr[data-outage="${o.id}"]`);
        row.querySelector(".expected-end").textContent = o.expectedEnd;
        row.querySelector(".status").textContent = o.status + (o.statusText ? ": " + o.statusText : "");
      });
    }
  }

  const refresh = () => staff.api("GET", "/api/ops/status").then(render);

  document.querySelector("#outages tbody").addEventListener("click", async event => {
    const row = event.target.closest("tr[data-outage]");
    if (!row || event.target.tagName !== "BUTTON") return;
    const id = row.dataset.outage;
    const statusText = row.querySelector('[name="statusText"]').value || null;
    try {
      if (event.target.classList.contains("resolve")) {
        await staff.api("POST", `/api/outages/${id}/resolve`, { statusText });
        staff.say(formMessage, `Outage ${id} resolved.`, true);
      } else {
        const expectedEnd = row.querySelector('[name="expectedEnd"]').value || null;
        await staff.api("PATCH", `/api/outages/${id}`, { expectedEnd, statusText });
        staff.say(formMessage, `Outage ${id} updated.`, true);
      }
      await refresh();
    } catch (e) {
      staff.say(formMessage, `Outage ${id}: ${e.message}`, false);
    }
  });

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const list = text => text.split(",").map(s => s.trim()).filter(Boolean);
    const request = {
      kind: form.kind.value, cause: form.cause.value, affectedPartners: [form.affectedPartners.value],
      affectedMessageTypes: list(form.affectedMessageTypes.value), start: form.start.value, expectedEnd: form.expectedEnd.value,
      contact: { name: form.contactName.value, phone: form.contactPhone.value || null, email: form.contactEmail.value || null },
    };
    try {
      const outage = await staff.api("POST", "/api/outages", request);
      staff.say(formMessage, `Outage ${outage.id} registered (${outage.status}).`, true);
      form.cause.value = "";
      await refresh();
    } catch (e) {
      staff.say(formMessage, e.message, false);
    }
  });

  staff.poll(refresh, 3000);
})();
