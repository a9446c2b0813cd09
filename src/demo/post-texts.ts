/**
 * What the demo's generated posts say (./generate-history.ts): a few texts per pillar of the Northwind
 * example, filled from small lists; a pillar it does not know gets a plain line. Each text names the
 * page of the site it links to (a guide, an origin, the shop, the campaign's page) and a photo.
 */
import type { Campaign, Channel } from '../plan/schema.ts';
import type { DemoRandom } from './random.ts';

const ORIGINS = [
  'Alto Palomar, Peru',
  'Guji, Ethiopia',
  'Huila, Colombia',
  'Kirinyaga, Kenya',
  'Santa Ana, El Salvador',
  'Cerrado, Brazil',
];
const METHODS = ['pour-over', 'AeroPress', 'French press', 'moka pot', 'cold brew', 'espresso', 'Chemex'];
const NOTES = [
  'bergamot and apricot',
  'dark chocolate and orange',
  'red berries and cane sugar',
  'hazelnut and caramel',
  'jasmine and peach',
];
const PEOPLE = ['Ana', 'Tomás', 'Leila', 'Jonas', 'Mei', 'Sven', 'Grace', 'Omar'];
const CAFES = ['Café Morgenrot', 'The Little Drip', 'Kaffeehaus am Markt', 'Bean & Bicycle'];
const BLENDS = ['Harbour', 'Early Shift', 'Northwind House'];

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

type Filler = (r: DemoRandom) => { text: string; topic: string };
const PILLAR_TEXTS: Readonly<Record<string, readonly Filler[]>> = {
  'brewing-guides': [
    (r) => {
      const m = r.pick(METHODS);
      return {
        text: `Brewing tip: if your ${m} tastes bitter, grind coarser; if it tastes sour, grind finer. One step at a time.`,
        topic: m,
      };
    },
    (r) => {
      const m = r.pick(METHODS);
      return {
        text: `${m[0]!.toUpperCase()}${m.slice(1)} in three steps, with the ratio we use at the roastery: 60 g of coffee per litre of water.`,
        topic: m,
      };
    },
    (r) => {
      const m = r.pick(METHODS);
      return {
        text: `Fix my brew: a follower's ${m} ran through in 90 seconds. Our answer: grind finer and pour in three stages.`,
        topic: m,
      };
    },
    () => ({
      text: 'Water matters as much as beans: soft water, just off the boil (94 °C). The full guide is on our site.',
      topic: 'water',
    }),
    (r) => {
      const m = r.pick(METHODS);
      return { text: `Why your ${m} tastes flat: stale beans. Brew within four weeks of the roast date printed on the bag.`, topic: m };
    },
  ],
  'origin-stories': [
    (r) => {
      const o = r.pick(ORIGINS);
      const price = (3.6 + r.next() * 1.2).toFixed(2);
      return {
        text: `This month we paid the farmers of ${o} $${price}/lb, about twice the fair-trade minimum. Every price we pay is on our site.`,
        topic: o,
      };
    },
    (r) => {
      const o = r.pick(ORIGINS);
      return {
        text: `Meet the people behind our ${o}: a cooperative of ${r.int(20, 140)} families who dry their coffee on raised beds.`,
        topic: o,
      };
    },
    (r) => {
      const o = r.pick(ORIGINS);
      return { text: `Harvest notes from ${o}: a smaller crop this year, and a sweeter one. What that means for your cup.`, topic: o };
    },
  ],
  community: [
    (r) => {
      const p = r.pick(PEOPLE);
      return {
        text: `Regular of the week: ${p} has had a flat white with us every morning at 7:30 for ten years. Thank you, ${p}!`,
        topic: p,
      };
    },
    () => ({ text: "Photos from Saturday's cupping at the roastery: twenty of you, six coffees, one clear favourite.", topic: 'cupping' }),
    (r) => {
      const m = r.pick(METHODS);
      return { text: `Your brews this week: thank you for tagging us. Our favourite was a ${m} on a mountain top.`, topic: m };
    },
    (r) => {
      const c = r.pick(CAFES);
      return { text: `Café partner spotlight: ${c} pours our espresso blend. Go and say hello.`, topic: c };
    },
  ],
  'new-releases': [
    (r) => {
      const o = r.pick(ORIGINS);
      return { text: `Freshly roasted: ${o}, with notes of ${r.pick(NOTES)}. Small batch, roasted on Mondays.`, topic: o };
    },
    (r) => {
      const b = r.pick(BLENDS);
      return { text: `Back in stock: our ${b} blend. Subscribers get it first.`, topic: b };
    },
    (r) => {
      const m = r.pick(METHODS);
      return { text: `New in the shop: the ${m} starter kit, with a bag of ${r.pick(ORIGINS)}.`, topic: m };
    },
  ],
};
const PILLAR_PATHS: Readonly<Record<string, string>> = {
  'brewing-guides': 'guides',
  'origin-stories': 'origins',
  community: 'journal',
  'new-releases': 'shop',
};
/** A campaign's posts by how far it has run: its first fifth, the middle, its last fifth. */
const CAMPAIGN_TEXTS: readonly (readonly ((name: string) => string)[])[] = [
  [
    (name) => `${name}: it starts now. Everything you need to know is on our site.`,
    (name) => `Coming soon: the ${name}. Be the first to know.`,
  ],
  [
    (name) => `Behind the scenes of the ${name}: the team, the roaster and a lot of coffee.`,
    (name) => `${name}: thank you for the questions. Here are the answers.`,
    (name) => `Have you seen the ${name}? Tell a friend who loves good coffee.`,
  ],
  [(name) => `${name}: the last days. Do not miss it.`, (name) => `Thank you for making the ${name} what it was. Photos on our site.`],
];

/** A post's text, the page it links to and its photo's alt text. */
export function writePost(
  r: DemoRandom,
  p: {
    pillar: string;
    pillarName: string;
    channel: Channel;
    campaign: Campaign | null;
    /** How far the campaign has run on the post's day (0 its first day, 1 its last). */
    campaignShare: number;
    site: string;
  },
): { text: string; url: string; slug: string; alt: string } {
  if (p.campaign) {
    return {
      text: r.pick(CAMPAIGN_TEXTS[p.campaignShare < 0.2 ? 0 : p.campaignShare < 0.8 ? 1 : 2]!)(p.campaign.name),
      url: `${p.site}/${p.campaign.id}`,
      slug: `${p.campaign.id}-${r.int(1, 12)}`,
      alt: `Photo for the ${p.campaign.name}`,
    };
  }
  const fillers = PILLAR_TEXTS[p.pillar];
  const { text, topic } = fillers ? r.pick(fillers)(r) : { text: `${p.pillarName}: news from the team.`, topic: p.pillar };
  const path = p.channel.platform === 'linkedin' ? 'office-coffee' : `${PILLAR_PATHS[p.pillar] ?? slug(p.pillar)}/${slug(topic)}`;
  const tags = p.channel.platform === 'instagram' ? ' #coffee #specialtycoffee' : '';
  return {
    text: `${text}${tags}`,
    url: `${p.site}/${path}`,
    slug: `${slug(p.pillar)}-${slug(topic)}`,
    alt: `Photo: ${topic}`,
  };
}
