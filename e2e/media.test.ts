/**
 * Media in the composer, in Chromium against the real server: a real PNG through the file picker and
 * a JPEG dropped on the drop zone, thumbnails, reorder, alt text required, a file of the wrong type
 * refused; then the post is approved and published on the sandbox network, whose receipt shows the
 * images as they arrived (sha256 of the uploaded bytes). Screenshots at 1280 and 390 px.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanStrategy, CLEAN_STRATEGY_ID } from '../test/plan-fixtures.ts';
import { png } from '../test/png.ts';
import type { PostDetail } from '../web/src/api/posts.ts';
import { hasHorizontalScroll, injectAxe, openPage, screenshot, signUpWithWorkspace, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('media in the composer', () => {
  it('uploads images by picker and by drop, reorders them, and publishes them to the sandbox, whose receipt shows them', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signUpWithWorkspace(page, { name: 'Mia Media', email: 'mia.media@example.com' }, 'Harbour Bakery');
    expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: cleanStrategy() })).status()).toBe(201);
    expect(
      (
        await page.request.post(`/api/v1/workspaces/${ws}/connections`, {
          data: { strategy: CLEAN_STRATEGY_ID, channel: 'linkedin', connector: 'sandbox' },
        })
      ).status(),
    ).toBe(201);

    const photo = png(800, 600, [40, 110, 170]);
    const dropped = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c8782a' } })
      .jpeg({ quality: 80 })
      .toBuffer();

    await page.goto(`/w/${ws}/posts/new`);
    const publishOn = page.getByRole('group', { name: 'Publish on' });
    await publishOn.getByRole('checkbox').first().waitFor();
    for (const box of await publishOn.getByRole('checkbox').all()) await box.setChecked(false);
    await publishOn.getByRole('checkbox', { name: /^linkedin\b/ }).check();
    const linkedin = page.getByRole('group', { name: 'Post on linkedin', exact: true });
    await page.getByLabel('Text for all channels').fill(`Harbour loaves, fresh from the oven. (${Date.now()})`);

    // The file picker: a real PNG. The server's answer is held back to see the upload in progress.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route(
      '**/api/v1/workspaces/*/media',
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await linkedin
      .getByLabel('Upload images or video to linkedin')
      .setInputFiles({ name: 'harbour.png', mimeType: 'image/png', buffer: photo });
    await linkedin.getByRole('progressbar', { name: 'Uploading harbour.png' }).waitFor();
    release();
    const items = linkedin.getByRole('list', { name: 'Images and video on linkedin' }).getByRole('listitem');
    await linkedin.getByRole('img', { name: 'Preview of harbour.png' }).waitFor();
    await linkedin.getByRole('status').filter({ hasText: 'harbour.png uploaded: add its alt text.' }).waitFor({ state: 'attached' });
    await linkedin.getByText(/^PNG · \d+ kB · 800×600$/).waitFor();

    // Drag and drop: a JPEG dropped on the drop zone.
    const transfer = await page.evaluateHandle(
      ({ b64 }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'crust.jpg', { type: 'image/jpeg' }));
        return dt;
      },
      { b64: dropped.toString('base64') },
    );
    await linkedin.locator('.media-drop').dispatchEvent('drop', { dataTransfer: transfer });
    await linkedin.getByRole('img', { name: 'Preview of crust.jpg' }).waitFor();
    expect(await items.count()).toBe(2);

    // A text file named like an image is refused with the server's reason, and nothing is added.
    await linkedin
      .getByLabel('Upload images or video to linkedin')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
    await linkedin
      .getByRole('alert')
      .filter({ hasText: /^notes\.png: This is not a file type Groundwork takes/ })
      .waitFor();
    await linkedin.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    expect(await items.count()).toBe(2);

    // Reorder: the dropped JPEG goes first.
    await linkedin.getByRole('button', { name: 'Move image 2 up on linkedin' }).click();
    await expect(items.first().getByRole('img').getAttribute('alt')).resolves.toBe('Preview of crust.jpg');

    // A video beside the images breaks LinkedIn's rule: said under the images and in the Post check, before any save.
    const mp4 = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.alloc(3000, 5)]);
    await linkedin.getByLabel('Upload images or video to linkedin').setInputFiles({ name: 'oven.mp4', mimeType: 'video/mp4', buffer: mp4 });
    const rule = 'A LinkedIn post with a video can have no other images or videos.';
    await linkedin.getByText(rule).waitFor();
    await page.getByRole('complementary', { name: 'Review and delivery' }).getByText(rule, { exact: false }).waitFor();
    await linkedin.getByRole('button', { name: 'Remove video 3 from linkedin' }).click();
    await linkedin.getByText(rule).waitFor({ state: 'detached' });

    // Every control of the media part is labelled (axe-core: no serious or critical violations).
    await injectAxe(page);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }
      ).axe;
      const result = await axe.run({ include: [['.variant-media']] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);

    // Alt text is required before anything is saved.
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('alert').filter({ hasText: 'Every image needs alt text' }).waitFor();
    await linkedin.getByLabel('Image 1 alt text').fill('A loaf with a dark, blistered crust');
    await linkedin.getByLabel('Image 2 alt text').fill('The harbour at dawn, blue sky');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'composer-media');

    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await page.getByText('Saved as a draft.').waitFor();
    const postId = new URL(page.url()).pathname.split('/').pop()!;
    const read = async () => ((await (await page.request.get(`/api/v1/workspaces/${ws}/posts/${postId}`)).json()) as PostDetail).post;
    const saved = await read();
    const media = saved.variants[0]!.content.media;
    expect(media.map((m) => m.alt)).toEqual(['A loaf with a dark, blistered crust', 'The harbour at dawn, blue sky']);
    expect(media.every((m) => 'mediaId' in m && m.mediaId)).toBe(true);
    // The stored post shows the uploads again, with their thumbnails.
    await linkedin.getByRole('img', { name: 'Preview of harbour.png' }).waitFor();

    // A one-person team: submitted, approved by its author (the workspace allows it), scheduled a few seconds ahead.
    expect((await page.request.patch(`/api/v1/workspaces/${ws}`, { data: { allowSelfApproval: true } })).status()).toBe(200);
    for (const action of ['submit', 'approve']) {
      const version = (await read()).version;
      const res = await page.request.post(`/api/v1/workspaces/${ws}/posts/${postId}/${action}`, {
        headers: { 'if-match': `"${version}"` },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    const soon = DateTime.now().setZone(saved.timezone).plus({ seconds: 4 }).set({ millisecond: 0 });
    const scheduled = await page.request.post(`/api/v1/workspaces/${ws}/posts/${postId}/schedule`, {
      data: { localTime: soon.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timezone: saved.timezone },
    });
    expect(scheduled.status(), await scheduled.text()).toBe(200);

    await page.reload();
    await page.locator('.post-header [data-state="published"]').waitFor({ timeout: 60_000 });
    const receipt = page.getByRole('list', { name: /^Received by the sandbox, receipt \d+$/ });
    await receipt.getByRole('img', { name: 'A loaf with a dark, blistered crust' }).waitFor();
    await receipt.getByRole('img', { name: 'The harbour at dawn, blue sky' }).waitFor();
    const published = await read();
    const receiptId = /^sandbox:\/\/receipts\/(\d+)$/.exec(published.variants[0]!.remoteUrl ?? '')?.[1];
    const got = (await (await page.request.get(`/api/v1/workspaces/${ws}/sandbox-receipts/${receiptId}`)).json()) as {
      receipt: { media: { sha256: string; mimeType: string; alt: string }[] };
    };
    // The network received exactly the bytes that were uploaded, in the chosen order.
    expect(got.receipt.media).toMatchObject([
      { sha256: sha256(dropped), mimeType: 'image/jpeg', alt: 'A loaf with a dark, blistered crust' },
      { sha256: sha256(photo), mimeType: 'image/png', alt: 'The harbour at dawn, blue sky' },
    ]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'post-published-media');

    // The same post on a phone: no horizontal scrolling, thumbnails and controls fit.
    const phone = await openPage(e2e.browser, e2e.server.baseUrl, { width: 390, height: 844 });
    await phone.context.addCookies(await context.cookies());
    await phone.page.goto(`/w/${ws}/posts/${postId}`);
    await phone.page.getByRole('img', { name: 'Preview of crust.jpg' }).waitFor();
    expect(await hasHorizontalScroll(phone.page), 'post page at 390 px').toBe(false);
    await screenshot(phone.page, 'post-media-phone');
    await phone.page.goto(`/w/${ws}/posts/new`);
    await phone.page
      .getByRole('group', { name: 'Publish on' })
      .getByRole('checkbox', { name: /^linkedin\b/ })
      .check();
    await phone.page
      .getByLabel('Upload images or video to linkedin')
      .setInputFiles({ name: 'harbour.png', mimeType: 'image/png', buffer: photo });
    await phone.page.getByRole('img', { name: 'Preview of harbour.png' }).waitFor();
    expect(await hasHorizontalScroll(phone.page), 'composer with media at 390 px').toBe(false);
    await phone.page.getByLabel('Upload images or video to linkedin').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'composer-media-phone');
    await phone.page.getByRole('button', { name: 'Remove image 1 from linkedin' }).click();
    await phone.page.getByRole('list', { name: 'Images and video on linkedin' }).waitFor({ state: 'detached' });

    await phone.context.close();
    await context.close();
    expect(unexpectedProblems(problems, [415])).toEqual([]);
    expect(unexpectedProblems(phone.problems)).toEqual([]);
  }, 120_000);
});
