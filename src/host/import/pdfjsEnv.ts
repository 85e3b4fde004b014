/**
 * What pdf.js expects of its environment before it loads, for text extraction in Node.
 * It creates a `DOMMatrix` when its display layer loads, even when only text is read; Node has
 * none, and pdf.js's own fallback (@napi-rs/canvas) is a native module that a bundle cannot
 * load, so it gets inert stand-ins (nothing is rendered). The warnings it prints while it
 * looks for that module at load time are dropped; later ones are governed by `verbosity`.
 */
const g = globalThis as { DOMMatrix?: unknown; ImageData?: unknown; Path2D?: unknown };
if (!g.DOMMatrix) {
  class InertMatrix {
    a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
    constructor(init?: number[]) {
      if (Array.isArray(init) && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init;
    }
    scaleSelf(): this { return this; }
    translateSelf(): this { return this; }
    multiplySelf(): this { return this; }
    preMultiplySelf(): this { return this; }
    invertSelf(): this { return this; }
  }
  g.DOMMatrix = InertMatrix;
}
if (!g.ImageData) g.ImageData = class InertImageData {};
if (!g.Path2D) g.Path2D = class InertPath2D {};
const warn = console.warn;
console.warn = (...args: unknown[]): void => {
  if (typeof args[0] === 'string' && args[0].startsWith('Warning: Cannot ')) return;
  warn(...args);
};
export {};
