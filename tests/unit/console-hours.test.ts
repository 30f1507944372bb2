/** Hours as people type them in the console's timesheet cells; dates and weeks as the console writes them. */
import { describe, expect, it, vi } from 'vitest';
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

interface ConsoleI18n {
  setLanguage(language: 'en' | 'es' | 'zh-CN'): Promise<void>;
  weekLabel(isoWeek: string): string;
  amountOf(text: string, language?: 'en' | 'es' | 'zh-CN'): number;
  moneyInput(amount: string, currency: string): { amountMinor: number; currency: string };
  formats: {
    date(value: string): string;
    weekdayDate(value: string): string;
    dateTime(value: string, timeZone?: string): string;
  };
}

describe('dates and weeks in the console', () => {
  it('writes English dates as the emails do (day before month, 24-hour times) and a week by its number', async () => {
    // The console sets the page's language too; here there is no page.
    vi.stubGlobal('document', { documentElement: {} });
    // The console's module is read as the browser gets it (Vite's imports, DOM types): not typechecked here.
    const consoleI18n = '../../web/src/i18n/index.js';
    const i18n = (await import(/* @vite-ignore */ consoleI18n)) as ConsoleI18n;
    await i18n.setLanguage('en');
    expect(i18n.formats.date('2026-12-14')).toBe('14 Dec 2026');
    expect(i18n.formats.weekdayDate('2026-12-14')).toBe('Mon 14 Dec');
    expect(i18n.formats.dateTime('2026-12-14T17:05:00Z', 'UTC')).toBe('14 Dec 2026, 17:05');
    expect(i18n.weekLabel('2026-W50')).toBe('Week 50');
    await i18n.setLanguage('es');
    expect(i18n.weekLabel('2026-W50')).toBe('Semana 50');
    expect(i18n.formats.date('2026-12-14')).toBe('14 dic 2026');
    vi.unstubAllGlobals();
  });

  it('reads an amount typed with a decimal point or a decimal comma, and grouping either way', async () => {
    const consoleI18n = '../../web/src/i18n/index.js';
    const { amountOf, moneyInput } = (await import(/* @vite-ignore */ consoleI18n)) as ConsoleI18n;
    for (const [typed, amount] of [
      ['1234.5', 1234.5],
      ['12,50', 12.5],
      ['1,234.50', 1234.5],
      ['1.234,50', 1234.5],
      ['1 234,50', 1234.5],
      ['1.234.567', 1234567],
      ['1,234,567.8', 1234567.8],
      ['0,5', 0.5],
      ['-12,5', -12.5],
      ['800', 800],
    ] as const)
      expect(amountOf(typed, 'en'), typed).toBe(amount);
    // Three digits after a single mark: the reader's own decimal mark decides.
    expect(amountOf('1,234', 'en')).toBe(1234);
    expect(amountOf('1,234', 'es')).toBe(1.234);
    expect(amountOf('1.234', 'es')).toBe(1234);
    expect(amountOf('1.234', 'en')).toBe(1.234);
    for (const typed of ['', 'twelve', '12,5,0', '1.23.4', '12€', '1,2,3'])
      expect(amountOf(typed, 'en'), typed).toBeNaN();
    expect(moneyInput('1.234,56', 'EUR')).toEqual({ amountMinor: 123456, currency: 'EUR' });
    expect(moneyInput('1.234', 'JPY')).toEqual({ amountMinor: 1234, currency: 'JPY' });
  });
});
