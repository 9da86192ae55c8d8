#!/usr/bin/env node
// Signs an extract request as a portal would (README "Governance"), with the first key of
// LAKEHOUSE_SIGNING_KEYS, and prints the embed URL's query (to append to `?embed=dashboard&`).
// Usage: node scripts/signUrl.mjs --audience NAME [--param name=value]... [--ttl SECONDS]
import { parseArgs } from 'node:util';
import { readSigningKeys, signedQuery } from './signedExtract.mjs';

const { values } = parseArgs({ options: { audience: { type: 'string' }, param: { type: 'string', multiple: true, default: [] }, ttl: { type: 'string', default: '3600' } } });
const [key] = readSigningKeys();
if (!values.audience || !key) {
  console.error('usage: LAKEHOUSE_SIGNING_KEYS=… node scripts/signUrl.mjs --audience NAME [--param name=value]... [--ttl SECONDS]');
  process.exit(2);
}
const parameters = Object.fromEntries(values.param.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
console.log(signedQuery({ audience: values.audience, parameters, expires: Math.floor(Date.now() / 1000) + Number(values.ttl) }, key));
