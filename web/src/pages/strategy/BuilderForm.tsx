import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCampaignDocuments, type CampaignSummary } from '../../api/campaigns.ts';
import { useSaveStrategy } from '../../api/strategies.ts';
import type { Finding } from '../../api/types.ts';
import { FindingsPanel } from '../../components/FindingsPanel.tsx';
import { focusPointer } from '../../components/pointer.ts';
import { Button, ErrorBanner } from '../../components/ui.tsx';
import { useUnsavedChanges } from '../../components/UnsavedChanges.tsx';
import { AudienceStep } from './AudienceStep.tsx';
import { BasicsStep } from './BasicsStep.tsx';
import { ChannelsStep } from './ChannelsStep.tsx';
import { checkDraft, useLiveCheck } from './check.ts';
import { ContentStep } from './ContentStep.tsx';
import { lockedIds, stableJson, type Draft } from './draft.ts';
import { campaignUrl, describeFinding, fieldToFix, isCampaignFinding, type FocusState } from './findings.ts';
import type { At, StepProps } from './fields.tsx';
import { ObjectivesStep } from './ObjectivesStep.tsx';
import { ResourcesStep } from './ResourcesStep.tsx';
import { Stepper } from './Stepper.tsx';
import { stepIndex, stepOfPointer, STEPS, type StepId } from './steps.ts';

const NO_CAMPAIGNS: CampaignSummary[] = [];

function StepForm({ step, isNew, ...props }: StepProps & { step: StepId; isNew: boolean }) {
  switch (step) {
    case 'basics':
      return <BasicsStep {...props} isNew={isNew} />;
    case 'audience':
      return <AudienceStep {...props} />;
    case 'channels':
      return <ChannelsStep {...props} />;
    case 'content':
      return <ContentStep {...props} />;
    case 'objectives':
      return <ObjectivesStep {...props} />;
    case 'resources':
      return <ResourcesStep {...props} />;
  }
}

/** Why the last save failed, in words that say what to do next. */
function SaveProblem({ error, version, onReload }: { error: unknown; version: number | undefined; onReload: (() => void) | undefined }) {
  if (!(error instanceof ApiError)) return <ErrorBanner error={error} />;
  if (error.code === 'plan.version_conflict') {
    return (
      <div className="banner banner-error" role="alert">
        <p>
          Someone else saved this strategy while you were editing it (you started from version {version}), so your changes were not saved.
          Load the latest version to go on; your unsaved changes on this page will be lost, so copy anything you need first.
        </p>
        {onReload && <Button onClick={onReload}>Load the latest version</Button>}
      </div>
    );
  }
  if (error.code === 'plan.strategy_exists') {
    return (
      <div className="banner banner-error" role="alert">
        {error.message} Choose another strategy id.
      </div>
    );
  }
  return <ErrorBanner error={error} />;
}

/**
 * The strategy builder: one step of the draft at a time, the live plan check beside it. Saving
 * creates the strategy (POST) the first time and replaces it (PUT, If-Match version) after that.
 */
export function BuilderForm({
  ws,
  initial,
  initialVersion,
  campaigns = NO_CAMPAIGNS,
  step,
  onReload,
}: {
  ws: string;
  initial: Draft;
  /** Version of `initial` on the server; undefined for a strategy not saved yet. */
  initialVersion: number | undefined;
  campaigns?: readonly CampaignSummary[];
  step: StepId;
  /** Throws away the draft and loads the latest saved version (after a version conflict). */
  onReload?: () => void;
}) {
  const navigate = useNavigate();
  const location = useLocation();
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState<Draft | undefined>(initialVersion === undefined ? undefined : initial);
  const [version, setVersion] = useState(initialVersion);
  const [attempted, setAttempted] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const mutation = useSaveStrategy(ws);
  const campaignIds = useMemo(() => campaigns.map((c) => c.id), [campaigns]);
  const campaignDocs = useCampaignDocuments(ws, campaignIds);
  const check = useLiveCheck(draft, campaignDocs);

  const isNew = version === undefined;
  const baseUrl = isNew ? undefined : `/w/${ws}/strategies/${encodeURIComponent(draft.id)}`;
  const locked = useMemo(() => lockedIds(saved), [saved]);
  const dirty = !check.strategy || !saved || stableJson(check.strategy) !== stableJson(saved);
  // The form as last loaded or saved (the blank form for a new strategy): `dirty` above waits for the
  // debounced check, leaving must not. Moving between the builder's steps keeps the draft.
  const [clean, setClean] = useState(() => stableJson(draft));
  const leave = useUnsavedChanges(stableJson(draft) !== clean, (path) => baseUrl !== undefined && path.startsWith(`${baseUrl}/edit`));

  // A new step: move focus to its heading, so keyboard and screen reader users start at its top.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (step === shownStep.current) return;
    shownStep.current = step;
    heading.current?.focus();
  }, [step]);

  // Arriving with { focus: pointer } (a finding clicked here or on the overview): focus that field. Each
  // navigation is a new location, so the same finding clicked twice focuses its field again.
  useEffect(() => {
    const focus = (location.state as FocusState | null)?.focus;
    if (focus !== undefined) focusPointer(focus);
  }, [location]);

  const edit: StepProps['edit'] = (change) =>
    setDraft((prev) => {
      const next = structuredClone(prev);
      change(next);
      return next;
    });

  // New drafts start empty: their fields complain only once the user tries to save.
  const at: At = (pointer) => ({ pointer, error: attempted || !isNew ? check.fieldErrors.get(pointer) : undefined });

  const strategyFindings = check.findings.filter((f) => !isCampaignFinding(f));
  const problems = Object.fromEntries(
    STEPS.map((s) => [s.id, strategyFindings.filter((f) => stepOfPointer(f.path) === s.id).length]),
  ) as Record<StepId, number>;

  const goToFinding = (f: Finding) => {
    setNotice('');
    const field = fieldToFix(f);
    const state: FocusState = { focus: field };
    if (isCampaignFinding(f)) {
      void navigate(campaignUrl(ws, draft.id, f.document!), { state });
      return;
    }
    const target = stepOfPointer(f.path) ?? step;
    if (target === step) focusPointer(field);
    else if (baseUrl === undefined) setNotice(`Save the basics first: then the ${STEPS[stepIndex(target)]!.title} step opens.`);
    else void navigate(`${baseUrl}/edit/${target}`, { state });
  };

  const save = async (then: 'stay' | 'next' | 'overview') => {
    setAttempted(true);
    setSaveError(null);
    setNotice('');
    const now = checkDraft(draft, campaignDocs);
    if (!now.strategy) {
      const n = now.findings.length;
      setSaveError(new Error(`Not saved: ${n} field${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} fixing first (see the plan check).`));
      if (now.findings[0]) goToFinding(now.findings[0]);
      return;
    }
    try {
      const result = await mutation.mutateAsync({ strategy: now.strategy, version });
      setClean(stableJson(draft));
      setSaved(result.strategy);
      setVersion(result.version);
      const url = `/w/${ws}/strategies/${encodeURIComponent(result.strategy.id)}`;
      const next = STEPS[stepIndex(step) + 1]?.id;
      leave.allowNext();
      if (then === 'overview') await navigate(url);
      else if (then === 'next' && next) await navigate(`${url}/edit/${next}`);
      else if (isNew) await navigate(`${url}/edit/${step}`, { replace: true });
    } catch (error) {
      setSaveError(error);
      if (error instanceof ApiError && error.code === 'plan.strategy_exists') focusPointer('/id');
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save('stay');
  };

  const index = stepIndex(step);
  const current = STEPS[index]!;
  const previous = STEPS[index - 1];
  const last = index === STEPS.length - 1;

  return (
    <>
      {leave.dialog}
      <div className="builder-head">
        <Stepper current={step} baseUrl={baseUrl && `${baseUrl}/edit`} problems={problems} checked={check.strategy !== undefined} />
        <p className={`save-status${dirty ? ' save-status-dirty' : ''}`} role="status" data-testid="save-status">
          {mutation.isPending ? 'Saving…' : isNew ? 'Not saved yet' : dirty ? 'Unsaved changes' : `Saved · version ${version}`}
        </p>
      </div>
      <div className="split">
        <form className="card builder-form" onSubmit={submit} noValidate aria-labelledby="step-heading">
          <h2 id="step-heading" ref={heading} tabIndex={-1}>
            <span className="muted">
              Step {index + 1} of {STEPS.length}:
            </span>{' '}
            {current.title}
          </h2>
          <StepForm step={step} isNew={isNew} draft={draft} edit={edit} at={at} locked={locked} />
          {notice && (
            <p className="banner banner-warning" role="status">
              {notice}
            </p>
          )}
          <SaveProblem error={saveError} version={version} onReload={onReload} />
          <div className="builder-actions">
            {previous && baseUrl !== undefined && (
              <Link className="btn btn-ghost" to={`${baseUrl}/edit/${previous.id}`}>
                ← {previous.title}
              </Link>
            )}
            <span className="builder-actions-end">
              {!isNew && (
                <Button type="submit" disabled={mutation.isPending}>
                  Save
                </Button>
              )}
              {last ? (
                <Button variant="primary" disabled={mutation.isPending} onClick={() => void save('overview')}>
                  Save and finish
                </Button>
              ) : (
                <Button variant="primary" disabled={mutation.isPending} onClick={() => void save('next')}>
                  Save and continue
                </Button>
              )}
            </span>
          </div>
        </form>
        <FindingsPanel
          findings={check.findings}
          onSelect={goToFinding}
          describe={(f) => describeFinding(f, check.strategy, campaignDocs)}
        />
      </div>
    </>
  );
}
