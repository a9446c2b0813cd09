/**
 * The demo's year of listening, generated deterministically (./random.ts): four queries — the brand,
 * two competitors under one share-of-voice topic, and a topic — and their mentions with a daily
 * rhythm (busier on weekdays, morning and evening peaks), mixed sentiment and languages, and two
 * spikes (a magazine feature and a bad review going round), with the spike alerts the hourly check
 * would have raised. The brand's volume walks the strategy's `mentions` KPI plan (a little ahead of
 * it), so the KPI measured from these hits tells the demo's story. Sentiment and language come from
 * `analyzeMention`, as for real mentions; texts repeat, so each is analysed once.
 */
import { analyzeMention, type SentimentLabel } from '../listening/analyze.ts';
import { spikeDecision, BASELINE_DAYS, DEFAULT_K, DEFAULT_MIN_COUNT } from '../listening/alerts/spike.ts';
import { fromEpochDay, toEpochDay } from '../plan/dates.ts';
import type { Kpi, Strategy } from '../plan/schema.ts';
import { DemoRandom } from './random.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How far ahead of its plan the brand's mention count walks (on track). */
const BRAND_PACE = 1.02;
/** Weekday factors, Monday first (they average 1). */
const WEEKDAY = [1.12, 1.15, 1.1, 1.08, 1.02, 0.78, 0.75];
/** Share of a day's mentions in each UTC hour: quiet nights, a morning and an evening peak. */
const HOURS = [1, 0.5, 0.4, 0.4, 0.5, 1, 2, 3.5, 5, 5.5, 5, 4.5, 4.5, 4.5, 4, 4, 4.5, 5.5, 6.5, 7, 6.5, 5, 3, 2];

export interface DemoQuery {
  key: 'brand' | 'acme' | 'bean' | 'coldbrew';
  id: string;
  name: string;
  query: string;
  topic: string | null;
  role: 'brand' | 'competitor' | 'topic';
}

export interface DemoMention {
  id: string;
  network: 'bluesky' | 'mastodon' | 'rss';
  externalId: string;
  url: string;
  author: string;
  text: string;
  lang: string | null;
  langDetected: boolean;
  postedAt: Date;
  sentiment: SentimentLabel;
  score: number | null;
  queryIds: string[];
}

export interface DemoAlert {
  queryId: string;
  hour: Date;
  mentions: number;
  mean: number;
  stddev: number;
  threshold: number;
}

export interface DemoListening {
  queries: DemoQuery[];
  mentions: DemoMention[];
  alerts: DemoAlert[];
}

type Lang = 'en' | 'de' | 'fr' | 'es';
/** What people say: by language and mood; `{x}` is the query's name as people write it. */
const SAYINGS: Record<Lang, Record<'good' | 'bad' | 'plain', readonly string[]>> = {
  en: {
    good: [
      'Just had the best flat white from {x}, smooth and sweet',
      'Loving the new single origin from {x}, great job',
      '{x} beans make my morning so much better',
      'Excellent service at {x} today, thank you',
      'The cold brew from {x} is amazing in this heat',
      'Wonderful tasting session with {x}, highly recommend',
    ],
    bad: [
      'Disappointed with my {x} order, the beans were stale',
      '{x} delivery late again, terrible support',
      'Bitter and burnt, not impressed by {x} this time',
      'Why is {x} so expensive now? Bad value',
    ],
    plain: [
      'Anyone tried {x} yet?',
      '{x} opens a new shop in the old station building',
      'Comparing {x} with my usual roaster this week',
      'Picked up a bag from {x} on the way home',
      'Reading about how {x} sources its coffee',
    ],
  },
  de: {
    good: ['Der Espresso von {x} ist wirklich großartig', 'Toller Kaffee bei {x}, gerne wieder'],
    bad: ['Leider war die Lieferung von {x} kaputt', '{x} ist mir zu teuer geworden'],
    plain: ['Heute zum ersten Mal bei {x}', 'Neue Filiale von {x} in Kreuzberg'],
  },
  fr: {
    good: ['Super café chez {x}, je recommande'],
    bad: ['Déçu par la commande {x}'],
    plain: ['Quelqu’un connaît {x} ?'],
  },
  es: {
    good: ['Me encanta el café de {x}'],
    bad: ['El pedido de {x} llegó tarde'],
    plain: ['Probando {x} hoy'],
  },
};
const LANGS: readonly (readonly [Lang, number])[] = [
  ['en', 70],
  ['de', 20],
  ['fr', 5],
  ['es', 5],
];
const NETWORKS: readonly (readonly [DemoMention['network'], number])[] = [
  ['bluesky', 60],
  ['mastodon', 30],
  ['rss', 10],
];
const FIRST = [
  'ana',
  'ben',
  'cleo',
  'dev',
  'eli',
  'fay',
  'gus',
  'hana',
  'ivo',
  'jo',
  'kai',
  'lea',
  'milo',
  'nina',
  'omar',
  'pia',
  'quinn',
  'rosa',
  'sam',
  'tara',
];
const SECOND = ['brews', 'beans', 'cup', 'roast', 'pour', 'crema'];
/** A few voices post often (the top authors), most now and then. */
const AUTHORS = FIRST.flatMap((f) => SECOND.map((s) => `${f}${s}`));

interface Stream {
  key: DemoQuery['key'];
  /** As people write it. */
  names: readonly string[];
  /** Mentions a day on the first day of the year and on the last. */
  perDay: (epochDay: number) => number;
  /** Share of positive and negative sayings. */
  mood: { good: number; bad: number };
  /** Also matched by the topic query (it mentions cold brew). */
  coldBrewShare: number;
}

export function generateListening(input: { strategy: Strategy; now: Date; days: number }): DemoListening {
  const { strategy, now } = input;
  const rnd = new DemoRandom('demo/listening');
  const today = Math.floor(now.getTime() / DAY_MS);
  const first = today - (input.days - 1);
  const kpi = strategy.objectives.flatMap((o) => o.kpis).find((k) => k.source?.metric === 'mentions');
  const queries: DemoQuery[] = [
    {
      key: 'brand',
      id: rnd.uuid(),
      name: 'Northwind',
      query: 'northwind OR "northwind coffee" OR #northwindcoffee',
      topic: 'Coffee roasters',
      role: 'brand',
    },
    {
      key: 'acme',
      id: rnd.uuid(),
      name: 'Acme Roasters',
      query: '"acme roasters" OR #acmeroasters',
      topic: 'Coffee roasters',
      role: 'competitor',
    },
    {
      key: 'bean',
      id: rnd.uuid(),
      name: 'Bean & Co',
      query: '"bean & co" OR "bean and co" OR #beanandco',
      topic: 'Coffee roasters',
      role: 'competitor',
    },
    { key: 'coldbrew', id: rnd.uuid(), name: 'Cold brew', query: '"cold brew" OR coldbrew OR #coldbrew', topic: null, role: 'topic' },
  ];
  const idOf = (key: DemoQuery['key']) => queries.find((q) => q.key === key)!.id;
  const streams: Stream[] = [
    {
      key: 'brand',
      names: ['Northwind', 'Northwind Coffee', '#NorthwindCoffee'],
      perDay: brandPerDay(strategy, kpi),
      mood: { good: 0.5, bad: 0.15 },
      coldBrewShare: 0.1,
    },
    {
      key: 'acme',
      names: ['Acme Roasters', '#AcmeRoasters'],
      perDay: (d) => 4.2 - (0.6 * (d - first)) / input.days,
      mood: { good: 0.35, bad: 0.25 },
      coldBrewShare: 0.05,
    },
    { key: 'bean', names: ['Bean & Co', 'Bean and Co'], perDay: () => 2.2, mood: { good: 0.4, bad: 0.2 }, coldBrewShare: 0.05 },
    // Cold brew is a summer topic: ten a day in July, two in January.
    {
      key: 'coldbrew',
      names: ['cold brew', '#coldbrew'],
      perDay: (d) => 6 + 4 * Math.cos(((dayOfYear(d) - 196) / 365) * 2 * Math.PI),
      mood: { good: 0.45, bad: 0.1 },
      coldBrewShare: 1,
    },
  ];

  const analysed = new Map<string, ReturnType<typeof analyzeMention>>();
  const analyse = (text: string, lang: string | null) => {
    const key = `${lang}\u0000${text}`;
    let a = analysed.get(key);
    if (!a) analysed.set(key, (a = analyzeMention({ text, lang })));
    return a;
  };
  const mentions: DemoMention[] = [];
  const hourly = new Map<string, number>();
  const add = (stream: Stream, at: number, mood?: 'good' | 'bad' | 'plain') => {
    const lang = rnd.weighted(LANGS);
    const feel =
      mood ??
      rnd.weighted<'good' | 'bad' | 'plain'>([
        ['good', stream.mood.good],
        ['bad', stream.mood.bad],
        ['plain', 1 - stream.mood.good - stream.mood.bad],
      ]);
    let text = rnd.pick(SAYINGS[lang][feel]).replace('{x}', rnd.pick(stream.names));
    const coldBrew = stream.key === 'coldbrew' || rnd.chance(stream.coldBrewShare);
    if (coldBrew && stream.key !== 'coldbrew') text += lang === 'en' ? ' #coldbrew' : ' #ColdBrew';
    const network = rnd.weighted(NETWORKS);
    // Feeds carry no language: it is detected, as the ingest does.
    const given = network === 'rss' ? null : lang;
    const a = analyse(text, given);
    const author = AUTHORS[Math.floor(AUTHORS.length * rnd.next() ** 2.2)]!;
    const n = mentions.length + 1;
    const externalId =
      network === 'bluesky'
        ? `at://did:plc:demo${author}/app.bsky.feed.post/3k${n.toString(36).padStart(8, '0')}`
        : network === 'mastodon'
          ? `https://social.example/@${author}/${110000000000 + n}`
          : `https://news.example/coffee/${n}`;
    const queryIds = [idOf(stream.key), ...(coldBrew && stream.key !== 'coldbrew' ? [idOf('coldbrew')] : [])];
    mentions.push({
      id: rnd.uuid(),
      network,
      externalId,
      url: network === 'bluesky' ? `https://bsky.app/profile/${author}.bsky.social/post/3k${n.toString(36)}` : externalId,
      author: network === 'rss' ? 'news.example' : network === 'bluesky' ? `${author}.bsky.social` : `${author}@social.example`,
      text,
      lang: a.lang,
      langDetected: a.langDetected,
      postedAt: new Date(at),
      sentiment: a.sentiment,
      score: a.score,
      queryIds,
    });
    for (const id of queryIds) {
      const key = `${id} ${Math.floor(at / HOUR_MS)}`;
      hourly.set(key, (hourly.get(key) ?? 0) + 1);
    }
  };

  for (const stream of streams) {
    // Whole mentions from a running total: the sums over any month stay on the planned rate.
    let carried = 0;
    for (let d = first; d <= today; d++) {
      const weekday = (new Date(d * DAY_MS).getUTCDay() + 6) % 7;
      const due = carried + stream.perDay(d) * WEEKDAY[weekday]! * rnd.between(0.8, 1.2);
      const count = Math.floor(due);
      carried = due - count;
      for (let i = 0; i < count; i++) {
        const hour = rnd.weighted(HOURS.map((w, h) => [h, w] as const));
        const at = d * DAY_MS + hour * HOUR_MS + rnd.int(0, HOUR_MS - 1);
        if (at <= now.getTime()) add(stream, at);
      }
    }
  }
  // Two spikes of the brand: a magazine feature (glowing), then a review going round (angry).
  const brand = streams[0]!;
  for (const [daysAgo, hour, count, mood] of [
    [160, 8, 46, 'good'],
    [47, 18, 31, 'bad'],
  ] as const) {
    const d = today - daysAgo;
    if (d < first) continue;
    for (let i = 0; i < count; i++) add(brand, d * DAY_MS + hour * HOUR_MS + Math.floor((HOUR_MS * 2.5 * i) / count), mood);
  }
  mentions.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());

  // The alerts the hourly check would have raised (the workspace's defaults).
  const alerts: DemoAlert[] = [];
  for (const [key, count] of hourly) {
    if (count < DEFAULT_MIN_COUNT) continue;
    const [queryId, hourText] = key.split(' ') as [string, string];
    const hour = Number(hourText);
    const previous = Array.from({ length: BASELINE_DAYS }, (_, i) => hourly.get(`${queryId} ${hour - 24 * (i + 1)}`) ?? 0);
    const d = spikeDecision({ count, previous, k: DEFAULT_K, minCount: DEFAULT_MIN_COUNT });
    if (d.spike)
      alerts.push({ queryId, hour: new Date(hour * HOUR_MS), mentions: count, mean: d.mean, stddev: d.stddev, threshold: d.threshold });
  }
  alerts.sort((a, b) => a.hour.getTime() - b.hour.getTime());
  return { queries, mentions, alerts };
}

/** The brand's mentions a day: the `mentions` KPI's plan for a 30-day count, walked a little ahead; 1.5 a day without one. */
function brandPerDay(strategy: Strategy, kpi: Kpi | undefined): (epochDay: number) => number {
  if (kpi?.baseline === undefined || kpi.target === undefined) return () => 1.5;
  const { baseline, target } = kpi;
  const start = toEpochDay(strategy.period.start);
  const end = toEpochDay(kpi.due ?? strategy.period.end);
  return (d) => {
    const t = Math.min(1, Math.max(0, (d - start) / Math.max(1, end - start)));
    return (baseline + (target - baseline) * BRAND_PACE * t) / 30;
  };
}

const dayOfYear = (epochDay: number): number => {
  const day = fromEpochDay(epochDay);
  return epochDay - toEpochDay(`${day.slice(0, 4)}-01-01`);
};
