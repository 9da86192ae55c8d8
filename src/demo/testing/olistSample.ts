import { generateOlist } from '../generateOlist';
import { byName, tables } from './olistTables';

/** The generated data the generator tests look at: sf 0.01, the default seed, parsed once per test file. */
export const SF = 0.01;
export const files = generateOlist({ sf: SF });
export const file = byName(files);
export const t = tables(files);

/** Money as the Olist files print it. */
export const MONEY = /^\d+\.\d\d$/;
