import { describe, expect, it } from 'vitest';
import { cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { exportPlanDocx } from './docx.ts';
import { northwind, unzip, xmlText } from '../../../test/export-files.ts';

const { strategy, campaigns } = northwind();

describe('exportPlanDocx', () => {
  it('writes a Word document (a zip) with the strategy, every campaign and the core title', async () => {
    const docx = await exportPlanDocx(strategy, campaigns, [], { date: '2026-11-23' });
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = unzip(docx);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'docProps/core.xml']));
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(xmlText(strategy.name));
    expect(campaigns.length).toBeGreaterThan(1);
    for (const c of campaigns) expect(xml, c.name).toContain(xmlText(c.name));
    for (const heading of ['Summary', 'Audience', 'Channels', 'Content pillars', 'Objectives', 'KPIs', 'Resources', 'Campaigns']) {
      expect(xml, heading).toContain(`>${heading}</w:t>`);
    }
    expect(xml).toContain('+273.3%'); // projected ROI of the winter blend launch
    expect(files.get('docProps/core.xml')!.toString('utf8')).toContain(`<dc:title>${xmlText(strategy.name)}</dc:title>`);
  });

  it('escapes markup and drops characters XML cannot hold', async () => {
    const name = 'R&D <"launch"> plan\u0007';
    const docx = await exportPlanDocx(cleanStrategy({ name }), [cleanCampaign({ name: "Tom & Jerry's launch" })]);
    const files = unzip(docx);
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(xmlText('R&D <"launch"> plan'));
    expect(xml).toContain(xmlText("Tom & Jerry's launch"));
    expect(xml).not.toContain('\u0007');
    expect(files.get('docProps/core.xml')!.toString('utf8')).toContain('<dc:title>R&amp;D &lt;&quot;launch&quot;&gt; plan</dc:title>');
  });

  it('shows timelines of many months as dates instead of month columns', async () => {
    const docx = await exportPlanDocx(cleanStrategy({ period: { start: '2027-01-01', end: '2028-12-31' } }), [cleanCampaign()]);
    expect(unzip(docx).get('word/document.xml')!.toString('utf8')).toContain('>Dates</w:t>');
  });
});
