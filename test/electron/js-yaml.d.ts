// js-yaml comes with electron-builder and ships no types; the test needs only load().
declare module 'js-yaml' {
  const yaml: { load(text: string): unknown };
  export default yaml;
}
