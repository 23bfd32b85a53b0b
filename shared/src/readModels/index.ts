export * from './summary';
export * from './progress';
export * from './merged';
export * from './soa';
export * from './securityStandard';
