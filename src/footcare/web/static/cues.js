/* The session's cues in the browser: a tablet beside the feet becomes the speaker.
 *
 * - A bell (BEL, 0x07) from the app plays a short tone through the Web Audio API.
 * - "ESC ] 7701 ; text BEL", which the app writes under footcare serve at each step, is
 *   said aloud through the browser's own speech synthesis (a tone where there is none).
 *   With no text ("ESC ] 7701 ; BEL") it stops what is being said: the session is over.
 *   xterm.js ignores OSC codes it does not know, so nothing of it shows on screen.
 *
 * Everything reads the app's output through footcare.terminal.on("output") (footcare.js).
 * The page's Content-Security-Policy needs nothing more: no sound file, no request.
 */
"use strict";

(function () {
  const BEL = 0x07;
  const ESC = 0x1b;
  const SPEECH = "7701";
  const MOST = 4096; // the longest OSC kept; anything longer is skipped whole

  // ---- the tone ----------------------------------------------------------------------
  let audio = null;
  let nextFree = 0; // two bells in a row are two tones, not one

  function context() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (audio === null) audio = new Context();
    if (audio.state === "suspended") audio.resume().catch(() => {});
    return audio;
  }

  function tone() {
    const ctx = context();
    if (ctx === null) return;
    const start = Math.max(ctx.currentTime + 0.01, nextFree);
    nextFree = start + 0.45;
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = "sine";
    oscillator.frequency.setValueAtTime(880, start);
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.4);
  }

  // A browser lets sound start only after the person has used the page: any key or tap
  // (they press keys to begin a session) readies the audio for the first bell.
  for (const event of ["keydown", "pointerdown"]) {
    window.addEventListener(event, () => context(), { capture: true, passive: true });
  }

  // ---- speech ------------------------------------------------------------------------
  function say(text) {
    const synth = window.speechSynthesis;
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
      tone();
      return;
    }
    synth.cancel(); // a new step: stop the last one still being said
    const utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang || "en";
    utterance.rate = 0.95;
    synth.speak(utterance);
  }

  function hush() {
    const synth = window.speechSynthesis;
    if (synth) synth.cancel();
  }

  // ---- reading the terminal output ---------------------------------------------------
  // A small state machine over the bytes, kept across messages: a sequence can arrive
  // split in two. A BEL that ends an OSC (a title, a clipboard write) is no bell.
  const GROUND = 0;
  const ESCAPE = 1;
  const OSC = 2;
  const OSC_ESCAPE = 3;
  const STRING = 4; // DCS, SOS, PM, APC: skipped up to their terminator
  const STRING_ESCAPE = 5;
  let state = GROUND;
  let payload = [];
  let tooLong = false;
  const decoder = new TextDecoder("utf-8");

  function oscDone() {
    if (!tooLong) {
      const text = decoder.decode(new Uint8Array(payload));
      const split = text.indexOf(";");
      if (split > 0 && text.slice(0, split) === SPEECH) {
        const words = text.slice(split + 1).trim();
        if (words) say(words);
        else hush();
      }
    }
    payload = [];
    tooLong = false;
  }

  function feed(bytes) {
    for (const byte of bytes) {
      switch (state) {
        case GROUND:
          if (byte === BEL) tone();
          else if (byte === ESC) state = ESCAPE;
          break;
        case ESCAPE:
          if (byte === 0x5d) {
            state = OSC; // ]
            payload = [];
            tooLong = false;
          } else if (byte === 0x50 || byte === 0x58 || byte === 0x5e || byte === 0x5f) {
            state = STRING; // P X ^ _
          } else if (byte !== ESC) {
            state = GROUND;
          }
          break;
        case OSC:
          if (byte === BEL) {
            oscDone();
            state = GROUND;
          } else if (byte === ESC) {
            state = OSC_ESCAPE;
          } else if (byte === 0x18 || byte === 0x1a) {
            payload = []; // CAN, SUB: the sequence is abandoned
            state = GROUND;
          } else if (payload.length < MOST) {
            payload.push(byte);
          } else {
            tooLong = true;
          }
          break;
        case OSC_ESCAPE:
          if (byte === 0x5c) {
            oscDone(); // ESC \ ends it too
            state = GROUND;
          } else {
            payload = [];
            state = byte === ESC ? ESCAPE : GROUND;
          }
          break;
        case STRING:
          if (byte === ESC) state = STRING_ESCAPE;
          else if (byte === 0x18 || byte === 0x1a) state = GROUND;
          break;
        case STRING_ESCAPE:
          state = byte === 0x5c ? GROUND : byte === ESC ? STRING_ESCAPE : STRING;
          break;
      }
    }
  }

  window.footcare.terminal.on("output", feed);
})();
