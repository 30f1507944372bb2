/** Hours as people type them in the console's timesheet cells. */
import { describe, expect, it } from 'vitest';
import { minutesOf } from '../../web/src/pages/hours.js';

describe('timesheet cells', () => {
  it('read decimals with a point or a comma, and hours:minutes', () => {
    expect(minutesOf('')).toBe(0);
    expect(minutesOf(' 2.5 ')).toBe(150);
    expect(minutesOf('2,5')).toBe(150);
    expect(minutesOf('1:30')).toBe(90);
    expect(minutesOf('0:05')).toBe(5);
    expect(minutesOf('8')).toBe(480);
    expect(minutesOf('0.333')).toBe(20);
  });

  it('answers nothing for what is not hours of one day', () => {
    for (const text of ['two', '1:75', '25', '24:30', '1.5.2', '-1', '1h30', '2,5,1'])
      expect(minutesOf(text), text).toBeUndefined();
    expect(minutesOf('24')).toBe(1440);
  });
});
