import type { Plugin } from 'vite';
export declare function precompressDir(dir: string): Promise<number>;
/** The Vite plugin: after the bundle is written, precompress the output directory. */
export declare function precompress(): Plugin;
