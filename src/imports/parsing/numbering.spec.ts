import { chineseToInt, intToChinese, numberLabel, readNumberCell, readNumberPrefix } from './numbering.js';
import { itemKeys, Outline, rankOf, type ItemPosition } from './outline.js';

describe('numbers as printed', () => {
  it.each([
    ['1.推进节能', 'ar-dot', 1, '推进节能'],
    ['1．推进节能', 'ar-dot', 1, '推进节能'],
    ['12、推进节能', 'ar-comma', 12, '推进节能'],
    ['(3)推进节能', 'ar-paren', 3, '推进节能'],
    ['（3）推进节能', 'ar-paren', 3, '推进节能'],
    ['⑴推进节能', 'ar-paren', 1, '推进节能'],
    ['4）推进节能', 'ar-half-paren', 4, '推进节能'],
    ['②推进节能', 'circled', 2, '推进节能'],
    ['二十八、推进节能', 'cn-comma', 28, '推进节能'],
    ['（十一）推进节能', 'cn-paren', 11, '推进节能'],
    ['第三条 推进节能', 'article', 3, '推进节能'],
    ['第二章 重点任务', 'chapter', 2, '重点任务'],
    ['1、 总体要求', 'ar-comma', 1, '总体要求'],
  ])('%s → %s %d', (text, style, value, rest) => {
    expect(readNumberPrefix(text)).toMatchObject({ number: { style, value }, rest });
  });

  it('does not read decimals, years or lone numbers as item numbers', () => {
    expect(readNumberPrefix('9.5%左右')).toBeUndefined();
    expect(readNumberPrefix('2025年前完成')).toBeUndefined();
    expect(readNumberPrefix('1.')).toBeUndefined();
    expect(readNumberPrefix('十四五期间')).toBeUndefined();
  });

  it('reads number cells, nested numbers in one cell included', () => {
    expect(readNumberCell('8')).toEqual({ printed: '8', style: 'ar-bare', value: 8 });
    expect(readNumberCell('8-2')).toEqual({ printed: '8-2', style: 'ar-bare', value: 8, sub: 2 });
    expect(readNumberCell('8（2）')).toMatchObject({ value: 8, sub: 2 });
    expect(readNumberCell('二')).toMatchObject({ style: 'cn-bare', value: 2 });
    expect(readNumberCell('（一）')).toMatchObject({ style: 'cn-paren', value: 1, printed: '（一）' });
    expect(readNumberCell('3．')).toMatchObject({ style: 'ar-dot', value: 3 });
    expect(readNumberCell('①')).toMatchObject({ style: 'circled', value: 1 });
    expect(readNumberCell('第一条')).toMatchObject({ style: 'article', value: 1 });
    expect(readNumberCell('A3')).toBeUndefined();
  });

  it('converts Chinese numerals both ways and labels numbers independently of full-width delimiters', () => {
    expect([chineseToInt('十'), chineseToInt('十九'), chineseToInt('四十二'), chineseToInt('一百零三')]).toEqual([10, 19, 42, 103]);
    expect([1, 10, 11, 20, 28, 105, 110].map(intToChinese)).toEqual(['一', '十', '十一', '二十', '二十八', '一百零五', '一百一十']);
    expect(numberLabel(readNumberCell('（一）')!)).toBe(numberLabel(readNumberCell('(一)')!));
    expect(numberLabel(readNumberCell('1．')!)).toBe('1');
  });
});

describe('the outline a document builds', () => {
  const open = (o: Outline, text: string) => {
    const r = readNumberPrefix(text)!;
    return o.open(r.number.style, rankOf(r.number.style), r.number, r.rest);
  };

  it('derives levels from the order styles appear in, not a fixed table', () => {
    const o = new Outline();
    expect([open(o, '1、总体要求'), open(o, '（1）指导思想'), open(o, '2、重点任务'), open(o, '（1）能源'), open(o, '1.严控煤炭')].map((h) => h.level)).toEqual([1, 2, 1, 2, 3]);
    expect(o.path().map((h) => h.title)).toEqual(['重点任务', '能源', '严控煤炭']);
  });

  it('starts a new top level when a conventionally higher style appears under open sections', () => {
    const o = new Outline();
    open(o, '（一）构建规划体系');
    expect(open(o, '二、完善政策').level).toBe(1);
  });

  it('numbers unnumbered headings by position among their siblings', () => {
    const o = new Outline();
    expect([o.open('h1', 0, null, '能源'), o.open('h1', 0, null, '工业')].map((h) => h.ordinal)).toEqual([1, 2]);
  });
});

describe('item identity', () => {
  const heading = (label: string | null, ordinal = 0, value = 1) => ({ printed: label, label, title: 't', level: 1, ordinal, value });
  const at = (headings: ReturnType<typeof heading>[], cell: string, itemNo = 1): ItemPosition => {
    const number = readNumberCell(cell)!;
    return { headings, number, value: number.value, itemNo };
  };

  it('is the number alone when numbers are unique across the file (the table key of earlier imports)', () => {
    const keys = itemKeys([at([heading('一')], '1'), at([heading('一')], '8'), at([heading('二')], '8', 2)]);
    expect(keys.map((k) => [k.identity, k.seq])).toEqual([['1-1', '1'], ['8-1', '8'], ['8-2', '8']]);
  });

  it('includes the heading path where numbering restarts under each heading, and sorts by it', () => {
    const keys = itemKeys([at([heading('一', 0, 1)], '2'), at([heading('二', 0, 2)], '1'), at([heading('一', 0, 1)], '1')]);
    expect(keys.map((k) => k.identity)).toEqual(['一/2-1', '二/1-1', '一/1-1']);
    expect(keys.map((k) => k.seq)).toEqual(['一.2', '二.1', '一.1']);
    expect(keys.map((k) => k.sortKey).sort()).toEqual([keys[2].sortKey, keys[0].sortKey, keys[1].sortKey]);
  });

  it('identifies unnumbered headings by position, so editing their titles keeps the key', () => {
    const keys = itemKeys([at([heading(null, 1)], '1'), at([heading(null, 2)], '1')]);
    expect(keys.map((k) => k.identity)).toEqual(['#1/1-1', '#2/1-1']);
  });
});
