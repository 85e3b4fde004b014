/** The host-free core of Fintech Lens: everything here runs in Node, a browser or a CLI. */
export * from './pack/types';
export * from './pack/load';
export * from './pack/bind';
export * from './report';
export * from './text/types';
export * from './text/lines';
export * from './citations';
export * from './terms';
export * from './script/fold';
export * from './script/pinyin';
export * from './glossary/card';
export * from './glossary/complete';
export * from './lint';
export * from './taxonomy';
export * from './render';
export * as reportImport from './import';
export * from './settings';
export * from './pack/select';
