export * from './catalog/index';
export * from './scenario/index';
export * from './board/index';
export * from './readModels/index';
export * from './workshop/index';
export * from './protocol/index';
export * from './export/index';
export { newId } from './ids';
export * from './history/index';
