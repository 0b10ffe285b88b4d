/**
 * Entry of the library's browser build (dist/browser/index.js): shaders inlined, no Node modules
 * (the GPU through `navigator.gpu`; the engines' Web Workers from host-worker.js and block-worker.js,
 * built beside it), then everything `src/index.ts` exports.
 */
import "./shaders.ts";

export * from "../index.ts";
