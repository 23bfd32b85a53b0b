export * from './messages';
export * from './limits';
export * from './claims';
export * from './docNames';
export * from './api';
export * from './history';
export * from './text';
