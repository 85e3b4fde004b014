// The citation-js packages publish no TypeScript types: the small part the project calls.
declare module '@citation-js/core' {
  export const plugins: {
    output: {
      format(name: string, data: unknown[], options?: Record<string, unknown>): unknown;
    };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
