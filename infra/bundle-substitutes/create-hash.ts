// Stands in for @apollo/utils.createhash in the bundles (infra/function-bundling.ts). That package uses
// node:crypto only when CommonJS `module.require` exists, which a bundle lacks, and otherwise a
// JavaScript SHA (sha.js and its helpers). The hashes are the same; node:crypto is smaller and faster.
export { createHash } from 'node:crypto';
