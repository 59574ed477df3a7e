// Shared by the staff pages: JSON calls on the session (with Spring's CSRF token), escaping, times, polling.
"use strict";

const staff = (() => {
  function csrfHeaders() {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { [header.content]: token.content } : {};
  }

  /** A JSON API call; resolves to the parsed answer, rejects with the problem's detail. */
  async function api(method, path, body) {
    const headers = { Accept: "application/json", ...(method === "GET" ? {} : csrfHeaders()) };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
    if (!response.ok) {
      const detail = data && (data.detail || data.title || data.error);
      throw new Error(`${response.status}${detail ? ": " + detail : ""}`);
    }
    return data;
  }

  function esc(value) {
    return String(value ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  /** A ledger timestamp in Copenhagen time, as staff read it. */
  function time(value) {
    if (!value) return "";
    return new Date(value).toLocaleString("sv-SE", { timeZone: "Europe/Copenhagen" });
  }

  /** Now in Copenhagen, as a datetime-local value: the outage and search APIs take local times. */
  function localNow(plusMinutes = 0) {
    const at = new Date(Date.now() + plusMinutes * 60000);
    return at.toLocaleString("sv-SE", { timeZone: "Europe/Copenhagen" }).replace(" ", "T").slice(0, 16);
  }

  function duration(seconds) {
    if (seconds == null) return "";
    if (seconds < 60) return `${seconds} s`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
    return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  }

  function say(element, text, ok) {
    element.textContent = text;
    element.className = "message " + (ok ? "ok" : "error");
  }

  /** Runs load now and every few seconds; a failed poll shows on the page and the next one tries again. */
  function poll(load, everyMs = 3000) {
    const run = () => load().catch(e => console.warn("refresh failed", e));
    run();
    return setInterval(run, everyMs);
  }

  return { api, esc, time, localNow, duration, say, poll };
})();
