// WGSL files imported as text (esbuild's text loader in the bench bundle, vite's ?raw in the page).
declare module "*.wgsl" {
  const source: string;
  export default source;
}
