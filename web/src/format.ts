/** Number formatting for both languages: US$ with bn/m in English, 亿/万 美元 in Chinese. */
import { getLang } from './i18n.ts';

export function fmtUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (getLang() === 'zh') {
    if (a >= 1e8) return `${sign}${(a / 1e8).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}亿美元`;
    if (a >= 1e4) return `${sign}${(a / 1e4).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}万美元`;
    return `${sign}${a.toLocaleString('zh-CN', { maximumFractionDigits: 0 })}美元`;
  }
  if (a >= 1e9) return `${sign}US$${(a / 1e9).toLocaleString('en-US', { maximumFractionDigits: 2 })} bn`;
  if (a >= 1e6) return `${sign}US$${(a / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} m`;
  if (a >= 1e3) return `${sign}US$${(a / 1e3).toLocaleString('en-US', { maximumFractionDigits: 1 })} k`;
  return `${sign}US$${a.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

/** A ratio (0.123) as a percentage ("12.3%"). */
export function fmtPct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${(v * 100).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}%`;
}

export function fmtNum(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return v.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits });
}

/** Axis tick format for US$ values. */
export function tickUsd(v: number): string {
  const a = Math.abs(v);
  if (getLang() === 'zh') return a >= 1e8 ? `${v / 1e8}亿` : a >= 1e4 ? `${v / 1e4}万` : String(v);
  return a >= 1e9 ? `${v / 1e9}bn` : a >= 1e6 ? `${v / 1e6}m` : a >= 1e3 ? `${v / 1e3}k` : String(v);
}
