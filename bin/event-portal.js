#!/usr/bin/env node
// The `event-portal` bin: registers tsx's loader (tsx is a runtime dependency), then runs the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('../scripts/cli.ts');
