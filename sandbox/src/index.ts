/** Missive sandbox entry: wiring only (see sandbox/README.md). */
import { createApp } from './app';

export default createApp();
