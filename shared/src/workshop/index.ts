export * from './timer';
export * from './doc';
