// One message's trail: its steps, deliveries and acknowledgements, its payload, and the resend and discard actions.
"use strict";

(() => {
  const id = document.body.dataset.message;
  const message = document.getElementById("trail-message");

  function render(trail) {
    const acks = trail.deliveries.filter(d => d.receiverAck).map(d => `${d.partnerId}: ${d.receiverAck}`).join(", ");
    const rows = [
      ["Status", `<span class="badge status-${staff.esc(trail.status)}">${staff.esc(trail.status)}</span>`],
      ["Event", staff.esc(trail.eventCode)], ["Bundle id", staff.esc(trail.bundleId)],
      ["Sender", staff.esc(trail.sender)], ["Receivers", staff.esc(trail.receivers)], ["Channel", staff.esc(trail.channel)],
      ["Received", staff.time(trail.receivedAt)], ["Our acknowledgement", staff.esc(trail.ackCode)],
      ["Receivers' acknowledgements", staff.esc(acks || "none yet")],
    ];
    document.getElementById("summary").innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("");
    document.querySelector("#deliveries tbody").innerHTML = trail.deliveries.map(d => `
      <tr data-partner="${staff.esc(d.partnerId)}"><td>${staff.esc(d.partnerId)}</td>
        <td class="status"><span class="badge status-${staff.esc(d.status)}">${staff.esc(d.status)}</span></td>
        <td class="num">${d.resendCount}</td><td>${staff.time(d.lastTransferAt)}</td><td>${staff.esc(d.receiverAck)}</td></tr>`).join("");
    document.querySelector("#steps tbody").innerHTML = trail.steps.map(s => `
      <tr><td>${staff.time(s.at)}</td><td class="step">${staff.esc(s.step)}</td><td>${staff.esc(s.partnerId)}</td>
        <td>${staff.esc(s.detail)}</td></tr>`).join("");
  }

  /** The acknowledgement documents: ours to the sender, then each receiver's; redrawn only when one is added. */
  async function acks() {
    const documents = await staff.api("GET", `/api/messages/${encodeURIComponent(id)}/acks`);
    const box = document.getElementById("acks");
    document.getElementById("no-acks").hidden = documents.length > 0;
    if (box.dataset.count === String(documents.length)) return;
    box.dataset.count = String(documents.length);
    box.innerHTML = documents.map(d => `
      <details class="ack" data-partner="${staff.esc(d.partnerId || "")}">
        <summary>${d.partnerId ? `From receiver ${staff.esc(d.partnerId)}` : "Sent by the gateway to the sender"}:
          <span class="badge status-${staff.esc(d.code)}">${staff.esc(d.code)}</span> ${staff.time(d.at)}</summary>
        <pre class="payload">${staff.esc(pretty(d.body))}</pre>
      </details>`).join("");
  }

  const refresh = () => Promise.all([staff.api("GET", `/api/messages/${encodeURIComponent(id)}`).then(render), acks()]);

  /** Indents XML by nesting depth: enough to read a FHIR message, without a library. */
  function indentXml(xml) {
    let depth = 0;
    return xml.replace(/>\s*</g, ">\n<").split("\n").map(line => {
      if (/^<\//.test(line)) depth = Math.max(depth - 1, 0);
      const out = "  ".repeat(depth) + line;
      if (/^<[^!?/][^>]*[^/]>$/.test(line) && !/<\/[^>]+>$/.test(line)) depth++;
      return out;
    }).join("\n");
  }

  async function payload() {
    const response = await fetch(`/api/messages/${encodeURIComponent(id)}/payload`, { credentials: "same-origin" });
    if (!response.ok) {
      document.getElementById("payload-pretty").textContent = `(no payload: ${response.status})`;
      return;
    }
    const raw = await response.text();
    document.getElementById("payload-raw").textContent = raw;
    document.getElementById("payload-pretty").textContent = pretty(raw);
  }

  /** A FHIR document indented for reading; as it is when it cannot be parsed. */
  function pretty(raw) {
    try {
      return raw.trim().startsWith("<") ? indentXml(raw.trim()) : JSON.stringify(JSON.parse(raw), null, 2);
    } catch (e) {
      return raw;
    }
  }

  async function act(form, path, body, done) {
    try {
      const answer = await staff.api("POST", `/api/messages/${encodeURIComponent(id)}/${path}`, body);
      staff.say(message, done(answer), true);
      form.reset();
      await refresh();
    } catch (e) {
      staff.say(message, e.message, false);
    }
  }

  const resend = document.getElementById("resend-form");
  resend.addEventListener("submit", event => {
    event.preventDefault();
    act(resend, "resend", { receiver: resend.receiver.value.trim() || null, reason: resend.reason.value.trim() || null },
      a => `Resent: ${a.copies.map(c => `${c.receiver} (Bundle.id ${c.bundleId})`).join(", ")}.`);
  });
  const discard = document.getElementById("discard-form");
  discard.addEventListener("submit", event => {
    event.preventDefault();
    act(discard, "discard", { reason: discard.reason.value }, () => "Discarded.");
  });

  payload();
  staff.poll(() => refresh().catch(e => { staff.say(message, e.message, false); throw e; }), 3000);
})();
