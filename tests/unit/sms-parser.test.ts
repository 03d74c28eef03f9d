import { describe, expect, it } from 'vitest';
import { parseSms, tokenize } from '../../channels/sms/sms-parser.js';

describe('tokenize', () => {
  it('tolerates case, extra spaces, commas and a final full stop, and keeps thousands together', () => {
    expect(tokenize('  order  2,RICE5 ,  1 beans2. ')).toEqual(['order', '2', 'RICE5', '1', 'beans2']);
    expect(tokenize('SELL RICE5 16,500 40')).toEqual(['SELL', 'RICE5', '16500', '40']);
    expect(tokenize('订购2 RICE5')).toEqual(['订购', '2', 'RICE5']);
  });
});

const ok = (command: object, language: string) => ({ ok: true, command, language });

describe('parseSms', () => {
  it.each([
    // English
    ['HELP', ok({ kind: 'HELP', topic: null }, 'en')],
    ['help order', ok({ kind: 'HELP', topic: 'ORDER' }, 'en')],
    ['JOIN mwg01', ok({ kind: 'JOIN', centerCode: 'MWG01' }, 'en')],
    ['find Rice bag', ok({ kind: 'FIND', words: ['rice', 'bag'] }, 'en')],
    ['ORDER 2 RICE5', ok({ kind: 'ORDER', lines: [{ quantity: 2, productCode: 'RICE5' }], payment: 'CASH' }, 'en')],
    [
      'order 2 rice5, 1 beans2 momo.',
      ok(
        {
          kind: 'ORDER',
          lines: [
            { quantity: 2, productCode: 'RICE5' },
            { quantity: 1, productCode: 'BEANS2' },
          ],
          payment: 'MOBILE_MONEY',
        },
        'en',
      ),
    ],
    ['buy 1 hoe1 cash', ok({ kind: 'ORDER', lines: [{ quantity: 1, productCode: 'HOE1' }], payment: 'CASH' }, 'en')],
    ['STATUS', ok({ kind: 'STATUS', orderCode: null }, 'en')],
    ['status 7kq2mx', ok({ kind: 'STATUS', orderCode: '7KQ2MX' }, 'en')],
    ['CANCEL 7KQ2MX', ok({ kind: 'CANCEL', orderCode: '7KQ2MX' }, 'en')],
    ['PRICE maize', ok({ kind: 'PRICE', commodity: 'maize', market: null }, 'en')],
    ['price maize dar es salaam', ok({ kind: 'PRICE', commodity: 'maize', market: 'dar es salaam' }, 'en')],
    ['REPORT maize 850', ok({ kind: 'REPORT', commodity: 'maize', price: '850', unit: null, market: null }, 'en')],
    ['report maize 850.50 kg Arusha', ok({ kind: 'REPORT', commodity: 'maize', price: '850.50', unit: 'kg', market: 'Arusha' }, 'en')],
    ['SELL RICE5 16,500 40', ok({ kind: 'SELL', productCode: 'RICE5', price: '16500', stock: 40, name: null }, 'en')],
    [
      'sell millet 5000 12 Finger millet',
      ok({ kind: 'SELL', productCode: 'MILLET', price: '5000', stock: 12, name: 'Finger millet' }, 'en'),
    ],
    ['ALERT maize 900', ok({ kind: 'ALERT', alert: { commodity: 'maize', direction: 'RISE', price: '900', market: null } }, 'en')],
    [
      'alert maize below 700 dar es salaam',
      ok({ kind: 'ALERT', alert: { commodity: 'maize', direction: 'FALL', price: '700', market: 'dar es salaam' } }, 'en'),
    ],
    ['ALERTS', ok({ kind: 'ALERT', alert: null }, 'en')],
    ['UNALERT 2', ok({ kind: 'UNALERT', number: 2 }, 'en')],
    ['PRICES WEEKLY maize', ok({ kind: 'WEEKLY', commodity: 'maize' }, 'en')],
    ['prices off', ok({ kind: 'WEEKLY', commodity: null }, 'en')],
    ['BEI KILAWIKI mahindi', ok({ kind: 'WEEKLY', commodity: 'mahindi' }, 'sw')],
    [
      'ARIFA mahindi chini 700',
      ok({ kind: 'ALERT', alert: { commodity: 'mahindi', direction: 'FALL', price: '700', market: null } }, 'sw'),
    ],
    ['删除提醒2', ok({ kind: 'UNALERT', number: 2 }, 'zh')],
    ['STOCK RICE5 25', ok({ kind: 'STOCK', productCode: 'RICE5', quantity: 25 }, 'en')],
    ['accept 7KQ2MX', ok({ kind: 'ACCEPT', orderCode: '7KQ2MX' }, 'en')],
    ['SHIP 7KQ2MX', ok({ kind: 'SHIP', orderCode: '7KQ2MX' }, 'en')],
    ['LANG SW', ok({ kind: 'LANG', language: 'sw' }, 'en')],
    ['STOP', ok({ kind: 'STOP' }, 'en')],
    ['start', ok({ kind: 'START' }, 'en')],
    // Swahili
    ['MSAADA', ok({ kind: 'HELP', topic: null }, 'sw')],
    ['jiunge MWG01', ok({ kind: 'JOIN', centerCode: 'MWG01' }, 'sw')],
    ['tafuta mchele', ok({ kind: 'FIND', words: ['mchele'] }, 'sw')],
    ['AGIZA 3 RICE5 MPESA', ok({ kind: 'ORDER', lines: [{ quantity: 3, productCode: 'RICE5' }], payment: 'MOBILE_MONEY' }, 'sw')],
    ['nunua 1 hoe1 taslimu', ok({ kind: 'ORDER', lines: [{ quantity: 1, productCode: 'HOE1' }], payment: 'CASH' }, 'sw')],
    ['hali', ok({ kind: 'STATUS', orderCode: null }, 'sw')],
    ['ghairi 7KQ2MX', ok({ kind: 'CANCEL', orderCode: '7KQ2MX' }, 'sw')],
    ['bei maize Moshi', ok({ kind: 'PRICE', commodity: 'maize', market: 'Moshi' }, 'sw')],
    ['ripoti maize 900 kg Moshi', ok({ kind: 'REPORT', commodity: 'maize', price: '900', unit: 'kg', market: 'Moshi' }, 'sw')],
    ['UZA RICE5 17000 30', ok({ kind: 'SELL', productCode: 'RICE5', price: '17000', stock: 30, name: null }, 'sw')],
    ['akiba RICE5 5', ok({ kind: 'STOCK', productCode: 'RICE5', quantity: 5 }, 'sw')],
    ['kubali 7KQ2MX', ok({ kind: 'ACCEPT', orderCode: '7KQ2MX' }, 'sw')],
    ['safirisha 7KQ2MX', ok({ kind: 'SHIP', orderCode: '7KQ2MX' }, 'sw')],
    ['lugha en', ok({ kind: 'LANG', language: 'en' }, 'sw')],
    ['sitisha', ok({ kind: 'STOP' }, 'sw')],
    ['anza', ok({ kind: 'START' }, 'sw')],
    // French
    ['aide commander', ok({ kind: 'HELP', topic: 'ORDER' }, 'fr')],
    ['inscrire MWG01', ok({ kind: 'JOIN', centerCode: 'MWG01' }, 'fr')],
    ['chercher riz', ok({ kind: 'FIND', words: ['riz'] }, 'fr')],
    ['COMMANDER 2 RICE5 especes', ok({ kind: 'ORDER', lines: [{ quantity: 2, productCode: 'RICE5' }], payment: 'CASH' }, 'fr')],
    ['état 7KQ2MX', ok({ kind: 'STATUS', orderCode: '7KQ2MX' }, 'fr')],
    ['annuler 7KQ2MX', ok({ kind: 'CANCEL', orderCode: '7KQ2MX' }, 'fr')],
    ['prix mais', ok({ kind: 'PRICE', commodity: 'mais', market: null }, 'fr')],
    ['signaler mais 850', ok({ kind: 'REPORT', commodity: 'mais', price: '850', unit: null, market: null }, 'fr')],
    ['vendre RICE5 16500 40', ok({ kind: 'SELL', productCode: 'RICE5', price: '16500', stock: 40, name: null }, 'fr')],
    ['inventaire RICE5 3', ok({ kind: 'STOCK', productCode: 'RICE5', quantity: 3 }, 'fr')],
    ['accepter 7KQ2MX', ok({ kind: 'ACCEPT', orderCode: '7KQ2MX' }, 'fr')],
    ['Expédier 7KQ2MX', ok({ kind: 'SHIP', orderCode: '7KQ2MX' }, 'fr')],
    ['langue fr', ok({ kind: 'LANG', language: 'fr' }, 'fr')],
    ['arrêt', ok({ kind: 'STOP' }, 'fr')],
    ['reprendre', ok({ kind: 'START' }, 'fr')],
    // Chinese
    ['帮助', ok({ kind: 'HELP', topic: null }, 'zh')],
    ['加入 MWG01', ok({ kind: 'JOIN', centerCode: 'MWG01' }, 'zh')],
    ['查找 rice', ok({ kind: 'FIND', words: ['rice'] }, 'zh')],
    ['订购2 RICE5 现金', ok({ kind: 'ORDER', lines: [{ quantity: 2, productCode: 'RICE5' }], payment: 'CASH' }, 'zh')],
    ['下单 1 HOE1', ok({ kind: 'ORDER', lines: [{ quantity: 1, productCode: 'HOE1' }], payment: 'CASH' }, 'zh')],
    ['状态', ok({ kind: 'STATUS', orderCode: null }, 'zh')],
    ['取消 7KQ2MX', ok({ kind: 'CANCEL', orderCode: '7KQ2MX' }, 'zh')],
    ['价格 maize', ok({ kind: 'PRICE', commodity: 'maize', market: null }, 'zh')],
    ['报价 maize 850', ok({ kind: 'REPORT', commodity: 'maize', price: '850', unit: null, market: null }, 'zh')],
    ['出售 RICE5 16500 40', ok({ kind: 'SELL', productCode: 'RICE5', price: '16500', stock: 40, name: null }, 'zh')],
    ['库存 RICE5 8', ok({ kind: 'STOCK', productCode: 'RICE5', quantity: 8 }, 'zh')],
    ['接单 7KQ2MX', ok({ kind: 'ACCEPT', orderCode: '7KQ2MX' }, 'zh')],
    ['发货 7KQ2MX', ok({ kind: 'SHIP', orderCode: '7KQ2MX' }, 'zh')],
    ['语言 zh', ok({ kind: 'LANG', language: 'zh' }, 'zh')],
    ['退订', ok({ kind: 'STOP' }, 'zh')],
    ['订阅', ok({ kind: 'START' }, 'zh')],
    // Apps: consent answers, the apps let in, taking one back
    ['YES 4821', ok({ kind: 'YES', code: '4821' }, 'en')],
    ['no 0042.', ok({ kind: 'NO', code: '0042' }, 'en')],
    ['APPS', ok({ kind: 'APPS' }, 'en')],
    ['revoke 2', ok({ kind: 'REVOKE', number: 2 }, 'en')],
    ['ndiyo 4821', ok({ kind: 'YES', code: '4821' }, 'sw')],
    ['HAPANA 4821', ok({ kind: 'NO', code: '4821' }, 'sw')],
    ['programu', ok({ kind: 'APPS' }, 'sw')],
    ['batilisha 1', ok({ kind: 'REVOKE', number: 1 }, 'sw')],
    ['oui 4821', ok({ kind: 'YES', code: '4821' }, 'fr')],
    ['NON 4821', ok({ kind: 'NO', code: '4821' }, 'fr')],
    ['applis', ok({ kind: 'APPS' }, 'fr')],
    ['révoquer 3', ok({ kind: 'REVOKE', number: 3 }, 'fr')],
    ['同意4821', ok({ kind: 'YES', code: '4821' }, 'zh')],
    ['是 4821', ok({ kind: 'YES', code: '4821' }, 'zh')],
    ['拒绝 4821', ok({ kind: 'NO', code: '4821' }, 'zh')],
    ['应用', ok({ kind: 'APPS' }, 'zh')],
    ['撤销1', ok({ kind: 'REVOKE', number: 1 }, 'zh')],
  ])('%s', (body, expected) => {
    expect(parseSms(body)).toEqual(expected);
  });

  it.each([
    ['ORDER', 'ORDER', 'en'],
    ['ORDER two RICE5', 'ORDER', 'en'],
    ['ORDER 2 RICE5 3', 'ORDER', 'en'],
    ['ORDER 2 RICE5 PAYPAL', 'ORDER', 'en'],
    ['JOIN', 'JOIN', 'en'],
    ['CANCEL', 'CANCEL', 'en'],
    ['SELL RICE5 abc 4', 'SELL', 'en'],
    ['STOCK RICE5 -1', 'STOCK', 'en'],
    ['LANG de', 'LANG', 'en'],
    ['agiza', 'ORDER', 'sw'],
    ['prix', 'PRICE', 'fr'],
    ['订购', 'ORDER', 'zh'],
    ['YES', 'YES', 'en'],
    ['YES 482', 'YES', 'en'],
    ['NO 4821 4822', 'NO', 'en'],
    ['APPS 1', 'APPS', 'en'],
    ['REVOKE', 'REVOKE', 'en'],
    ['REVOKE app', 'REVOKE', 'en'],
  ])('%s: known keyword, bad arguments -> usage of %s', (body, usage, language) => {
    expect(parseSms(body)).toEqual({ ok: false, usage, language });
  });

  it.each([
    ['ODER 2 RICE5', 'ORDER'],
    ['staus', 'STATUS'],
    ['cancle 7KQ2MX', 'CANCEL'],
    ['tafta mchele', 'TAFUTA'],
    ['hello', null],
    ['', null],
  ])('%s: unknown -> suggests %s', (body, suggestion) => {
    const parsed = parseSms(body);
    expect(parsed.ok).toBe(false);
    expect(parsed).toMatchObject({ usage: null, suggestion });
  });
});
