// The operations page: the state of the link, refreshed every few seconds, its last hour as a chart, and outage registration.
"use strict";

(() => {
  const STATE_TEXT = { up: "up", held_by_outage: "held by outage", down_detected: "down (detected)" };
  const partnerSelect = document.getElementById("outage-partner");
  const form = document.getElementById("outage-form");
  const formMessage = document.getElementById("outage-message");
  let partnersListed = false;

  form.start.value = staff.localNow();
  form.expectedEnd.value = staff.localNow(120);

  // The last hour (GET /api/ops/trends: samples the gateway takes every trend interval), drawn as inline SVG:
  // messages per minute in one chart, and each receiver's queue as a sparkline in its row of the partners table.
  const SERIES = [
    { key: "inPerMinute", name: "received", cls: "series-in" },
    { key: "outPerMinute", name: "delivered", cls: "series-out" },
    { key: "refusedPerMinute", name: "refused", cls: "series-refused" },
  ];
  const HOUR_MS = 3600 * 1000;
  let trends = null;
  let trendsFetchedAt = 0;

  /** Fetches the trends on the page's refresh when a new sample may have been taken since the last fetch. */
  async function loadTrends() {
    if (trends && Date.now() - trendsFetchedAt < trends.intervalSeconds * 1000) return;
    trendsFetchedAt = Date.now();
    trends = await staff.api("GET", "/api/ops/trends");
  }

  /** 1, 2 or 5 times a power of ten, at least the value (and at least 1: whole messages per minute on the axis). */
  function niceStep(value) {
    if (value <= 1) return 1;
    const power = 10 ** Math.floor(Math.log10(value));
    const m = value / power;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
  }

  const number = v => (Math.round(v * 10) / 10).toLocaleString("en");

  /**
   * An SVG path through the points ([time ms, value]); a gap of more than a few sample intervals (the gateway
   * was down, or its clock jumped) starts a new piece rather than drawing a line across it.
   */
  function pathData(points, x, y) {
    const gapMs = 2.5 * trends.intervalSeconds * 1000;
    let d = "";
    let last = null;
    for (const [t, v] of points) {
      const at = `${x(t).toFixed(1)},${y(v).toFixed(1)}`;
      // "h0": a piece of one point still shows as a dot (round line caps).
      d += last === null || t - last > gapMs ? `M${at}h0` : `L${at}`;
      last = t;
    }
    return d;
  }

  function drawThroughput() {
    const svg = document.getElementById("throughput-chart");
    const note = document.getElementById("trend-note");
    const width = Math.max(svg.clientWidth || 0, 360);
    const height = 200;
    const m = { left: 58, right: 16, top: 12, bottom: 42 };
    const plotW = width - m.left - m.right;
    const plotH = height - m.top - m.bottom;
    const end = Date.parse(trends.at);
    const start = end - HOUR_MS;
    const samples = trends.samples;
    const highest = Math.max(0, ...samples.flatMap(s => SERIES.map(k => s[k.key])));
    const step = niceStep(highest / 4);
    const top = Math.max(step, Math.ceil(highest / step) * step);
    const x = t => m.left + (t - start) / HOUR_MS * plotW;
    const y = v => m.top + plotH - v / top * plotH;

    const latest = samples[samples.length - 1];
    const label = latest
      ? `Messages per minute over the last hour, sampled every ${trends.intervalSeconds} s. Latest (${staff.time(latest.at)}): `
        + SERIES.map(k => `${k.name} ${number(latest[k.key])}`).join(", ") + `. Highest: ${number(highest)}.`
      : `Messages per minute over the last hour: no samples yet (one every ${trends.intervalSeconds} s).`;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("aria-label", label);
    note.textContent = latest ? `per minute, sampled every ${trends.intervalSeconds} s; latest ${staff.time(latest.at)}`
      : `no samples yet: the gateway takes one every ${trends.intervalSeconds} s`;

    let out = `<title>${staff.esc(label)}</title><g class="axis">`;
    for (let v = 0; v <= top; v += step) {
      out += `<line class="grid" x1="${m.left}" x2="${m.left + plotW}" y1="${y(v)}" y2="${y(v)}"/>`
        + `<text x="${m.left - 6}" y="${y(v)}" text-anchor="end" dominant-baseline="middle">${number(v)}</text>`;
    }
    for (let ago = 60; ago >= 0; ago -= 15) {
      const tx = x(end - ago * 60000);
      out += `<line class="grid" x1="${tx}" x2="${tx}" y1="${m.top}" y2="${m.top + plotH}"/>`
        + `<text x="${tx}" y="${m.top + plotH + 15}" text-anchor="middle">${ago ? `${ago} min ago` : "now"}</text>`;
    }
    out += `<text class="axis-title" x="${m.left + plotW / 2}" y="${height - 6}" text-anchor="middle">time (the last 60 minutes)</text>`
      + `<text class="axis-title" transform="rotate(-90)" x="${-(m.top + plotH / 2)}" y="14" text-anchor="middle">messages per minute</text>`
      + "</g>";
    // Refused last, so it lies on top of the others where they meet (often at zero).
    for (const k of SERIES) {
      const points = samples.map(s => [Date.parse(s.at), s[k.key]]);
      out += `<path class="series ${k.cls}" data-series="${k.key}" d="${pathData(points, x, y)}"><title>${k.name} per minute</title></path>`;
      if (latest) {
        out += `<circle class="latest ${k.cls}" cx="${x(Date.parse(latest.at))}" cy="${y(latest[k.key])}" r="3"/>`;
      }
    }
    svg.innerHTML = out;
  }

  /** The receiver's queue over the last hour, if it had copies waiting in it; empty otherwise. */
  function sparkline(partner) {
    if (!trends || trends.samples.length === 0) return "";
    const points = trends.samples.map(s => [Date.parse(s.at), s.queueDepths[partner.id] || 0]);
    const highest = Math.max(...points.map(p => p[1]));
    if (highest === 0) return "";
    const w = 140, h = 26, pad = 3;
    const end = Date.parse(trends.at);
    const x = t => pad + (t - (end - HOUR_MS)) / HOUR_MS * (w - 2 * pad);
    const y = v => h - pad - v / highest * (h - 2 * pad);
    const [lastAt, latest] = points[points.length - 1];
    const label = `Queue of ${partner.name} over the last hour: highest ${highest}, latest ${latest}`;
    return `<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${staff.esc(label)}">`
      + `<title>${staff.esc(label)}</title>`
      + `<line class="base" x1="${pad}" x2="${w - pad}" y1="${y(0)}" y2="${y(0)}"/>`
      + `<path class="series series-queue" d="${pathData(points, x, y)}"/>`
      + `<circle class="latest series-queue" cx="${x(lastAt)}" cy="${y(latest)}" r="2.5"/></svg>`
      + `<span class="spark-max">max ${highest}</span>`;
  }

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
        <td class="trend">${sparkline(p)}</td>
      </tr>`).join("");
    if (trends) drawThroughput();

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

  const refresh = async () => {
    // A failed trends fetch leaves the last chart up; the status table still refreshes.
    const [status] = await Promise.all([staff.api("GET", "/api/ops/status"),
      loadTrends().catch(e => console.warn("trends refresh failed", e))]);
    render(status);
  };

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
