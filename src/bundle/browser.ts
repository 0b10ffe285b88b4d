/**
 * Entry of the library's browser build (dist/browser/index.js): shaders inlined, no Node modules
 * (the engines run on one thread, the GPU through `navigator.gpu`), then everything `src/index.ts`
 * exports.
 */
import "./shaders.ts";

export * from "../index.ts";
