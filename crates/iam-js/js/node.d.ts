// iamplay for Node >= 18 (ES module). Every call is synchronous.
export * from './api.js';
