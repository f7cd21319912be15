export type SurveyLanguage = 'zh-Hans' | 'zh-Hant' | 'en';

/**
 * The page speaks the customer's language: the language the classifier saw in their message
 * first, else the browser's Accept-Language, else simplified Chinese (most of our customers).
 */
export function surveyLanguage(classified: string | null | undefined, acceptLanguage: string | undefined): SurveyLanguage {
  if (classified === 'zh-Hans' || classified === 'zh-Hant' || classified === 'en') return classified;
  for (const part of (acceptLanguage ?? '').toLowerCase().split(',')) {
    const tag = part.split(';')[0]?.trim() ?? '';
    if (/^zh-(hant|tw|hk|mo)/.test(tag)) return 'zh-Hant';
    if (tag.startsWith('zh')) return 'zh-Hans';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-Hans';
}

/** The language to store with a survey: one the page speaks, or `auto` (decided by the browser). */
export function knownLanguage(classified: string | null | undefined): SurveyLanguage | 'auto' {
  return classified === 'zh-Hans' || classified === 'zh-Hant' || classified === 'en' ? classified : 'auto';
}
