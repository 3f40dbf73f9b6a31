import { chineseNumeral, level1, level2, level3 } from './chinese-numbering.js';

describe('Chinese numbering of official documents', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [35, '三十五'],
    [99, '九十九'],
  ])('%i → %s', (n, s) => expect(chineseNumeral(n)).toBe(s));
  it('levels: 一、（一）1.', () => expect([level1(3), level2(12), level3(4)]).toEqual(['三、', '（十二）', '4.']));
});
