/**
 * `/w/:ws/members`: who is in the workspace with which role. Owners (members.manage) invite by email
 * — a single-use link shown here to pass on, since no mail is sent — see and revoke pending
 * invitations, and change roles or remove members after confirming in a dialog.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ROLES, type Role } from '../../../../src/workspace/policy.ts';
import { keys } from '../../api/keys.ts';
import { useCan, useMe } from '../../api/session.ts';
import {
  changeMemberRole,
  createInvitation,
  removeMember,
  revokeInvitation,
  useInvitations,
  useMembers,
  useWorkspaceTimezone,
  type CreatedInvitation,
  type Member,
} from '../../api/workspaces.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Badge, Button, Card, ErrorBanner, Loading, Select, TextInput, usePageTitle } from '../../components/ui.tsx';
import { formatInstant } from '../publishing/time.ts';

const ROLE_HELP: Record<Role, string> = {
  owner: 'everything, including members, settings and overrides',
  strategist: 'writes the strategy and campaigns, approves posts',
  editor: 'writes posts',
  analyst: 'reads metrics, reports and the audit log',
  approver: 'approves posts',
  viewer: 'reads the plan',
};

/** A change waiting for confirmation in the dialog. */
type Pending = { kind: 'role'; member: Member; role: Role } | { kind: 'remove'; member: Member };

/** The link just created, to copy: shown once (the server keeps only its hash). */
function InvitationLink({ created, timezone }: { created: CreatedInvitation; timezone: string }) {
  const url = `${window.location.origin}${created.path}`;
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const inputId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for the user to copy.
      (document.getElementById(inputId) as HTMLInputElement | null)?.select();
      setCopied('select');
    }
  };
  return (
    <div className="banner banner-ok invitation-link">
      <p>
        Invitation for <strong>{created.invitation.email}</strong> as {created.invitation.role}. No email is sent: give them this link. It
        works once, until {formatInstant(created.invitation.expiresAt, timezone)}, and is shown only now.
      </p>
      <div className="invitation-link-row">
        <input id={inputId} aria-label="Invitation link" readOnly value={url} onFocus={(e) => e.target.select()} />
        <Button variant="primary" onClick={() => void copy()}>
          Copy link
        </Button>
      </div>
      <span role="status">{copied === 'yes' ? 'Link copied.' : copied === 'select' ? 'Selected: press Ctrl+C (⌘C) to copy it.' : ''}</span>
    </div>
  );
}

export function Members() {
  const { ws = '' } = useParams();
  usePageTitle('Members');
  const members = useMembers(ws);
  const me = useMe();
  const canManage = useCan(ws, 'members.manage');
  const invitations = useInvitations(ws, canManage);
  const zone = useWorkspaceTimezone(ws);
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
      await Promise.all([qc.invalidateQueries({ queryKey: keys.members(ws) }), qc.invalidateQueries({ queryKey: keys.invitations(ws) })]);
    }
  };
  const invite = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      setCreated(await createInvitation(ws, { email, role }));
      setEmail('');
    });
  };
  const confirm = async () => {
    if (!pending) return;
    const { member } = pending;
    await act(() => (pending.kind === 'role' ? changeMemberRole(ws, member.userId, pending.role) : removeMember(ws, member.userId)));
    setPending(null);
  };

  return (
    <div className="page">
      <h1>Members</h1>
      <ErrorBanner error={error} />
      {members.isPending ? (
        <Loading />
      ) : (
        <Card>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  {canManage && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {members.data?.map((m) => (
                  <tr key={m.userId}>
                    <td>
                      {m.name} {m.userId === me.data?.user?.id && <Badge>you</Badge>}
                    </td>
                    <td className="break">{m.email}</td>
                    <td>
                      {canManage ? (
                        <select
                          aria-label={`Role of ${m.name}`}
                          value={m.role}
                          onChange={(e) => setPending({ kind: 'role', member: m, role: e.target.value as Role })}
                        >
                          {ROLES.map((r) => (
                            <option key={r}>{r}</option>
                          ))}
                        </select>
                      ) : (
                        m.role
                      )}
                    </td>
                    {canManage && (
                      <td>
                        <Button variant="ghost" aria-label={`Remove ${m.name}`} onClick={() => setPending({ kind: 'remove', member: m })}>
                          Remove
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {canManage && (
        <Card title="Invite a member">
          <p className="muted">
            Invite anyone by email, with or without a Groundwork account: they join through a link that works once, for 7 days.
          </p>
          <form onSubmit={invite} className="inline-form" aria-label="Invite a member">
            <TextInput label="Email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            <Select label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} hint={ROLE_HELP[role]}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </Select>
            <Button type="submit" variant="primary" disabled={busy}>
              Create invitation link
            </Button>
          </form>
          {created && <InvitationLink created={created} timezone={zone.timezone} />}
        </Card>
      )}
      {canManage && (invitations.data?.length ?? 0) > 0 && (
        <Card title="Pending invitations">
          <div className="table-scroll">
            <table className="table" aria-label="Pending invitations">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.data?.map((i) => (
                  <tr key={i.id}>
                    <td className="break">{i.email}</td>
                    <td>{i.role}</td>
                    <td>{formatInstant(i.expiresAt, zone.timezone)}</td>
                    <td>
                      <Button
                        variant="ghost"
                        aria-label={`Revoke the invitation of ${i.email}`}
                        onClick={() => void act(() => revokeInvitation(ws, i.id))}
                      >
                        Revoke
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'remove' ? `Remove ${pending.member.name}?` : `Change ${pending?.member.name}’s role?`}
        confirmLabel={pending?.kind === 'remove' ? 'Remove member' : 'Change role'}
        danger={pending?.kind === 'remove'}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'remove' ? (
          <p>
            {pending.member.name} ({pending.member.email}) loses access to this workspace at once. Their posts and comments stay. You can
            invite them again later.
          </p>
        ) : pending ? (
          <p>
            {pending.member.name} goes from <strong>{pending.member.role}</strong> to <strong>{pending.role}</strong>:{' '}
            {ROLE_HELP[pending.role]}.
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
