// The OpenCC dictionaries ship as ES modules whose default export is the dictionary text:
// `"source target|source target|…"`. The package publishes no types for these sub-paths.
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
