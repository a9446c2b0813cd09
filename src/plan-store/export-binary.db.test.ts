/** GET …/strategies/{id}/export?format=pdf|docx: the master document as files, through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';
import { exportPlanYaml } from '../plan/export/yaml.ts';
import { northwind, pdfInfoString, pdfPageCount, unzip, xmlText } from '../../test/export-files.ts';

let t: TestApp;
let owner: Record<string, string>;
let ws: string;
const { strategy, campaigns } = northwind();
const url = (format: string) => `/api/v1/workspaces/${ws}/strategies/${strategy.id}/export?format=${format}`;

beforeAll(async () => {
  t = await createTestApp();
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/workspaces/${ws}/import`,
    headers: { ...owner, 'content-type': 'application/yaml' },
    payload: exportPlanYaml(strategy, campaigns),
  });
  expectStatus(res, 200);
});
afterAll(() => t.close());

describe('export as PDF and DOCX', () => {
  it('answers a PDF attachment titled with the strategy name', async () => {
    const res = await t.app.inject({ method: 'GET', url: url('pdf'), headers: owner });
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${strategy.id}.pdf"`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(pdf.includes(pdfInfoString(strategy.name))).toBe(true);
    expect(Number(res.headers['content-length'])).toBe(pdf.length);
  });

  it('answers a DOCX attachment naming the strategy and every campaign', async () => {
    const res = await t.app.inject({ method: 'GET', url: url('docx'), headers: owner });
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${strategy.id}.docx"`);
    const xml = unzip(res.rawPayload).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(xmlText(strategy.name));
    for (const c of campaigns) expect(xml).toContain(xmlText(c.name));
  });

  it('still answers YAML and Markdown as text', async () => {
    const yaml = await t.app.inject({ method: 'GET', url: url('yaml'), headers: owner });
    expect(yaml.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(yaml.body).toBe(exportPlanYaml(strategy, campaigns));
    const md = await t.app.inject({ method: 'GET', url: url('md'), headers: owner });
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.body.startsWith(`# ${strategy.name}\n`)).toBe(true);
  });

  it('refuses unknown formats, unknown strategies and roles without plan.export', async () => {
    const bad = await t.app.inject({ method: 'GET', url: url('xlsx'), headers: owner });
    expectStatus(bad, 400);
    expect(bad.json().error.code).toBe('request.invalid');
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workspaces/${ws}/strategies/nope/export?format=pdf`,
      headers: owner,
    });
    expectStatus(missing, 404);
    expect(missing.json().error.code).toBe('strategy.not_found');

    const viewer = await t.signUp();
    await t.addMember(owner, ws, viewer, 'viewer');
    const denied = await t.app.inject({ method: 'GET', url: url('pdf'), headers: viewer.headers });
    expectStatus(denied, 403);
    expect(denied.json().error.code).toBe('auth.forbidden');
  });

  it('documents the formats in the OpenAPI description', async () => {
    const api = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = api.paths['/api/v1/workspaces/{workspaceId}/strategies/{strategyId}/export'].get;
    expect(op.parameters.find((p: { name: string }) => p.name === 'format').schema.enum).toEqual(['yaml', 'md', 'pdf', 'docx']);
    expect(Object.keys(op.responses['200'].content)).toEqual(
      expect.arrayContaining(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']),
    );
  });
});
