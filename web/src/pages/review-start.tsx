import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, must, type Schemas } from '../api/client';
import { t } from '../i18n';
import { useAction, useLoad } from '../ui/hooks';
import { Async, Checkboxes, Field, Form, Select, TextArea } from '../ui/kit';

/**
 * Starting a sign-off: the message, the working days of each step, and which of the client's
 * contacts approve (those registered for this kind of sign-off; none chosen = all of them).
 */
export function StartReviewForm(props: {
  clientId: string;
  scope: 'creative' | 'media' | 'estimate';
  start: (body: Schemas['StartReview']) => Promise<unknown>;
  onStarted: () => void;
  /** What this kind of sign-off asks besides (a brief: whether the client signs it too). */
  children?: ComponentChildren;
}) {
  const contacts = useLoad(
    () =>
      must(
        api.GET('/clients/{clientId}/contacts', {
          params: { path: { clientId: props.clientId }, query: { limit: 100 } },
        }),
      ),
    [props.clientId],
  );
  const [message, setMessage] = useState('');
  const [approvers, setApprovers] = useState<string[]>([]);
  const [mode, setMode] = useState<'all' | 'any'>('all');
  const [clientDays, setClientDays] = useState('5');
  const [internalDays, setInternalDays] = useState('2');
  const action = useAction(async () => {
    await props.start({
      approvalMode: mode,
      clientWorkingDays: Number(clientDays),
      internalWorkingDays: Number(internalDays),
      ...(message.trim() ? { message: message.trim() } : {}),
      ...(approvers.length ? { clientApproverIds: approvers } : {}),
    });
    props.onStarted();
  });
  return (
    <Form
      label={t('reviewStart.label')}
      onSubmit={() => action.act()}
      busy={action.busy}
      error={action.error}
      submitLabel={t('reviewStart.submit')}
    >
      <TextArea label={t('reviewStart.message')} value={message} onValue={setMessage} maxLength={2000} />
      {props.children}
      <Async load={contacts}>
        {(page) => (
          <Checkboxes
            legend={t('reviewStart.approvers')}
            options={page.items
              .filter((c) => c.active && c.approves.includes(props.scope))
              .map((c) => ({ value: c.contactId, label: `${c.name}${c.title ? ` · ${c.title}` : ''}` }))}
            value={approvers}
            onValue={setApprovers}
          />
        )}
      </Async>
      <Select
        label={t('reviewStart.mode')}
        value={mode}
        options={[
          { value: 'all', label: t('reviewStart.modeAll') },
          { value: 'any', label: t('reviewStart.modeAny') },
        ]}
        onValue={setMode}
      />
      <div class="row">
        <Field
          label={t('reviewStart.clientDays')}
          type="number"
          min="1"
          max="30"
          required
          value={clientDays}
          onValue={setClientDays}
        />
        <Field
          label={t('reviewStart.internalDays')}
          type="number"
          min="1"
          max="30"
          required
          value={internalDays}
          onValue={setInternalDays}
        />
      </div>
    </Form>
  );
}
