#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` and `npm install` through the prepare script).
import '../dist/cli/bin.js';
