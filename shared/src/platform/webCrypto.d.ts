// shared/ is typed without the DOM and without Node (tsconfig.json), yet both platforms provide
// the Web Crypto global (browsers, Node >= 19). Only the one member shared/ uses is declared.
declare global {
  var crypto: {
    getRandomValues<T extends ArrayBufferView | null>(array: T): T;
  };
}

export {};
