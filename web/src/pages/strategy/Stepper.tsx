import { Link } from 'react-router';
import { STEPS, type StepId } from './steps.ts';

/**
 * The builder's steps as links (step in the URL, so every step can be bookmarked and resumed), each
 * with the number of open findings in it, or ✓. Before the first save only the first step exists.
 */
export function Stepper({
  current,
  baseUrl,
  problems,
  checked,
}: {
  current: StepId;
  /** `/w/:ws/strategies/:sid/edit`, or undefined while the strategy is not saved yet. */
  baseUrl: string | undefined;
  problems: Readonly<Record<StepId, number>>;
  /** Whether the rules ran (they do once the draft passes the schema): only then is "no findings" a ✓. */
  checked: boolean;
}) {
  return (
    <nav aria-label="Builder steps" className="stepper">
      <ol>
        {STEPS.map((step, i) => {
          const count = problems[step.id];
          const status = count > 0 ? `${count} finding${count === 1 ? '' : 's'}` : checked ? 'no findings' : 'not checked yet';
          const body = (
            <>
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="step-title">{step.title}</span>
              {(count > 0 || checked) && (
                <span className={`step-status${count ? ' step-status-open' : ''}`} aria-hidden="true">
                  {count || '✓'}
                </span>
              )}
              <span className="visually-hidden">, {status}</span>
            </>
          );
          const currentStep = step.id === current;
          return (
            <li key={step.id} className={currentStep ? 'stepper-step stepper-current' : 'stepper-step'}>
              {baseUrl !== undefined || currentStep ? (
                <Link to={baseUrl !== undefined ? `${baseUrl}/${step.id}` : '.'} aria-current={currentStep ? 'step' : undefined}>
                  {body}
                </Link>
              ) : (
                <span aria-disabled="true" title="Save the basics first">
                  {body}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
