#!/usr/bin/env node
// The setup-go-enforced command line (see the README, 'On your machine').
import './cli/index.js';
