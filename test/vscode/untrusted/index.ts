// The restricted-mode suite's entry: the same mocha runner as the trusted suite, which
// runs the *.test.js bundled beside it (build-suite.mjs with suite 'untrusted').
export { run } from '../suite/index';
