/** Types for the part of citation.js (untyped) the format tests use: parsing input into CSL-JSON items. */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    data: unknown[];
  }
}
declare module '@citation-js/plugin-ris';
