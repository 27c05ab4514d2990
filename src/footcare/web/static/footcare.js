/* footcare's own page script, loaded before textual.js (textual-serve's terminal).
 *
 * - The Start and Restart buttons: the page's Content-Security-Policy allows scripts
 *   from this server's files only, so no inline handlers.
 * - Terminal-event hooks (below): the one place for page features that react to what
 *   the app sends, such as a sound for the bell or speech for an OSC sequence.
 */
"use strict";

(function () {
  // ---- terminal-event hooks --------------------------------------------------------
  //
  //   footcare.terminal.on("open", () => …)       the connection to the app is up
  //   footcare.terminal.on("output", (bytes) => …) bytes (a Uint8Array copy) the app
  //                                               sent, before xterm.js draws them
  //   footcare.terminal.on("close", () => …)      the app ended or the link dropped
  //
  // A handler that looks for terminal sequences (BEL, an OSC) must keep state across
  // calls: one sequence can arrive split over two messages. A handler that throws is
  // logged and skipped; the terminal carries on. The page's Content-Security-Policy
  // (src/footcare/serve_guard.py) allows this server's own files only, and no media:
  // a sound file would need "media-src 'self'" there (a Web Audio tone needs nothing).
  const handlers = { open: [], output: [], close: [] };

  function emit(event, detail) {
    for (const handler of handlers[event]) {
      try {
        handler(detail);
      } catch (error) {
        console.error(`footcare: a ${event} hook failed`, error);
      }
    }
  }

  window.footcare = Object.freeze({
    terminal: Object.freeze({
      on(event, handler) {
        if (!Object.hasOwn(handlers, event)) {
          throw new Error(`footcare: no terminal event called ${event}`);
        }
        handlers[event].push(handler);
      },
    }),
  });

  // textual.js opens one WebSocket to the app; every socket made on this page is
  // watched from the inside, so the hooks see exactly what the terminal sees.
  const PageWebSocket = window.WebSocket;
  class WatchedWebSocket extends PageWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("open", () => emit("open"));
      this.addEventListener("close", () => emit("close"));
      this.addEventListener("message", (message) => {
        if (message.data instanceof ArrayBuffer) {
          emit("output", new Uint8Array(message.data.slice(0)));
        }
      });
    }
  }
  window.WebSocket = WatchedWebSocket;

  // ---- buttons ---------------------------------------------------------------------
  function restart() {
    const url = new URL(window.location.href);
    url.searchParams.delete("delay"); // the token and the font size stay
    window.location.href = url.pathname + url.search;
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const button of document.querySelectorAll("[data-action=restart]")) {
      button.addEventListener("click", restart);
    }
  });
})();
