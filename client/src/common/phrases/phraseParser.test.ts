import { Parser, jaModel } from 'budoux';
import { describe, expect, it } from 'vitest';
import { phrasesOf } from './phraseParser';

/** The fallback path (browsers without auto-phrase) with the real BudouX model. */
const parser = new Parser(jaModel);

describe('phrasesOf', () => {
  it('keeps the words the seminar saw broken whole', () => {
    for (const [text, word] of [
      ['情報セキュリティのための方針群', 'セキュリティ'],
      ['事業継続計画（BCP）と関連するドキュメント', 'ドキュメント'],
      ['クラウドサービスの利用における情報セキュリティ', '利用'],
      ['この管理策を資産に追加してください。', '資産'],
    ] as const) {
      const phrases = phrasesOf(parser, text)!;
      expect(phrases.join('')).toBe(text);
      expect(
        phrases.some((phrase) => phrase.includes(word)),
        `${word} whole in ${phrases.join('|')}`,
      ).toBe(true);
    }
  });

  it('keeps line breaks and returns null when there is nothing to split', () => {
    expect(phrasesOf(parser, '顧客データを分類する。\n年1回見直す。')!.join('')).toBe(
      '顧客データを分類する。\n年1回見直す。',
    );
    expect(phrasesOf(null, '情報セキュリティ')).toBeNull();
    expect(phrasesOf(parser, '資')).toBeNull();
  });
});
