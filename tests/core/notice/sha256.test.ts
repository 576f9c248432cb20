import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/core/notice/sha256';

describe('sha256', () => {
  it('equals Node’s SHA-256 on the FIPS example, every padding boundary, non-ASCII text and random strings', () => {
    const samples = ['', 'abc', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 'é€😀 ünïcödé'.repeat(40)];
    for (let length = 50; length <= 130; length++) samples.push('x'.repeat(length));
    for (let i = 0; i < 50; i++) samples.push(randomBytes(1 + i * 37).toString('latin1'));
    for (const text of samples) expect(sha256(text), JSON.stringify(text.slice(0, 20))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
