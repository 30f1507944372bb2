import { useState } from 'preact/hooks';
import { api, must } from '../api/client';
import { t } from '../i18n';
import { useLoad } from '../ui/hooks';
import { Async, Facts, Notice, Page } from '../ui/kit';
import { chainPath, Deadline, DecisionForm, StatusBadge, SubjectPreview } from './parts';

/** One approval request (where a staff email's button leads): the file, the facts, the decisions. */
export function ApprovalScreen(props: { params: { approvalId: string } }) {
  const { approvalId } = props.params;
  const load = useLoad(
    () => must(api.GET('/approvals/{approvalId}', { params: { path: { approvalId } } })),
    [approvalId],
  );
  const [decided, setDecided] = useState<string>();
  return (
    <Async load={load}>
      {(a) => {
        const chain = chainPath(a);
        return (
          <Page
            title={t('approval.title', { subject: t(`subjects.${a.subjectType}`), n: a.file.draftVersion })}
            actions={<a href={chain}>{t('approval.chain')}</a>}
          >
            <Facts
              rows={[
                [t('approval.stage'), t(`stages.${a.stage}`)],
                [t('approval.assignee'), a.assignee.name],
                [t('approval.status'), <StatusBadge key="s" group="status" value={a.decision ?? a.status} />],
                [t('approval.deadline'), <Deadline key="d" at={a.deadline} />],
                ...(a.comment ? ([[t('approval.comment'), a.comment]] as [string, string][]) : []),
              ]}
            />
            <SubjectPreview
              subjectType={a.subjectType}
              subjectId={a.subjectId}
              draftId={a.draftId}
              planId={a.planId}
              briefId={a.briefId}
              version={a.file.draftVersion}
            />
            {decided ? (
              <Notice>
                {t('approval.recorded', { decision: t(`decisions.${decided}` as 'decisions.approve') })}
              </Notice>
            ) : (
              a.status === 'pending' && (
                <DecisionForm
                  approvalId={a.approvalId}
                  onDecided={(d) => {
                    setDecided(d);
                    load.reload();
                  }}
                />
              )
            )}
          </Page>
        );
      }}
    </Async>
  );
}
