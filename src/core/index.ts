export * from './pack/types';
