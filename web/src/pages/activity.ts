/**
 * The words for an event of a client's or a staff member's trail. The trail keeps the domain's
 * action code (`invoice.issued`, `review.step_opened.client`); a reader gets the catalogue's words
 * for it, or else what it was about ("An invoice: a change was recorded") — never the code.
 */
export type ActivityMessage =
  | { key: `activity.actions.${string}` }
  | { key: 'activity.changed'; thing: `activity.things.${string}` }
  | { key: 'activity.recorded' };

export function activityMessage(action: string, known: (key: string) => boolean): ActivityMessage {
  const [subject = '', verb = ''] = action.split('.');
  const own = `activity.actions.${subject}_${verb}` as const;
  if (known(own)) return { key: own };
  const thing = `activity.things.${subject}` as const;
  if (known(thing)) return { key: 'activity.changed', thing };
  return { key: 'activity.recorded' };
}
