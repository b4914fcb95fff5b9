// Chinese and English strings. Each key maps to [zh, en]; the choice is kept in localStorage and the
// first visit follows the browser's language. term(kind, value) names API enum values (stages, outcomes...)
// and falls back to the raw value, so a new value from the server still shows.

const STRINGS = {
  brand: ['种草控制台', 'Zhongcao console'],
  skip: ['跳到内容', 'Skip to content'],
  settings: ['设置', 'Settings'],
  apiKey: ['API 密钥', 'API key'],
  save: ['保存', 'Save'],
  load: ['加载', 'Load'],
  loading: ['加载中…', 'Loading…'],
  remove: ['删除', 'Remove'],
  details: ['详情', 'Details'],
  switchLanguage: ['切换语言', 'Switch language'],
  noData: ['暂无数据', 'No data yet'],
  running: ['进行中', 'running'],
  time: ['时间', 'Time'],
  pickUser: ['请输入用户 ID（演示数据：u00001 至 u03000）。', 'Enter a user id (the demo community has u00001 to u03000).'],
  'nav.studio': ['创作中心', 'Creator studio'],
  'nav.feed': ['推荐预览', 'Feed preview'],
  'nav.moderation': ['审核台', 'Moderation desk'],
  'nav.dashboard': ['平台看板', 'Platform dashboard'],

  'studio.title': ['创作中心', 'Creator studio'],
  'studio.author': ['作者 ID', 'Author id'],
  'studio.authorHint': ['以该用户身份发布并查看其笔记', 'Publish as this user and see their notes'],
  'studio.compose': ['写笔记', 'Compose a note'],
  'studio.account': ['账号', 'Account'],
  'studio.myNotes': ['我的笔记', 'My notes'],
  'studio.noNotes': ['还没有笔记。', 'No notes yet.'],
  'studio.preflight': ['发布前检查', 'Pre-flight check'],
  'studio.startTyping': ['输入标题或正文，实时检查质量与合规。', 'Type a title or body to check quality and compliance as you write.'],
  'studio.publish': ['发布', 'Publish'],
  'studio.published': ['已发布', 'Published'],
  'note.title': ['标题', 'Title'],
  'note.body': ['正文', 'Body'],
  'note.hashtags': ['话题标签', 'Hashtags'],
  'note.hashtagsHint': ['用空格或逗号分隔，最多 10 个', 'Separate with spaces or commas; at most 10'],
  'note.kind': ['类型', 'Kind'],
  'note.media': ['媒体', 'Media'],
  'kind.lifestyle': ['生活分享', 'Lifestyle'],
  'kind.product': ['好物推荐', 'Product'],
  'media.type': ['媒体类型', 'Media type'],
  'media.width': ['宽', 'Width'],
  'media.height': ['高', 'Height'],
  'media.seconds': ['时长（秒）', 'Duration (s)'],
  'media.item': ['媒体', 'Media item'],
  'media.add': ['添加媒体', 'Add media'],
  'media.image': ['图片', 'Image'],
  'media.video': ['视频', 'Video'],
  'media.live': ['实况', 'Live photo'],
  quality: ['质量分', 'quality'],
  'quality.components': ['评分构成与建议', 'Score components and tips'],
  findings: ['合规提示', 'Compliance findings'],
  'findings.none': ['未发现问题。', 'No findings.'],
  'findings.inText': ['原文中标出的问题', 'Findings marked in the text'],
  basis: ['依据', 'Basis'],
  remedy: ['修改建议', 'Remedy'],
  authority: ['账号权重', 'Authority'],
  'authority.unavailable': ['此服务器尚未提供账号权重与处罚接口（审核功能开发中）。', 'Authority and penalties are not available on this server yet (the moderation API is still being built).'],
  'penalties.none': ['没有处罚。', 'No penalties.'],
  appeal: ['申诉', 'Appeal'],
  'appeal.sent': ['已提交申诉', 'Appeal sent'],
  'user.name': ['昵称', 'Display name'],
  'user.followers': ['粉丝', 'Followers'],
  'user.following': ['关注', 'Following'],
  'user.notes': ['笔记', 'Notes'],
  'user.interests': ['兴趣', 'Interests'],
  impressions: ['曝光', 'Impressions'],
  actions: ['互动', 'Actions'],
  rate: ['互动率', 'Engagement rate'],
  threshold: ['晋级门槛', 'Threshold'],
  budget: ['流量池预算', 'Pool budget'],
  stage: ['流量池', 'Pool stage'],
  likes: ['点赞', 'Likes'],
  transitions: ['流量池变化记录', 'Pool transitions'],
  'chart.timeline': ['流量池时间线：曝光与互动率（对比门槛）', 'Traffic-pool timeline: impressions and engagement rate against the threshold'],
  'chart.hourly': ['每小时曝光与互动', 'Hourly impressions and actions'],
  'chart.sources': ['流量来源', 'Traffic sources'],
  'chart.audience': ['受众', 'Audience'],
  'audience.followers': ['粉丝观看', 'Follower viewers'],
  'audience.returning': ['回访观看', 'Returning viewers'],

  'feed.title': ['推荐预览', 'Feed preview'],
  'feed.pick': ['选择用户', 'Pick a user'],
  'feed.userId': ['用户 ID', 'User id'],
  'feed.show': ['查看推荐', 'Show feed'],
  'feed.create': ['新建用户', 'Create a user'],
  'feed.createButton': ['创建', 'Create'],
  'feed.created': ['已创建用户', 'Created user'],
  'feed.cards': ['推荐笔记', 'Feed cards'],
  'feed.pool': ['笔记流量池', "The note's pool"],
  'feed.poolHint': ['点开一张卡片的标题，或以该用户身份互动，查看笔记的流量池如何变化。', "Open a card's title, or act on it as this user, to watch the note's pool react."],
  'feed.empty': ['暂无推荐。', 'Nothing in this feed yet.'],
  'feed.why': ['为什么推荐？', 'Why this?'],
  'feed.noExplanation': ['没有说明。', 'No explanation given.'],
  'feed.commentText': ['评论内容', 'Comment text'],
  'feed.send': ['发送', 'Send'],
  'feed.act.like': ['点赞', 'Like'],
  'feed.act.save': ['收藏', 'Save'],
  'feed.act.comment': ['评论', 'Comment'],
  'feed.act.share': ['分享', 'Share'],
  'feed.act.notInterested': ['不感兴趣', 'Not interested'],
  'feed.done.like': ['已点赞', 'Liked'],
  'feed.done.save': ['已收藏', 'Saved'],
  'feed.done.comment': ['已评论', 'Commented'],
  'feed.done.share': ['已分享', 'Shared'],
  'feed.done.notInterested': ['已减少此类推荐', 'Marked not interested'],

  'moderation.title': ['审核台', 'Moderation desk'],
  'moderation.key': ['审核员密钥', 'Moderator key'],
  'moderation.keyHint': ['以 X-Moderator-Key 发送', 'Sent as X-Moderator-Key'],
  'moderation.queue': ['待审队列', 'Review queue'],
  'moderation.queueEmpty': ['队列为空。', 'The queue is empty.'],
  'moderation.queueFallback': ['审核接口尚未上线：这里列出发布闸门判为“人工复审”的笔记。', 'The moderation API is not on this server yet: listing the notes the publication gate held for review.'],
  'moderation.heldByGate': ['闸门待复审', 'held by the gate'],
  'moderation.evidence': ['证据', 'Evidence'],
  'moderation.decide': ['处理决定', 'Decision'],
  'moderation.outcome': ['结果', 'Outcome'],
  'moderation.multiplier': ['限流系数', 'Visibility multiplier'],
  'moderation.multiplierHint': ['仅在“限流”时使用，0.05–1', 'Only for limit, 0.05–1'],
  'moderation.days': ['期限（天）', 'Duration (days)'],
  'moderation.reason': ['理由（会告知作者）', 'Reason (shown to the author)'],
  'moderation.resolve': ['提交决定', 'Resolve'],
  'moderation.resolved': ['已处理。', 'Resolved.'],
  'moderation.decisionUnavailable': ['审核决定接口（POST /v1/moderation/decisions）尚未上线，未做任何更改。', 'The decision endpoint (POST /v1/moderation/decisions) is not on this server yet; nothing was changed.'],
  'moderation.unavailable': ['此服务器尚未提供审核接口（开发中）。', 'The moderation API is not available on this server yet.'],
  'moderation.appeals': ['申诉', 'Appeals'],
  'moderation.noAppeals': ['没有待处理的申诉。', 'No open appeals.'],
  'moderation.ledger': ['账号记录与品牌积分', 'Account ledger and brand points'],
  'moderation.brandPoints': ['品牌积分', 'Brand points'],
  'moderation.audit': ['审计日志', 'Audit log'],
  'moderation.chainOk': ['哈希链校验通过', 'Hash chain verified'],
  'moderation.chainBroken': ['哈希链校验失败', 'Hash chain broken'],
  'moderation.actor': ['操作人', 'Actor'],
  'moderation.action': ['操作', 'Action'],

  'dashboard.title': ['平台看板', 'Platform dashboard'],
  'dashboard.throughput': ['吞吐', 'Throughput'],
  'dashboard.latency': ['请求延迟', 'Request latency'],
  'dashboard.stages': ['各流量池笔记数', 'Notes per pool stage'],
  'dashboard.fairness': ['公平性指标', 'Fairness'],
  'dashboard.fairnessNote': ['小创作者：粉丝少于 1000；新笔记：发布不足 24 小时；保底达成：冷启动窗口结束时达到最低曝光的笔记比例。', 'Small creators: under 1,000 followers; new notes: published less than 24 h ago; guarantee: share of notes past the cold-start window that reached the minimum audience.'],
  'dashboard.eventsPerSec': ['事件/秒', 'Events/s'],
  'dashboard.feedsPerSec': ['推荐请求/秒', 'Feeds/s'],
  'dashboard.p95': ['延迟 p95', 'Latency p95'],
  'dashboard.notes': ['笔记总数', 'Notes'],
  'fair.small': ['小创作者曝光占比', 'Small-creator share'],
  'fair.gini': ['曝光基尼系数', 'Exposure Gini'],
  'fair.guarantee': ['保底达成率', 'Guarantee success'],
  'fair.fresh': ['新笔记曝光占比', 'New-note share'],
};

const TERMS = {
  stage: { gated: ['待审', 'held'], coldStart: ['冷启动', 'cold start'], expansion: ['扩量', 'expansion'], sustained: ['长尾', 'long tail'], saturated: ['饱和', 'saturated'], limited: ['限流', 'limited'], removed: ['已移除', 'removed'] },
  outcome: { allow: ['通过', 'allowed'], limit: ['限流', 'limited'], review: ['人工复审', 'review'], reject: ['拒绝', 'rejected'], inProgress: ['进行中', 'in progress'], entered: ['进入', 'entered'],
    graduated: ['晋级', 'graduated'], skipped: ['跳级', 'skipped'], halted: ['停止', 'halted'], extended: ['延长', 'extended'], saturated: ['饱和', 'saturated'],
    renewed: ['续期', 'renewed'], limited: ['限流', 'limited'], limitLifted: ['解除限流', 'limit lifted'], gated: ['待审', 'held'], removed: ['移除', 'removed'],
    guaranteeMet: ['保底达成', 'guarantee met'], guaranteeMissed: ['保底未达成', 'guarantee missed'], evergreen: ['常青', 'evergreen'] },
  severity: { info: ['提示', 'info'], low: ['轻微', 'low'], medium: ['中等', 'medium'], high: ['严重', 'high'], critical: ['严重违规', 'critical'] },
  field: { title: ['标题', 'title'], body: ['正文', 'body'], hashtags: ['话题', 'hashtags'] },
  surface: { feed: ['发现页', 'feed'], search: ['搜索', 'search'], profile: ['主页', 'profile'], related: ['相关推荐', 'related'] },
  action: { click: ['点击', 'clicks'], like: ['点赞', 'likes'], save: ['收藏', 'saves'], comment: ['评论', 'comments'], share: ['分享', 'shares'], follow: ['关注', 'follows'] },
  component: {},
  source: {
    interest: ['兴趣', 'interest'], pool: ['流量池', 'pool'], recent: ['最新', 'recent'], following: ['关注', 'following'],
    coldStart: ['冷启动', 'cold start'], expansion: ['扩量', 'expansion'], guarantee: ['保底', 'guarantee'], live: ['直播', 'live'],
    sustained: ['长尾', 'long tail'], evergreen: ['常青', 'evergreen'], seasonal: ['时令', 'seasonal'], resurface: ['重新推荐', 'resurfaced'],
  },
};

const STORAGE = 'zhongcao.lang';
let current = localStorage.getItem(STORAGE) ?? (navigator.language?.startsWith('zh') ? 'zh' : 'en');
const listeners = [];

export const lang = () => current;

export function setLang(value) {
  current = value === 'zh' ? 'zh' : 'en';
  localStorage.setItem(STORAGE, current);
  for (const f of listeners) f(current);
}

export const onLangChange = (f) => listeners.push(f);

/** The string for a key in the current language (the key itself when missing, so gaps are visible). */
export function t(key) {
  const entry = STRINGS[key];
  return entry ? entry[current === 'zh' ? 0 : 1] : key;
}

/**
 * A feed source such as "interest:food" or "pool:expansion:2": each known part is named, the rest
 * (topics, levels) is shown as sent.
 */
export function sourceName(source) {
  return String(source).split(':').map((part) => term('source', part)).join(' · ');
}

/** The name of an API value of some kind (stage, outcome, severity...), or the value as sent. */
export function term(kind, value) {
  if (value === undefined || value === null) return '–';
  const entry = TERMS[kind]?.[value];
  return entry ? entry[current === 'zh' ? 0 : 1] : String(value);
}
