export * from './table';
export * from './tables';
export * from './csv';
export * from './markdown';
export * from './document';
