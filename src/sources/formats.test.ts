import { describe, expect, it } from 'vitest';
import { fileHead, formatEntry, formatNames, formats, formatsNamed } from './formats.ts';
import { formatIds } from './types.ts';

const head = (text: string, zip = false) => fileHead(Buffer.from(text), false, zip);
const detect = (text: string, zip = false) => formats.find((f) => f.sniff(head(text, zip)))?.id;

describe('the format registry', () => {
  it('has one entry per format id, and every name --format accepts', () => {
    expect([...formats.map((f) => f.id)].sort()).toEqual([...formatIds].sort());
    for (const id of formatIds) expect(formatEntry(id).aliases).toContain(id);
    expect(formatNames.slice(0, 6)).toEqual(['baci', 'baci-csv', 'baci-zip', 'comtrade', 'comtrade-csv', 'comtrade-plus-csv']);
    expect(formatsNamed('BACI').map((f) => f.id)).toEqual(['baci-csv', 'baci-zip']);
    expect(formatsNamed('nonsense')).toEqual([]);
  });

  it('recognises each layout from its first line, the first entry that matches winning', () => {
    expect(detect('t,i,j,k,v,q\n2019,4,8,490199,1.5,2')).toBe('baci-csv');
    expect(detect('PK\u0003\u0004', true)).toBe('baci-zip');
    expect(detect('country_or_area;year;comm_code;commodity;flow;trade_usd')).toBe('kaggle-commodity-csv');
    expect(detect('Classification,Year,Trade Flow Code,Commodity Code,Trade Value (US$)')).toBe('comtrade-legacy-csv');
    expect(detect('typeCode\tfreqCode\trefYear\treporterCode\tcmdCode\tprimaryValue')).toBe('comtrade-bulk');
    expect(detect('typeCode,refYear,reporterCode,reporterISO,cmdCode,primaryValue')).toBe('comtrade-plus-csv');
    expect(detect('{"elapsedTime":"1s","count":0,"data":[]}')).toBe('comtrade-api-json');
    expect(detect('[{"reporter_iso":"chl","trade_value_usd_exp":1}]')).toBe('ots-json');
    expect(detect('[ ]')).toBe('ots-json');
    expect(detect('name,colour\nx,red')).toBeUndefined();
  });

  it('folds header names and picks the delimiter', () => {
    const h = head('"Trade Value (US$)";Reporter ISO\n1;CHN');
    expect(h.delimiter).toBe(';');
    expect([...h.columns]).toEqual(['tradevalueus', 'reporteriso']);
    expect(head('{"a":1}').columns.size).toBe(0);
  });
});
