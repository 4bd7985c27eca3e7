/** Types for the parts of citeproc-js (CommonJS, untyped) that cite.ts uses. */
declare module 'citeproc' {
  interface Sys { retrieveLocale(lang: string): string; retrieveItem(id: string): unknown }
  class Engine {
    constructor(sys: Sys, style: string, lang?: string);
    setOutputFormat(format: 'text' | 'html' | 'rtf'): void;
    updateItems(ids: string[]): void;
    makeBibliography(): [unknown, string[]];
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
