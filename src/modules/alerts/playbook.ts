import type { Level } from './levels.ts';

/**
 * What the team's crisis playbook prescribes at each level (../shared/DOMAIN.md, 危机预警), shown
 * with every alert so whoever reads it knows what to do next, in Chinese and in English.
 */
export const PLAYBOOK: Record<Level, { name: { zh: string; en: string }; zh: string[]; en: string[] }> = {
  I: {
    name: { zh: '特别严重', en: 'especially severe' },
    zh: ['启动应急预案，成立危机处理小组', '暂停所有涉及该主题的社交媒体活动', '协调各部门、媒体与合作伙伴', '调查原因', '发布声明'],
    en: [
      'Start the emergency plan and set up a crisis team',
      'Pause all social-media activity touching the subject',
      'Coordinate with departments, media and partners',
      'Investigate the causes',
      'Publish a statement',
    ],
  },
  II: {
    name: { zh: '严重', en: 'severe' },
    zh: ['启动应急预案和处理小组', '调整涉及的内容', '加强内部沟通', '发布信息', '展开调查'],
    en: ['Start the emergency plan and team', 'Adjust the content involved', 'Tighten internal communication', 'Publish information', 'Investigate'],
  },
  III: {
    name: { zh: '较重', en: 'serious' },
    zh: ['加强内部沟通并密切关注', '适度调整内容', '发布信息', '初步调查'],
    en: ['Tighten internal communication and watch closely', 'Adjust content moderately', 'Publish information', 'Make a preliminary investigation'],
  },
  IV: {
    name: { zh: '一般', en: 'general' },
    zh: ['关注事态发展', '内部沟通', '必要时调整内容'],
    en: ['Watch the trend', 'Communicate internally', 'Adjust content where needed'],
  },
};
