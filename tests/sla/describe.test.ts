import { describe, expect, it } from 'vitest';
import { describeRemaining } from '../../src/sla/describe.js';

const due = new Date('2026-11-16T14:00:00Z');
const before = (minutes: number) => new Date(due.getTime() - minutes * 60_000);

describe('time left / overdue text', () => {
  it.each([
    [80, 'en', '1 h 20 min left'],
    [80.9, 'en', '1 h 20 min left'],
    [60, 'en', '1 h left'],
    [45, 'en', '45 min left'],
    [0.5, 'en', 'due now'],
    [-0.5, 'en', 'due now'],
    [-35, 'en', 'overdue by 35 min'],
    [-35.9, 'en', 'overdue by 35 min'],
    [-125, 'en', 'overdue by 2 h 5 min'],
    [3 * 1440 + 180, 'en', '3 d 3 h left'],
    [2 * 1440 + 20, 'en', '2 d left'],
    [80, 'zh-TW', '剩餘 1 小時 20 分鐘'],
    [-35, 'zh-TW', '已逾期 35 分鐘'],
    [80, 'zh-CN', '剩余 1 小时 20 分钟'],
    [-35, 'zh-CN', '已超时 35 分钟'],
  ] as const)('%s min before due in %s → %s', (minutes, locale, text) => {
    expect(describeRemaining(due, before(minutes), locale)).toBe(text);
  });
});
