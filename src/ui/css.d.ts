/** Stylesheets are imported as their text (esbuild `--loader:.css=text`, a vitest plugin in tests). */
declare module '*.css' {
  const css: string;
  export default css;
}
