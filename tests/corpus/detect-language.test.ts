import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../lib/corpus/detect-language';

/**
 * Real text. Every snippet except hy and ka is the first 400 characters of an article in
 * ../shared/data/dev/articles.jsonl (id given). The dev set has no Armenian or Georgian text, so hy and ka
 * use the opening of Article 1 of the Constitution of Armenia and of the Constitution of Georgia.
 */
const SNIPPETS: Array<{ lang: string; source: string; text: string }> = [
  {
    lang: 'en',
    source: 'articles.jsonl A013',
    text: "(MENAFN- AzerNews) Azerbaijan's Ministry of Defense has today held a media briefing over the launch of the local anti-terrorist measures to restore constitutional order and prevent the large-scale provocations carried out in the Garabagh region of Azerbaijan.\n\nChief of the press service of the Ministry of Defense,lonel Anar Eyvazov informed the media representatives about the situation.\n\nMeanwhile",
  },
  {
    lang: 'ru',
    source: 'articles.jsonl A017',
    text: 'Азербайджанские войска в ходе антитеррористических мероприятий в Карабахе взяли под контроль более 90 боевых позиций вооруженных формирований Армении, сообщил пресс-секретарь Минобороны Азербайджана Анар Эйвазов. По его словам, которые приводятся на сайте ведомства, армянские военные, у которых заканчивались боеприпасы, покидали свои позиции.\nПод контроль ВС Азербайджана передано более 90 боевых п',
  },
  {
    lang: 'az',
    source: 'articles.jsonl A015',
    text: 'Müdafiə Nazirliyi Qarabağda lokal antiterror tədbirlərinin davam etməsi ilə bağlı növbəti brifinq keçirib.\n\n1news.az xəbər verir ki, brifinqdə nazirliyin Mətbuat xidmətinin rəisi polkovnik Anar Eyvazov çıxış edib.\n\nO, düşmən sığınacaqları, texnikaları və digər infrastukturlarının məhv edilməsi barədə ictimaiyyətə geniş məlumat verib.\n\nA.Eyvazov bildirib ki, Azərbaycanın Silahlı Qüvvələri tərəfində',
  },
  {
    lang: 'tr',
    source: 'articles.jsonl A023',
    text: "Dışişleri Bakanlığı'ndan yapılan açıklamada şu ifadelere yer verildi:\nAzerbaycan’ın Karabağ bölgesinde bulunan gayrimeşru Ermeni silahlı unsurlarca Azerbaycan ordusu mensuplarına ve güvenlik görevlilerine yönelik uzun süredir devam eden silahlı saldırılar ve provokasyonlara karşı, Azerbaycan ordusu tarafından bugün (19 Eylül) münhasıran askeri unsurların hedef alındığı bir anti-terör operasyonu ba",
  },
  {
    lang: 'de',
    source: 'articles.jsonl A020',
    text: 'Pressesprecher des Verteidigungsministeriums informiert Medienvertreter über die aktuelle Lage\n\nBaku, 20. September, AZERTAC\n\nDas Verteidigungsministerium hielt ein weiteres Briefing ab.\nIm Briefing informierte der Leiter des Pressedienstes des Verteidigungsministeriums, Oberst Anar Eyvazov, Medienvertreter über die aktuelle Lage.\nDas Verteidigungsministerium der Republik Aserbaidschan erklärt, da',
  },
  {
    lang: 'fr',
    source: 'articles.jsonl A010',
    text: "Un an s'est écoulé depuis les mesures antiterroristes locales de l'armée azerbaïdjanaise au Karabagh, rapporte l'APA.\nLe bombardement systématique des positions de l’armée azerbaïdjanaise par les unités des forces armées arméniennes avec des armes de différents calibres, la poursuite de la pose de mines sur les territoires azerbaïdjanais, le renforcement du soutien technique aux positions de comba",
  },
  {
    lang: 'ar',
    source: 'articles.jsonl A077',
    text: 'أدانت وزارة الخارجية التركية "بشدة قصف إسرائيل المستشفى المعمداني في قطاع غزة"، معربة عن استيائها البالغ لمقتل وإصابة مئات الفلسطينيين جراء الهجوم، وفق بيان للوزارة تعليقاً على قصف الاحتلال للمستشفى وسط قطاع غزة؛ مما تسببت بسقوط أكثر من 500 شهيد، مساء الثلاثاء 17 أكتوبر/تشرين الأول 2023.\nوقالت الخارجية التركية في بيان، الثلاثاء: "نشعر بغضب كبير لمقتل مئات الفلسطينيين وإصابة عدد مماثل نتيجة لاستهدا',
  },
  {
    lang: 'ur',
    source: 'articles.jsonl A057',
    text: 'اسلام آباد: پاکستان نے آذربائیجان کے ضلع توزوز پر آرمینیائی حملے کی مذمت کی ہے۔ پاکستان 12 جولائی 2020 کو آذربائیجان کے ضلع توزو پر آرمینیائی فوج کے حملے کی شدید مذمت کرتا ہے، جس کے نتیجے میں متعدد آذری ہلاک ہوئے تھے۔ ہم سوگوار خاندانوں سے دلی تعزیت کرتے ہیں۔\nناگورنو کاراباخ کا حل طلب تصادم دور رس نتائج کے ساتھ علاقائی امن و سلامتی کے لئے سنگین خطرہ ہے اور حالیہ اشتعال انگیز کارروائی اقوام متحدہ ک',
  },
  {
    lang: 'zh',
    source: 'articles.jsonl A045',
    text: '外交部发言人就中国无人飞艇因不可抗力误入美国领空答记者问\n\n2023年02月04日09:36\n\n来源:新华社\n\n  新华社北京2月3日电 外交部发言人3日就中国无人飞艇因不可抗力误入美国领空答记者问。\n\n  有记者问:据媒体报道,近日一艘中国无人飞艇出现在美国空域。中方对此有何评论?\n\n  发言人说,该飞艇来自中国,属民用性质,用于气象等科研。受西风带影响,且自身控制能力有限,该飞艇严重偏离预定航线。中方对飞艇因不可抗力误入美国表示遗憾。中方将继续同美方保持沟通,妥善处理这次因不可抗力导致的意外情况。',
  },
  { lang: 'hy', source: 'Constitution of Armenia, art. 1', text: 'Հայաստանի Հանրապետությունն ինքնիշխան, ժողովրդավարական, սոցիալական, իրավական պետություն է։' },
  {
    lang: 'ka',
    source: 'Constitution of Georgia, art. 1',
    text: 'საქართველო დამოუკიდებელი, ერთიანი და განუყოფელი სახელმწიფოა, რაც დადასტურებულია 1991 წლის 31 მარტს ჩატარებული რეფერენდუმით.',
  },
];

describe('detectLanguage', () => {
  it.each(SNIPPETS)('tags $source as $lang', ({ lang, text }) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('gives each snippet a different tag (no language wins everything)', () => {
    const tags = new Set(SNIPPETS.map(({ text }) => detectLanguage(text)));
    expect(tags.size).toBe(SNIPPETS.length);
  });

  it('returns undefined when there is too little evidence', () => {
    expect(detectLanguage('')).toBeUndefined();
    expect(detectLanguage('2023-09-19 12:00 — 90 / 60')).toBeUndefined();
    expect(detectLanguage('Anar Eyvazov')).toBeUndefined();
  });

  it('is not fooled by a few foreign-script names inside an English statement', () => {
    const text = SNIPPETS.find((s) => s.lang === 'en')!.text + ' (Анар Эйвазов, 国防部)';
    expect(detectLanguage(text)).toBe('en');
  });

  it('looks only at the start of a very long text', () => {
    const ru = SNIPPETS.find((s) => s.lang === 'ru')!.text;
    const en = SNIPPETS.find((s) => s.lang === 'en')!.text;
    expect(detectLanguage(ru.repeat(12) + en.repeat(50))).toBe('ru');
  });
});
