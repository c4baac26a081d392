/** How the command line names options in messages: by their flags (declared in src/config/options.ts). */
export { flagName } from '../config/index.js';
