export * from './textDiff';
export * from './changes';
export * from './restore';
export * from './timeline';
